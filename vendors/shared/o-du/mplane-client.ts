/**
 * The O-DU's M-plane start-up of one O-RU (WG4.MP: capability retrieval, configuration,
 * activation), run on every ready ofh-m link: get the capabilities and negotiate a carrier
 * profile (an O-RU it cannot use is logged 'fronthaul incompatible' and left alone), subscribe
 * to notifications, start supervision, wait for sync LOCKED, edit-config the TX and RX carriers,
 * activate both. Any step refused ends the start-up of that O-RU only.
 */
import type { Logger } from 'pino';
import type { DuPreference } from '../../../src/ran/index.js';
import { type Answer, oran, PlugfestError, type Session } from '../../../src/sdk/index.js';
import { carriersEdit, compressionOf, ruCapabilityOf, sameCarrier } from './mplane-model.js';
import { negotiateFully } from './negotiation.js';
import { describeProfile, type RadioUnit } from './radio-unit.js';
import { type SupervisionTimers, superviseRadioUnit } from './supervision.js';

const mp = oran.fronthaul.mplane.v1;
type Mplane = Session<'ofh-m'>;

/** The O-DU's side of the start-up: its preference, supervision timers, and what to call when. */
export interface MplaneFlowOptions {
  readonly preference: DuPreference;
  readonly supervision: SupervisionTimers;
  readonly logger: Logger;
  /** Both carriers are ACTIVE. */
  readonly onActive: (unit: RadioUnit) => void;
  /** Supervision started; the function stops it (link down). */
  readonly onSupervision: (unit: RadioUnit, stop: () => void) => void;
}

/** A step the O-RU refused: the rpc-errors it gave. */
class StepRefused extends Error {
  constructor(
    readonly step: string,
    readonly rpcErrors: readonly Record<string, string | null | undefined>[],
    detail: string,
  ) {
    super(detail);
  }
}

/** Sends one request of the flow; an unsuccessful outcome is a StepRefused with its rpc-errors. */
async function step(session: Mplane, name: string, send: (s: Mplane) => Promise<Answer>): Promise<Answer> {
  const answer = await send(session);
  if (answer.outcome === 'successful') return answer;
  const errors = (
    (answer.message as { rpcErrors?: oran.fronthaul.mplane.v1.RpcError[] }).rpcErrors ?? []
  ).map((e) => ({
    errorTag: e.errorTag,
    errorAppTag: e.errorAppTag,
    errorPath: e.errorPath,
    errorMessage: e.errorMessage,
  }));
  throw new StepRefused(
    name,
    errors,
    errors.map((e) => e.errorMessage || e.errorTag).join('; ') || `${answer.type} unsuccessful`,
  );
}

/** Runs the start-up; resolves when the carriers are active or the start-up stopped. */
export async function bringUpRadioUnit(
  unit: RadioUnit,
  session: Mplane,
  options: MplaneFlowOptions,
): Promise<void> {
  const { logger } = options;
  const { ru } = unit;
  let current = 'get-capabilities';
  try {
    unit.phase = 'negotiating';
    const capabilities = (
      await step(session, current, (s) => s.request('oran.fronthaul.mplane.v1.GetCapabilitiesRequest', {}))
    ).as('oran.fronthaul.mplane.v1.GetCapabilitiesResponse');
    const moduleCapability = capabilities.moduleCapability ?? new mp.ModuleCapability();
    const negotiation = negotiateFully(ruCapabilityOf(moduleCapability), options.preference);
    if (!negotiation.ok) {
      unit.phase = 'incompatible';
      logger.warn(
        {
          ru,
          mismatch: negotiation.mismatch,
          mismatches: negotiation.mismatches,
          reason: negotiation.reason,
          ruOffer: negotiation.ruOffer,
          duOffer: negotiation.duOffer,
        },
        'fronthaul incompatible',
      );
      return;
    }
    unit.profile = negotiation.profile;
    unit.phase = 'configuring';

    current = 'subscribe-notifications';
    await step(session, current, (s) =>
      s.request('oran.fronthaul.mplane.v1.SubscribeNotificationsRequest', { stream: 'NETCONF' }),
    );
    options.onSupervision(unit, superviseRadioUnit(session, options.supervision, ru, logger));

    current = 'sync';
    await waitForSyncLocked(unit, session, logger);

    current = 'edit-config';
    const edit = carriersEdit(
      { tx: unit.txCarrier, rx: unit.rxCarrier, txEaxcId: unit.txEaxcId, rxEaxcId: unit.rxEaxcId },
      negotiation.profile,
      compressionOf(negotiation.profile.compression, moduleCapability),
    );
    if (!(await alreadyConfigured(session, edit, unit, logger))) {
      await step(session, current, (s) => s.request('oran.fronthaul.mplane.v1.EditConfigRequest', edit));
    }

    for (const carrier of [unit.txCarrier, unit.rxCarrier]) {
      current = `activate ${carrier}`;
      await activate(unit, session, carrier, logger);
    }
    unit.phase = 'active';
    for (const carrier of [unit.txCarrier, unit.rxCarrier]) {
      logger.info(
        {
          ru,
          carrier,
          eaxcId: carrier === unit.txCarrier ? unit.txEaxcId : unit.rxEaxcId,
          profile: describeProfile(negotiation.profile),
        },
        'carrier active',
      );
    }
    options.onActive(unit);
  } catch (error) {
    if (error instanceof StepRefused) {
      unit.phase = 'failed';
      logger.warn(
        { ru, step: error.step, detail: error.message, rpcErrors: error.rpcErrors },
        'fronthaul setup failed',
      );
      return;
    }
    const e = PlugfestError.from(error);
    if (e.code === 'link-closed') return;
    unit.phase = 'failed';
    logger.warn({ ru, step: current, code: e.code, detail: e.rawMessage }, 'fronthaul setup failed');
  }
}

