/**
 * The RIC's verdict on the RAN functions a node offers (E2 Setup and RIC Service Update):
 * functions of a known service model OID whose definition decodes are accepted; the others are
 * rejected with a cause (E2AP RAN Functions Rejected).
 */
import { serviceModelOf } from '../../../src/ran/index.js';
import { type MessageInitMap, oran, PlugfestError } from '../../../src/sdk/index.js';
import type { RanFunction } from './e2-nodes.js';
import { decodeKpmOffer } from './kpm.js';

type CauseInit = oran.common.v1.Cause.$Properties;

export interface RejectedFunction {
  readonly ranFunctionId: number;
  readonly oid: string;
  readonly cause: CauseInit;
  readonly detail: string;
}

export interface FunctionVerdict {
  readonly accepted: RanFunction[];
  readonly rejected: RejectedFunction[];
}

type RanFunctionItem = oran.e2.v1.RanFunctionItem.$Properties;

/**
 * Sorts offered RAN functions into accepted and rejected, each offered id listed once: an id
 * offered more than once is ambiguous (which definition?), so it is rejected, once, with a
 * semantic-error cause, and none of its offers is accepted.
 */
export function judgeRanFunctions(offered: readonly RanFunctionItem[]): FunctionVerdict {
  const accepted: RanFunction[] = [];
  const rejected: RejectedFunction[] = [];
  const counts = new Map<number, number>();
  for (const item of offered)
    counts.set(item.ranFunctionId ?? 0, (counts.get(item.ranFunctionId ?? 0) ?? 0) + 1);
  const seen = new Set<number>();
  for (const item of offered) {
    const id = item.ranFunctionId ?? 0;
    const oid = item.ranFunctionOid ?? '';
    const model = serviceModelOf(oid);
    if (seen.has(id)) continue;
    seen.add(id);
    const times = counts.get(id) ?? 1;
    if (times > 1) {
      rejected.push({
        ranFunctionId: id,
        oid,
        cause: { protocol: oran.common.v1.CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR },
        detail: `RAN Function ID ${id} offered ${times} times`,
      });
      continue;
    }
    if (!model) {
      rejected.push({
        ranFunctionId: id,
        oid,
        cause: { ricService: oran.common.v1.CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED },
        detail: `no service model with OID ${oid || '(none)'}`,
      });
      continue;
    }
    try {
      const definition = item.ranFunctionDefinition ?? new Uint8Array();
      accepted.push({
        id,
        revision: item.ranFunctionRevision ?? 0,
        oid,
        model,
        ...(model === 'kpm' ? { kpm: decodeKpmOffer(definition) } : {}),
      });
    } catch (error) {
      rejected.push({
        ranFunctionId: id,
        oid,
        cause: { protocol: oran.common.v1.CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR },
        detail: PlugfestError.from(error).rawMessage,
      });
    }
  }
  return { accepted, rejected };
}

/** The accepted and rejected lists as E2SetupResponse / RicServiceUpdateAcknowledge carry them. */
export function verdictLists(verdict: FunctionVerdict): {
  ranFunctionsAccepted: MessageInitMap['oran.e2.v1.RanFunctionIdItem'][];
  ranFunctionsRejected: MessageInitMap['oran.e2.v1.RanFunctionIdCauseItem'][];
} {
  return {
    ranFunctionsAccepted: verdict.accepted.map((f) => ({
      ranFunctionId: f.id,
      ranFunctionRevision: f.revision,
    })),
    ranFunctionsRejected: verdict.rejected.map((f) => ({ ranFunctionId: f.ranFunctionId, cause: f.cause })),
  };
}

/** How logs list functions: "2 kpm" / "7 1.2.3 (ric-service: ran-function-not-supported)". */
export function describeVerdict(verdict: FunctionVerdict): {
  accepted: Array<{ ranFunctionId: number; model: string }>;
  rejected: Array<{ ranFunctionId: number; oid: string; detail: string }>;
} {
  return {
    accepted: verdict.accepted.map((f) => ({ ranFunctionId: f.id, model: f.model })),
    rejected: verdict.rejected.map((f) => ({ ranFunctionId: f.ranFunctionId, oid: f.oid, detail: f.detail })),
  };
}
