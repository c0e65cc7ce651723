/**
 * Carrier cases (O-RAN.WG4.CONF 3.1.10 configurability, 3.1.7 activation): a carrier within the
 * capabilities is accepted, reads back as written and goes ACTIVE; a duplicate eAxC id is refused
 * and nothing applied; activation is refused while sync is not LOCKED.
 */
import { type NetworkContext, oran } from '../../src/conformance/index.js';
import { carrierOf, describeCarrier, duplicateRefusalProblem, readBackDifferences } from './checks.js';
import {
  awaitLocked,
  carrierStateName,
  carriersOf,
  describeRpcErrors,
  expectSubscribed,
  removeCarriers,
  rpc,
  syncName,
  traceOf,
} from './rpc.js';
import { activate, createCarrier, planOf, setCarrierState } from './support.js';
import { mCase, mLink, ofhMFreerunTopology, sharedCase } from './topology.js';

const mp = oran.fronthaul.mplane.v1;

export const carrierConfiguration = mCase({
  id: 'OFH-M-CONF-001',
  title:
    'A carrier within the capabilities is accepted, reads back as written, and goes ACTIVE with sync LOCKED',
  spec: 'O-RAN.WG4.CONF 3.1.10 (configurability), 3.1.7 (activation); o-ran-uplane-conf',
  expectation:
    "A TX and an RX array carrier planned from the O-RU's own capabilities (a bandwidth of 3GPP TS 38.101-1 Table 5.3.2-1 at a supported SCS, a supported compression and width, eAxC ids in range) are accepted by edit-config, read back with the same values in state INACTIVE, and with sync LOCKED each goes ACTIVE on activation and reads back ACTIVE; the O-RU SHOULD notify each change (tx/rx-array-carriers-state-change) within 2 s.",
  async run(ctx: NetworkContext) {
    await expectSubscribed(ctx);
    await awaitLocked(ctx);
    const plan = await planOf(ctx);
    const tx = carrierOf(plan, 'ofhm-conf-tx', [plan.eaxcIdMin]);
    const rx = carrierOf(plan, 'ofhm-conf-rx', [plan.eaxcIdMin + 1]);
    await createCarrier(ctx, 'tx', tx);
    await createCarrier(ctx, 'rx', rx);
    const stored = await carriersOf(ctx, [tx.name, rx.name]);
    for (const written of [tx, rx]) {
      const read = stored.find((c) => c.name === written.name);
      const differences = readBackDifferences(written, read);
      ctx.expect(differences.length === 0, {
        message: `carrier "${written.name}" does not read back as written`,
        expected: describeCarrier(written),
        observed: differences.join('; '),
        link: mLink,
        code: 'carrier-readback',
      });
      ctx.expect(read!.state === mp.CarrierState.CARRIER_STATE_INACTIVE, {
        message: `carrier "${written.name}", written INACTIVE, reads back ${carrierStateName(read!.state)}`,
        expected: 'state INACTIVE',
        observed: `state ${carrierStateName(read!.state)}`,
        link: mLink,
        code: 'carrier-state',
      });
    }
    const since = Date.now();
    for (const carrier of [tx, rx]) await activate(ctx, carrier.name);
    const activeAt = Date.now();
    const after = await carriersOf(ctx, [tx.name, rx.name]);
    const notActive = after.filter((c) => c.state !== mp.CarrierState.CARRIER_STATE_ACTIVE);
    ctx.expect(after.length === 2 && notActive.length === 0, {
      message: 'activated carriers do not read back ACTIVE',
      expected: `${tx.name} and ${rx.name} ACTIVE`,
      observed: after.map((c) => `${c.name} ${carrierStateName(c.state)}`).join(', ') || 'no carrier',
      link: mLink,
      code: 'carrier-state',
    });
    const peer = ctx.fixture.peer('du-1');
    for (const carrier of [tx, rx]) {
      const notified = await peer.waitFor('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', {
        since,
        timeoutMs: Math.max(0, activeAt + 2000 - Date.now()),
        where: (n) =>
          n.carriers.some(
            (c) => c.carrierName === carrier.name && c.state === mp.CarrierState.CARRIER_STATE_ACTIVE,
          ),
      });
      ctx.should(notified !== undefined, {
        message: `no array-carriers-state-change notified "${carrier.name}" ACTIVE`,
        expected: `CarrierStateChangeNotification with ${carrier.name} ACTIVE within 2 s`,
        observed: `${peer.received('oran.fronthaul.mplane.v1.CarrierStateChangeNotification', since).length} carrier notifications`,
        link: mLink,
        code: 'notification-missing',
      });
    }
    ctx.measure('prbCount', plan.prbCount);
    ctx.measure('bandwidthMhz', plan.bandwidthKhz / 1000);
    ctx.measure('scsKhz', plan.scsKhz);
  },
});

