/**
 * The vendors under test as relying parties: the harness's O-DU test peer (du-1) dials the O-RU
 * under test (M-plane and CU-plane) and the RIC under test (E2), and the O-DU under test (du-2)
 * dials the harness's O-RU test peer (ru-3), each harness peer with evidence wrong in the same
 * one way (src/conformance/forge.ts). Each vendor must refuse it in the handshake's slot, naming
 * the check the forgery breaks, before any interface message, and go on working with the rest.
 */
import {
  type CaseDefinition,
  expectFrame,
  type Network,
  type NetworkContext,
} from '../../src/conformance/index.js';
import { type Forgery, impersonatedVendor, type VerifierCheck } from './kit-gaps.js';
import { attestationCase, expectHealthyHalf, expectNothingThrough, expectRefused } from './support.js';
import { attestationTopology, forgedORuLinks, scrutinised } from './topology.js';

interface ForgedCase {
  readonly id: string;
  readonly title: string;
  readonly spec: string;
  readonly forge: Forgery;
  readonly check: VerifierCheck;
  /** What the refusal's detail must say, beyond the check's name. */
  readonly reason: RegExp;
  /** What the peer presents, for the expectation. */
  readonly presents: string;
  readonly security?: 'attest' | 'mtls';
  /** Runs before the refusals are looked for (the replay case resets the links first). */
  readonly provoke?: (ctx: NetworkContext) => Promise<number>;
}

const rats = 'IETF RFC 9334 (RATS) 5.2 background-check model; RFC 9711 (EAT)';

export function forgedCase(spec: ForgedCase): CaseDefinition<Network> {
  return attestationCase({
    id: spec.id,
    title: spec.title,
    spec: spec.spec,
    topology: attestationTopology(spec.id, {
      forge: spec.forge,
      forgedORu: true,
      ...(spec.security ? { security: spec.security } : {}),
    }),
    expectation: `du-1 (the harness as O-DU) and ru-3 (the harness as O-RU) present ${spec.presents}. ru-1 (the O-RU under test, on M-plane and CU-plane) and ric-1 (the RIC under test, on E2) each answer du-1 with an AttestationResult contraindicated naming "${spec.check}" and refuse the link (HelloFailure, cause attestation-failed, detail "${spec.check}: ..."); du-2 (the O-DU under test) refuses ru-3 the same way, as the client (LinkClose); no interface message crosses those links; du-2's KPM indications and its U-plane to ru-2 keep flowing and none of their links closes.`,
    async run(ctx: NetworkContext) {
      const since = spec.provoke ? await spec.provoke(ctx) : 0;
      const options = { reason: spec.reason, since };
      const refusals = [
        ...(await expectRefused(ctx, scrutinised, spec.check, { ...options, by: 'server' })),
        ...(await expectRefused(ctx, forgedORuLinks, spec.check, { ...options, by: 'client' })),
      ];
      ctx.measure('refusals', refusals.length);
      expectNothingThrough(ctx, [...scrutinised, ...forgedORuLinks], since);
      await expectHealthyHalf(ctx, Math.max(...refusals.map((r) => r.close.t)));
    },
  });
}

const chain = 'RFC 5280 6.1 (path validation)';

