/**
 * The periodic reports of one admitted KPM subscription: per action, an accumulator of src/ran
 * fed with every slot the scheduler ran, read out once per granularity period, and a RIC
 * Indication (REPORT) with those periods every reporting period (E2SM-KPM indication header and
 * message format 1).
 */
import type { Logger } from 'pino';
import { createKpmAccumulator, type KpmMeasurementName, type KpmReport } from '../../../src/ran/index.js';
import { oran, PlugfestError } from '../../../src/sdk/index.js';
import type { KpmAction } from './kpm-function.js';
import type { IndicationSink } from './ran-function.js';
import type { SlotFeed } from './slot-feed.js';

const kpm = oran.e2sm.kpm.v1;

/**
 * Measurements that are counts go as integers, the rest (rates, percentages) as reals: mean
 * numbers of PRBs and of RRC connections are rounded to whole ones, data volume to whole kbit.
 */
const integerMeasurements: ReadonlySet<string> = new Set<KpmMeasurementName>([
  'RRU.PrbAvailDl',
  'RRC.ConnMean',
  'RRC.ConnMax',
  'DRB.PdcpSduVolumeDL',
]);

/** E2AP RIC Indication SN is 0..65535; 0 means unused, so the count runs 1..65535 and wraps. */
const maxIndicationSn = 65_535;

/** One admitted subscription: its request, reporting period and actions, and where to send. */
export interface KpmReporterOptions {
  readonly request: oran.e2.v1.RicSubscriptionRequest;
  readonly periodMs: number;
  readonly actions: readonly KpmAction[];
  readonly sink: IndicationSink;
  readonly slots: SlotFeed;
  readonly senderName: string;
  readonly vendorName: string;
  readonly logger: Logger;
}

/** Starts reporting; `stop` ends it (idempotent). */
export function startKpmReporter(options: KpmReporterOptions): { stop: () => void } {
  const stops = options.actions.map((action) => reportAction(options, action));
  let stopped = false;
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      for (const stop of stops) stop();
    },
  };
}

function reportAction(options: KpmReporterOptions, action: KpmAction): () => void {
  const { request, periodMs, sink, logger } = options;
  const accumulator = createKpmAccumulator();
  const unlisten = options.slots.listen((slot) => accumulator.add(slot));
  const periodsPerReport = periodMs / action.granularityPeriodMs;
  const names = action.measInfoList.map((m) => m.measName ?? '');
  let items: oran.e2sm.kpm.v1.MeasurementDataItem.$Properties[] = [];
  let reportStartUnixMs = Date.now();
  let sn = 0;

  const record = (report: KpmReport) =>
    names.map((name) => {
      const value = report[name as KpmMeasurementName];
      return integerMeasurements.has(name) ? { integer: Math.max(0, Math.round(value)) } : { real: value };
    });

  const send = (report: KpmReport) => {
    sn = (sn % maxIndicationSn) + 1;
    const header = kpm.IndicationHeader.encode({
      format1: {
        colletStartTimeUnixMs: reportStartUnixMs,
        fileFormatVersion: '1.0',
        senderName: options.senderName,
        senderType: 'O-DU',
        vendorName: options.vendorName,
      },
    }).finish();
    const message = kpm.IndicationMessage.encode({
      format1: {
        measData: items,
        measInfoList: [...action.measInfoList],
        granularityPeriodMs: action.granularityPeriodMs,
      },
    }).finish();
    logger.info(
      {
        ricRequestId: {
          requestor: request.ricRequestId?.ricRequestorId,
          instance: request.ricRequestId?.ricInstanceId,
        },
        ricActionId: action.ricActionId,
        sn,
        values: Object.fromEntries(names.map((name) => [name, round(report[name as KpmMeasurementName])])),
      },
      'kpm report',
    );
    sink({
      ricRequestId: request.ricRequestId,
      ranFunctionId: request.ranFunctionId,
      ricActionId: action.ricActionId,
      ricIndicationSn: sn,
      ricIndicationType: oran.e2.v1.RicIndicationType.RIC_INDICATION_TYPE_REPORT,
      ricIndicationHeader: header,
      ricIndicationMessage: message,
    }).catch((error: unknown) => {
      const e = PlugfestError.from(error);
      if (e.code !== 'link-closed')
        logger.warn({ code: e.code, error: e.rawMessage }, 'kpm indication failed');
    });
  };

  let ticks = 0;
  const timer = setInterval(() => {
    const incomplete = accumulator.slots === 0;
    const report = accumulator.report();
    items.push({ measRecord: record(report), incompleteFlag: incomplete });
    ticks += 1;
    if (ticks % periodsPerReport !== 0) return;
    send(report);
    items = [];
    reportStartUnixMs = Date.now();
  }, action.granularityPeriodMs);

  return () => {
    clearInterval(timer);
    unlisten();
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