/** Creates a carrier and deletes every carrier it leaves: shared. */
export const duplicateEaxcRefused = sharedCase({
  id: 'OFH-M-CONF-002',
  title: 'An eAxC id already used by another carrier is refused with data-not-unique, and nothing is applied',
  spec: 'O-RAN.WG4.CONF 3.1.10 (configurability, duplicate eAxC id); RFC 7950 clause 15.1; RFC 6241 clause 7.2',
  expectation:
    'With TX carrier A configured on eAxC id N, an edit-config creating TX carrier B on the same eAxC id is refused with error-tag "operation-failed" and error-app-tag "data-not-unique" (its error-path SHOULD name carrier B), and, edit-config being atomic, carrier B does not exist afterwards.',
  async run(ctx: NetworkContext) {
    try {
      const plan = await planOf(ctx);
      const eaxc = plan.eaxcIdMin;
      const a = carrierOf(plan, 'ofhm-dup-a', [eaxc]);
      const b = carrierOf(plan, 'ofhm-dup-b', [eaxc]);
      await createCarrier(ctx, 'tx', a);
      const answer = await rpc(ctx, 'edit-config', (s) =>
        s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
          operation: mp.EditOperation.EDIT_OPERATION_CREATE,
          txArrayCarriers: [b],
        }),
      );
      const response = answer.as('oran.fronthaul.mplane.v1.EditConfigResponse');
      const problem = duplicateRefusalProblem(answer.outcome, response.rpcErrors);
      ctx.expect(problem === undefined, {
        message: `a second carrier on eAxC id ${eaxc}: ${problem}`,
        expected: 'rpc-error operation-failed/data-not-unique',
        observed: answer.outcome === 'successful' ? '<ok/>' : describeRpcErrors(response.rpcErrors),
        link: mLink,
        code: answer.outcome === 'successful' ? 'not-refused' : 'wrong-cause',
        trace: traceOf(ctx, answer),
      });
      const path = response.rpcErrors[0]?.errorPath ?? '';
      ctx.should(path.includes(b.name), {
        message: 'the error-path does not name the carrier that brought the duplicate',
        expected: `an error-path naming "${b.name}"`,
        observed: path || '(no error-path)',
        link: mLink,
        code: 'wrong-field',
        trace: traceOf(ctx, answer),
      });
      const stored = await carriersOf(ctx);
      ctx.expect(!stored.some((c) => c.name === b.name), {
        message: `the refused edit-config still created "${b.name}"`,
        expected: 'nothing applied (edit-config is atomic)',
        observed: `carriers ${stored.map((c) => c.name).join(', ')}`,
        link: mLink,
        code: 'edit-not-atomic',
      });
    } finally {
      await removeCarriers(ctx);
    }
  },
});

