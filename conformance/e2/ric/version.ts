/**
 * Version negotiation case: a node offering only an E2 version the RIC lacks is refused in the
 * plugfest link handshake, and the refusal names both offers.
 */
import { defineCase, type Network } from '../../../src/conformance/index.js';
import { e2RicVersionSkewTopology, ricE2Link } from '../ric-topology.js';
import { causeText } from './causes.js';
import { type Ctx, common } from './support.js';

interface TracedVersion {
  major?: number;
  minor?: number;
}
const versionText = (v: TracedVersion) => `${v.major ?? 0}.${v.minor ?? 0}`;

export const ricRefusesVersionSkew = defineCase<Network>({
  ...common,
  id: 'E2-VER-030',
  title: 'A node offering only E2 2.0 is refused in the handshake, naming both offers',
  spec: 'plugfest link handshake (Hello / HelloFailure); ARCHITECTURE.md "Roles, links and interfaces"',
  expectation:
    "The node offers only E2 2.0. Within 10 s the RIC answers its Hello with HelloFailure carrying a cause, the versions offered (2.0) and the versions it supports (1.x), never a HelloAck or a decode error; no E2AP message crosses the link; the RIC keeps serving (it refuses the node's retry the same way).",
  topology: e2RicVersionSkewTopology,
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    const failure = await net.waitForFrame({ link: ricE2Link, type: 'oran.common.v1.HelloFailure' }, 10_000);
    const acks = net.frames({ link: ricE2Link, type: 'oran.common.v1.HelloAck' });
    ctx.expect(failure !== undefined && acks.length === 0, {
      message: 'the version mismatch was not refused in the handshake',
      expected: 'HelloFailure from the RIC',
      observed: acks.length
        ? `HelloAck selecting ${versionText((acks[0]!.fields?.selectedVersion ?? {}) as TracedVersion)}`
        : 'nothing within 10 s',
      link: ricE2Link,
    });
    const fields = (failure.fields ?? {}) as {
      offeredVersions?: TracedVersion[];
      supportedVersions?: TracedVersion[];
      detail?: string;
      cause?: unknown;
    };
    const offered = (fields.offeredVersions ?? []).map(versionText);
    const supported = (fields.supportedVersions ?? []).map(versionText);
    const cause = causeText(fields.cause);
    const observed = `cause ${cause ?? 'none'}, offered [${offered.join(', ')}], supported [${supported.join(', ')}], detail "${fields.detail ?? ''}"`;
    ctx.expect(failure.dir === 'server-to-client' && cause !== undefined, {
      message: 'the HelloFailure does not come from the RIC with a cause',
      expected: 'HelloFailure from ric-1 with a cause',
      observed: `${failure.dir}, ${observed}`,
      link: ricE2Link,
      trace: { at: [failure.t] },
    });
    ctx.expect(
      offered.includes('2.0') && supported.length > 0 && supported.every((v) => v.startsWith('1.')),
      {
        message: 'the HelloFailure does not name both offers',
        expected: "offered [2.0] and the RIC's supported [1.x]",
        observed,
        link: ricE2Link,
        code: cause,
        trace: { at: [failure.t] },
      },
    );
    const e2ap = net.frames({ link: ricE2Link }).filter((f) => f.type?.startsWith('oran.e2.v1.'));
    const undecodable = net.frames({ link: ricE2Link, dir: 'server-to-client' }).filter((f) => f.error);
    ctx.expect(e2ap.length === 0 && undecodable.length === 0, {
      message: 'E2AP traffic or an undecodable frame on a link with no common version',
      expected: 'nothing after the HelloFailure',
      observed: [...e2ap.map((f) => f.type), ...undecodable.map((f) => f.error?.code)].join(', '),
      link: ricE2Link,
    });
    ctx.measure('helloFailures', net.frames({ link: ricE2Link, type: 'oran.common.v1.HelloFailure' }).length);
    const retry = await net.waitForFrame(
      { link: ricE2Link, type: 'oran.common.v1.HelloFailure', where: (f) => f.t > failure.t },
      5000,
    );
    ctx.expect(retry !== undefined, {
      message: "the RIC did not refuse the node's retry: it stopped serving E2",
      expected: 'a second HelloFailure for the retry within 5 s',
      observed: 'nothing',
      link: ricE2Link,
      trace: { at: [failure.t] },
    });
  },
});
