/**
 * A scripted E2 node (an O-DU as far as E2 goes) and a scripted A1 consumer, for driving a RIC
 * process from a test: real links on loopback, E2SM payloads encoded with the generated code,
 * and every initiating message the RIC sends kept so the test can take them in order.
 */
import { pino } from 'pino';
import { connectLink, type Link } from '../../src/transport/index.js';
import {
  type Frame,
  interfaceSpecs,
  type MessageInitMap,
  type MessageType,
  oran,
  type RoleName,
} from '../../src/wire/index.js';

const kpm = oran.e2sm.kpm.v1;
const rc = oran.e2sm.rc.v1;

export const kpmOid = '1.3.6.1.4.1.53148.1.2.2.2';
export const rcOid = '1.3.6.1.4.1.53148.1.1.2.3';
export const cell = { plmnId: '00101', nrCellIdentity: '000000010' };
export const offeredMeasurements = [
  'DRB.UEThpDl',
  'DRB.UEThpUl',
  'RRU.PrbUsedDl',
  'RRU.PrbUsedUl',
  'RRU.PrbAvailDl',
  'RRU.PrbTotDl',
  'RRC.ConnMean',
  'RRC.ConnMax',
];

type RanFunctionItem = MessageInitMap['oran.e2.v1.RanFunctionItem'];

export function kpmFunction(measurements = offeredMeasurements): RanFunctionItem {
  return {
    ranFunctionId: 2,
    ranFunctionRevision: 1,
    ranFunctionOid: kpmOid,
    ranFunctionDefinition: kpm.RanFunctionDefinition.encode({
      ranFunctionName: {
        ranFunctionShortName: 'ORAN-E2SM-KPM',
        ranFunctionE2smOid: kpmOid,
        ranFunctionDescription: 'KPM Monitor',
      },
      cellGlobalIdList: [cell],
      ricEventTriggerStyleList: [
        {
          ricEventTriggerStyleType: 1,
          ricEventTriggerStyleName: 'Periodic Report',
          ricEventTriggerFormatType: 1,
        },
      ],
      ricReportStyleList: [
        {
          ricReportStyleType: 1,
          ricReportStyleName: 'E2 Node Measurement',
          ricActionFormatType: 1,
          measInfoActionList: measurements.map((measName) => ({ measName })),
          ricIndicationHeaderFormatType: 1,
          ricIndicationMessageFormatType: 1,
        },
      ],
    }).finish(),
  };
}

export function rcFunction(): RanFunctionItem {
  return {
    ranFunctionId: 3,
    ranFunctionRevision: 1,
    ranFunctionOid: rcOid,
    ranFunctionDefinition: rc.RanFunctionDefinition.encode({
      ranFunctionName: { ranFunctionShortName: 'ORAN-E2SM-RC', ranFunctionE2smOid: rcOid },
      ricControlStyleList: [
        {
          ricControlStyleType: 2,
          ricControlStyleName: 'Radio Resource Allocation Control',
          ricControlActionList: [{ ricControlActionId: 6, ricControlActionName: 'Slice-level PRB quota' }],
        },
      ],
    }).finish(),
  };
}

export function unknownFunction(oid = '1.3.6.1.4.1.99999.1.1'): RanFunctionItem {
  return { ranFunctionId: 9, ranFunctionRevision: 1, ranFunctionOid: oid };
}

/** Keeps a link's initiating messages and hands them out in order, by type. */
class Inbox {
  readonly frames: Frame[] = [];
  readonly #taken = new Set<Frame>();
  readonly #waiters = new Set<() => void>();

  constructor(link: Link) {
    link.on('message', (frame) => {
      this.frames.push(frame);
      for (const wake of this.#waiters) wake();
    });
  }

  /** The next message of this type not taken yet, waiting up to `timeoutMs`. */
  next<K extends MessageType>(type: K, timeoutMs = 3000): Promise<Frame<K>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const frame = this.frames.find((f) => f.type === type && !this.#taken.has(f));
        if (!frame) return;
        this.#taken.add(frame);
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(frame as Frame<K>);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(`no ${type} within ${timeoutMs} ms; got ${this.frames.map((f) => f.type).join(', ')}`),
        );
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }

  count(type: MessageType): number {
    return this.frames.filter((f) => f.type === type).length;
  }
}

async function open(url: string, iface: 'e2' | 'a1', instanceId: string, role: RoleName): Promise<Link> {
  return connectLink({
    url,
    spec: interfaceSpecs[iface],
    identity: { instanceId, vendorId: 'scripted', role, productVersion: '0.0.1' },
    logger: pino({ level: 'silent' }),
    // Longer than any test: a scripted peer sends no heartbeats of its own accord.
    supervision: { intervalMs: 60_000, guardMs: 10_000 },
  });
}

export interface IndicationOptions {
  readonly sn?: number;
  readonly values: Record<string, number>;
}

export class ScriptedE2Node {
  readonly inbox: Inbox;

  private constructor(readonly link: Link) {
    this.inbox = new Inbox(link);
  }

  static async connect(url: string, instanceId = 'du-1'): Promise<ScriptedE2Node> {
    return new ScriptedE2Node(await open(url, 'e2', instanceId, 'o-du'));
  }

