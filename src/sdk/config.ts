/**
 * The one JSON config a vendor is started with (its path in PLUGFEST_CONFIG), as
 * docs/vendor-contract.md describes it. Every field a vendor in another language reads is here.
 */
import { z } from 'zod';
import { loadConfigFile } from '../config/index.js';
import { supervisionBounds } from '../transport/index.js';
import { interfaceNames } from '../wire/index.js';

const interfaceName = z.enum(interfaceNames as ['ofh-m', 'ofh-cu', 'e2', 'a1']);
const roleName = z.enum(['o-ru', 'o-du', 'near-rt-ric', 'smo']);

export const endpointSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535),
});

export const peerSchema = z.strictObject({
  interface: interfaceName,
  /** Instance id of the peer, as the topology names it. */
  instance: z.string().min(1),
  /** Where to dial: the relay's URL, not the peer's own. */
  url: z.string().regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL'),
});

const file = z.string().min(1);

/**
 * Link security (topology `security: attest | mtls`): where this instance's identity files are
 * and which trust policy its verifier applies. Absent: `none`, links run without attestation.
 * docs/vendor-contract.md section 7 says what a vendor does with each.
 */
export const securitySchema = z.strictObject({
  /** `attest`: attestation over ws://; `mtls`: also wss:// with client certificates and channel binding. */
  mode: z.enum(['attest', 'mtls']),
  /** PKCS#8 PEM of the instance's attestation key: it signs the evidence. */
  attestKey: file,
  /** PEM: the attestation leaf, then its vendor CA (the evidence's x5c). */
  attestChain: file,
  /** PEM: the TLS leaf, then its vendor CA (mtls). */
  tlsCert: file,
  /** PKCS#8 PEM of the TLS key (mtls). */
  tlsKey: file,
  /** PEM: the CAs a peer's TLS certificate must chain to: the operator root (mtls). */
  caBundle: file,
  /** PEM CRLs of the root and of every vendor CA, for TLS (mtls). Default none. */
  crls: z.array(file).default([]),
  /** The trust policy (YAML) the verifier appraises peers with; reloaded when it or a CRL it names changes. */
  trustPolicy: file,
  /** Run with debug enabled: the evidence then says dbgstat 0 (enabled). Default false: 1 (disabled). */
  debug: z.boolean().default(false),
});

export type SecurityConfig = z.output<typeof securitySchema>;

/** Link supervision as a Hello may ask for it (the accepting side's `supervisionBounds`). */
export const supervisionSchema = z.strictObject({
  intervalMs: z.number().int().min(supervisionBounds.intervalMs.min).max(supervisionBounds.intervalMs.max),
  guardMs: z.number().int().min(supervisionBounds.guardMs.min).max(supervisionBounds.guardMs.max),
});

export const vendorConfigSchema = z.strictObject({
  /** Instance id in the topology, for example "du-1". */
  instance: z.string().min(1),
  /** Vendor id from vendor.yaml. */
  vendor: z.string().min(1),
  role: roleName,
  /** Where to listen, per interface this instance serves. */
  listen: z.partialRecord(interfaceName, endpointSchema).default({}),
  /** Whom to dial, per link this instance is the client of. */
  peers: z.array(peerSchema).default([]),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Link supervision for the links this instance dials. Default 1500 ms + 4500 ms guard. */
  supervision: supervisionSchema.optional(),
  /** Role-specific settings from the topology (overrides of the vendor's defaults). */
  settings: z.record(z.string(), z.unknown()).default({}),
  /** Attestation and mTLS. Default: absent, no link security. */
  security: securitySchema.optional(),
});

export type VendorConfig = z.output<typeof vendorConfigSchema>;
export type VendorConfigInput = z.input<typeof vendorConfigSchema>;

/** Reads the config named by PLUGFEST_CONFIG. Throws `config-invalid` with file:line:field. */
export function loadVendorConfig(file: string): VendorConfig {
  return loadConfigFile(file, vendorConfigSchema);
}
