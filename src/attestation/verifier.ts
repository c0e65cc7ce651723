/**
 * The verifier (IETF RATS, RFC 9334, background-check model): the relying party of a link issues
 * a challenge, and appraises the evidence that comes back against its trust policy. The checks
 * run in the fixed order of types.ts `verifierChecks` and stop at the first that fails, which the
 * result names (issue 5, item 3), so a token wrong in two ways always names the same check. Each
 * check is a file of checks/, named as the check is; this file composes them.
 *
 * Trust tiers (AR4SI): a failed check is `contraindicated`. A `suspended` vendor is `warning`
 * (failedCheck `vendor-status`) when every other check passes: the operator has concerns but has
 * not revoked it, and the relying party weighs that; enforcement admits a link only on
 * `affirming` (issue 5, item 5), so a suspended vendor gets no new link, while its links already
 * up are not torn down (`isRevoked` is false for it). A `revoked` vendor, one on the deny list or
 * off the allow list is `contraindicated`, and `isRevoked` is true for it.
 */
import 'reflect-metadata';
import { PlugfestError, type RoleName } from '../wire/index.js';
import {
  type Appraising,
  compile,
  createNonceStore,
  identityOf,
  revocationOf,
  verifierCheckSet,
} from './checks/index.js';
import type { TrustPolicy } from './policy.js';
import { type AppraisalResult, type EvidenceClaims, type SigningAlgorithm, verifierChecks } from './types.js';

/** Limits and hooks of a verifier; every one has a default. */
export interface VerifierOptions {
  /** Milliseconds since the epoch. Default `Date.now`. */
  readonly clock?: () => number;
  /** Bytes of a challenge nonce. Default 16 (the attestation proto allows 8 to 64). */
  readonly nonceBytes?: number;
  /** Challenges outstanding at once; beyond, the oldest is forgotten. Default 1024. */
  readonly maxOutstandingNonces?: number;
  /** Longest token appraised, in bytes. Default 64 KiB. */
  readonly maxTokenBytes?: number;
  /** Longest x5c chain, leaf included. Default 4 (leaf, vendor CA, and room for one more). */
  readonly maxChainLength?: number;
}

const defaults = { nonceBytes: 16, maxOutstandingNonces: 1024, maxTokenBytes: 65_536, maxChainLength: 4 };

export interface Challenge {
  /** Random, single use; the attester returns it base64url in eat_nonce. */
  readonly nonce: Uint8Array;
  readonly issuedAtUnixMs: number;
  readonly acceptedAlgorithms: readonly SigningAlgorithm[];
  readonly channelBindingRequested: boolean;
}

export interface AppraisalContext {
  /** The role the peer plays on this link, checked against the vendor's allowed roles. */
  readonly expectedRole?: RoleName;
  /** base64url of this link's TLS exporter value (evidence.ts channelBindingOf), when it is mTLS. */
  readonly channelBinding?: string;
  /** Milliseconds since the epoch. Default the verifier's clock. */
  readonly now?: number;
}

/** Who a peer is, as an appraisal found it: what `isRevoked` is asked about while its link is up. */
export interface PeerIdentity {
  readonly vendor?: string;
  readonly ueid?: string;
  /** The attestation leaf's CN: the instance id. */
  readonly instance?: string;
  /** The software version its evidence claimed: a version the policy later revokes drops its links. */
  readonly swversion?: string;
  /** Serial numbers (hex) of the chain's certificates, with the issuer DN of each (any issuer when absent). */
  readonly certificates?: readonly { readonly serial: string; readonly issuer?: string }[];
}

/** An AppraisalResult, and the identity of the peer when the chain could be read. */
export interface Appraisal extends AppraisalResult {
  readonly peer?: PeerIdentity;
}

export interface Verifier {
  readonly policy: TrustPolicy;
  /** A fresh challenge; `channelBinding` says the link is mTLS (default: the policy's requireChannelBinding). */
  challenge(options?: { channelBinding?: boolean }): Challenge;
  appraise(token: string, context?: AppraisalContext): Promise<Appraisal>;
  /** A policy reload: later appraisals and `isRevoked` use it; outstanding challenges stay valid. */
  updatePolicy(policy: TrustPolicy): void;
  /** Why the policy now refuses this peer (vendor revoked, denied or off the allow list, instance or certificate revoked), or undefined. */
  revocationOf(peer: PeerIdentity): string | undefined;
  /** Whether the policy now refuses this peer: a link up with it should be torn down. */
  isRevoked(peer: PeerIdentity): boolean;
}

/** Creates a verifier for `policy`. Options default as VerifierOptions says. */
export function createVerifier(policy: TrustPolicy, options: VerifierOptions = {}): Verifier {
  const limits = { ...defaults, ...options };
  const clock = options.clock ?? Date.now;
  let trust = compile(policy);
  const nonces = createNonceStore(
    () => trust.policy.freshness.nonceLifetimeS * 1000,
    limits.maxOutstandingNonces,
  );

  const checks = verifierCheckSet(limits, nonces);

  return {
    get policy() {
      return trust.policy;
    },
    challenge(request = {}) {
      const now = clock();
      const nonce = crypto.getRandomValues(new Uint8Array(limits.nonceBytes));
      nonces.issue(Buffer.from(nonce).toString('base64url'), now);
      return {
        nonce,
        issuedAtUnixMs: now,
        acceptedAlgorithms: [...trust.policy.algorithms],
        channelBindingRequested: request.channelBinding ?? trust.policy.criteria.requireChannelBinding,
      };
    },
    async appraise(token, context = {}) {
      const now = context.now ?? clock();
      const a: Appraising = { token, context, now, trust };
      const result = (fields: Partial<Appraisal> & Pick<Appraisal, 'status' | 'reason'>): Appraisal => ({
        verifiedAtUnixMs: now,
        expiresAtUnixMs: now,
        ...(a.claims ? { claims: a.claims as Partial<EvidenceClaims> } : {}),
        ...(a.path ? { peer: identityOf(a) } : {}),
        ...fields,
      });
      for (const name of verifierChecks) {
        let reason: string | undefined;
        try {
          reason = await checks[name](a);
        } catch (error) {
          reason = PlugfestError.from(error).rawMessage;
        }
        if (reason !== undefined) return result({ status: 'contraindicated', failedCheck: name, reason });
      }
      const expiresAtUnixMs = now + trust.policy.reattestation.epochS * 1000;
      return a.warning
        ? result({ status: 'warning', failedCheck: 'vendor-status', reason: a.warning, expiresAtUnixMs })
        : result({ status: 'affirming', reason: 'every check passed', expiresAtUnixMs });
    },
    updatePolicy(next) {
      trust = compile(next);
    },
    revocationOf: (peer) => revocationOf(trust, peer),
    isRevoked: (peer) => revocationOf(trust, peer) !== undefined,
  };
}
