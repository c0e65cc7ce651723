/**
 * An attestation key a vendor issues to itself, under a root of its own making: for a vendor
 * that brings its own PKI instead of the operator's, and for the negative vendors (a rogue whose
 * evidence chains to a CA the operator does not know).
 */
import { createCa, issueLeaf } from '../../attestation/pki.js';
import type { AttestationKey } from './attester.js';

/**
 * Makes a root CA, a vendor CA under it (subject O = `vendor`, as the operator's would be) and an
 * attestation leaf for `instance`, in memory; the chain holds the leaf and the vendor CA, not
 * the root, as the operator's chains do.
 */
export async function selfIssuedAttestationKey(vendor: string, instance: string): Promise<AttestationKey> {
  const root = await createCa({
    name: `${vendor} own root CA`,
    organization: `${vendor} root`,
    pathLength: 1,
  });
  const ca = await createCa({
    name: `${vendor} vendor CA`,
    organization: vendor,
    issuer: root,
    pathLength: 0,
  });
  const leaf = await issueLeaf({ ca, commonName: instance, organization: vendor, usage: 'attest' });
  return { keyPem: leaf.keyPem, chainPem: `${leaf.certPem}\n${ca.certPem}\n` };
}
