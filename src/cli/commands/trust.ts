/**
 * `plugfest trust ref <vendor dir>`: the reference values of a vendor folder as it is now (the
 * sha-256 of each shipped file, the SBOM digest, the version and hardware model vendor.yaml
 * declares), printed as a trust policy `vendors:` entry to paste (src/attestation/policy.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Document, isScalar, isSeq, Scalar } from 'yaml';
import { measureVendor, ntiaMissing, sbomFile } from '../../attestation/evidence.js';
import { referenceEntry } from '../../attestation/policy.js';
import { loadVendorManifest, type VendorManifest } from '../../topology/index.js';

export function registerTrust(program: Command): void {
  const trust = program.command('trust').description('the trust policy of attestation');
  trust
    .command('ref')
    .description(
      "print a vendor folder's reference values (measurements, SBOM digest, version) as a policy entry",
    )
    .argument('<vendor-dir>', 'the vendor folder, holding vendor.yaml')
    .action(async (dir: string) => {
      const manifest = loadVendorManifest(dir);
      const measured = await measureVendor(dir);
      const hwmodel = hwmodelOf(manifest);
      const entry = referenceEntry({
        id: manifest.id,
        role: manifest.role,
        swversion: manifest.version,
        ...(hwmodel ? { hwmodel } : {}),
        ...measured,
      });
      const notes = [`# ${manifest.name} ${manifest.version}: reference values of ${manifest.dir}`];
      if (!hwmodel)
        notes.push('# vendor.yaml declares no hardware model: hwmodels left out (any is allowed)');
      if (measured.sbomDigest === undefined) {
        notes.push(`# no ${sbomFile}: a policy requiring an SBOM refuses this vendor`);
      } else {
        const missing = ntiaMissing(await readFile(join(dir, sbomFile), 'utf8'));
        if (missing.length > 0) notes.push(`# ${sbomFile} lacks NTIA minimum fields: ${missing.join('; ')}`);
      }
      const yaml = new Document([entry]);
      // A version stays a string when pasted ("4.10" unquoted is the number 4.1); roles fit a line.
      const version = yaml.getIn([0, 'minSwVersion'], true);
      if (isScalar(version)) version.type = Scalar.QUOTE_DOUBLE;
      const roles = yaml.getIn([0, 'roles'], true);
      if (isSeq(roles)) roles.flow = true;
      console.log(`${notes.join('\n')}\n${yaml.toString({ lineWidth: 0 }).trimEnd()}`);
    });
}

/** vendor.yaml `attestation.hwmodel`, for a manifest that declares one. */
function hwmodelOf(manifest: VendorManifest): string | undefined {
  const declared = (manifest as { attestation?: { hwmodel?: unknown } }).attestation?.hwmodel;
  return typeof declared === 'string' ? declared : undefined;
}
