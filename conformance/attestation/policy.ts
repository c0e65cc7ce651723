/**
 * Mutual attestation, and the trust policy applied both ways: lists (allow, revoke) and criteria
 * (no vendor named). The vendors under test are the relying parties: the run's policy is edited
 * while it is up (every verifier reloads it; docs/vendor-contract.md 7.4), and ru-1 and ric-1
 * must drop the links of the peer it now refuses, and only those, within the stated 2 s, then
 * refuse its reconnects; or, under a criteria-only policy, admit a peer no list names.
 */
import type { CaseDefinition, Network, NetworkContext } from '../../src/conformance/index.js';
import { harnessVendor, type VerifierCheck } from './kit-gaps.js';
import {
  attestationCase,
  editPolicy,
  expectHealthyHalf,
  expectNothingThrough,
  expectRefused,
  isInterfaceFrame,
  linkSummary,
  type PolicyDocument,
} from './support.js';
import { attestationTopology, healthy, links, scrutinised } from './topology.js';

/** The bound docs/vendor-contract.md 7.4 states from a policy change to the revoked links closed. */
const revocationBoundMs = 2000;
/** What a loaded two-core machine adds before it counts. */
const toleranceMs = 1000;

/** du-1's links admitted: HelloAck on each, within `timeoutMs`; the latest time. */
async function expectAdmitted(
  ctx: NetworkContext,
  targets: readonly string[],
  since = 0,
  timeoutMs = 15_000,
): Promise<number> {
  let latest = since;
  for (const link of targets) {
    const ack = await ctx.fixture.frames.next(
      { link, type: 'oran.common.v1.HelloAck', dir: 'server-to-client', since },
      timeoutMs,
    );
    ctx.expect(ack !== undefined, {
      message: `${link} was not admitted`,
      expected: 'HelloAck after both ends affirmed each other',
      observed: linkSummary(ctx, link),
      link,
      code: 'not-admitted',
    });
    latest = Math.max(latest, ack.t);
  }
  return latest;
}

export const mutualAttestation: CaseDefinition<Network> = attestationCase({
  id: 'ATT-MUTUAL-001',
  title: 'Mutual attestation: each end appraises the other, affirming, before any interface message',
  spec: 'IETF RFC 9334 (RATS) 5.2 background-check model, both ways; RFC 9711 (EAT); docs/vendor-contract.md 7.3',
  topology: attestationTopology('ATT-MUTUAL-001'),
  expectation:
    "On every link (du-1, the harness, to ru-1 and ric-1 under test; du-2 to ru-2 and ric-1), the server sends an AttestationResult affirming about the client and the client one affirming about the server, both before HelloAck; no interface message crosses before HelloAck; then the interfaces work (KPM from du-2, U-plane to ru-2). The vendors under test log 'peer attested' for du-1.",
  async run(ctx: NetworkContext) {
    const all = [...scrutinised, ...healthy];
    await expectAdmitted(ctx, all);
    const net = ctx.fixture;
    for (const link of all) {
      const ack = net.frames.all({ link, type: 'oran.common.v1.HelloAck' })[0]!;
      const before = net.frames.all({ link }).filter((f) => f.t <= ack.t);
      for (const dir of ['server-to-client', 'client-to-server'] as const) {
        const result = net.frames
          .all({ link, dir, type: 'oran.attestation.v1.AttestationResult' })
          .find((f) => f.t <= ack.t);
        ctx.expect(result?.fields.status === 'TRUST_TIER_AFFIRMING', {
          message: `${link}: the ${dir === 'server-to-client' ? 'server' : 'client'} did not affirm its peer before HelloAck`,
          expected: 'an AttestationResult TRUST_TIER_AFFIRMING',
          observed: result
            ? `${result.fields.status} ${result.fields.failedCheck ?? ''}`
            : 'none before HelloAck',
          link,
          code: 'not-mutual',
          trace: { at: [ack.t] },
        });
      }
      const early = before.filter(isInterfaceFrame);
      ctx.expect(early.length === 0, {
        message: `${link}: interface messages crossed before HelloAck`,
        expected: 'none before both results',
        observed: early.map((f) => f.type).join(', '),
        link,
        code: 'message-before-attestation',
        trace: { at: early.map((f) => f.t) },
      });
      const hello = net.frames.all({ link, type: 'oran.common.v1.Hello' }).find((f) => f.t <= ack.t);
      if (hello) ctx.measure(`slotMs ${link}`, ack.t - hello.t);
    }
    for (const server of ['ru-1', 'ric-1']) {
      const attested =
        net.instance(server).logs.all((l) => l.msg === 'peer attested' && l.peer === 'du-1').length > 0;
      ctx.expect(attested, {
        message: `${server} admitted du-1 without logging its appraisal`,
        expected: "a structured 'peer attested' line for du-1",
        observed: 'none',
        code: 'appraisal-not-logged',
      });
    }
    await expectHealthyHalf(ctx, Date.now());
  },
});

interface RevocationCase {
  readonly id: string;
  readonly title: string;
  readonly spec: string;
  /** The policy edit, and a sentence for the expectation. */
  readonly edit: (policy: PolicyDocument) => void;
  readonly change: string;
  readonly check: VerifierCheck;
  /** The revocation close's detail, and the reconnect's refusal's. */
  readonly revoked: RegExp;
  readonly refused: RegExp;
}

/**
 * A change to the policy that refuses the harness (du-1): ru-1 and ric-1 close du-1's links with
 * `check` within the bound, refuse its reconnects in the slot, and du-2 and ru-2 never notice.
 */
