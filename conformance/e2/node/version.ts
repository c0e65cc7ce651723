/**
 * Version negotiation case, on its own topology where the link never comes up: with a RIC offering
 * only E2 2.0 the handshake fails naming both offers, and the node sends no E2AP and keeps running.
 */
import { expectFrame, type NetworkContext } from '../../../src/conformance/index.js';
import { versionsText } from '../e2ap.js';
import { e2NodeVersionSkewTopology, nodeE2Link as link, nodeInstance } from '../node-topology.js';
import { nodeSuite } from './support.js';

export const e2NodeVersionMismatch = nodeSuite({
  id: 'E2-VER-010',
  title: 'With a RIC offering only E2 2.0 the handshake fails naming both offers, and the node sends no E2AP',
  spec: 'plugfest link handshake (Hello / HelloFailure, ARCHITECTURE.md "Roles, links and interfaces"); O-RAN.WG3.E2AP 8.3.1 (E2 Setup only on an established link)',
  expectation:
    'The node offers its E2 revisions in Hello; the RIC, offering only 2.0, answers HelloFailure naming both offers. The node MUST NOT send any E2AP message on that link and MUST keep running; it SHOULD back off its attempts (at most 15 Hellos in 3 s) and SHOULD log the refusal (a record naming version-mismatch or both offers).',
  topology: e2NodeVersionSkewTopology,
  // Its link never comes up, so its network never passes the runner's health check between cases.
  isolation: 'fresh',
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const node = net.instance(nodeInstance);
    let exited = false;
    void node.exited.then(() => {
      exited = true;
    });
    const hello = await expectFrame(
      ctx,
      { link, type: 'oran.common.v1.Hello', dir: 'client-to-server' },
      10_000,
      {
        message: 'the node never opened the E2 handshake',
        expected: 'Hello from du-1 within 10 s',
        code: 'vendor-not-ready',
      },
    );
    const offered = versionsText(hello.fields.offeredVersions);
    ctx.expect(offered.length > 0, {
      message: 'the node offers no E2 version in Hello',
      link,
      code: 'wrong-field',
      trace: { at: [hello.t] },
    });
    const refusal = await expectFrame(
      ctx,
      { link, type: 'oran.common.v1.HelloFailure', since: hello.t },
      3000,
      {
        message: 'no HelloFailure in the trace (the RIC test peer should refuse)',
        expected: 'HelloFailure naming [2.0] and the node offer',
        code: 'version-mismatch',
        trace: { at: [hello.t] },
      },
    );
    const supported = versionsText(refusal.fields.supportedVersions);
    const named = versionsText(refusal.fields.offeredVersions);
    ctx.expect(supported.includes('2.0') && offered.every((v) => named.includes(v)), {
      message: 'the HelloFailure does not name both offers',
      expected: `supported [2.0], offered [${offered.join(', ')}]`,
      observed: `supported [${supported.join(', ')}], offered [${named.join(', ')}]`,
      link,
      code: 'version-mismatch',
      trace: { at: [refusal.t] },
    });
    await ctx.sleep(Math.max(0, hello.t + 3000 - Date.now()));
    const e2ap = net.frames.all({
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
    const hellos = net.frames.all({
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
    const logged = node.logs.all().some((r) => {
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
