/**
 * The vendor under test as attester: run from a changed copy of its folder (topology instance
 * `modified`), its evidence must tell what actually runs, so its peers refuse it. The O-RU and
 * the RIC under test both run changed; du-1 (the harness as O-DU) and du-2 (the O-DU under test)
 * appraise them as clients, after the servers have admitted them, and refuse them naming the
 * check. ru-2, unchanged, keeps working with du-2.
 */
import type { CaseDefinition, Network, NetworkContext } from '../../src/conformance/index.js';
import type { VerifierCheck } from './kit-gaps.js';
import { attestationCase, expectHealthyHalf, expectNothingThrough, expectRefused } from './support.js';
import { attestationTopology, links, scrutinised } from './topology.js';

interface VendorEvidenceCase {
  readonly id: string;
  readonly title: string;
  readonly spec: string;
  readonly modified: 'tampered' | 'downgraded' | 'sbom-missing';
  readonly check: VerifierCheck;
  readonly reason: RegExp;
  /** What the changed copy is, for the expectation. */
  readonly runs: string;
}

/** Every link to a vendor under test: du-1's three and du-2's E2. */
const toVendorsUnderTest = [...scrutinised, links.du2E2];

function vendorEvidenceCase(spec: VendorEvidenceCase): CaseDefinition<Network> {
  return attestationCase({
    id: spec.id,
    title: spec.title,
    spec: spec.spec,
    topology: attestationTopology(spec.id, { modified: spec.modified }),
    expectation: `ru-1 (the O-RU under test) and ric-1 (the RIC under test) run ${spec.runs}. Their evidence must say so: du-1 (the harness) on M-plane, CU-plane and E2, and du-2 (the O-DU under test) on E2, each refuse them with an AttestationResult contraindicated naming "${spec.check}" and a LinkClose (cause attestation-failed, detail "${spec.check}: ..."); no interface message crosses those links; ru-2 keeps working with du-2.`,
    async run(ctx: NetworkContext) {
      const refusals = await expectRefused(ctx, toVendorsUnderTest, spec.check, {
        by: 'client',
        reason: spec.reason,
      });
      expectNothingThrough(ctx, toVendorsUnderTest);
      await expectHealthyHalf(ctx, Math.max(...refusals.map((r) => r.close.t)), { withE2: false });
    },
  });
}

const rats = 'IETF RFC 9334 (RATS) 3.1 (attester), 5.2; RFC 9711 (EAT)';

export const vendorEvidenceCases: CaseDefinition<Network>[] = [
  vendorEvidenceCase({
    id: 'ATT-MEAS-001',
    title: 'A vendor running a changed file is refused on measurements',
    spec: `${rats} 4.2.16 (measurements); O-RAN.WG11 (software integrity)`,
    modified: 'tampered',
    check: 'measurements',
    reason: /measures [0-9a-f]{64}; its reference value is [0-9a-f]{64}/,
    runs: 'a copy of their folder with one shipped file changed (a comment appended to the file they run)',
  }),
  vendorEvidenceCase({
    id: 'ATT-SWVER-001',
    title: 'A vendor downgraded below the minimum software version is refused on swversion',
    spec: `${rats} 4.2.7 (swversion)`,
    modified: 'downgraded',
    check: 'swversion',
    reason: /is below the minimum/,
    runs: "a copy of their folder whose vendor.yaml version is lowered below the one the run's policy pins as the minimum",
  }),
  vendorEvidenceCase({
    id: 'ATT-SBOM-001',
    title: 'A vendor shipped without its SBOM is refused on sbom',
    spec: `${rats} 4.2.17 (manifests); NTIA minimum elements for an SBOM; CycloneDX 1.5`,
    modified: 'sbom-missing',
    check: 'sbom',
    reason: /names no SBOM/,
    runs: 'a copy of their folder without sbom.cdx.json',
  }),
];
