/**
 * The E2 service models plugfest speaks, E2SM-KPM and E2SM-RC, as one set of names that E2
 * nodes, near-RT RICs, the relay and the conformance cases share: each model's OID and RAN
 * Function Name, the RAN Function IDs and revision the built-in O-DUs give them, the RIC styles
 * they offer, and the builders of the RAN function an E2 node offers in E2 Setup (E2AP RAN
 * Functions Added item, its E2SM RAN Function Definition encoded inside).
 */
import { oran } from '../wire/index.js';
import { kpmMeasurementNames } from './kpm.js';

const kpm = oran.e2sm.kpm.v1;
const rc = oran.e2sm.rc.v1;
type RanParameter = oran.e2sm.rc.v1.ControlActionRanParameterItem.$Properties;

/**
 * E2SM-KPM's RAN Function Service Model OID (O-RAN.WG3.E2SM-KPM, RAN Function Name; 53148 is
 * the O-RAN Alliance's IANA Private Enterprise Number).
 */
export const kpmOid = '1.3.6.1.4.1.53148.1.2.2.2';
/** E2SM-RC's RAN Function Service Model OID (O-RAN.WG3.E2SM-RC, RAN Function Name). */
export const rcOid = '1.3.6.1.4.1.53148.1.1.2.3';

/** E2SM-KPM's RAN Function Short Name (O-RAN.WG3.E2SM-KPM, RAN Function Name). */
export const kpmShortName = 'ORAN-E2SM-KPM';
/** E2SM-RC's RAN Function Short Name (O-RAN.WG3.E2SM-RC, RAN Function Name). */
export const rcShortName = 'ORAN-E2SM-RC';

/** E2SM-KPM's RAN Function Name IE: short name, OID and the description "KPM Monitor". */
export const kpmRanFunctionName: Readonly<oran.e2sm.kpm.v1.RanFunctionName.$Properties> = Object.freeze({
  ranFunctionShortName: kpmShortName,
  ranFunctionE2smOid: kpmOid,
  ranFunctionDescription: 'KPM Monitor',
});
/** E2SM-RC's RAN Function Name IE: short name, OID and the description "RAN Control". */
export const rcRanFunctionName: Readonly<oran.e2sm.rc.v1.RanFunctionName.$Properties> = Object.freeze({
  ranFunctionShortName: rcShortName,
  ranFunctionE2smOid: rcOid,
  ranFunctionDescription: 'RAN Control',
});

/**
 * RAN Function ID (E2AP clause 9.2.8, 0..4095) the built-in O-DUs give E2SM-KPM. The number is
 * the E2 node's choice, not the spec's; plugfest's vendor brief fixes it at 2.
 */
export const kpmRanFunctionId = 2;
/** RAN Function ID (E2AP clause 9.2.8) the built-in O-DUs give E2SM-RC: 3, by the vendor brief. */
export const rcRanFunctionId = 3;
/** RAN Function Revision (E2AP clause 9.2.24, 0..4095) the built-in O-DUs offer for both models: 1. */
export const ranFunctionRevision = 1;

/** A service model plugfest knows, by its short name in logs and traces. */
export type ServiceModel = 'kpm' | 'rc';

/** The service model of a RAN Function OID (E2AP RAN Function OID), or undefined for any other. */
export function serviceModelOf(oid: string | null | undefined): ServiceModel | undefined {
  if (oid === kpmOid) return 'kpm';
  if (oid === rcOid) return 'rc';
  return undefined;
}

/** E2SM-KPM RIC Event Trigger Style 1, "Periodic Report" (event trigger definition format 1). */
export const kpmPeriodicTriggerStyle = 1;
/** E2SM-KPM RIC Report Style 1, "E2 Node Measurement" (action definition format 1). */
export const kpmNodeMeasurementReportStyle = 1;

/** E2SM-RC RIC Control Style 2, "Radio Resource Allocation Control". */
export const rcRadioResourceAllocationStyle = 2;
/** E2SM-RC control action 6 of style 2, "Slice-level PRB quota" (E2SM-RC clause 8.4.3.6). */
export const rcSlicePrbQuotaAction = 6;
/** E2SM-RC RIC Control Style 3, "Connected Mode Mobility". */
export const rcConnectedModeMobilityStyle = 3;
/** E2SM-RC control action 1 of style 3, "Handover Control" (E2SM-RC clause 8.4.4.1). */
export const rcHandoverControlAction = 1;

/** The RAN parameters of the slice-level PRB quota control, ids 10 to 12 (E2SM-RC clause 8.4.3.6). */
export const rcSlicePrbQuotaParameters: readonly RanParameter[] = [
  { ranParameterId: 10, ranParameterName: 'Min PRB Policy Ratio' },
  { ranParameterId: 11, ranParameterName: 'Max PRB Policy Ratio' },
  { ranParameterId: 12, ranParameterName: 'Dedicated PRB Policy Ratio' },
];
/** The RAN parameter of the handover control, id 1 (E2SM-RC clause 8.4.4.1). */
export const rcHandoverParameters: readonly RanParameter[] = [
  { ranParameterId: 1, ranParameterName: 'Target Primary Cell ID' },
];

/** An NR CGI as both E2SMs carry it. */
export interface NrCgi {
  readonly plmnId: string;
  /** 36 bits as 9 hexadecimal digits. */
  readonly nrCellIdentity: string;
}

/** A RAN function as an E2 node offers it: id, revision, OID and encoded definition. */
export interface OfferedRanFunction {
  readonly ranFunctionId: number;
  readonly ranFunctionRevision: number;
  readonly oid: string;
  /** The encoded E2SM RanFunctionDefinition. */
  readonly definition: Uint8Array;
}

