/**
 * The M-plane judgements that need no network: retrieved capabilities against the vendor.yaml
 * declaration, the carrier a conforming O-RU must accept and how it reads back, the refusal of a
 * duplicate eAxC id, and the supervision timing allowance. Pure functions, so that tests can
 * show them failing on replies no built-in O-RU gives (every built-in O-RU shares one M-plane
 * stack).
 */
import { oran } from '../../src/conformance/index.js';
import { frequencyRangeOfBand, lookupPrbCount, supportedBandwidths } from '../../src/ran/index.js';
import { type Answer, describeRpcErrors } from './rpc.js';
import type { Carrier, ORuDeclaration, RpcError } from './topology.js';

const mp = oran.fronthaul.mplane.v1;
/** A module capability (o-ran-module-cap) as a get of it returns it; every section optional. */
export type ModuleCapabilityFields = oran.fronthaul.mplane.v1.ModuleCapability.$Properties;

/** One way the retrieved capabilities differ from the vendor.yaml declaration. */
export interface CapabilityMismatch {
  readonly what: string;
  readonly declared: string;
  readonly retrieved: string;
  /** True when it breaks a MUST (the O-RU lacks what it declares); false for a SHOULD. */
  readonly must: boolean;
}

const scsKhzOfEnum: Record<number, number> = { 1: 15, 2: 30, 3: 60, 4: 120 };
const scsEnumOfKhz: Record<number, number> = { 15: 1, 30: 2, 60: 3, 120: 4 };
const methodOf = (method: 'bfp' | 'none'): number =>
  method === 'bfp'
    ? mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
    : mp.CompressionMethod.COMPRESSION_METHOD_NONE;
const methodName = (method: number | null | undefined): string =>
  method === mp.CompressionMethod.COMPRESSION_METHOD_BLOCK_FLOATING_POINT
    ? 'bfp'
    : method === mp.CompressionMethod.COMPRESSION_METHOD_NONE
      ? 'none'
      : (mp.CompressionMethod[method ?? 0] ?? String(method));
const list = (values: readonly number[]) => `[${[...values].sort((a, b) => a - b).join(', ')}]`;
const sameSet = (a: readonly number[], b: readonly number[]) =>
  a.length === new Set(b).size && a.every((x) => b.includes(x));

/**
 * Compares what an O-RU returns to a get of its module capability with what its vendor.yaml
 * declares: the declaration is what the matrix plans with, so every declared band, SCS and
 * compression width MUST be offered and the limits MUST agree; an offer beyond the declaration
 * SHOULD be declared. The delay profile's windows MUST be ordered (min <= max).
 */
export function compareCapabilities(
  declared: ORuDeclaration,
  retrieved: ModuleCapabilityFields,
  declaredVersion?: string,
): CapabilityMismatch[] {
  const out: CapabilityMismatch[] = [];
  const band = retrieved.bandCapabilities;
  const ru = retrieved.ruCapabilities;
  const add = (what: string, d: unknown, r: unknown, must = true) =>
    out.push({ what, declared: String(d), retrieved: String(r), must });

  // A declared value not offered breaks a MUST; an offer beyond the declaration, a SHOULD.
  const addSet = (what: string, d: readonly number[], r: readonly number[]) => {
    if (!sameSet(d, r))
      add(
        what,
        list(d),
        list(r),
        d.some((x) => !r.includes(x)),
      );
  };
  addSet('bands', declared.bands, [...(band?.supportedBands ?? [])]);
  const maxMhz = (band?.maxChannelBandwidthKhz ?? 0) / 1000;
  if (maxMhz !== declared.maxBandwidthMhz)
    add('max channel bandwidth (MHz)', declared.maxBandwidthMhz, maxMhz);
  addSet(
    'SCS (kHz)',
    declared.scsKhz,
    (band?.supportedScs ?? []).map((s) => scsKhzOfEnum[s] ?? 0),
  );
  const offers = retrieved.compression?.supportedCompressions ?? [];
  for (const d of declared.compression) {
    const offer = offers.find((o) => o.compressionMethod === methodOf(d.method));
    const widths = [...(offer?.iqBitwidths ?? [])];
    if (!offer || !sameSet(d.iqWidths, widths)) {
      add(
        `compression ${d.method} widths`,
        list(d.iqWidths),
        offer ? list(widths) : 'not offered',
        d.iqWidths.some((w) => !widths.includes(w)),
      );
    }
  }
  for (const offer of offers) {
    if (!declared.compression.some((d) => methodOf(d.method) === offer.compressionMethod)) {
      add(
        `compression ${methodName(offer.compressionMethod)}`,
        'not declared',
        list(offer.iqBitwidths ?? []),
        false,
      );
    }
  }
  if ((ru?.numberOfTxArrays ?? 0) !== declared.txArrays)
    add('TX arrays', declared.txArrays, ru?.numberOfTxArrays);
  if ((ru?.numberOfRxArrays ?? 0) !== declared.rxArrays)
    add('RX arrays', declared.rxArrays, ru?.numberOfRxArrays);
  const range = ru?.eaxcIdRange;
  if ((range?.eaxcIdMin ?? 0) !== declared.eaxcIds.min || (range?.eaxcIdMax ?? 0) !== declared.eaxcIds.max) {
    add(
      'eAxC id range',
      `${declared.eaxcIds.min}..${declared.eaxcIds.max}`,
      range ? `${range.eaxcIdMin ?? 0}..${range.eaxcIdMax ?? 0}` : 'none',
    );
  }
  const delay = retrieved.ruDelayProfile;
  const windows: Array<[string, number | null | undefined, number | null | undefined]> = [
    ['t2a_up', delay?.t2aMinUp, delay?.t2aMaxUp],
    ['t2a_cp_dl', delay?.t2aMinCpDl, delay?.t2aMaxCpDl],
    ['ta3', delay?.ta3Min, delay?.ta3Max],
    ['t2a_cp_ul', delay?.t2aMinCpUl, delay?.t2aMaxCpUl],
  ];
  for (const [name, min, max] of windows) {
    if (!max || (min ?? 0) > max)
      add(`delay window ${name} (ns)`, 'min <= max, max > 0', `${min ?? 0}..${max ?? 0}`);
  }
  const product = retrieved.productInfo;
  if (!product?.vendor || !product.model || !product.softwareVersion) {
    add('product info', 'vendor, model and software version', JSON.stringify(product ?? {}));
  } else if (declaredVersion && product.softwareVersion !== declaredVersion) {
    add('software version', declaredVersion, product.softwareVersion, false);
  }
  return out;
}

