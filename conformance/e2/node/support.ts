/**
 * What every E2 node case does as the near-RT RIC: wait until the node is set up with the RIC
 * test peer and read what it offered, send a request and require an answer, and fail with a
 * diagnostic. The suite's defaults are here too.
 */
import {
  answerTo,
  type CaseDiagnostic,
  defineSuite,
  type NetworkContext,
  oran,
} from '../../../src/conformance/index.js';
import { type E2Answer, type E2Session, requestErrorCode } from '../e2ap.js';
import { kpmOid } from '../e2sm.js';
import { withFixture } from '../fixtures.js';
import { e2NodeTopology, nodeE2Link as link, ricPeerInstance } from '../node-topology.js';

const kpm = oran.e2sm.kpm.v1;

/**
 * The E2 node suite: conformance of the O-DU on e2NodeTopology. Shared unless a case says
 * otherwise: such a case deletes what it subscribed, and the runner restores the peer's
 * answers, so the node is set up and idle for the next.
 */
export const nodeSuite = defineSuite({
  suite: 'e2',
  interface: 'e2',
  mode: 'conformance',
  roles: ['o-du'],
  topology: e2NodeTopology,
  isolation: 'shared',
});

/** A case of the E2 node suite whose body runs once the node is set up, and gets what it offered. */
export const nodeCase = withFixture(nodeSuite, (ctx) => setUpNode(ctx));

/** A RIC Request ID (O-RAN.WG3.E2AP 9.2.7): requestor and instance. */
export type RequestId = { ricRequestorId: number; ricInstanceId: number };
/** The node's accepted E2 Setup Request, decoded from the trace, and when it crossed the link. */
export interface SetupRequest {
  readonly message: oran.e2.v1.E2SetupRequest;
  readonly at: number;
}

/** The RIC peer's requests time out after this; a conforming node answers in milliseconds. */
export const answerMs = 2000;

/** Fails the case with a diagnostic; typed `never`, so that TypeScript narrows after it. */
export function fail(ctx: NetworkContext, diagnostic: CaseDiagnostic): never {
  ctx.expect(false, diagnostic);
  throw new Error('unreachable: expect(false) ends the case');
}

/** A RAN function as E2 Setup offered it (E2AP 9.2.8, 9.2.24, 9.2.31). */
export interface OfferedFunction {
  readonly id: number;
  readonly revision: number;
  readonly oid: string;
  readonly definition: Uint8Array;
}

/** RAN Functions Added of an E2 Setup Request or RIC Service Update, absent fields as their defaults. */
export const offeredFunctions = (
  added: readonly oran.e2.v1.RanFunctionItem.$Properties[],
): OfferedFunction[] =>
  added.map((f) => ({
    id: f.ranFunctionId ?? 0,
    revision: f.ranFunctionRevision ?? 0,
    oid: f.ranFunctionOid ?? '',
    definition: f.ranFunctionDefinition ?? new Uint8Array(),
  }));

/** RAN functions as a diagnostic lists them: id, revision and OID; "none" for an empty list. */
export const functionsText = (functions: readonly OfferedFunction[]) =>
  functions.map((f) => `${f.id} rev ${f.revision} ${f.oid || '(no OID)'}`).join('; ') || 'none';

/** The node as the RIC peer sees it once set up: its session, what it offered, its cell. */
export interface SetUpNode {
  readonly session: E2Session;
  readonly setup: SetupRequest;
  /** RAN Functions Added of that E2 Setup Request, absent fields as their defaults. */
  readonly functions: readonly OfferedFunction[];
  readonly kpmFunctionId: number | undefined;
  readonly cell: { plmnId: string; nrCellIdentity: string } | undefined;
}

