/**
 * Sagebrush's closed-loop xApp: it watches each node's DL PRB usage in the KPM reports and,
 * when it passes the threshold, caps the slice's PRBs with an E2SM-RC slice-level PRB quota
 * (style 2, action 6). An A1 policy of type 21000 "plugfest.slice-prb-quota" replaces the
 * threshold and the cap for its slice. Each node gets a quota value at most once (not one
 * control per indication), until the node is set up again, reset or lost.
 */
import { describeCause, oran, PlugfestError } from '../../src/sdk/index.js';
import {
  appliedRanParameters,
  cellOf,
  controlRequestorId,
  defaultSlice,
  type E2Node,
  functionOf,
  type KpmReport,
  nodeFields,
  type Policy,
  type PolicyAssessment,
  type PolicyChange,
  type PolicyTypeDefinition,
  type Ric,
  requestIdText,
  slicePrbQuotaControl,
} from '../shared/ric/index.js';

/** The policy type sagebrush registers at start (an OSC-style integer id). */
export const slicePrbQuotaPolicyTypeId = 21000;

export const slicePrbQuotaPolicyType: PolicyTypeDefinition = {
  policyTypeId: slicePrbQuotaPolicyTypeId,
  name: 'plugfest.slice-prb-quota',
  description: 'Cap the PRBs of a slice when the DL PRB usage of its cell passes a threshold',
  createSchema: JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      threshold: {
        type: 'number',
        minimum: 0,
        maximum: 100,
        description: 'RRU.PrbUsedDl (%) that triggers the quota',
      },
      maxPrbRatio: {
        type: 'integer',
        minimum: 1,
        maximum: 100,
        description: 'Max PRB Policy Ratio (%) of the slice',
      },
      sst: { type: 'integer', description: 'S-NSSAI Slice/Service Type' },
      sd: { type: 'string', description: 'S-NSSAI Slice Differentiator, 6 hexadecimal digits' },
    },
    required: ['threshold', 'maxPrbRatio', 'sst', 'sd'],
    additionalProperties: false,
  }),
};

/** The loop's behaviour without a policy: above 70 % DL PRB usage, cap the UEs' slice at 50 %. */
export const closedLoopDefaults = Object.freeze({
  thresholdPercent: 70,
  maxPrbRatio: 50,
  slice: defaultSlice,
});

/** When and how hard the loop caps one slice. */
export interface QuotaRule {
  readonly slice: { readonly sst: number; readonly sd: string };
  readonly thresholdPercent: number;
  readonly maxPrbRatio: number;
  /** The A1 policy the rule comes from; absent for the defaults. */
  readonly policyId?: string;
}

interface SlicePrbQuotaObject {
  readonly threshold: number;
  readonly maxPrbRatio: number;
  readonly sst: number;
  readonly sd: string;
}

const sliceText = (slice: QuotaRule['slice']) => `${slice.sst}-${slice.sd.toLowerCase()}`;

export class ClosedLoop {
  /** Per node, per slice: the max PRB ratio last sent. */
  readonly #sent = new Map<string, Map<string, number>>();
  #nextInstanceId = 1;

  /** The rules in force: the defaults, with each slice's enforced policy (newest) in their place. */
  rules(ric: Ric): QuotaRule[] {
    const bySlice = new Map<string, QuotaRule>([
      [
        sliceText(closedLoopDefaults.slice),
        {
          slice: closedLoopDefaults.slice,
          thresholdPercent: closedLoopDefaults.thresholdPercent,
          maxPrbRatio: closedLoopDefaults.maxPrbRatio,
        },
      ],
    ]);
    for (const policy of ric.policies.enforced(slicePrbQuotaPolicyTypeId)) {
      const rule = ruleOf(policy);
      bySlice.set(sliceText(rule.slice), rule);
    }
    return [...bySlice.values()];
  }

  /** A policy of type 21000 is enforced when its slice is configured in the RAN. */
  assess(policy: Omit<Policy, 'status'>, ric: Ric): PolicyAssessment {
    if (policy.policyTypeId !== slicePrbQuotaPolicyTypeId) {
      return { enforced: false, reason: 'statement-not-applicable' };
    }
    const { sst, sd } = policy.object as SlicePrbQuotaObject;
    const known = ric.settings.slices.some((s) => s.sst === sst && s.sd === sd.toLowerCase());
    return known ? { enforced: true } : { enforced: false, reason: 'scope-not-applicable' };
  }

