/**
 * The one JSON config a vendor is started with (its path in PLUGFEST_CONFIG), as
 * docs/vendor-contract.md describes it. Every field a vendor in another language reads is here.
 */
import { z } from 'zod';
import { interfaceNames } from '../wire/index.js';
import { loadConfigFile } from './config-file.js';

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
  supervision: z
    .strictObject({ intervalMs: z.number().int().positive(), guardMs: z.number().int().nonnegative() })
    .optional(),
  /** Role-specific settings from the topology (overrides of the vendor's defaults). */
  settings: z.record(z.string(), z.unknown()).default({}),
});

export type VendorConfig = z.output<typeof vendorConfigSchema>;
export type VendorConfigInput = z.input<typeof vendorConfigSchema>;

/** Reads the config named by PLUGFEST_CONFIG. Throws `config-invalid` with file:line:field. */
export function loadVendorConfig(file: string): VendorConfig {
  return loadConfigFile(file, vendorConfigSchema);
}
