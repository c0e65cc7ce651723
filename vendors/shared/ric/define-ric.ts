/**
 * A near-RT RIC vendor on the shared core: E2 termination and A1 served, the vendor's own
 * behaviour (its xApps) in the hooks. The core is made on first use from the vendor context,
 * once per run; a config it cannot use stops the process with status 2 (vendor contract).
 */
import {
  defineNearRtRic,
  PlugfestError,
  type VendorContext,
  type VendorDefinition,
} from '../../../src/sdk/index.js';
import type { PolicyTypeDefinition } from './a1-policy-store.js';
import { a1Service } from './a1-service.js';
import { e2Termination } from './e2-termination.js';
import { createRic, type Ric, type RicHooks } from './ric-state.js';

export interface RicDefinition extends RicHooks {
  /** Announced in Hello. */
  readonly productVersion: string;
  /** Announced in Hello, e.g. "e2sm-kpm.v1". */
  readonly features: readonly string[];
  /** Policy types the RIC's xApps register at start. Default none. */
  readonly policyTypes?: readonly PolicyTypeDefinition[];
  /** After the core is made and the policy types registered. */
  readonly start?: (ric: Ric) => void;
}

/** Time the RIC gives each node to confirm a subscription delete when it stops. */
const stopDeleteTimeoutMs = 1000;

export function defineRic(definition: RicDefinition): VendorDefinition<'near-rt-ric'> {
  let ric: Ric | undefined;
  const ricOf = (context: VendorContext): Ric => {
    ric ??= createRic(context, definition);
    return ric;
  };

  return defineNearRtRic({
    productVersion: definition.productVersion,
    features: definition.features,
    serves: { e2: e2Termination(ricOf), a1: a1Service(ricOf) },

    start(context) {
      let started: Ric;
      try {
        started = ricOf(context);
      } catch (error) {
        process.stderr.write(`${context.config.instance}: ${PlugfestError.from(error).rawMessage}\n`);
        process.exit(2);
      }
      for (const type of definition.policyTypes ?? []) {
        const result = started.policies.createType(type);
        if (!result.ok)
          throw new PlugfestError('internal', `policy type ${type.policyTypeId}: ${result.detail}`);
        started.logger.info(
          { interface: 'a1', policyTypeId: type.policyTypeId, name: type.name },
          'a1 policy type registered',
        );
      }
      started.logger.info(
        {
          nearRtRicId: started.settings.nearRtRicId,
          kpmPeriodMs: started.settings.kpmPeriodMs,
          policyTypes: started.policies.typeIds(),
        },
        'ric started',
      );
      definition.start?.(started);
    },

    /** Deletes its subscriptions (as OSC's submgr does when its xApp goes), then closes. */
    async stop() {
      if (!ric) return;
      const running = ric;
      await Promise.all(
        running.subscriptions
          .all()
          .map((s) => running.subscriptions.delete(s, 'ric stopping', stopDeleteTimeoutMs)),
      );
      running.policies.dispose();
    },
  });
}
