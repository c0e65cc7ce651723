/**
 * The E2 service models as the E2 cases name them: their OIDs, the RAN Function IDs the
 * built-in O-DUs give them, and the RAN functions the harness's E2 node test peer offers,
 * encoded as the built-in O-DUs encode them (E2SM-KPM report style 1, E2SM-RC control styles
 * 2 and 3). src/ran/e2sm.ts holds the same names for vendors, but src/conformance does not
 * export it yet, and a suite imports src/conformance only: these stand in until it does.
 */
import { oran } from '../../src/conformance/index.js';

/** E2SM-KPM's RAN Function OID (O-RAN.WG3.E2SM-KPM). */
export const kpmOid = '1.3.6.1.4.1.53148.1.2.2.2';
/** E2SM-RC's RAN Function OID (O-RAN.WG3.E2SM-RC). */
export const rcOid = '1.3.6.1.4.1.53148.1.1.2.3';
/** An OID of no service model either RIC could know: a function it may only reject (or ignore). */
export const unknownOid = '1.3.6.1.4.1.53148.1.9.9.9';

/** The RAN Function IDs the built-in O-DUs give KPM and RC; the node test peer uses the same. */
export const kpmFunctionId = 2;
export const rcFunctionId = 3;

/** du-1 as the built-in O-DUs name it: a gNB-DU of the test PLMN, gNB-DU ID 1, NR cell 000000010. */
export const peerGlobalE2NodeId = {
  plmnId: '00101',
  nodeType: oran.e2.v1.E2NodeType.E2_NODE_TYPE_GNB_DU,
  nodeId: 1,
};
const cell = { plmnId: '00101', nrCellIdentity: '000000010' };

/** What the node measures (3GPP TS 28.552 names), the list the built-in O-DUs offer. */
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

type RanFunctionItem = oran.e2.v1.RanFunctionItem.$Properties;

/** E2SM-KPM: periodic trigger style 1, E2 node measurement report style 1. */
export function kpmFunction(ranFunctionId = kpmFunctionId, ranFunctionRevision = 1): RanFunctionItem {
  const definition = oran.e2sm.kpm.v1.RanFunctionDefinition.encode({
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
        measInfoActionList: offeredMeasurements.map((measName, i) => ({ measName, measId: i + 1 })),
        ricIndicationHeaderFormatType: 1,
        ricIndicationMessageFormatType: 1,
      },
    ],
  }).finish();
  return { ranFunctionId, ranFunctionRevision, ranFunctionOid: kpmOid, ranFunctionDefinition: definition };
}

/** E2SM-RC: control style 2 action 6 (slice-level PRB quota), style 3 action 1 (handover). */
export function rcFunction(ranFunctionId = rcFunctionId, ranFunctionRevision = 1): RanFunctionItem {
  const control = (style: number, name: string, actionId: number, actionName: string) => ({
    ricControlStyleType: style,
    ricControlStyleName: name,
    ricControlActionList: [{ ricControlActionId: actionId, ricControlActionName: actionName }],
    ricControlHeaderFormatType: 1,
    ricControlMessageFormatType: 1,
    ricControlOutcomeFormatType: 1,
  });
  const definition = oran.e2sm.rc.v1.RanFunctionDefinition.encode({
    ranFunctionName: {
      ranFunctionShortName: 'ORAN-E2SM-RC',
      ranFunctionE2smOid: rcOid,
      ranFunctionDescription: 'RAN Control',
    },
    ricControlStyleList: [
      control(2, 'Radio Resource Allocation Control', 6, 'Slice-level PRB quota'),
      control(3, 'Connected Mode Mobility', 1, 'Handover Control'),
    ],
  }).finish();
  return { ranFunctionId, ranFunctionRevision, ranFunctionOid: rcOid, ranFunctionDefinition: definition };
}

/** A function of a service model no RIC here knows, with an opaque definition of `bytes` bytes. */
export function unknownFunction(ranFunctionId: number, bytes = 64): RanFunctionItem {
  return {
    ranFunctionId,
    ranFunctionRevision: 1,
    ranFunctionOid: unknownOid,
    ranFunctionDefinition: new Uint8Array(bytes).fill(0x5a),
  };
}

/**
 * The reporting period of an E2SM-KPM event trigger (format 1), from its bytes or the trace's
 * base64; undefined when it does not decode as one.
 */
export function reportingPeriodOf(trigger: Uint8Array | string | null | undefined): number | undefined {
  if (!trigger) return undefined;
  const bytes = typeof trigger === 'string' ? Buffer.from(trigger, 'base64') : trigger;
  try {
    return oran.e2sm.kpm.v1.EventTriggerDefinition.decode(bytes).format1?.reportingPeriodMs ?? undefined;
  } catch {
    return undefined;
  }
}
