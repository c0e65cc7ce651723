/**
 * The identifiers both built-in near-RT RICs and the O-DUs agree on (the E2 flow of the vendor
 * brief): the RIC requestor ids of the RIC's two users of E2, the PLMN and the slice every
 * simulated UE belongs to, and the KPM measurements the RIC asks for. Service model OIDs and RIC
 * styles are src/ran's (e2sm.ts).
 */

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