/** A carrier a conforming O-RU must accept, planned from its own capabilities. */
export interface CarrierPlan {
  readonly bandNumber: number;
  readonly centerKhz: number;
  readonly bandwidthKhz: number;
  readonly scsKhz: number;
  readonly compression: { readonly method: number; readonly iqWidth: number };
  readonly eaxcIdMin: number;
  readonly eaxcIdMax: number;
  /** N_RB of the carrier (3GPP TS 38.101-1 Table 5.3.2-1, src/ran). */
  readonly prbCount: number;
}

/** A centre frequency well inside each TDD band plugfest models (3GPP TS 38.101-1 Table 5.2-1). */
const bandCentresKhz: Readonly<Record<number, { centre: number; widthKhz: number }>> = {
  41: { centre: 2_593_000, widthKhz: 194_000 },
  48: { centre: 3_625_000, widthKhz: 150_000 },
  77: { centre: 3_750_000, widthKhz: 900_000 },
  78: { centre: 3_550_000, widthKhz: 500_000 },
  79: { centre: 4_700_000, widthKhz: 600_000 },
};

/**
 * The widest carrier within the capabilities: the first band plugfest knows, 30 kHz if offered
 * (else the first SCS), the widest bandwidth src/ran's PRB table has at that SCS up to the
 * maximum, and the first compression offered at its first width. A reason string when none fits.
 */
export function planCarrier(capability: ModuleCapabilityFields): CarrierPlan | string {
  const band = (capability.bandCapabilities?.supportedBands ?? []).find((b) => bandCentresKhz[b]);
  if (band === undefined) {
    return `no band plugfest models among ${list(capability.bandCapabilities?.supportedBands ?? [])}`;
  }
  const scsList = (capability.bandCapabilities?.supportedScs ?? []).map((s) => scsKhzOfEnum[s] ?? 0);
  const scsKhz = scsList.includes(30) ? 30 : scsList.find((s) => s > 0);
  if (!scsKhz) return 'no subcarrier spacing offered';
  const frequencyRange = frequencyRangeOfBand(band);
  const maxMhz = (capability.bandCapabilities?.maxChannelBandwidthKhz ?? 0) / 1000;
  const bandwidthMhz = supportedBandwidths(scsKhz, { frequencyRange })
    .filter((mhz) => mhz <= maxMhz && mhz * 1000 <= bandCentresKhz[band]!.widthKhz)
    .at(-1);
  if (bandwidthMhz === undefined) return `no ${scsKhz} kHz bandwidth in the PRB table up to ${maxMhz} MHz`;
  const offer = (capability.compression?.supportedCompressions ?? []).find(
    (o) => (o.iqBitwidths ?? []).length > 0,
  );
  if (!offer) return 'no compression offered';
  const range = capability.ruCapabilities?.eaxcIdRange;
  return {
    bandNumber: band,
    centerKhz: bandCentresKhz[band]!.centre,
    bandwidthKhz: bandwidthMhz * 1000,
    scsKhz,
    compression: { method: offer.compressionMethod ?? 0, iqWidth: offer.iqBitwidths![0]! },
    eaxcIdMin: range?.eaxcIdMin ?? 0,
    eaxcIdMax: range?.eaxcIdMax ?? 0,
    prbCount: lookupPrbCount(bandwidthMhz, scsKhz, { frequencyRange })!,
  };
}

