/**
 * The E2 node's own global procedures (O-RAN.WG3.E2AP clause 8.3): E2 Setup on a ready E2 link,
 * tried again after the RIC's time to wait (or 1 s without one) until it is accepted or the link
 * goes; and the RIC Service Update that answers a RIC Service Query.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ranFunctionItem } from '../../../src/ran/index.js';
import { describeCause, oran, PlugfestError, type Session } from '../../../src/sdk/index.js';
import type { E2NodeIdentity } from './e2-identity.js';
import type { RanFunction } from './ran-function.js';

const { TimeToWait } = oran.e2.v1;

// E2AP clause 9.2.5: how long a refused E2 Setup waits before the next try.
const timeToWaitMs: Readonly<Record<number, number>> = {
  [TimeToWait.TIME_TO_WAIT_V1S]: 1000,
  [TimeToWait.TIME_TO_WAIT_V2S]: 2000,
  [TimeToWait.TIME_TO_WAIT_V5S]: 5000,
  [TimeToWait.TIME_TO_WAIT_V10S]: 10_000,
  [TimeToWait.TIME_TO_WAIT_V20S]: 20_000,
  [TimeToWait.TIME_TO_WAIT_V60S]: 60_000,
};
/** Retry delay after a setup that got no answer, or a refusal without a time to wait. */
const setupRetryMs = 1000;

/** What the global procedures need to know of the node. */
export interface E2NodeDescription {
  readonly identity: E2NodeIdentity;
  readonly functions: readonly RanFunction[];
  readonly logger: Logger;
}

/** Runs E2 Setup until the RIC accepts it or the link is no longer ready. */
export async function runE2Setup(session: Session<'e2'>, node: E2NodeDescription): Promise<void> {
  const { logger } = node;
  while (session.link.state === 'ready') {
    let retryMs = setupRetryMs;
    try {
      const answer = await session.request('oran.e2.v1.E2SetupRequest', {
        globalE2NodeId: node.identity.globalE2NodeId,
        ranFunctionsAdded: node.functions.map(ranFunctionItem),
      });
      if (answer.outcome === 'successful') {
        const response = answer.as('oran.e2.v1.E2SetupResponse');
        logger.info(
          {
            ric: session.peer.instanceId,
            nearRtRicId: response.globalRicId?.nearRtRicId,
            accepted: response.ranFunctionsAccepted.map((f) => f.ranFunctionId),
            rejected: response.ranFunctionsRejected.map((f) => ({
              ranFunctionId: f.ranFunctionId,
              cause: describeCause(f.cause),
            })),
          },
          'e2 setup accepted',
        );
        return;
      }
      const refusal = answer.as('oran.e2.v1.E2SetupFailure');
      retryMs = timeToWaitMs[refusal.timeToWait] ?? setupRetryMs;
      logger.warn(
        { ric: session.peer.instanceId, cause: describeCause(refusal.cause), retryInMs: retryMs },
        'e2 setup refused',
      );
    } catch (error) {
      const e = PlugfestError.from(error);
      if (e.code === 'link-closed') return;
      logger.warn(
        { ric: session.peer.instanceId, code: e.code, error: e.rawMessage, retryInMs: retryMs },
        'e2 setup failed',
      );
    }
    await sleep(retryMs);
  }
}

/** RIC Service Query: offers again, in a RIC Service Update, the functions the RIC has not accepted. */
export async function answerServiceQuery(
  query: oran.e2.v1.RicServiceQuery,
  session: Session<'e2'>,
  node: E2NodeDescription,
): Promise<void> {
  const accepted = new Set(query.ranFunctionsAccepted.map((f) => f.ranFunctionId));
  const missing = node.functions.filter((f) => !accepted.has(f.ranFunctionId));
  try {
    const answer = await session.request('oran.e2.v1.RicServiceUpdate', {
      globalE2NodeId: node.identity.globalE2NodeId,
      ranFunctionsAdded: missing.map(ranFunctionItem),
    });
    node.logger.info(
      { ric: session.peer.instanceId, offered: missing.map((f) => f.ranFunctionId), outcome: answer.type },
      'ric service update answered',
    );
  } catch (error) {
    const e = PlugfestError.from(error);
    if (e.code !== 'link-closed')
      node.logger.warn({ code: e.code, error: e.rawMessage }, 'ric service update failed');
  }
}
