/**
 * Check 2, `certificate-chain`: the path from the leaf to a root the policy pins for the vendor
 * the chain names (the subject O of the leaf's issuer: its vendor CA, endorsed by the root above
 * it), then, along that path: validity dates, CA basicConstraints and key usage, each
 * signature, and each issuer's CRL.
 */
import 'reflect-metadata';
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  type X509Certificate,
} from '@peculiar/x509';
import { certificatesFromX5c } from '../pki-pem.js';
import { type Appraising, type Check, dn } from './appraising.js';

const sameCert = (x: X509Certificate, y: X509Certificate) =>
  Buffer.from(x.rawData).equals(Buffer.from(y.rawData));

/** `maxChainLength`: the longest x5c chain, leaf included (VerifierOptions). */
export function certificateChainCheck(maxChainLength: number): Check {
  return (a) => checkChain(a, maxChainLength);
}

async function checkChain(a: Appraising, maxChainLength: number): Promise<string | undefined> {
  const x5c = a.header?.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0) return 'no x5c certificate chain in the header';
  if (x5c.length > maxChainLength) return `x5c holds ${x5c.length} certificates; at most ${maxChainLength}`;
  const chain = certificatesFromX5c(x5c);
  const leaf = chain[0]!;
  const vendor = leaf.issuerName.getField('O')[0];
  if (!vendor) return `the leaf's issuer ${leaf.issuer} names no vendor (subject O)`;
  a.chainVendor = vendor;
  const vendorRoots = a.trust.vendorRoots.get(vendor);
  const pins = vendorRoots && vendorRoots.length > 0 ? vendorRoots : a.trust.globalRoots;
  if (pins.length === 0) return `the policy pins no root for vendor ${vendor}`;

  const path = [leaf];
  for (let current = leaf; !pins.some((pin) => sameCert(pin, current)); ) {
    const issuerPin = pins.find((pin) => pin.subject === current.issuer);
    if (issuerPin) {
      path.push(issuerPin);
      break;
    }
    const next = chain.find((c) => c.subject === current.issuer && !path.includes(c));
    if (!next) {
      return current.subject === current.issuer
        ? `self-signed certificate ${dn(current)} is not a root pinned for ${vendor}`
        : `unknown root: ${dn(current)} was issued by "${current.issuer}", not a root pinned for ${vendor}`;
    }
    path.push(next);
    current = next;
  }
  a.path = path;

  const at = new Date(a.now);
  for (const [i, cert] of path.entries()) {
    if (at < cert.notBefore)
      return `certificate ${dn(cert)} is not valid before ${cert.notBefore.toISOString()}`;
    if (at > cert.notAfter) return `certificate ${dn(cert)} expired at ${cert.notAfter.toISOString()}`;
    const constraints = cert.getExtension(BasicConstraintsExtension);
    const usage = cert.getExtension(KeyUsagesExtension);
    if (i === 0) {
      if (constraints?.ca) return `leaf ${dn(cert)} is a CA certificate, not an attestation key`;
      if (usage && !(usage.usages & KeyUsageFlags.digitalSignature))
        return `leaf ${dn(cert)} has no digitalSignature key usage`;
      continue;
    }
    if (!constraints?.ca) return `issuer ${dn(cert)} is not a CA (basicConstraints)`;
    if (usage && !(usage.usages & KeyUsageFlags.keyCertSign))
      return `issuer ${dn(cert)} may not sign certificates`;
    if (constraints.pathLength !== undefined && i - 1 > constraints.pathLength)
      return `issuer ${dn(cert)} allows ${constraints.pathLength} intermediates below it, the chain has ${i - 1}`;
  }
  for (let i = 0; i + 1 < path.length; i += 1) {
    const cert = path[i]!;
    const issuer = path[i + 1]!;
    if (!(await cert.verify({ publicKey: issuer, signatureOnly: true })))
      return `the signature of ${dn(cert)} does not verify with ${dn(issuer)}'s key`;
    const revoked = await crlVerdict(a, cert, issuer);
    if (revoked) return revoked;
  }
  return undefined;
}

/** The newest CRL signed by `issuer`: stale, or listing `cert`, is a failure; no CRL, none. */
async function crlVerdict(a: Appraising, cert: X509Certificate, issuer: X509Certificate) {
  const candidates = a.trust.crls.filter((crl) => crl.issuer === issuer.subject);
  const signed = [];
  for (const crl of candidates) if (await crl.verify({ publicKey: issuer })) signed.push(crl);
  const crl = signed.sort((x, y) => y.thisUpdate.getTime() - x.thisUpdate.getTime())[0];
  if (!crl) return undefined;
  if (crl.nextUpdate && crl.nextUpdate.getTime() < a.now)
    return `stale CRL of ${dn(issuer)}: its nextUpdate ${crl.nextUpdate.toISOString()} has passed`;
  if (crl.findRevoked(cert))
    return `certificate ${dn(cert)} serial ${cert.serialNumber} is revoked by ${dn(issuer)}'s CRL`;
  return undefined;
}