function revocationCase(spec: RevocationCase): CaseDefinition<Network> {
  return attestationCase({
    id: spec.id,
    title: spec.title,
    spec: spec.spec,
    topology: attestationTopology(spec.id),
    expectation: `Once du-1 (the harness as O-DU) is admitted by ru-1 and ric-1 and du-2's traffic flows, the run's trust policy is edited: ${spec.change}. Within ${revocationBoundMs} ms (+${toleranceMs} ms tolerance) ru-1 and ric-1 each close du-1's links with an AttestationResult contraindicated naming "${spec.check}" and cause attestation-failed; du-1's reconnects are refused in the slot on the same check with no interface message through; du-2's and ru-2's links do not close and their traffic goes on.`,
    async run(ctx: NetworkContext) {
      await expectAdmitted(ctx, scrutinised);
      await ctx.fixture.frames.next({ link: links.du2E2, type: 'oran.e2.v1.RicIndication' }, 15_000);
      const at = editPolicy(ctx, spec.edit);
      const closes = await expectRefused(ctx, scrutinised, spec.check, {
        by: 'server',
        reason: spec.revoked,
        since: at,
        timeoutMs: 10_000,
      });
      const slowest = Math.max(...closes.map((c) => c.close.t)) - at;
      ctx.measure('revocationMs', slowest);
      ctx.expect(slowest <= revocationBoundMs + toleranceMs, {
        message: `du-1's links were closed ${slowest} ms after the policy changed`,
        expected: `within ${revocationBoundMs} ms (+${toleranceMs} ms tolerance)`,
        observed: `${slowest} ms`,
        code: 'revocation-late',
      });
      const after = Math.max(...closes.map((c) => c.close.t)) + 1;
      await expectRefused(ctx, scrutinised, spec.check, { by: 'server', reason: spec.refused, since: after });
      expectNothingThrough(ctx, scrutinised, after);
      await expectHealthyHalf(ctx, after);
    },
  });
}

const lists = 'IETF RFC 9334 (RATS) 8 (appraisal policy); docs/vendor-contract.md 7.4 (revocation while up)';

/** The harness's entry in the run's default policy (it lists every vendor the run runs). */
const harnessEntry = (policy: PolicyDocument) => {
  const entry = policy.vendors?.find((v) => v.id === harnessVendor);
  if (!entry) throw new Error(`the run's policy has no entry for ${harnessVendor}`);
  return entry;
};

export const policyCases: CaseDefinition<Network>[] = [
  mutualAttestation,
  revocationCase({
    id: 'ATT-REVOKE-001',
    title: 'A vendor revoked mid-session loses its links, and only those, within 2 s',
    spec: lists,
    edit: (policy) => {
      harnessEntry(policy).status = 'revoked';
    },
    change: `vendor ${harnessVendor} (du-1's) set to status revoked`,
    check: 'vendor-status',
    revoked: /revoked/,
    refused: /revoked/,
  }),
  revocationCase({
    id: 'ATT-ALLOW-001',
    title: 'A vendor not on the allow list is refused',
    spec: lists,
    edit: (policy) => {
      policy.allow = (policy.vendors ?? []).map((v) => v.id).filter((id) => id !== harnessVendor);
    },
    change: `an allow list of every vendor the run runs but ${harnessVendor}`,
    check: 'vendor-status',
    revoked: /not on the allow list/,
    refused: /not on the allow list/,
  }),
  revocationCase({
    id: 'ATT-SWVER-002',
    title: 'A revoked software version is refused, and its live links dropped',
    spec: `${lists}; RFC 9711 4.2.7 (swversion)`,
    edit: (policy) => {
      const entry = harnessEntry(policy);
      entry.revokedSwVersions = [String(entry.minSwVersion)];
    },
    change: `${harnessVendor}'s running version (its pinned minimum) listed under revokedSwVersions`,
    check: 'swversion',
    revoked: /is revoked/,
    refused: /is revoked/,
  }),
  attestationCase({
    id: 'ATT-CRITERIA-001',
    title: 'A criteria-only policy admits a vendor no list names, when it meets the criteria',
    spec: `${lists}; plugfest trust policy: criteria`,
    topology: attestationTopology('ATT-CRITERIA-001'),
    expectation:
      "The run's policy is rewritten to criteria only (the run's root pinned for all, SBOM required, debug disabled; no vendor listed, no allow list), and du-1's connections are reset. On reconnecting, ru-1 and ric-1 appraise du-1, a vendor no entry names, on the criteria alone and admit it (HelloAck after affirming results both ways), and du-1 admits them likewise; du-2's and ru-2's links do not close.",
    async run(ctx: NetworkContext) {
      await expectAdmitted(ctx, scrutinised);
      const at = editPolicy(ctx, (policy) => {
        delete policy.vendors;
        delete policy.allow;
      });
      // Let every verifier reload (polled every 250 ms), then make du-1 attest again.
      await ctx.sleep(1500);
      const reset = Date.now();
      for (const link of scrutinised) ctx.fixture.link(link).reset();
      ctx.mark('fault-start', "du-1's connections reset under the criteria-only policy", reset);
      const admitted = await expectAdmitted(ctx, scrutinised, reset);
      ctx.measure('readmittedMs', admitted - reset);
      for (const link of scrutinised) {
        const results = ctx.fixture.frames
          .all({ link, type: 'oran.attestation.v1.AttestationResult', since: reset })
          .map((f) => f.fields.status);
        ctx.expect(results.length >= 2 && results.every((s) => s === 'TRUST_TIER_AFFIRMING'), {
          message: `${link}: not affirmed both ways under the criteria-only policy`,
          expected: 'two AttestationResults, both TRUST_TIER_AFFIRMING',
          observed: results.join(', ') || 'none',
          link,
          code: 'criteria-not-applied',
        });
      }
      ctx.mark('recovered', 'du-1 admitted on criteria alone', admitted);
      await expectHealthyHalf(ctx, at);
    },
  }),
];
