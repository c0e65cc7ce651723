/**
 * Link security for a vendor (config `security`, docs/vendor-contract.md section 7): its
 * attester, its verifier with the trust policy (reloaded when the policy or a CRL it names
 * changes, or on demand), the guard that runs attestation on every link it serves and dials,
 * and in `mtls` mode the TLS options of both ends.
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { loadTrustPolicy } from '../../attestation/policy.js';
import { createVerifier, type Verifier } from '../../attestation/verifier.js';
import type { Admission, ClientTlsOptions, Link, ServerTlsOptions } from '../../transport/index.js';
import type { SecurityConfig } from '../config.js';
import { type AttestationKey, type Attester, createAttester } from './attester.js';
import type { AttesterFacts } from './facts.js';
import { LinkGuard } from './guard.js';
import { type PolicyWatch, watchPolicy } from './policy-watch.js';

export { type AttestationKey, type Attester, channelBindingOfLink, createAttester } from './attester.js';
export { type AttesterFacts, type FactsFallback, readAttesterFacts } from './facts.js';
export { LinkGuard, type LinkGuardOptions, refusalDetail } from './guard.js';
export { type PolicyWatch, policyPollMs, watchPolicy } from './policy-watch.js';
export { selfIssuedAttestationKey } from './self-issued.js';

export interface LinkSecurityOptions {
  readonly config: SecurityConfig;
  /** What the evidence claims (measured at start). */
  readonly facts: AttesterFacts;
  readonly logger: Logger;
  /** Default: the files config.attestKey and config.attestChain. */
  readonly key?: AttestationKey;
  /** Poll interval of the policy and its CRLs. Default 250 ms. */
  readonly policyPollMs?: number;
  /** How long the peer has for each step of the exchange. Default 3000 ms (LinkGuardOptions). */
  readonly stepTimeoutMs?: number;
  /**
   * Replaces the honest attester: the harness's test peers present forged evidence with it in
   * the negative attestation cases (conformance/forge.ts). A vendor never sets it.
   */
  readonly attester?: (honest: Attester, config: SecurityConfig) => Promise<Attester>;
}

export interface LinkSecurity {
  readonly mode: SecurityConfig['mode'];
  readonly attester: Attester;
  readonly verifier: Verifier;
  readonly guard: LinkGuard;
  /** The accepting side's attestation slot. */
  readonly admit: Admission;
  /** The dialling side: call with each link as it opens (dialWithBackoff `onOpen`). */
  dial(link: Link, peerName?: string): void;
  /** Reloads the trust policy now (SIGHUP) and closes the links to peers it revokes; false if it does not load. */
  reload(reason: string): boolean;
  /** TLS of both ends in `mtls` mode; undefined in `attest` mode. */
  readonly tls: { readonly server: ServerTlsOptions; readonly client: ClientTlsOptions } | undefined;
  /** Stops watching the policy and re-attesting. */
  close(): void;
}

export async function createLinkSecurity(options: LinkSecurityOptions): Promise<LinkSecurity> {
  const { config, logger } = options;
  const read = (file: string) => readFile(file, 'utf8');
  const key = options.key ?? {
    keyPem: await read(config.attestKey),
    chainPem: await read(config.attestChain),
  };
  const honest = createAttester({ key, facts: options.facts, debug: config.debug });
  const attester = options.attester ? await options.attester(honest, config) : honest;
  const policy = loadTrustPolicy(config.trustPolicy);
  const verifier = createVerifier(policy);
  const guard = new LinkGuard({
    attester,
    verifier,
    logger,
    ...(options.stepTimeoutMs ? { stepTimeoutMs: options.stepTimeoutMs } : {}),
  });
  const revoke = () => {
    const closed = guard.revalidate();
    if (closed.length > 0) logger.warn({ links: closed.length }, 'links to revoked peers closed');
    return closed;
  };
  const watch: PolicyWatch = watchPolicy({
    file: config.trustPolicy,
    initial: policy,
    logger,
    ...(options.policyPollMs ? { intervalMs: options.policyPollMs } : {}),
    onPolicy: (next) => {
      verifier.updatePolicy(next);
      revoke();
    },
  });
  let tls: LinkSecurity['tls'];
  if (config.mode === 'mtls') {
    const [cert, tlsKey, ca, ...crl] = await Promise.all(
      [config.tlsCert, config.tlsKey, config.caBundle, ...config.crls].map(read),
    );
    const common = { cert: cert!, key: tlsKey!, ca: ca!, ...(crl.length > 0 ? { crl } : {}) };
    tls = { server: common, client: common };
  }
  await warmUp(honest, verifier);
  logger.info(
    {
      mode: config.mode,
      oemid: attester.facts.vendor,
      swversion: attester.facts.swversion,
      hwmodel: attester.facts.hwmodel,
      measured: Object.keys(attester.facts.measurements).length,
      sbom: attester.facts.sbomDigest !== undefined,
      policy: config.trustPolicy,
    },
    'link security on',
  );
  return {
    mode: config.mode,
    attester,
    verifier,
    guard,
    admit: guard.admit,
    dial: (link, peerName) => guard.dial(link, peerName),
    reload: (reason) => watch.reload(reason),
    tls,
    close() {
      watch.close();
      guard.close();
    },
  };
}

/**
 * Appraises this end's own evidence once, result unused: the first appraisal in a process pays
 * for loading and compiling the crypto, ASN.1 and schema code (about 200 ms on a loaded
 * two-core machine), and it is better paid before the vendor says it is ready than by its first
 * link's handshake.
 */
async function warmUp(attester: Attester, verifier: Verifier): Promise<void> {
  const challenge = verifier.challenge();
  const link = { tls: undefined } as unknown as Link;
  await verifier.appraise(await attester.evidence(challenge, link)).catch(() => undefined);
}