/** A RAN function as E2 Setup and RIC Service Update list it (E2AP RAN Functions Added item). */
export function ranFunctionItem(f: OfferedRanFunction): oran.e2.v1.RanFunctionItem.$Properties {
  return {
    ranFunctionId: f.ranFunctionId,
    ranFunctionRevision: f.ranFunctionRevision,
    ranFunctionOid: f.oid,
    ranFunctionDefinition: f.definition,
  };
}

/**
 * The RAN Function ID Item that accepts an offered function at the revision it was offered with
 * (E2AP RAN Functions Accepted of E2 Setup Response, clause 9.1.2.2, and of RIC Service Update
 * Acknowledge, clause 9.1.2.8). Absent fields stay absent.
 */
export function ranFunctionIdItem(f: {
  readonly ranFunctionId?: number | null;
  readonly ranFunctionRevision?: number | null;
}): oran.e2.v1.RanFunctionIdItem.$Properties {
  return { ranFunctionId: f.ranFunctionId, ranFunctionRevision: f.ranFunctionRevision };
}

/** What goes into an E2SM-KPM RAN Function Definition. */
export interface KpmDefinitionOptions {
  /** Cell Global ID List: the cells the node measures. */
  readonly cells: readonly NrCgi[];
  /**
   * measInfoActionList of report style 1, measIds numbered from 1 in this order. Default: every
   * measurement src/ran's accumulator reports (kpmMeasurementNames).
   */
  readonly measurements?: readonly string[];
}

/**
 * The encoded E2SM-KPM RAN Function Definition of the built-in O-DUs: event trigger style 1
 * (periodic, format 1) and report style 1 (E2 node measurement, action format 1, indication
 * header and message format 1).
 */
export function kpmRanFunctionDefinition(options: KpmDefinitionOptions): Uint8Array {
  const measurements = options.measurements ?? kpmMeasurementNames;
  return kpm.RanFunctionDefinition.encode({
    ranFunctionName: { ...kpmRanFunctionName },
    cellGlobalIdList: [...options.cells],
    ricEventTriggerStyleList: [
      {
        ricEventTriggerStyleType: kpmPeriodicTriggerStyle,
        ricEventTriggerStyleName: 'Periodic Report',
        ricEventTriggerFormatType: 1,
      },
    ],
    ricReportStyleList: [
      {
        ricReportStyleType: kpmNodeMeasurementReportStyle,
        ricReportStyleName: 'E2 Node Measurement',
        ricActionFormatType: 1,
        measInfoActionList: measurements.map((measName, i) => ({ measName, measId: i + 1 })),
        ricIndicationHeaderFormatType: 1,
        ricIndicationMessageFormatType: 1,
      },
    ],
  }).finish();
}

/**
 * The encoded E2SM-RC RAN Function Definition of the built-in O-DUs, control service only: style 2
 * action 6 (slice-level PRB quota, parameters 10 to 12) and style 3 action 1 (handover control,
 * parameter 1), each with header, message and outcome format 1.
 */
export function rcRanFunctionDefinition(): Uint8Array {
  const style = (
    ricControlStyleType: number,
    ricControlStyleName: string,
    action: oran.e2sm.rc.v1.RicControlActionItem.$Properties,
  ) => ({
    ricControlStyleType,
    ricControlStyleName,
    ricControlActionList: [action],
    ricControlHeaderFormatType: 1,
    ricControlMessageFormatType: 1,
    ricControlOutcomeFormatType: 1,
  });
  return rc.RanFunctionDefinition.encode({
    ranFunctionName: { ...rcRanFunctionName },
    ricControlStyleList: [
      style(rcRadioResourceAllocationStyle, 'Radio Resource Allocation Control', {
        ricControlActionId: rcSlicePrbQuotaAction,
        ricControlActionName: 'Slice-level PRB quota',
        ranControlActionParametersList: [...rcSlicePrbQuotaParameters],
      }),
      style(rcConnectedModeMobilityStyle, 'Connected Mode Mobility', {
        ricControlActionId: rcHandoverControlAction,
        ricControlActionName: 'Handover Control',
        ranControlActionParametersList: [...rcHandoverParameters],
      }),
    ],
  }).finish();
}

/** Which id and revision a built RAN function item carries. */
export interface RanFunctionIdentity {
  /** Default: kpmRanFunctionId or rcRanFunctionId. */
  readonly ranFunctionId?: number;
  /** Default: ranFunctionRevision (1). */
  readonly ranFunctionRevision?: number;
}

/** The E2SM-KPM function as an E2 node offers it in E2 Setup (id 2, revision 1 by default). */
export function kpmRanFunctionItem(
  options: KpmDefinitionOptions & RanFunctionIdentity,
): oran.e2.v1.RanFunctionItem.$Properties {
  return ranFunctionItem({
    ranFunctionId: options.ranFunctionId ?? kpmRanFunctionId,
    ranFunctionRevision: options.ranFunctionRevision ?? ranFunctionRevision,
    oid: kpmOid,
    definition: kpmRanFunctionDefinition(options),
  });
}

/** The E2SM-RC function as an E2 node offers it in E2 Setup (id 3, revision 1 by default). */
export function rcRanFunctionItem(options: RanFunctionIdentity = {}): oran.e2.v1.RanFunctionItem.$Properties {
  return ranFunctionItem({
    ranFunctionId: options.ranFunctionId ?? rcRanFunctionId,
    ranFunctionRevision: options.ranFunctionRevision ?? ranFunctionRevision,
    oid: rcOid,
    definition: rcRanFunctionDefinition(),
  });
}
