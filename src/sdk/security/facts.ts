/**
 * What an attester says of itself in its evidence, read at start from what runs: the files of
 * its vendor folder (measured, RFC 9334 "claims collected by the attesting environment") and
 * its vendor.yaml (who made it, which hardware model, which software at which version).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { measureVendor } from '../../attestation/evidence.js';
import type { RoleName } from '../../wire/index.js';

/** The claims of an attester that do not change from one challenge to the next. */
export interface AttesterFacts {
  /** oemid: the vendor id, as its vendor CA names it. */
  readonly vendor: string;
  readonly hwmodel: string;
  readonly swname: string;
  readonly swversion: string;
  /** sha-256 (hex) of each shipped file, by path relative to the vendor folder. */
  readonly measurements: Readonly<Record<string, string>>;
  /** sha-256 (hex) of sbom.cdx.json; absent without one. */
  readonly sbomDigest?: string;
}

/** What the vendor's own code says, for a folder without a vendor.yaml. */
export interface FactsFallback {
  readonly vendor: string;
  readonly role: RoleName;
  readonly productVersion: string;
}

/**
 * Measures `vendorDir` and reads its vendor.yaml: oemid from `id`, swversion from `version`,
 * hwmodel from `attestation.hwmodel` (default the vendor id), swname from `attestation.swname`
 * (default `<id>-<role>`, the product name the built-in SBOMs give). A folder with no
 * vendor.yaml (an SDK test) takes the fallback.
 */
export async function readAttesterFacts(vendorDir: string, fallback: FactsFallback): Promise<AttesterFacts> {
  const measured = await measureVendor(vendorDir);
  const manifest = await readFile(join(vendorDir, 'vendor.yaml'), 'utf8').then(
    (text) => parse(text) as Record<string, unknown> | null,
    () => null,
  );
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const declared = (manifest?.attestation ?? {}) as Record<string, unknown>;
  const vendor = text(manifest?.id) ?? fallback.vendor;
  const role = text(manifest?.role) ?? fallback.role;
  return {
    vendor,
    hwmodel: text(declared.hwmodel) ?? vendor,
    swname: text(declared.swname) ?? `${vendor}-${role}`,
    // A YAML version written unquoted (4.1) reads as a number.
    swversion: text(manifest?.version) ?? numeric(manifest?.version) ?? fallback.productVersion,
    measurements: measured.measurements,
    ...(measured.sbomDigest ? { sbomDigest: measured.sbomDigest } : {}),
  };
}

function numeric(value: unknown): string | undefined {
  return typeof value === 'number' ? String(value) : undefined;
}
