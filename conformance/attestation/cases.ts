/**
 * The attestation suite (issue 5): mutual attestation between the vendors under test and the
 * harness, then one negative case per way evidence, a certificate, a TLS session or a policy can
 * be wrong, each refused in the handshake's slot with the failed check named, nothing of the
 * interface through, and the rest of the network working.
 *
 * The matrix: O-RU x near-RT RIC. ru-1 (the O-RU under test) is the relying party of M-plane and
 * CU-plane, ric-1 (the RIC under test) of E2; the harness's O-DU test peer du-1 is the attester
 * they appraise (or, in the cases about the vendors' own evidence, the verifier that appraises
 * them); du-2 and ru-2, built-in vendors, are the half of the network that must not notice.
 */
import type { CaseDefinition, Network } from '../../src/conformance/index.js';
import { forgedCases } from './forged.js';
import { policyCases } from './policy.js';
import { tlsCases } from './tls.js';
import { vendorEvidenceCases } from './vendor-evidence.js';

export const attestationCases: CaseDefinition<Network>[] = [
  ...policyCases.slice(0, 1),
  ...forgedCases,
  ...tlsCases,
  ...vendorEvidenceCases,
  ...policyCases.slice(1),
];
