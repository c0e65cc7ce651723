/**
 * The identifiers of the E2 flow that O-DUs and near-RT RICs agree on (the vendor brief): the
 * PLMN, the slice every simulated UE uses, and how an O-DU instance id becomes its Global E2 Node
 * ID and the NR CGI of its cell. Service model OIDs and RAN function ids are src/ran's (e2sm.ts).
 */
import type { NrCgi } from '../../../src/ran/index.js';
import { oran } from '../../../src/sdk/index.js';

/** PLMN Identity of the simulated network, MCC 001 MNC 01 (the test PLMN). */
export const plmnId = '00101';

/** The S-NSSAI every simulated UE uses, as E2SM carries it (SD as 6 hex digits). */
export const defaultSlice = Object.freeze({ sst: 1, sd: '000001' });

/** Who the O-DU is on E2. */
export interface E2NodeIdentity {
  readonly globalE2NodeId: oran.e2.v1.GlobalE2NodeId.$Properties;
  /** The one cell the O-DU serves, whatever carriers it radiates on. */
  readonly cell: NrCgi;
}

/**
 * The gNB-DU ID of an instance: its trailing number ("du-1" is 1), or for an id without one a
 * 32-bit FNV-1a hash, so that two O-DUs of a topology do not collide.
 */
export function nodeIdOf(instance: string): number {
  const digits = /(\d+)$/.exec(instance)?.[1];
  if (digits !== undefined && Number(digits) <= 0xffffffff) return Number(digits);
  let hash = 0x811c9dc5;
  for (const char of instance) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash;
}

/**
 * The E2 identity of an O-DU instance. The NR Cell Identity is the gNB-DU ID followed by a 4-bit
 * local cell id 0 (TS 38.300 clause 8.2: NCI = gNB ID + local cell id), so du-1 serves "000000010".
 */
export function e2IdentityOf(instance: string): E2NodeIdentity {
  const nodeId = nodeIdOf(instance);
  return {
    globalE2NodeId: { plmnId, nodeType: oran.e2.v1.E2NodeType.E2_NODE_TYPE_GNB_DU, nodeId },
    cell: { plmnId, nrCellIdentity: (nodeId * 16).toString(16).padStart(9, '0') },
  };
}

/** True when both name the same cell (hex digits compared without regard to case). */
export function sameCell(
  a: { plmnId?: string | null; nrCellIdentity?: string | null } | null | undefined,
  b: NrCgi,
): boolean {
  return (
    !!a && a.plmnId === b.plmnId && (a.nrCellIdentity ?? '').toLowerCase() === b.nrCellIdentity.toLowerCase()
  );
}
