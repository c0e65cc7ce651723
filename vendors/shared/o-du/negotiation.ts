/**
 * Carrier negotiation with an O-RU, on src/ran's negotiateCarrier, reporting every part of the
 * offers that does not meet rather than only the first: an integration engineer told "bandwidth
 * too wide" fixes that and is then told "no common compression"; told both at once, they know the
 * pairing cannot work.
 */
import {
  type CarrierMismatch,
  type CarrierProfile,
  type DuPreference,
  negotiateCarrier,
  type RuCapability,
} from '../../../src/ran/index.js';

/** The profile, or every mismatch in the order negotiateCarrier checks them. */
export type FullNegotiation =
  | { readonly ok: true; readonly profile: CarrierProfile }
  | {
      readonly ok: false;
      /** The first mismatch. */
      readonly mismatch: CarrierMismatch;
      readonly mismatches: readonly CarrierMismatch[];
      /** Each mismatch in words, naming both offers, joined with "; ". */
      readonly reason: string;
      readonly ruOffer: string;
      readonly duOffer: string;
    };

/**
 * The preference with one mismatch taken out by adopting the O-RU's side of it, to see what
 * else would not meet. Undefined when that mismatch cannot be taken out.
 */
function conceding(du: DuPreference, ru: RuCapability, mismatch: CarrierMismatch): DuPreference | undefined {
  switch (mismatch) {
    case 'no-common-band':
      return ru.bands[0] === undefined ? undefined : { ...du, band: ru.bands[0] };
    case 'no-common-scs':
      return ru.scsKhz[0] === undefined ? undefined : { ...du, scsKhz: ru.scsKhz[0] };
    case 'bandwidth-too-wide':
      return { ...du, bandwidthMhz: ru.maxBandwidthMhz };
    case 'no-common-compression': {
      const offer = ru.compression[0];
      const iqWidth = offer?.iqWidths[0];
      return offer && iqWidth !== undefined
        ? { ...du, compression: [{ method: offer.method, iqWidth }] }
        : undefined;
    }
    case 'not-enough-arrays':
      return { ...du, arrays: Math.min(ru.txArrays, ru.rxArrays) };
    default:
      return undefined;
  }
}

/** Negotiates; on failure, goes on past each mismatch to list the others. */
export function negotiateFully(ru: RuCapability, du: DuPreference): FullNegotiation {
  const first = negotiateCarrier(ru, du);
  if (first.ok) return first;
  const found = [first];
  let preference = conceding(du, ru, first.mismatch);
  while (preference && found.length < 8) {
    const next = negotiateCarrier(ru, preference);
    // Conceding the bandwidth can land on a width with no PRB grid: that is not the O-DU's offer.
    if (next.ok || next.mismatch === 'no-prb-grid') break;
    found.push(next);
    preference = conceding(preference, ru, next.mismatch);
  }
  return {
    ok: false,
    mismatch: first.mismatch,
    mismatches: found.map((f) => f.mismatch),
    reason: found.map((f) => f.reason).join('; '),
    ruOffer: found.map((f) => f.ruOffer).join('; '),
    duOffer: found.map((f) => f.duOffer).join('; '),
  };
}
