/**
 * CRL issuance for the dev PKI: a complete CRL of a CA (RFC 5280 section 5) with its cRLNumber,
 * and reading that number back.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API
// loaded before the library is. Any module that imports @peculiar/x509 does the same.
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import * as x509 from '@peculiar/x509';
import { type CaHandle, dayMs, defaultCrlValidDays, signingParams } from './pki-issue.js';

export interface CrlOptions {
  /** Default: now. */
  readonly thisUpdate?: Date;
  /** Default: thisUpdate + 7 days. A nextUpdate in the past makes a stale CRL. */
  readonly nextUpdate?: Date;
  /** cRLNumber. Default: thisUpdate in milliseconds, so a later CRL of the CA has a larger one. */
  readonly number?: number;
  /** Also write the PEM to this file. */
  readonly file?: string;
}

/**
 * A complete CRL signed by `ca` that lists exactly `serialNumbers` (hex, as LeafHandle.serialNumber):
 * a CRL replaces the one before it, so pass every serial still revoked. `revoke(ca, [])` is an
 * empty CRL. Returns the PEM.
 */
export async function revoke(
  ca: CaHandle,
  serialNumbers: readonly string[],
  options: CrlOptions = {},
): Promise<string> {
  const thisUpdate = options.thisUpdate ?? new Date();
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subjectName,
    thisUpdate,
    nextUpdate: options.nextUpdate ?? new Date(thisUpdate.getTime() + defaultCrlValidDays * dayMs),
    signingAlgorithm: signingParams[ca.algorithm],
    signingKey: ca.privateKey,
    entries: serialNumbers.map((serial) => ({ serialNumber: serial, revocationDate: thisUpdate })),
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
      crlNumber(options.number ?? thisUpdate.getTime()),
    ],
  });
  // "X509 CRL" is the label OpenSSL (so Node's tls `crl` option) reads; the library writes "CRL".
  const pem = x509.PemConverter.encode(crl.rawData, 'X509 CRL');
  if (options.file) await writeFile(options.file, `${pem}\n`);
  return pem;
}

const crlNumberOid = '2.5.29.20';

/**
 * The cRLNumber extension RFC 5280 section 5.2.3 requires: a number that grows with each CRL the
 * CA issues. thisUpdate has whole seconds only (UTCTime), so of two CRLs of one CA made in the
 * same second, the number tells which is newer.
 */
function crlNumber(value: number): x509.Extension {
  let hex = Math.trunc(value).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`; // DER INTEGER stays positive
  const content = Buffer.from(hex, 'hex');
  return new x509.Extension(
    crlNumberOid,
    false,
    Buffer.concat([Buffer.from([0x02, content.length]), content]),
  );
}

/** The cRLNumber of a CRL (undefined without one): of two CRLs of one CA, the larger is the newer. */
export function crlNumberOf(crl: x509.X509Crl): bigint | undefined {
  const extension = crl.getExtension(crlNumberOid);
  if (!extension) return undefined;
  const der = new Uint8Array(extension.value);
  // DER INTEGER: tag 0x02, a short length (a CRL number is at most 20 octets), the content.
  if (der[0] !== 0x02 || der[1] === undefined || der[1] > 20) return undefined;
  return BigInt(`0x${Buffer.from(der.subarray(2, 2 + der[1])).toString('hex') || '0'}`);
}
