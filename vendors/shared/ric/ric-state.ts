/**
 * One running near-RT RIC: its settings, the E2 nodes it knows, their subscriptions and its A1
 * policies, and the hooks through which a vendor's own code (its xApps) acts on them. A vendor
 * run has exactly one, made on first use from the vendor context.
 */
import type { Logger } from 'pino';
import type { oran, VendorContext } from '../../../src/sdk/index.js';
import { notifyStatusChange } from './a1-notifications.js';
import type { PolicyAssessment } from './a1-policy-status.js';
import { type Policy, type PolicyChange, PolicyStore } from './a1-policy-store.js';
import { type E2Node, E2NodeRegistry } from './e2-nodes.js';
import type { FunctionVerdict } from './e2-setup.js';
import type { KpmReport } from './kpm.js';
import { type RicSettings, readRicSettings } from './settings.js';
import { type Subscription, SubscriptionManager } from './subscriptions.js';

/** An E2 Setup the vendor refuses: E2SetupFailure with this cause and time to wait. */
export interface SetupRefusal {
  readonly cause: oran.common.v1.Cause.$Properties;
  readonly timeToWait: oran.e2.v1.TimeToWait;
  /** For the log. */
  readonly reason: string;
}

/** What a vendor's own code does on the RIC's events. Every hook is optional but assessPolicy. */
export interface RicHooks {
  /** After the RAN functions are judged; a refusal answers E2SetupFailure. Default: accept. */
  readonly refuseSetup?: (verdict: FunctionVerdict, ric: Ric) => SetupRefusal | undefined;
  /** Each KPM report, after it is logged. */
  readonly onReport?: (report: KpmReport, node: E2Node, subscription: Subscription, ric: Ric) => void;
  /** A node set up (again), reset (either side) or down: per-node state of the xApps is stale. */
  readonly onNodeChange?: (node: E2Node, change: 'setup' | 'reset' | 'down', ric: Ric) => void;
  /** The xApps' verdict on a policy (its status). */
  readonly assessPolicy: (policy: Omit<Policy, 'status'>, ric: Ric) => PolicyAssessment;
  readonly onPolicyChange?: (change: PolicyChange, ric: Ric) => void;
}

export interface Ric {
  readonly settings: RicSettings;
  readonly logger: Logger;
  readonly context: VendorContext;
  readonly nodes: E2NodeRegistry;
  readonly subscriptions: SubscriptionManager;
  readonly policies: PolicyStore;
  readonly hooks: RicHooks;
}

/** Throws `config-invalid` when the settings are unusable. */
export function createRic(context: VendorContext, hooks: RicHooks): Ric {
  const settings = readRicSettings(context.config);
  const logger = context.logger;
  const ric: Ric = {
    settings,
    logger,
    context,
    hooks,
    nodes: new E2NodeRegistry(),
    subscriptions: new SubscriptionManager({
      periodMs: settings.kpmPeriodMs,
      logger: logger.child({ interface: 'e2' }),
    }),
    policies: new PolicyStore({
      assess: (policy) => hooks.assessPolicy(policy, ric),
      onChange: (change) => {
        notifyStatusChange(ric, change);
        hooks.onPolicyChange?.(change, ric);
      },
    }),
  };
  return ric;
}
