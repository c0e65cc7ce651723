/**
 * RIC Subscription cases (O-RAN.WG3.E2AP 8.2.1, 8.2.2a): the RIC subscribes after an accepted
 * setup with a well-formed E2SM-KPM REPORT subscription, and deletes a subscription the node
 * says it must remove.
 */
import { type NetworkContext, oran } from '../../../src/conformance/index.js';
import { requestIdText, sameRequestId } from '../e2ap.js';
import { kpmFunctionId, offeredMeasurements, reportingPeriodOf } from '../e2sm.js';
import { ricE2Link } from '../ric-topology.js';
import { idList } from './ran-functions.js';
import {
  type AcceptedSetup,
  answerMs,
  errorIndicationsText,
  nodeSession,
  setUpCase,
  subscribeMs,
  subscriptionAfter,
} from './support.js';

const { CauseRicRequest } = oran.common.v1;
const kpm = oran.e2sm.kpm.v1;

/** The RIC's subscription after an accepted setup offering KPM and RC; fails the case if none comes. */
async function subscriptionAfterSetup(ctx: NetworkContext, setup: AcceptedSetup, purpose: string) {
  const sub = await subscriptionAfter(ctx, setup, 'E2SetupResponse');
  ctx.expect(sub !== undefined, {
    message: `no RIC Subscription Request within ${subscribeMs / 1000} s of E2 Setup${purpose}`,
    expected: `RicSubscriptionRequest for RAN function ${kpmFunctionId}`,
    observed: `nothing; error indications: ${errorIndicationsText(ctx, setup.at).join(', ') || 'none'}`,
    link: ricE2Link,
    code: 'no-subscription',
    trace: { at: [setup.at] },
  });
  return sub;
}

export const ricSubscribesAfterSetup = setUpCase({
  id: 'E2-SUB-030',
  title: 'After E2 Setup the RIC subscribes with a well-formed KPM REPORT subscription',
  spec: 'O-RAN.WG3.E2AP 8.2.1, 9.1.1.1; O-RAN.WG3.E2SM-KPM event trigger format 1, action definition format 1',
  expectation: `After an accepted E2 Setup offering E2SM-KPM, the RIC sends RIC Subscription Request within ${subscribeMs / 1000} s, relayed after the E2SetupResponse, for the accepted KPM RAN Function ID, with a RIC Request ID, an event trigger that decodes as E2SM-KPM format 1 with a reporting period > 0, and at least one action with distinct action ids; each REPORT action definition decodes as E2SM-KPM with measurements. Measurements the node did not offer and granularity periods that do not divide the reporting period are SHOULDs. The node admits it (test peer default).`,
  async run(ctx: NetworkContext, setup) {
    const sub = await subscriptionAfterSetup(ctx, setup, '');
    ctx.measure('setupToSubscriptionMs', Math.max(0, sub.frame.t - (setup.at + setup.ms)));
    const request = sub.message;
    const here = { link: ricE2Link, code: 'wrong-field', trace: { at: [sub.frame.t] } } as const;
    ctx.expect(request.ranFunctionId === kpmFunctionId, {
      ...here,
      message: 'the subscription names another RAN function than the accepted E2SM-KPM one',
      expected: `RAN Function ID ${kpmFunctionId}`,
      observed: `RAN Function ID ${request.ranFunctionId}`,
    });
    ctx.expect(!!request.ricRequestId, {
      ...here,
      message: 'the subscription has no RIC Request ID',
      expected: 'RIC Request ID (RIC Requestor ID, RIC Instance ID)',
      observed: 'none',
    });
    const period = reportingPeriodOf(request.ricSubscriptionDetails?.ricEventTriggerDefinition);
    ctx.expect(period !== undefined && period > 0, {
      ...here,
      message: 'the event trigger is not an E2SM-KPM periodic trigger',
      expected: 'EventTriggerDefinition format 1 with reportingPeriodMs > 0',
      observed: period === undefined ? 'does not decode, or no format 1' : `reportingPeriodMs ${period}`,
    });
    ctx.measure('reportingPeriodMs', period);
    const actions = request.ricSubscriptionDetails?.ricActionToBeSetupList ?? [];
    ctx.expect(actions.length > 0, {
      ...here,
      message: 'the subscription has no action',
      expected: '>= 1 action',
      observed: '0',
    });
    const actionIds = actions.map((a) => a.ricActionId ?? 0);
    ctx.expect(new Set(actionIds).size === actionIds.length, {
      ...here,
      message: 'the subscription repeats an action id',
      expected: 'distinct RIC Action IDs',
      observed: idList(actionIds),
    });
    for (const action of actions) {
      if (action.ricActionType !== oran.e2.v1.RicActionType.RIC_ACTION_TYPE_REPORT) continue;
      let definition: oran.e2sm.kpm.v1.ActionDefinition | undefined;
      try {
        definition = kpm.ActionDefinition.decode(action.ricActionDefinition ?? new Uint8Array());
      } catch {
        definition = undefined;
      }
      const names = (definition?.format1?.measInfoList ?? []).map((m) => m.measName ?? '');
      ctx.expect(names.length > 0, {
        ...here,
        message: `action ${action.ricActionId}: the definition is not an E2SM-KPM measurement report`,
        expected: 'ActionDefinition format 1 with a measInfoList',
        observed: definition ? 'no measurement' : 'does not decode',
      });
      const unoffered = names.filter((n) => !offeredMeasurements.includes(n));
      ctx.should(unoffered.length === 0, {
        ...here,
        message: `action ${action.ricActionId} asks for measurements the node did not offer`,
        expected: `measurements among ${offeredMeasurements.join(', ')}`,
        observed: unoffered.join(', '),
      });
      const granularity = definition?.format1?.granularityPeriodMs || period;
      ctx.should(granularity <= period && period % granularity === 0, {
        ...here,
        message: `action ${action.ricActionId}: the granularity period does not divide the reporting period`,
        expected: `a divisor of ${period} ms`,
        observed: `${granularity} ms`,
      });
    }
  },
});

