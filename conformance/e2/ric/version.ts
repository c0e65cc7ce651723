/**
 * Version negotiation case: a node offering only an E2 version the RIC lacks is refused in the
 * plugfest link handshake, and the refusal names both offers.
 */
import type { NetworkContext } from '../../../src/conformance/index.js';
import { causeOf, versionsText } from '../e2ap.js';
import { e2RicVersionSkewTopology, ricE2Link } from '../ric-topology.js';
import { ricCase } from './support.js';

export const ricRefusesVersionSkew = ricCase({
  id: 'E2-VER-030',
  title: 'A node offering only E2 2.0 is refused in the handshake, naming both offers',
  spec: 'plugfest link handshake (Hello / HelloFailure); ARCHITECTURE.md "Roles, links and interfaces"',
  expectation:
    "The node offers only E2 2.0. Within 10 s the RIC answers its Hello with HelloFailure carrying a cause, the versions offered (2.0) and the versions it supports (1.x), never a HelloAck or a decode error; no E2AP message crosses the link; the RIC keeps serving (it refuses the node's retry the same way).",
  topology: e2RicVersionSkewTopology,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const failure = await net.frames.next({ link: ricE2Link, type: 'oran.common.v1.HelloFailure' }, 10_000);
    const acks = net.frames.all({ link: ricE2Link, type: 'oran.common.v1.HelloAck' });
    ctx.expect(failure !== undefined && acks.length === 0, {
      message: 'the version mismatch was not refused in the handshake',
      expected: 'HelloFailure from the RIC',
      observed: acks.length
        ? `HelloAck selecting ${versionsText(acks[0]!.fields.selectedVersion ? [acks[0]!.fields.selectedVersion] : [])}`
        : 'nothing within 10 s',
      link: ricE2Link,
      code: 'version-mismatch',
    });
    const { fields } = failure;
    const offered = versionsText(fields.offeredVersions);
    const supported = versionsText(fields.supportedVersions);
    const cause = causeOf(fields.cause);
    const observed = `cause ${cause ?? 'none'}, offered [${offered.join(', ')}], supported [${supported.join(', ')}], detail "${fields.detail ?? ''}"`;
    const here = { link: ricE2Link, code: 'version-mismatch', trace: { at: [failure.t] } } as const;
    ctx.expect(failure.dir === 'server-to-client' && cause !== undefined, {
      ...here,
      message: 'the HelloFailure does not come from the RIC with a cause',
      expected: 'HelloFailure from ric-1 with a cause',
      observed: `${failure.dir}, ${observed}`,
    });
    ctx.expect(
      offered.includes('2.0') && supported.length > 0 && supported.every((v) => v.startsWith('1.')),
      {
        ...here,
        message: 'the HelloFailure does not name both offers',
        expected: "offered [2.0] and the RIC's supported [1.x]",
        observed,
      },
    );
    const e2ap = net.frames.all({
      link: ricE2Link,
      where: (f) => f.type?.startsWith('oran.e2.v1.') ?? false,
    });
    const undecodable = net.frames.all({ link: ricE2Link, dir: 'server-to-client', where: (f) => !!f.error });
    ctx.expect(e2ap.length === 0 && undecodable.length === 0, {
      message: 'E2AP traffic or an undecodable frame on a link with no common version',
      expected: 'nothing after the HelloFailure',
      observed: [...e2ap.map((f) => f.type), ...undecodable.map((f) => f.error?.code)].join(', '),
      link: ricE2Link,
      code: e2ap.length ? 'not-ready' : 'malformed-frame',
    });
    ctx.measure(
      'helloFailures',
      net.frames.all({ link: ricE2Link, type: 'oran.common.v1.HelloFailure' }).length,
    );
    const retry = await net.frames.next(
      {
        link: ricE2Link,
        type: 'oran.common.v1.HelloFailure',
        since: failure.t,
        where: (f) => f.t > failure.t,
      },
      5000,
    );
    ctx.expect(retry !== undefined, {
      message: "the RIC did not refuse the node's retry: it stopped serving E2",
      expected: 'a second HelloFailure for the retry within 5 s',
      observed: 'nothing',
      link: ricE2Link,
      code: 'version-mismatch',
      trace: { at: [failure.t] },
    });
  },
});