export const forgedCases: CaseDefinition<Network>[] = [
  forgedCase({
    id: 'ATT-CHAIN-001',
    title: 'Evidence signed by an expired attestation certificate is refused on certificate-chain',
    spec: `${rats}; ${chain}, 4.1.2.5 (validity)`,
    forge: 'cert-expired',
    check: 'certificate-chain',
    reason: /expired|notAfter|not valid after/i,
    presents: 'evidence whose attestation leaf, issued by the harness CA, expired yesterday',
  }),
  forgedCase({
    id: 'ATT-CHAIN-002',
    title: 'Evidence signed by a not-yet-valid attestation certificate is refused on certificate-chain',
    spec: `${rats}; ${chain}, 4.1.2.5 (validity)`,
    forge: 'cert-not-yet-valid',
    check: 'certificate-chain',
    reason: /not yet valid|notBefore|not valid before/i,
    presents: 'evidence whose attestation leaf becomes valid tomorrow',
  }),
  forgedCase({
    id: 'ATT-CHAIN-003',
    title: 'Evidence chaining to a root nobody pinned is refused on certificate-chain',
    spec: `${rats}; ${chain}`,
    forge: 'cert-unknown-root',
    check: 'certificate-chain',
    reason: /unknown root/i,
    presents: 'evidence whose chain is a harness-named vendor CA under an unpinned root',
  }),
  forgedCase({
    id: 'ATT-CHAIN-004',
    title: 'Evidence signed by a self-signed certificate is refused on certificate-chain',
    spec: `${rats}; ${chain}`,
    forge: 'cert-self-signed',
    check: 'certificate-chain',
    reason: /root|self-signed|issuer/i,
    presents: 'evidence signed by a self-signed leaf naming the harness as its vendor',
  }),
  forgedCase({
    id: 'ATT-CHAIN-005',
    title: "Vendor B's chain claiming vendor A's oemid is refused on oemid",
    spec: `${rats}; RFC 9711 4.2.3 (oemid)`,
    forge: 'oemid-other-vendor',
    check: 'oemid',
    reason: new RegExp(`oemid "${impersonatedVendor}" but the chain's vendor CA is harness's`),
    presents: `their own valid chain (the harness CA) with oemid "${impersonatedVendor}"`,
  }),
  forgedCase({
    id: 'ATT-CHAIN-006',
    title: 'Evidence signed by a revoked certificate is refused on certificate-chain',
    spec: `${rats}; RFC 5280 5 (CRL)`,
    forge: 'cert-revoked',
    check: 'certificate-chain',
    reason: /revoked/i,
    presents: "evidence signed by a leaf the harness CA's CRL (published before they start) lists as revoked",
  }),
  forgedCase({
    id: 'ATT-CHAIN-007',
    title: "A vendor CA's stale CRL fails its chain on certificate-chain",
    spec: `${rats}; RFC 5280 5.1.2.5 (nextUpdate), 6.3.3`,
    forge: 'crl-stale',
    check: 'certificate-chain',
    reason: /stale CRL/,
    presents:
      "honest evidence, but the harness CA's only CRL (reissued before it dials) had its nextUpdate yesterday",
  }),
  forgedCase({
    id: 'ATT-TOKEN-001',
    title: 'Evidence with a tampered signature is refused on signature',
    spec: `${rats}; RFC 7515 5.2 (JWS validation)`,
    forge: 'signature',
    check: 'signature',
    reason: /signature/i,
    presents: 'honest evidence with one byte of its signature changed',
  }),
  forgedCase({
    id: 'ATT-TOKEN-002',
    title: 'Evidence with alg "none" is refused on algorithm',
    spec: `${rats}; RFC 8725 3.1, 3.2 (JWT BCP: algorithm verification)`,
    forge: 'alg-none',
    check: 'algorithm',
    reason: /alg none is never accepted/,
    presents: 'their honest claims under a header with alg "none" and no signature',
  }),
  forgedCase({
    id: 'ATT-TOKEN-003',
    title: 'Evidence signed with an algorithm the policy does not allow (HS256) is refused on algorithm',
    spec: `${rats}; RFC 8725 2.1, 3.1 (algorithm confusion)`,
    forge: 'alg-hs256',
    check: 'algorithm',
    reason: /alg HS256 is not allowed/,
    presents: "their honest claims HMAC-signed (HS256) with their own certificate's bytes as the secret",
  }),
  forgedCase({
    id: 'ATT-NONCE-001',
    title: 'Evidence without the challenge nonce is refused on nonce',
    spec: `${rats}; RFC 9711 4.1 (eat_nonce)`,
    forge: 'nonce-missing',
    check: 'nonce',
    reason: /no eat_nonce/,
    presents: 'evidence without eat_nonce',
  }),
  forgedCase({
    id: 'ATT-NONCE-002',
    title: 'Evidence with a nonce shorter than 8 bytes is refused on nonce',
    spec: `${rats}; RFC 9711 4.1 (eat_nonce: 8 to 64 bytes)`,
    forge: 'nonce-short',
    check: 'nonce',
    reason: /4 bytes; at least 8/,
    presents: 'evidence whose eat_nonce is 4 bytes, not the challenge',
  }),
  forgedCase({
    id: 'ATT-NONCE-003',
    title: 'Evidence replayed on a new connection is refused on nonce',
    spec: `${rats}; RFC 9334 10.2 (freshness, nonces)`,
    forge: 'nonce-replayed',
    check: 'nonce',
    reason: /already used|not issued/,
    presents:
      'honest evidence on their first connection of each interface, and then, after the relays reset those connections, the same tokens again',
    provoke: async (ctx: NetworkContext) => {
      // First connections are honest: wait for every one of them to be admitted, then reset
      // them. A link reset before its first connection (the CU-plane ones come up after the
      // M-plane) would make that first, honest, connection the one graded as a replay. Admitted
      // means ready at the harness's end too, where the forgery keeps its token: a HelloAck sent
      // is not enough (on a loaded machine the harness's client gave up on its handshake with
      // the HelloAck still unread, so its next connection was honest again, and affirmed).
      for (const id of [...scrutinised, ...forgedORuLinks]) {
        await expectFrame(ctx, { link: id, type: 'oran.common.v1.HelloAck' }, 15_000, {
          message: `${id}: the honest first connection was not admitted`,
          expected: 'HelloAck after mutual attestation',
          observed: 'none within 15 s',
          code: 'honest-peer-refused',
        });
        const link = ctx.fixture.link(id);
        const harnessEnd = ctx.fixture.instance(link.client).vendor === 'harness' ? link.client : link.server;
        const ready = await ctx.fixture
          .peer(harnessEnd)
          .session(link.interface, 15_000)
          .then(
            () => true,
            () => false,
          );
        if (!ready)
          ctx.cannotGrade({
            message: `harness could not get its own end of ${id} ready, so no connection can replay an admitted token`,
            expected: "the harness's end ready within 15 s of the HelloAck",
            observed: 'not ready',
            link: id,
          });
      }
      const at = Date.now();
      for (const link of [...scrutinised, ...forgedORuLinks]) ctx.fixture.link(link).reset();
      ctx.mark('fault-start', "du-1's and ru-3's connections reset: their reconnects replay", at);
      return at;
    },
  }),
  forgedCase({
    id: 'ATT-FRESH-001',
    title: 'Evidence with an iat an hour old is refused on freshness',
    spec: `${rats}; RFC 9711 4.3.1 (iat); RFC 9334 10 (freshness)`,
    forge: 'iat-stale',
    check: 'freshness',
    reason: /stale evidence/,
    presents: 'evidence answering the challenge but claiming iat an hour ago',
  }),
  forgedCase({
    id: 'ATT-FRESH-002',
    title: 'Evidence with a non-integer iat is refused on freshness',
    spec: `${rats}; RFC 7519 2 (NumericDate), RFC 9711 4.3.1`,
    forge: 'iat-fraction',
    check: 'freshness',
    reason: /not an integer/,
    presents: 'evidence whose iat has a fractional part',
  }),
  forgedCase({
    id: 'ATT-DEBUG-001',
    title: 'Evidence saying debug is enabled is refused on debug',
    spec: `${rats}; RFC 9711 4.2.9 (dbgstat)`,
    forge: 'debug',
    check: 'debug',
    reason: /dbgstat 0/,
    presents: 'honest evidence but for dbgstat 0 (debug enabled)',
  }),
];
