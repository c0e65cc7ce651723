/**
 * The dev PKI (`plugfest pki init`): an operator root CA, a CA per vendor (the endorser, RFC 9334
 * section 3.2), and per instance a TLS leaf and an attestation-key leaf, each CA with a CRL. The
 * building blocks (createCa, issueLeaf, selfSigned, revoke) are exported so the negative
 * attestation cases can make an expired, not-yet-valid, self-signed, revoked or foreign chain.
 *
 * Issuance is pki-issue.ts (certificates) and pki-crl.ts (CRLs), PEM in and out pki-pem.ts, the
 * layout on disk pki-layout.ts; this module re-exports them for the rest of plugfest.
 */
export { type CrlOptions, crlNumberOf, revoke } from './pki-crl.js';
export {
  type CaHandle,
  type CreateCaOptions,
  createCa,
  issueLeaf,
  type LeafHandle,
  type LeafOptions,
  type LeafUsage,
  type SubjectAltNames,
  selfSigned,
  type Validity,
} from './pki-issue.js';
export { type InitPkiOptions, initPki, loadCa, loadPki, pkiPaths } from './pki-layout.js';
export {
  algorithmOf,
  certificatesFromPem,
  certificatesFromX5c,
  crlFromPem,
  importPrivateKey,
  pemBlocks,
  x5cFromPem,
} from './pki-pem.js';