export const activationNeedsLock = mCase({
  id: 'OFH-M-ACT-001',
  title: 'Activation is refused while sync is not LOCKED, and the carrier stays inactive',
  spec: 'O-RAN.WG4.CONF 3.1.7 (activation); o-ran-sync; o-ran-uplane-conf',
  expectation:
    'With the O-RU held in FREERUN (settings.syncLockDelayMs of an hour), get sync-status reports a state other than LOCKED; a carrier may be configured, but its activation (set carrier state ACTIVE, or edit-config with active ACTIVE) is refused (error-tag SHOULD be "operation-failed") and the carrier never reads back ACTIVE.',
  topology: ofhMFreerunTopology,
  async run(ctx: NetworkContext) {
    const syncAnswer = await rpc(ctx, 'get sync-status', (s) =>
      s.request('oran.fronthaul.mplane.v1.GetSyncStateRequest', {}),
    );
    const sync = syncAnswer.as('oran.fronthaul.mplane.v1.GetSyncStateResponse');
    if (sync.syncState === mp.SyncState.SYNC_STATE_LOCKED) {
      ctx.unsupported({
        message:
          'the O-RU is LOCKED although settings.syncLockDelayMs asks it to stay FREERUN: activation without sync cannot be provoked',
        expected: 'sync-state FREERUN or HOLDOVER',
        observed: 'sync-state LOCKED',
        link: mLink,
        code: 'sync-not-controllable',
        trace: traceOf(ctx, syncAnswer),
      });
    }
    ctx.measure('clockClass', sync.clockClass);
    const plan = await planOf(ctx);
    const carrier = carrierOf(plan, 'ofhm-act-tx', [plan.eaxcIdMin]);
    await createCarrier(ctx, 'tx', carrier);
    const state = syncName(sync.syncState);
    const { answer, response } = await setCarrierState(ctx, carrier.name, true);
    ctx.expect(answer.outcome === 'unsuccessful' && response.state !== mp.CarrierState.CARRIER_STATE_ACTIVE, {
      message: `activation of "${carrier.name}" was not refused with sync-state ${state}`,
      expected: 'rpc-error (operation-failed), carrier left INACTIVE',
      observed: `${answer.outcome}, state ${carrierStateName(response.state)}`,
      link: mLink,
      code: 'activation-without-sync',
      trace: traceOf(ctx, answer),
    });
    ctx.should(response.rpcErrors[0]?.errorTag === 'operation-failed', {
      message: 'activation without sync refused with an unexpected error-tag',
      expected: 'operation-failed',
      observed: describeRpcErrors(response.rpcErrors),
      link: mLink,
      code: 'wrong-cause',
      trace: traceOf(ctx, answer),
    });
    const edit = await rpc(ctx, 'edit-config', (s) =>
      s.request('oran.fronthaul.mplane.v1.EditConfigRequest', {
        operation: mp.EditOperation.EDIT_OPERATION_MERGE,
        txArrayCarriers: [{ name: carrier.name, active: mp.ActiveState.ACTIVE_STATE_ACTIVE }],
      }),
    );
    const editResponse = edit.as('oran.fronthaul.mplane.v1.EditConfigResponse');
    ctx.expect(edit.outcome === 'unsuccessful', {
      message: `edit-config setting "${carrier.name}" active was accepted with sync-state ${state}`,
      expected: 'rpc-error (operation-failed): activation requires LOCKED',
      observed: editResponse.ok ? '<ok/>' : `${edit.outcome} without rpc-error`,
      link: mLink,
      code: 'activation-without-sync',
      trace: traceOf(ctx, edit),
    });
    const [read] = await carriersOf(ctx, [carrier.name]);
    ctx.expect(read !== undefined && read.state !== mp.CarrierState.CARRIER_STATE_ACTIVE, {
      message: `"${carrier.name}" reads back ${read ? carrierStateName(read.state) : 'missing'} after refused activations`,
      expected: 'the carrier, INACTIVE',
      observed: read ? `state ${carrierStateName(read.state)}` : 'no such carrier',
      link: mLink,
      code: 'carrier-state',
    });
    ctx.measure('refusals', [answer, edit].filter((a) => a.outcome === 'unsuccessful').length);
  },
});
