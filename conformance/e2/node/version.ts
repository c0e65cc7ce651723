/**
 * Version negotiation case, on its own topology where the link never comes up: with a RIC offering
 * only E2 2.0 the handshake fails naming both offers, and the node sends no E2AP and keeps running.
 */
import { defineCase, type Network } from '../../../src/conformance/index.js';
import { e2NodeVersionSkewTopology, nodeE2Link as link, nodeInstance } from '../node-topology.js';
import { type Ctx, common } from './support.js';

/** Protocol versions as the trace holds them (zero fields omitted), as "major.minor". */
const versionsOf = (list: unknown): string[] =>
  ((list ?? []) as Array<{ major?: number; minor?: number }>).map((v) => `${v.major ?? 0}.${v.minor ?? 0}`);

export const e2NodeVersionMismatch = defineCase<Network>({
  ...common,
  id: 'E2-VER-010',
  title: 'With a RIC offering only E2 2.0 the handshake fails naming both offers, and the node sends no E2AP',
  spec: 'plugfest link handshake (Hello / HelloFailure, ARCHITECTURE.md "Roles, links and interfaces"); O-RAN.WG3.E2AP 8.3.1 (E2 Setup only on an established link)',
  expectation:
    'The node offers its E2 revisions in Hello; the RIC, offering only 2.0, answers HelloFailure naming both offers. The node MUST NOT send any E2AP message on that link and MUST keep running; it SHOULD back off its attempts (at most 15 Hellos in 3 s) and SHOULD log the refusal (a record naming version-mismatch or both offers).',
  topology: e2NodeVersionSkewTopology,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    let exited = false;
    void net.running.instances.get(nodeInstance)?.exited.then(() => {
      exited = true;
    });
    const hello = await net.waitForFrame(
      { link, type: 'oran.common.v1.Hello', dir: 'client-to-server' },
      10_000,
    );
    ctx.expect(hello !== undefined, {
      message: 'the node never opened the E2 handshake',
      expected: 'Hello from du-1 within 10 s',
      observed: 'nothing',
      link,
      code: 'vendor-not-ready',
    });
    const offered = versionsOf(hello.fields?.offeredVersions);
    ctx.expect(offered.length > 0, {
      message: 'the node offers no E2 version in Hello',
      link,
      trace: { at: [hello.t] },
    });
    const refusal = await net.waitForFrame(
      { link, type: 'oran.common.v1.HelloFailure', since: hello.t },
      3000,
    );
    ctx.expect(refusal !== undefined, {
      message: 'no HelloFailure in the trace (the RIC test peer should refuse)',
      expected: 'HelloFailure naming [2.0] and the node offer',
      observed: 'nothing',
      link,
      code: 'version-mismatch',
      trace: { at: [hello.t] },
    });
    const supported = versionsOf(refusal.fields?.supportedVersions);
    const named = versionsOf(refusal.fields?.offeredVersions);
    ctx.expect(supported.includes('2.0') && offered.every((v) => named.includes(v)), {
      message: 'the HelloFailure does not name both offers',
      expected: `supported [2.0], offered [${offered.join(', ')}]`,
      observed: `supported [${supported.join(', ')}], offered [${named.join(', ')}]`,
      link,
      code: 'version-mismatch',
      trace: { at: [refusal.t] },
    });
    await ctx.sleep(Math.max(0, hello.t + 3000 - Date.now()));
    const e2ap = net.frames({
      link,
      dir: 'client-to-server',
      where: (f) => (f.type ?? '').startsWith('oran.e2.v1.'),
    });
    ctx.expect(e2ap.length === 0, {
      message: 'the node sent E2AP on a link whose handshake failed',
      expected: 'no oran.e2.v1 message before a successful handshake',
      observed: e2ap.map((f) => f.type).join(', '),
      link,
      code: 'not-ready',
      trace: { at: e2ap.map((f) => f.t) },
    });
    ctx.expect(!exited, {
      message: 'the node exited after the version mismatch',
      expected: 'du-1 running',
      observed: 'exited',
      link,
      code: 'vendor-exited',
    });
    const hellos = net.frames({
      link,
      type: 'oran.common.v1.Hello',
      dir: 'client-to-server',
      where: (f) => f.t <= hello.t + 3000,
    });
    ctx.measure('hellosIn3s', hellos.length);
    ctx.should(hellos.length <= 15, {
      message: 'the node retries the refused handshake without backing off',
      expected: '<= 15 Hello in 3 s (backoff)',
      observed: `${hellos.length} Hello in 3 s`,
      link,
      code: 'version-mismatch',
      trace: { at: [hellos[0]!.t, hellos.at(-1)!.t] },
    });
    const logged = net.logs(nodeInstance).some((r) => {
      const line = JSON.stringify(r);
      return (
        line.includes('version-mismatch') || (line.includes('2.0') && offered.some((v) => line.includes(v)))
      );
    });
    ctx.should(logged, {
      message: 'the node does not log the version refusal',
      expected: 'a log record naming version-mismatch or both offers',
      observed: 'none',
      link,
      code: 'version-mismatch',
    });
  },
});
