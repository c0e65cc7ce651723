/**
 * A RAN function as the E2 node sees it (E2AP clause 9.2.23): what it offers in E2 Setup, and the
 * services it implements, REPORT subscriptions and/or control. Each service model (KPM, RC) is
 * one implementation; an O-DU offers the ones it has, and the E2 node routes by RAN Function ID.
 */
import type { OfferedRanFunction } from '../../../src/ran/index.js';
import type { oran } from '../../../src/sdk/index.js';

type Cause = oran.common.v1.Cause.$Properties;

/** Where a subscription's indications go; throws `link-closed` once the E2 link is gone. */
export type IndicationSink = (indication: oran.e2.v1.RicIndication.$Properties) => Promise<void>;

/** An admitted action, or one refused with its cause (E2AP RIC Actions Not Admitted List). */
export interface ActionVerdict {
  readonly ricActionId: number;
  readonly cause?: Cause;
}

/** What a service model says of a subscription: started (at least one action), or refused. */
export type SubscriptionResult =
  | {
      readonly ok: true;
      readonly admitted: readonly number[];
      readonly notAdmitted: readonly ActionVerdict[];
      /** Stops its indications (delete, reset, link down). Idempotent. */
      readonly stop: () => void;
      /** Facts for the log line. */
      readonly summary: Readonly<Record<string, unknown>>;
    }
  | { readonly ok: false; readonly cause: Cause; readonly notAdmitted: readonly ActionVerdict[] };

/** What a service model says of a control: done (with its encoded outcome), or refused. */
export type ControlResult =
  | { readonly ok: true; readonly outcome: Uint8Array; readonly summary: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly cause: Cause; readonly detail: string; readonly outcome?: Uint8Array };

/** One RAN function of the E2 node: what it offers in E2 Setup, and its services. */
export interface RanFunction extends OfferedRanFunction {
  /** Short name for logs, e.g. "kpm". */
  readonly model: string;
  /** REPORT service: validates the subscription details and, when admitted, starts reporting. */
  subscribe?(request: oran.e2.v1.RicSubscriptionRequest, sink: IndicationSink): SubscriptionResult;
  /** CONTROL service: validates and executes one control. */
  control?(request: oran.e2.v1.RicControlRequest): ControlResult;
}
