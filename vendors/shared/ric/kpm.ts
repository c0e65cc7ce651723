/**
 * E2SM-KPM as the RIC uses it: reading what a node offers in its RAN Function Definition,
 * writing a periodic subscription, and reading indications into measurement values by name.
 * Undecodable payloads throw `malformed-frame`, which the SDK answers with an error indication.
 */
import {
  kpmNodeMeasurementReportStyle,
  kpmPeriodicTriggerStyle,
  type NrCgi,
} from '../../../src/ran/index.js';
import { type MessageInitMap, oran, PlugfestError } from '../../../src/sdk/index.js';

const kpm = oran.e2sm.kpm.v1;

/** NR CGI as the E2SM messages carry it. */
export type CellGlobalId = NrCgi;

/** What a node's KPM RAN function offers. */
export interface KpmOffer {
  readonly cells: readonly CellGlobalId[];
  /** measNames of report style 1; empty when the node lists none. */
  readonly measurements: readonly string[];
  readonly periodicTrigger: boolean;
}

/** One KPM report, the most recent granularity period of an indication. */
export interface KpmReport {
  readonly collectedAtUnixMs: number;
  readonly senderName: string;
  readonly granularityPeriodMs: number;
  /** Value per measurement name; null where the node reported noValue. */
  readonly measurements: Readonly<Record<string, number | null>>;
  readonly incomplete: boolean;
}

export function decodeKpmOffer(definition: Uint8Array): KpmOffer {
  const decoded = decode(() => kpm.RanFunctionDefinition.decode(definition), 'KPM RAN function definition');
  const reportStyle = decoded.ricReportStyleList.find(
    (s) => s.ricReportStyleType === kpmNodeMeasurementReportStyle,
  );
  return {
    cells: decoded.cellGlobalIdList.map((c) => ({
      plmnId: c.plmnId ?? '',
      nrCellIdentity: c.nrCellIdentity ?? '',
    })),
    measurements: (reportStyle?.measInfoActionList ?? []).map((m) => m.measName ?? ''),
    periodicTrigger:
      decoded.ricEventTriggerStyleList.length === 0 ||
      decoded.ricEventTriggerStyleList.some((s) => s.ricEventTriggerStyleType === kpmPeriodicTriggerStyle),
  };
}

/** RIC Subscription Details of a periodic report of `measurements` (action 1, REPORT). */
export function kpmSubscriptionDetails(options: {
  readonly periodMs: number;
  readonly measurements: readonly string[];
  readonly cell: CellGlobalId | undefined;
}): NonNullable<MessageInitMap['oran.e2.v1.RicSubscriptionRequest']['ricSubscriptionDetails']> {
  const trigger = kpm.EventTriggerDefinition.encode({
    format1: { reportingPeriodMs: options.periodMs },
  }).finish();
  const action = kpm.ActionDefinition.encode({
    ricStyleType: kpmNodeMeasurementReportStyle,
    format1: {
      measInfoList: options.measurements.map((measName) => ({ measName })),
      granularityPeriodMs: options.periodMs,
      ...(options.cell ? { cellGlobalId: options.cell } : {}),
    },
  }).finish();
  return {
    ricEventTriggerDefinition: trigger,
    ricActionToBeSetupList: [
      {
        ricActionId: 1,
        ricActionType: oran.e2.v1.RicActionType.RIC_ACTION_TYPE_REPORT,
        ricActionDefinition: action,
      },
    ],
  };
}

/** Reads an indication's header and message. The last measData item is the report. */
export function decodeKpmReport(indication: oran.e2.v1.RicIndication): KpmReport {
  const header = decode(
    () => kpm.IndicationHeader.decode(indication.ricIndicationHeader),
    'KPM indication header',
  ).format1;
  const message = decode(
    () => kpm.IndicationMessage.decode(indication.ricIndicationMessage),
    'KPM indication message',
  ).format1;
  if (!message) throw malformed('KPM indication message has no format 1');
  const names = (message.measInfoList ?? []).map((m) => m.measName ?? '');
  const data = (message.measData ?? []).at(-1);
  const records = data?.measRecord ?? [];
  if (records.length !== names.length) {
    throw malformed(`KPM indication carries ${records.length} records for ${names.length} measurements`);
  }
  const measurements: Record<string, number | null> = {};
  names.forEach((name, i) => {
    measurements[name] = recordValue(records[i]!);
  });
  return {
    collectedAtUnixMs: header?.colletStartTimeUnixMs ?? 0,
    senderName: header?.senderName ?? '',
    granularityPeriodMs: message.granularityPeriodMs ?? 0,
    measurements,
    incomplete: data?.incompleteFlag ?? false,
  };
}

function recordValue(record: oran.e2sm.kpm.v1.MeasurementRecordItem.$Properties): number | null {
  if (record.real !== undefined && record.real !== null) return record.real;
  if (record.integer !== undefined && record.integer !== null) return record.integer;
  return null;
}

function decode<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch (error) {
    throw malformed(`${what} does not decode: ${(error as Error).message}`);
  }
}

function malformed(detail: string): PlugfestError {
  return new PlugfestError('malformed-frame', detail);
}
