/**
 * Verdicts as the attestation exchange carries them (oran.attestation.v1): AR4SI trust tiers on
 * the wire, the AttestationResult this end sends and what the peer's says of this end, the
 * refusal that leaves the attestation slot, and the one log line per appraisal.
 */
import type { Logger } from 'pino';
import type { VerifierCheck } from '../../attestation/types.js';
import type { Appraisal, PeerIdentity } from '../../attestation/verifier.js';
import { type MessageInitMap, oran, PlugfestError } from '../../wire/index.js';

const { TrustTier } = oran.attestation.v1;
type TrustTierName = Appraisal['status'];
export type Result = oran.attestation.v1.AttestationResult;
/** What a refusal or a result tells of an appraisal. */
export type Verdict = Pick<Appraisal, 'status' | 'failedCheck' | 'reason'>;

const tiers: Record<TrustTierName, oran.attestation.v1.TrustTier> = {
  none: TrustTier.TRUST_TIER_NONE,
  affirming: TrustTier.TRUST_TIER_AFFIRMING,
  warning: TrustTier.TRUST_TIER_WARNING,
  contraindicated: TrustTier.TRUST_TIER_CONTRAINDICATED,
};
export const tierName = (tier: oran.attestation.v1.TrustTier): TrustTierName =>
  (Object.entries(tiers).find(([, value]) => value === tier)?.[0] as TrustTierName) ?? 'none';

/** `<failed check>: <reason>`, the detail of every refusal. */
export function refusalDetail(verdict: Verdict): string {
  return `${verdict.failedCheck ?? verdict.status}: ${verdict.reason}`;
}

/** The AttestationResult that tells the peer a verdict. */
export function resultMessage(
  verdict: Verdict,
  verifiedAtUnixMs: number,
  expiresAtUnixMs: number,
): MessageInitMap['oran.attestation.v1.AttestationResult'] {
  return {
    status: tiers[verdict.status],
    failedCheck: verdict.failedCheck ?? '',
    reason: verdict.reason,
    verifiedAtUnixMs,
    expiresAtUnixMs,
  };
}

/** The refusal thrown out of the slot: HelloFailure and LinkClose carry its message. */
export function refusal(verdict: Appraisal): PlugfestError {
  return new PlugfestError('attestation-failed', refusalDetail(verdict), {
    status: verdict.status,
    ...(verdict.failedCheck ? { failedCheck: verdict.failedCheck } : {}),
  });
}

/** What the peer's AttestationResult says of this end. */
export function verdictOf(result: Result): Verdict {
  const failedCheck = result.failedCheck as VerifierCheck | '';
  return {
    status: tierName(result.status),
    ...(failedCheck ? { failedCheck } : {}),
    reason: result.reason,
  };
}

/** An exchange that produced nothing to appraise: the AR4SI tier `none`. */
export function unappraised(reason: string): Appraisal {
  const now = Date.now();
  return { status: 'none', reason, verifiedAtUnixMs: now, expiresAtUnixMs: now };
}

/** The verifier check a revocation reason belongs to: a CRL is the chain's; the rest the vendor's status. */
export function revocationCheck(reason: string): VerifierCheck {
  if (/\bCRL\b/.test(reason)) return 'certificate-chain';
  return /^swversion\b/.test(reason) ? 'swversion' : 'vendor-status';
}

/** Where an appraisal happened, for its log line. */
export interface AppraisalSite {
  readonly interface: string;
  readonly side: string;
  /** The peer's instance id, as the topology or its Hello names it. */
  readonly peerName: string | undefined;
}

/** One structured line per appraisal: the failed check named, so a log search finds it. */
export function reportAppraisal(
  logger: Logger,
  site: AppraisalSite,
  verdict: Pick<Appraisal, 'status' | 'failedCheck' | 'reason' | 'claims'>,
  peer?: PeerIdentity,
  ms?: number,
): void {
  const fields = {
    interface: site.interface,
    side: site.side,
    peer: site.peerName ?? peer?.instance,
    peerVendor: peer?.vendor ?? verdict.claims?.oemid,
    ...(typeof verdict.claims?.swversion === 'string' ? { swversion: verdict.claims.swversion } : {}),
    status: verdict.status,
    ...(ms !== undefined ? { ms } : {}),
  };
  if (verdict.status === 'affirming') {
    logger.info(fields, 'peer attested');
    return;
  }
  logger.warn(
    {
      ...fields,
      event: 'attestation-failed',
      failedCheck: verdict.failedCheck ?? verdict.status,
      reason: verdict.reason,
    },
    `attestation failed: ${verdict.failedCheck ?? verdict.status}`,
  );
}