/** Polls sync-status until LOCKED; a SyncStateNotification wakes the poll early. */
async function waitForSyncLocked(unit: RadioUnit, session: Mplane, logger: Logger): Promise<void> {
  let logged = false;
  for (;;) {
    const answer = await step(session, 'get-sync-state', (s) =>
      s.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {}),
    );
    unit.syncState = answer.as('oran.fronthaul.mplane.v1.GetSyncStateResponse').syncState;
    if (unit.syncState === mp.SyncState.SYNC_STATE_LOCKED) return;
    if (!logged)
      logger.info({ ru: unit.ru, syncState: mp.SyncState[unit.syncState] }, 'waiting for o-ru sync');
    logged = true;
    await unit.nextNotification(100);
  }
}

/** SetCarrierState ACTIVE, once more after sync if the O-RU lost it in between. */
async function activate(unit: RadioUnit, session: Mplane, carrier: string, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const answer = await session.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName: carrier,
      desiredState: mp.ActiveState.ACTIVE_STATE_ACTIVE,
    });
    const response = answer.as('oran.fronthaul.mplane.v1.SetCarrierStateResponse');
    if (answer.outcome === 'successful' && response.state === mp.CarrierState.CARRIER_STATE_ACTIVE) return;
    if (attempt >= 3) {
      const errors = response.rpcErrors.map((e) => ({
        errorTag: e.errorTag,
        errorAppTag: e.errorAppTag,
        errorMessage: e.errorMessage,
      }));
      throw new StepRefused(
        `activate ${carrier}`,
        errors,
        response.reason || errors.map((e) => e.errorMessage).join('; ') || 'not activated',
      );
    }
    await waitForSyncLocked(unit, session, logger);
  }
}

/**
 * After a link flap the O-RU may still hold our carriers: identical ones are kept, different ones
 * are deactivated and deleted so the new edit-config does not clash with them (eAxC ids are unique).
 */
async function alreadyConfigured(
  session: Mplane,
  edit: oran.fronthaul.mplane.v1.EditConfigRequest.$Properties,
  unit: RadioUnit,
  logger: Logger,
): Promise<boolean> {
  let held: {
    tx: oran.fronthaul.mplane.v1.TxArrayCarrier.$Properties[];
    rx: oran.fronthaul.mplane.v1.RxArrayCarrier.$Properties[];
  };
  try {
    const answer = await session.request('oran.fronthaul.mplane.v1.GetCarriersRequest', {
      carrierNames: [unit.txCarrier, unit.rxCarrier],
    });
    if (answer.outcome !== 'successful') return false;
    const response = answer.as('oran.fronthaul.mplane.v1.GetCarriersResponse');
    held = {
      tx: response.txArrayCarriers.filter((c) => c.name === unit.txCarrier),
      rx: response.rxArrayCarriers.filter((c) => c.name === unit.rxCarrier),
    };
  } catch (error) {
    if (PlugfestError.from(error).code === 'link-closed') throw error;
    return false;
  }
  const wantedTx = edit.txArrayCarriers![0]!;
  const wantedRx = edit.rxArrayCarriers![0]!;
  if (
    held.tx.length === 1 &&
    held.rx.length === 1 &&
    sameCarrier(held.tx[0]!, wantedTx) &&
    sameCarrier(held.rx[0]!, wantedRx)
  ) {
    logger.info({ ru: unit.ru }, 'carriers already configured');
    return true;
  }
  const stale = [...held.tx, ...held.rx].map((c) => c.name ?? '');
  if (stale.length === 0) return false;
  for (const carrierName of stale) {
    await session.request('oran.fronthaul.mplane.v1.SetCarrierStateRequest', {
      carrierName,
      desiredState: mp.ActiveState.ACTIVE_STATE_INACTIVE,
    });
  }
  await step(session, 'delete stale carriers', (s) =>
    s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
      operation: mp.EditOperation.EDIT_OPERATION_DELETE,
      txArrayCarriers: held.tx.map((c) => ({ name: c.name })),
      rxArrayCarriers: held.rx.map((c) => ({ name: c.name })),
    }),
  );
  return false;
}