  onReport(report: KpmReport, node: E2Node, ric: Ric): void {
    const prbUsedDl = report.measurements['RRU.PrbUsedDl'];
    if (typeof prbUsedDl !== 'number') return;
    if (!functionOf(node, 'rc')) return;
    for (const rule of this.rules(ric)) {
      if (prbUsedDl <= rule.thresholdPercent) continue;
      const sent = this.#sent.get(node.key) ?? new Map<string, number>();
      if (sent.get(sliceText(rule.slice)) === rule.maxPrbRatio) continue;
      sent.set(sliceText(rule.slice), rule.maxPrbRatio);
      this.#sent.set(node.key, sent);
      void this.#control(ric, node, rule, prbUsedDl);
    }
  }

  /** The node's state changed: what it was sent no longer holds. */
  forget(node: E2Node): void {
    this.#sent.delete(node.key);
  }

  policyChanged(change: PolicyChange, ric: Ric): void {
    if (change.policy.policyTypeId !== slicePrbQuotaPolicyTypeId || change.kind === 'vanished') return;
    ric.logger.info(
      { policyId: change.policy.policyId, change: change.kind, rules: this.rules(ric) },
      'closed loop rules changed',
    );
    if (change.kind === 'deleted') this.#withdraw(change.policy, ric);
  }

  /**
   * A deleted policy's quota must not outlive it: each node still holding it gets the quota now in
   * force for the slice (another policy's, or the default cap), at once, not at the next threshold.
   */
  #withdraw(policy: Policy, ric: Ric): void {
    const withdrawn = ruleOf(policy);
    const slice = sliceText(withdrawn.slice);
    const now = this.rules(ric).find((r) => sliceText(r.slice) === slice);
    if (!now) return;
    for (const node of ric.nodes.up()) {
      const sent = this.#sent.get(node.key);
      if (sent?.get(slice) !== withdrawn.maxPrbRatio || now.maxPrbRatio === withdrawn.maxPrbRatio) continue;
      if (!functionOf(node, 'rc')) continue;
      sent.set(slice, now.maxPrbRatio);
      void this.#control(ric, node, now, Number.NaN);
    }
  }

  async #control(ric: Ric, node: E2Node, rule: QuotaRule, prbUsedDl: number): Promise<void> {
    const rc = functionOf(node, 'rc')!;
    const cell = cellOf(node);
    const fields = {
      ...nodeFields(node),
      slice: rule.slice,
      maxPrbRatio: rule.maxPrbRatio,
      ...(rule.policyId ? { policyId: rule.policyId } : {}),
    };
    if (!cell) {
      ric.logger.warn(
        { ...fields, reason: 'the node named no cell in its KPM RAN function' },
        'rc control skipped',
      );
      return;
    }
    const ricRequestId = { ricRequestorId: controlRequestorId, ricInstanceId: this.#allocateInstanceId() };
    const { header, message } = slicePrbQuotaControl({
      cell,
      slice: rule.slice,
      minPrbPolicyRatio: 0,
      maxPrbPolicyRatio: rule.maxPrbRatio,
      dedicatedPrbPolicyRatio: 0,
    });
    const sentFields = { ...fields, ricRequestId: requestIdText(ricRequestId), ranFunctionId: rc.id };
    ric.logger.info(
      { ...sentFields, cell: cell.nrCellIdentity, prbUsedDl, thresholdPercent: rule.thresholdPercent },
      'rc control sent',
    );
    try {
      const answer = await node.session.request('oran.e2.v1.RicControlRequest', {
        ricRequestId,
        ranFunctionId: rc.id,
        ricControlHeader: header,
        ricControlMessage: message,
        ricControlAckRequest: oran.e2.v1.RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK,
      });
      if (answer.outcome === 'successful') {
        const ack = answer.as('oran.e2.v1.RicControlAcknowledge');
        ric.logger.info(
          { ...sentFields, applied: appliedRanParameters(ack.ricControlOutcome) },
          'rc control acknowledged',
        );
        return;
      }
      const failed = answer.as('oran.e2.v1.RicControlFailure');
      ric.logger.warn(
        {
          ...sentFields,
          cause: describeCause(failed.cause),
          applied: appliedRanParameters(failed.ricControlOutcome),
        },
        'rc control failed',
      );
    } catch (error) {
      const e = PlugfestError.from(error);
      ric.logger.warn({ ...sentFields, code: e.code, detail: e.rawMessage }, 'rc control failed');
    }
  }

  #allocateInstanceId(): number {
    const id = this.#nextInstanceId;
    this.#nextInstanceId = id >= 65535 ? 1 : id + 1;
    return id;
  }
}

function ruleOf(policy: Policy): QuotaRule {
  const object = policy.object as SlicePrbQuotaObject;
  return {
    slice: { sst: object.sst, sd: object.sd.toLowerCase() },
    thresholdPercent: object.threshold,
    maxPrbRatio: object.maxPrbRatio,
    policyId: policy.policyId,
  };
}
