/**
 * The links of ARCHITECTURE.md "Roles, links and interfaces": each interface's WebSocket
 * subprotocol, the proto packages it carries, the roles on each side and the revisions this
 * build speaks.
 */
import { oran } from './generated/oran.js';

export type InterfaceName = 'ofh-m' | 'ofh-cu' | 'e2' | 'a1';
export type RoleName = 'o-ru' | 'o-du' | 'near-rt-ric' | 'smo';

export interface ProtocolVersion {
  readonly major: number;
  readonly minor: number;
}

export interface InterfaceSpec {
  readonly name: InterfaceName;
  readonly wire: oran.common.v1.Interface;
  /** Offered by the client and checked by the server at the HTTP upgrade. */
  readonly subprotocol: string;
  /** Proto packages whose messages flow on the link once it is ready. */
  readonly packages: readonly string[];
  readonly serverRole: RoleName;
  readonly clientRoles: readonly RoleName[];
  /** Revisions this build speaks, the major being the proto package's. */
  readonly versions: readonly ProtocolVersion[];
}

const { Interface } = oran.common.v1;
const v1: readonly ProtocolVersion[] = [{ major: 1, minor: 0 }];

export const interfaceSpecs: Readonly<Record<InterfaceName, InterfaceSpec>> = {
  'ofh-m': {
    name: 'ofh-m',
    wire: Interface.INTERFACE_OFH_M,
    subprotocol: 'plugfest.ofh-m.v1',
    packages: ['oran.fronthaul.mplane.v1'],
    serverRole: 'o-ru',
    clientRoles: ['o-du', 'smo'],
    versions: v1,
  },
  'ofh-cu': {
    name: 'ofh-cu',
    wire: Interface.INTERFACE_OFH_CU,
    subprotocol: 'plugfest.ofh-cu.v1',
    packages: ['oran.fronthaul.cuplane.v1'],
    serverRole: 'o-ru',
    clientRoles: ['o-du'],
    versions: v1,
  },
  e2: {
    name: 'e2',
    wire: Interface.INTERFACE_E2,
    subprotocol: 'plugfest.e2.v1',
    packages: ['oran.e2.v1'],
    serverRole: 'near-rt-ric',
    clientRoles: ['o-du'],
    versions: v1,
  },
  a1: {
    name: 'a1',
    wire: Interface.INTERFACE_A1,
    subprotocol: 'plugfest.a1.v1',
    packages: ['oran.a1.v1'],
    serverRole: 'near-rt-ric',
    clientRoles: ['smo'],
    versions: v1,
  },
};

/** Packages every link carries, before and after ready: link set-up and attestation. */
export const linkPackages: readonly string[] = ['oran.common.v1', 'oran.attestation.v1'];

export const interfaceNames = Object.keys(interfaceSpecs) as InterfaceName[];

export function interfaceBySubprotocol(subprotocol: string): InterfaceSpec | undefined {
  return interfaceNames.map((n) => interfaceSpecs[n]).find((s) => s.subprotocol === subprotocol);
}

/** The package of a fully qualified message type: "oran.e2.v1.E2SetupRequest" -> "oran.e2.v1". */
export function packageOf(messageType: string): string {
  const match = /^(.*\.v\d+)\./.exec(messageType);
  return match?.[1] ?? '';
}

const roleWire: Record<RoleName, oran.common.v1.Role> = {
  'o-ru': oran.common.v1.Role.ROLE_O_RU,
  'o-du': oran.common.v1.Role.ROLE_O_DU,
  'near-rt-ric': oran.common.v1.Role.ROLE_NEAR_RT_RIC,
  smo: oran.common.v1.Role.ROLE_SMO,
};

export function roleToWire(role: RoleName): oran.common.v1.Role {
  return roleWire[role];
}

export function roleFromWire(role: oran.common.v1.Role): RoleName | undefined {
  return (Object.keys(roleWire) as RoleName[]).find((r) => roleWire[r] === role);
}
