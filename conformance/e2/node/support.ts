/**
 * What every E2 node case does as the near-RT RIC: wait until the node is set up with the RIC test
 * peer and read what it offered, send a request and require an answer, and fail with a diagnostic.
 * What the cases have in common (suite, role, topology, answer time) is here too.
 */
import {
  type CaseContext,
  type Network,
  oran,
  type PeerMessage,
  type Session,
} from '../../../src/conformance/index.js';
import { e2NodeTopology, nodeE2Link as link, ricPeerInstance } from '../node-topology.js';

const kpm = oran.e2sm.kpm.v1;

/** RAN Function OIDs of the service models (O-RAN.WG3.E2SM-KPM, O-RAN.WG3.E2SM-RC). */
export const kpmOid = '1.3.6.1.4.1.53148.1.2.2.2';
export const rcOid = '1.3.6.1.4.1.53148.1.1.2.3';

/** The context a case runs in, on the E2 node topology's network. */
export type Ctx = CaseContext<Network>;
/** The RIC test peer's E2 session with the node. */
export type E2Session = Session<'e2'>;
/** The node's answer to a request of the RIC test peer. */
export type Answer = Awaited<ReturnType<E2Session['request']>>;
/** A RIC Request ID (O-RAN.WG3.E2AP 9.2.7): requestor and instance. */
export type RequestId = { ricRequestorId: number; ricInstanceId: number };
/** The E2 Setup Request the RIC test peer received from the node. */
export type SetupRequest = PeerMessage<'oran.e2.v1.E2SetupRequest'>;

/** The RIC peer's requests time out after this; a conforming node answers in milliseconds. */
export const answerMs = 2000;

/** What every case of the E2 node suite has in common: conformance of the O-DU. */
export const common = {
  suite: 'e2',
  interface: 'e2' as const,
  mode: 'conformance' as const,
  roles: ['o-du'] as const,
  topology: e2NodeTopology,
};

/** Fails the case with a diagnostic; typed `never`, so that TypeScript narrows after it. */
export function fail(ctx: Ctx, diagnostic: Parameters<Ctx['expect']>[1]): never {
  ctx.expect(false, diagnostic);
  throw new Error('unreachable: expect(false) ends the case');
}

/** Whether the RIC Request ID a message carries (absent fields as 0) is `b`. */
export const sameId = (a: oran.e2.v1.RicRequestId.$Properties | null | undefined, b: RequestId) =>
  (a?.ricRequestorId ?? 0) === b.ricRequestorId && (a?.ricInstanceId ?? 0) === b.ricInstanceId;

/** A RIC Request ID as a diagnostic names it, "requestor:instance". */
export const idText = (id: RequestId) => `${id.ricRequestorId}:${id.ricInstanceId}`;

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
  readonly rcFunctionId: number | undefined;
  readonly cell: { plmnId: string; nrCellIdentity: string } | undefined;
}

/**
 * Waits (10 s) until the node's latest E2 Setup Request got an E2 Setup Response in the trace,
 * then returns the peer's session and what the node offered.
 */
export async function setUpNode(ctx: Ctx): Promise<SetUpNode> {
  const net = ctx.fixture;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const request = net.frames({ link, type: 'oran.e2.v1.E2SetupRequest', dir: 'client-to-server' }).at(-1);
    const answer =
      request &&
      net.frames({
        link,
        dir: 'server-to-client',
        since: request.t,
        where: (f) => f.tx === request.tx && f.pdu !== 'initiating',
      })[0];
    if (answer?.type === 'oran.e2.v1.E2SetupResponse') break;
    if (Date.now() >= deadline) {
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
    await ctx.sleep(50);
  }
  const peer = net.peer(ricPeerInstance);
  const setup = peer.received('oran.e2.v1.E2SetupRequest').at(-1);
  if (!setup) fail(ctx, { message: 'the RIC test peer holds no E2SetupRequest', link, code: 'internal' });
  let session: E2Session;
  try {
    session = await peer.session('e2', 5000);
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
  const rcFunction = functions.find((f) => f.oid === rcOid);
  let cell: SetUpNode['cell'];
  try {
    const cgi = kpmFunction && kpm.RanFunctionDefinition.decode(kpmFunction.definition).cellGlobalIdList[0];
    if (cgi) cell = { plmnId: cgi.plmnId ?? '', nrCellIdentity: cgi.nrCellIdentity ?? '' };
  } catch {
    cell = undefined;
  }
  return { session, setup, functions, kpmFunctionId: kpmFunction?.id, rcFunctionId: rcFunction?.id, cell };
}

/** The RAN Function ID of the node's E2SM-KPM function; fails the case if it offers none. */
export function kpmFunctionOf(ctx: Ctx, node: SetUpNode): number {
  if (node.kpmFunctionId === undefined) {
    fail(ctx, {
      message: 'the node offers no E2SM-KPM RAN function',
      expected: `a RAN function with OID ${kpmOid}`,
      observed: functionsText(node.functions),
      link,
      trace: { at: [node.setup.at] },
    });
  }
  return node.kpmFunctionId;
}

/** The node's answer to a request, or the case fails naming what it waited for. */
export async function answered(
  ctx: Ctx,
  what: string,
  expected: string,
  request: Promise<Answer>,
): Promise<Answer> {
  const sentAt = Date.now();
  try {
    return await request;
  } catch (error) {
    const e = error as { code?: string; message?: string };
    fail(ctx, {
      message: `${what} unanswered`,
      expected,
      observed: e.message ?? String(error),
      link,
      code: e.code ?? 'request-timeout',
      trace: { at: [sentAt] },
    });
  }
}

/** The time of an answer in the trace (the node's side of the link). */
export function answerAt(ctx: Ctx, answer: Answer): number {
  const tx = answer.frame.header.transactionId;
  return (
    ctx.fixture
      .frames({ link, dir: 'client-to-server', where: (f) => f.tx === tx && f.pdu !== 'initiating' })
      .at(-1)?.t ?? Date.now()
  );
}