/** Waits (10 s) until the node's latest E2 Setup Request got an E2 Setup Response in the trace; returns that request. */
async function setupAccepted(ctx: NetworkContext) {
  const net = ctx.fixture;
  const deadline = Date.now() + 10_000;
  const left = () => Math.max(0, deadline - Date.now());
  const requests = { link, type: 'oran.e2.v1.E2SetupRequest', dir: 'client-to-server' } as const;
  let request = net.frames.all(requests).at(-1) ?? (await net.frames.next(requests, left()));
  for (;;) {
    const answer = request && (await answerTo(ctx, request, left()));
    if (request && answer?.type === 'oran.e2.v1.E2SetupResponse') return request;
    // Refused or unanswered: the node may set up again.
    const later = request && (await net.frames.next({ ...requests, since: request.t + 1 }, left()));
    if (!later) {
      fail(ctx, {
        message: 'the node is not set up with the RIC test peer',
        expected: 'E2SetupRequest answered by E2SetupResponse within 10 s',
        observed: request
          ? `last E2SetupRequest answered by ${answer?.type ?? 'nothing'}`
          : 'no E2SetupRequest',
        link,
        code: 'vendor-not-ready',
        ...(request ? { trace: { at: [request.t] } } : {}),
      });
    }
    request = later;
  }
}

/** Waits until the node is set up with the RIC test peer, then returns the peer's session and what the node offered. */
export async function setUpNode(ctx: NetworkContext): Promise<SetUpNode> {
  const request = await setupAccepted(ctx);
  // From the trace: the test peer forgets what it received between the cases of a shared network.
  const setup = { message: oran.e2.v1.E2SetupRequest.fromObject(request.fields), at: request.t };
  let session: E2Session;
  try {
    session = await ctx.fixture.peer(ricPeerInstance).session('e2', 5000);
  } catch (error) {
    fail(ctx, {
      message: 'the E2 link is not ready',
      observed: String(error),
      link,
      code: 'vendor-not-ready',
    });
  }
  const functions = offeredFunctions(setup.message.ranFunctionsAdded);
  const kpmFunction = functions.find((f) => f.oid === kpmOid);
  let cell: SetUpNode['cell'];
  try {
    const cgi = kpmFunction && kpm.RanFunctionDefinition.decode(kpmFunction.definition).cellGlobalIdList[0];
    if (cgi) cell = { plmnId: cgi.plmnId ?? '', nrCellIdentity: cgi.nrCellIdentity ?? '' };
  } catch {
    cell = undefined;
  }
  return { session, setup, functions, kpmFunctionId: kpmFunction?.id, cell };
}

/** The RAN Function ID of the node's function of the service model `oid`; fails the case with `message` if it offers none. */
export function functionOf(ctx: NetworkContext, node: SetUpNode, oid: string, message: string): number {
  const offered = node.functions.find((f) => f.oid === oid);
  if (!offered) {
    fail(ctx, {
      message,
      expected: `a RAN function with OID ${oid}`,
      observed: functionsText(node.functions),
      link,
      code: 'ran-function-missing',
      trace: { at: [node.setup.at] },
    });
  }
  return offered.id;
}

/** The RAN Function ID of the node's E2SM-KPM function; fails the case if it offers none. */
export const kpmFunctionOf = (ctx: NetworkContext, node: SetUpNode): number =>
  functionOf(ctx, node, kpmOid, 'the node offers no E2SM-KPM RAN function');

/** The node's answer to a request, or the case fails naming what it waited for and the error's code. */
export async function answered(
  ctx: NetworkContext,
  what: string,
  expected: string,
  request: Promise<E2Answer>,
): Promise<E2Answer> {
  const sentAt = Date.now();
  try {
    return await request;
  } catch (error) {
    fail(ctx, {
      message: `${what} unanswered`,
      expected,
      observed: error instanceof Error ? error.message : String(error),
      link,
      code: requestErrorCode(error),
      trace: { at: [sentAt] },
    });
  }
}

/** The time of an answer in the trace (the node's side of the link). */
export function answerAt(ctx: NetworkContext, answer: E2Answer): number {
  const tx = answer.frame.header.transactionId;
  const traced = ctx.fixture.frames.all({
    link,
    dir: 'client-to-server',
    tx,
    where: (f) => f.pdu !== 'initiating',
  });
  return traced.at(-1)?.t ?? Date.now();
}
