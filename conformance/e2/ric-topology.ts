/**
 * The topologies near-RT RIC conformance cases run on, and the E2 node the harness plays in
 * them: the RIC under test against the harness's O-DU test peer on one E2 link (no O-RU: the
 * peer carries no traffic), plus the interop topology of the node-restart case. The peer does
 * not send E2 Setup by itself, so the RAN functions it offers are built here, encoded as the
 * built-in O-DUs encode them (E2SM-KPM report style 1, E2SM-RC control styles 2 and 3).
 */
import { type Combination, oran } from '../../src/conformance/index.js';

/** The E2 link of the node test peer to the RIC under test, as the trace names it. */
export const ricE2Link = 'du-1>ric-1/e2';

/** The instance the harness plays (O-DU, E2 node test peer). */
export const nodePeerInstance = 'du-1';

const topology = (name: string, c: Combination, nodeSettings: string) => `name: ${name}
options: { kpmPeriodMs: 200 }
instances:
  du-1: { role: o-du, vendor: harness, settings: ${nodeSettings} }
  ric-1: { role: near-rt-ric, vendor: ${c['near-rt-ric']} }
links:
  - { interface: e2, from: du-1, to: ric-1 }
`;

/** The RIC under test against a conforming E2 node test peer (E2 1.0). Cases share it. */
export const e2RicTopology = (c: Combination): string => topology(`e2-ric-${c['near-rt-ric']}`, c, '{}');

/** The same, but the node test peer offers only E2 2.0: no common version. */
export const e2RicVersionSkewTopology = (c: Combination): string =>
  topology(`e2-ric-skew-${c['near-rt-ric']}`, c, '{ versions: { e2: ["2.0"] } }');

/**
 * Real O-DU and RIC with the reference O-RU, for the node-restart case alone: a restart must not
 * disturb the cases of the shared e2 topology. KPM at 200 ms so the first report comes soon.
 */
export const e2RestartTopology = (
  c: Combination,
): string => `name: e2-restart-${c['o-du']}-${c['near-rt-ric']}
options: { kpmPeriodMs: 200 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${c['near-rt-ric']} }
  du-1: { role: o-du, vendor: ${c['o-du']} }
  ru-1: { role: o-ru, vendor: ruvello }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: e2, from: du-1, to: ric-1 }
`;

/** E2SM-KPM's RAN Function OID (O-RAN.WG3.E2SM-KPM). */
export const kpmOid = '1.3.6.1.4.1.53148.1.2.2.2';
/** E2SM-RC's RAN Function OID (O-RAN.WG3.E2SM-RC). */
export const rcOid = '1.3.6.1.4.1.53148.1.1.2.3';
/** An OID of no service model either RIC could know: a function it may only reject (or ignore). */
export const unknownOid = '1.3.6.1.4.1.53148.1.9.9.9';

/** The RAN Function IDs the built-in O-DUs give KPM and RC; the peer uses the same. */
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