/** A carrier a case writes: always named. */
export type NamedCarrier = Carrier & { readonly name: string };

/** The wire form of a planned carrier. */
export function carrierOf(plan: CarrierPlan, name: string, eaxcIds: number[]): NamedCarrier {
  return {
    name,
    centerOfChannelBandwidthKhz: plan.centerKhz,
    channelBandwidthKhz: plan.bandwidthKhz,
    subcarrierSpacing: scsEnumOfKhz[plan.scsKhz] ?? 0,
    compression: {
      compressionMethod: plan.compression.method,
      iqBitwidth: plan.compression.iqWidth,
      compressionType: mp.CompressionType.COMPRESSION_TYPE_STATIC,
    },
    eaxcIds,
    bandNumber: plan.bandNumber,
    active: mp.ActiveState.ACTIVE_STATE_INACTIVE,
  };
}

/** How a carrier read back differs from the one written; empty when it reads back as written. */
export function readBackDifferences(written: Carrier, read: Carrier | undefined): string[] {
  if (!read) return [`carrier "${written.name}" missing`];
  const out: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${what} ${JSON.stringify(b)} (wrote ${JSON.stringify(a)})`);
  };
  compare(
    'center-of-channel-bandwidth',
    written.centerOfChannelBandwidthKhz,
    read.centerOfChannelBandwidthKhz,
  );
  compare('channel-bandwidth', written.channelBandwidthKhz, read.channelBandwidthKhz);
  compare('scs', written.subcarrierSpacing, read.subcarrierSpacing);
  compare('compression-method', written.compression?.compressionMethod, read.compression?.compressionMethod);
  compare('iq-bitwidth', written.compression?.iqBitwidth, read.compression?.iqBitwidth);
  compare('eaxc-ids', [...(written.eaxcIds ?? [])], [...(read.eaxcIds ?? [])]);
  compare('band-number', written.bandNumber, read.bandNumber);
  return out;
}

/**
 * What is wrong with the refusal of an edit-config that reuses an eAxC id (WG4.CONF 3.1.10, and
 * RFC 7950 clause 15.1 for a YANG unique violation): undefined when it is refused with
 * error-tag "operation-failed" and error-app-tag "data-not-unique".
 */
export function duplicateRefusalProblem(
  outcome: Answer['outcome'],
  errors: readonly RpcError[] | undefined,
): string | undefined {
  if (outcome === 'successful') return 'the edit-config was accepted';
  const [error] = errors ?? [];
  if (!error) return 'refused with no rpc-error';
  if (error.errorTag !== 'operation-failed' || error.errorAppTag !== 'data-not-unique') {
    return `refused with ${describeRpcErrors(errors)}`;
  }
  return undefined;
}

/**
 * The allowance around the watchdog (interval + guard, from the topology's timers) a detection
 * of the loss of supervision is graded with. Earlier than `earlyMs` before it is an O-RU that did
 * not wait its watchdog out (load only ever makes a timer later); later than `slowMs` after it is
 * non-strict, later than `lateMs` fails: a tenth of the watchdog, and at least 1 s for a loaded
 * 2-core machine.
 */
export function supervisionAllowance(watchdogMs: number): {
  earlyMs: number;
  slowMs: number;
  lateMs: number;
} {
  return { earlyMs: 250, slowMs: Math.max(500, watchdogMs / 20), lateMs: Math.max(1000, watchdogMs / 10) };
}

/**
 * How a loss-of-supervision detection compares with the watchdog: `ok`, `slow` (a SHOULD),
 * `early` or `late` (a MUST). `detectionMs` counts from sending the last reset; the O-RU
 * restarted its watchdog somewhere in the reset's round trip `rpcMs`, so lateness counts from
 * its end and earliness from its start.
 */
export function gradeDetection(
  detectionMs: number,
  watchdogMs: number,
  rpcMs = 0,
): 'ok' | 'slow' | 'early' | 'late' {
  const allowance = supervisionAllowance(watchdogMs);
  if (detectionMs < watchdogMs - allowance.earlyMs) return 'early';
  if (detectionMs - rpcMs > watchdogMs + allowance.lateMs) return 'late';
  if (detectionMs - rpcMs > watchdogMs + allowance.slowMs) return 'slow';
  return 'ok';
}

/** A carrier as a diagnostic names it: bandwidth, SCS, centre, band, compression and eAxC ids. */
export function describeCarrier(c: Carrier): string {
  const scs = scsKhzOfEnum[c.subcarrierSpacing ?? 0];
  return `${(c.channelBandwidthKhz ?? 0) / 1000} MHz at ${scs} kHz around ${(c.centerOfChannelBandwidthKhz ?? 0) / 1000} MHz (n${c.bandNumber}), ${methodName(c.compression?.compressionMethod)} ${c.compression?.iqBitwidth}-bit, eAxC ${list(c.eaxcIds ?? [])}`;
}