export const ricDeletesOnDeleteRequired = setUpCase({
  id: 'E2-SUB-031',
  title: 'RIC Subscription Delete Required from the node makes the RIC delete that subscription',
  spec: 'O-RAN.WG3.E2AP 8.2.2a (RIC Subscription Delete Required), 8.2.2',
  expectation:
    'Once the RIC has a subscription the node admitted, the node sends RIC Subscription Delete Required naming it (cause ric-request: function-resource-limit). The RIC starts RIC Subscription Delete within 3 s with a RicSubscriptionDeleteRequest naming the same RIC Request ID and RAN Function ID (the node confirms, test peer default). E2AP 8.2.2a is a v2.0 procedure: a RIC answering with an error indication lacks it, and fails.',
  async run(ctx: NetworkContext, setup) {
    const sub = await subscriptionAfterSetup(ctx, setup, ': nothing to delete');
    const net = ctx.fixture;
    const { ricRequestId, ranFunctionId } = sub.message;
    // The node's admission on the wire first, so the RIC holds an admitted subscription.
    await net.frames.next(
      { link: ricE2Link, type: 'oran.e2.v1.RicSubscriptionResponse', since: sub.frame.t },
      answerMs,
    );
    const session = await nodeSession(ctx);
    const at = Date.now();
    await session.send('oran.e2.v1.RicSubscriptionDeleteRequired', {
      ricSubscriptionsToBeRemoved: [
        {
          ricRequestId,
          ranFunctionId,
          cause: { ricRequest: CauseRicRequest.CAUSE_RIC_REQUEST_FUNCTION_RESOURCE_LIMIT },
        },
      ],
    });
    const found = await net.frames.next(
      { link: ricE2Link, type: 'oran.e2.v1.RicSubscriptionDeleteRequest', since: at },
      answerMs,
    );
    const errors = errorIndicationsText(ctx, at);
    ctx.expect(found !== undefined, {
      message: 'no RIC Subscription Delete after RIC Subscription Delete Required',
      expected: `RicSubscriptionDeleteRequest for ${requestIdText(ricRequestId)} within ${answerMs} ms`,
      observed: errors.length ? `error indication: ${errors.join(', ')}` : 'nothing',
      link: ricE2Link,
      code: errors.length ? 'unsupported-procedure' : 'missing-frame',
      trace: { at: [at] },
    });
    ctx.measure('deleteRequiredToDeleteMs', found.t - at);
    const deletion = found.fields;
    ctx.expect(
      sameRequestId(deletion.ricRequestId, ricRequestId) && (deletion.ranFunctionId ?? 0) === ranFunctionId,
      {
        message: 'the RIC deleted another subscription than the one the node named',
        expected: `RIC Request ID ${requestIdText(ricRequestId)}, RAN function ${ranFunctionId}`,
        observed: `RIC Request ID ${requestIdText(deletion.ricRequestId)}, RAN function ${deletion.ranFunctionId ?? 0}`,
        link: ricE2Link,
        code: 'wrong-field',
        trace: { at: [at, found.t] },
      },
    );
  },
});