  setup(functions: RanFunctionItem[], nodeId = 16): Promise<Frame> {
    return this.link.request('oran.e2.v1.E2SetupRequest', {
      globalE2NodeId: { plmnId: '00101', nodeType: oran.e2.v1.E2NodeType.E2_NODE_TYPE_GNB_DU, nodeId },
      ranFunctionsAdded: functions,
    });
  }

  next<K extends MessageType>(type: K, timeoutMs?: number): Promise<Frame<K>> {
    return this.inbox.next(type, timeoutMs);
  }

  /** Takes the next subscription request and admits it. */
  async admitSubscription(): Promise<Frame<'oran.e2.v1.RicSubscriptionRequest'>> {
    const request = await this.next('oran.e2.v1.RicSubscriptionRequest');
    await this.link.reply(request, 'oran.e2.v1.RicSubscriptionResponse', {
      ricRequestId: request.message.ricRequestId,
      ranFunctionId: request.message.ranFunctionId,
      ricActionsAdmitted: [1],
    });
    return request;
  }

  /** A KPM report for the subscription, with the subscribed names in order. */
  async indicate(
    subscription: Frame<'oran.e2.v1.RicSubscriptionRequest'>,
    options: IndicationOptions,
  ): Promise<void> {
    const names = subscribedMeasurements(subscription);
    await this.link.send('oran.e2.v1.RicIndication', {
      ricRequestId: subscription.message.ricRequestId,
      ranFunctionId: subscription.message.ranFunctionId,
      ricActionId: 1,
      ricIndicationSn: options.sn ?? 1,
      ricIndicationType: oran.e2.v1.RicIndicationType.RIC_INDICATION_TYPE_REPORT,
      ricIndicationHeader: kpm.IndicationHeader.encode({
        format1: {
          colletStartTimeUnixMs: Date.now(),
          fileFormatVersion: '1.0',
          senderName: 'du-1',
          senderType: 'O-DU',
          vendorName: 'scripted',
        },
      }).finish(),
      ricIndicationMessage: kpm.IndicationMessage.encode({
        format1: {
          measInfoList: names.map((measName) => ({ measName })),
          measData: [{ measRecord: names.map((name) => ({ real: options.values[name] ?? 0 })) }],
          granularityPeriodMs: 1000,
        },
      }).finish(),
    });
  }

  close(): Promise<unknown> {
    return this.link.close();
  }
}

export function subscribedMeasurements(subscription: Frame<'oran.e2.v1.RicSubscriptionRequest'>): string[] {
  const action = subscription.message.ricSubscriptionDetails?.ricActionToBeSetupList?.[0];
  const definition = kpm.ActionDefinition.decode(action?.ricActionDefinition ?? new Uint8Array());
  return (definition.format1?.measInfoList ?? []).map((m) => m.measName ?? '');
}

export function reportingPeriodMs(subscription: Frame<'oran.e2.v1.RicSubscriptionRequest'>): number {
  const trigger = subscription.message.ricSubscriptionDetails?.ricEventTriggerDefinition ?? new Uint8Array();
  return kpm.EventTriggerDefinition.decode(trigger).format1?.reportingPeriodMs ?? 0;
}

/** The slice quota a control carries. */
export function quotaOf(control: Frame<'oran.e2.v1.RicControlRequest'>) {
  const header = rc.ControlHeader.decode(control.message.ricControlHeader).format1;
  const quota = rc.ControlMessage.decode(control.message.ricControlMessage).slicePrbQuota;
  return { header, quota, item: quota?.rrmPolicyRatioList?.[0] };
}

/** Acknowledges a slice quota control with the applied max ratio. */
export async function acknowledgeControl(
  node: ScriptedE2Node,
  control: Frame<'oran.e2.v1.RicControlRequest'>,
  maxRatio: number,
): Promise<void> {
  await node.link.reply(control, 'oran.e2.v1.RicControlAcknowledge', {
    ricRequestId: control.message.ricRequestId,
    ranFunctionId: control.message.ranFunctionId,
    ricControlOutcome: rc.ControlOutcome.encode({
      format1: {
        ranPList: [
          {
            ranParameterId: 11,
            ranParameterName: 'Max PRB Policy Ratio',
            ranParameterValue: { valueInt: maxRatio },
          },
        ],
        appliedAtUnixMs: Date.now(),
      },
    }).finish(),
  });
}

/** An A1 consumer (the SMO / non-RT RIC side). */
export class ScriptedA1Consumer {
  readonly inbox: Inbox;

  private constructor(readonly link: Link) {
    this.inbox = new Inbox(link);
  }

  static async connect(url: string): Promise<ScriptedA1Consumer> {
    return new ScriptedA1Consumer(await open(url, 'a1', 'smo', 'smo'));
  }

  /** Sends a request; resolves with the answer and whether it was a failure. */
  async call<K extends MessageType>(
    type: K,
    message: MessageInitMap[K],
  ): Promise<{ ok: boolean; frame: Frame; failure?: oran.a1.v1.A1Failure }> {
    const frame = await this.link.request(type, message);
    const ok = frame.header.pduKind !== oran.common.v1.PduKind.PDU_KIND_UNSUCCESSFUL_OUTCOME;
    return ok ? { ok, frame } : { ok, frame, failure: frame.message as oran.a1.v1.A1Failure };
  }

  close(): Promise<unknown> {
    return this.link.close();
  }
}
