/**
 * The identifiers both built-in near-RT RICs and the O-DUs agree on (the E2 flow of the
 * vendor brief): service model OIDs, the RIC requestor ids of the RIC's two users of E2, the
 * PLMN and the slice every simulated UE belongs to, and the KPM measurements the RIC asks for.
 */

/** E2SM-KPM's RAN Function OID (O-RAN.WG3.E2SM-KPM). */
export const kpmOid = '1.3.6.1.4.1.53148.1.2.2.2';
/** E2SM-RC's RAN Function OID (O-RAN.WG3.E2SM-RC). */
export const rcOid = '1.3.6.1.4.1.53148.1.1.2.3';

/** The service models a RIC of this core understands, by OID. */
export const serviceModelByOid: Readonly<Record<string, 'kpm' | 'rc'>> = {
  [kpmOid]: 'kpm',
  [rcOid]: 'rc',
};

/** RIC Requestor ID of the subscription manager (KPM subscriptions). */
export const subscriptionRequestorId = 1001;
/** RIC Requestor ID of the closed-loop xApp (RC controls). */
export const controlRequestorId = 1002;

/** PLMN Identity of the simulated network, MCC 001 MNC 01 (the test PLMN). */
export const plmnId = '00101';

/** The S-NSSAI every simulated UE uses. */
export const defaultSlice = Object.freeze({ sst: 1, sd: '000001' });

/**
 * What the RIC subscribes to, in this order (E2SM-KPM measInfoList). Names as 3GPP TS 28.552
 * spells them; RRU.PrbUsedDl drives the closed loop.
 */
export const kpmMeasurementNames = [
  'DRB.UEThpDl',
  'DRB.UEThpUl',
  'RRU.PrbUsedDl',
  'RRU.PrbUsedUl',
  'RRU.PrbAvailDl',
  'RRC.ConnMean',
] as const;

/** E2SM-KPM RIC style types this core uses: periodic event trigger, E2 node measurement report. */
export const kpmPeriodicTriggerStyle = 1;
export const kpmNodeMeasurementReportStyle = 1;

/** E2SM-RC control style 2 "Radio Resource Allocation Control", action 6 "Slice-level PRB quota". */
export const rcRadioResourceAllocationStyle = 2;
export const rcSlicePrbQuotaAction = 6;
