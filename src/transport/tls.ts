/**
 * mTLS for links (topology `security: mtls`, issue 5 item 6): the options of each end, the
 * check at the upgrade, and what a link tells of its TLS session (the peer's certificate and
 * the keying material exporter the attestation layer binds its evidence to, RFC 9266).
 *
 * The server's check at the upgrade is in tls-refusal.ts.
 */
import { X509Certificate } from 'node:crypto';
import type { SecureContextOptions, SecureVersion, TLSSocket } from 'node:tls';
import { PlugfestError } from '../wire/index.js';

/** PEM text, one block or several. */
export type Pem = string | readonly string[];

/** The accepting end's TLS. */
export interface ServerTlsOptions {
  /** PEM: this end's certificate, then the CAs up to the root (the chain it sends). */
  readonly cert: string;
  /** PEM PKCS#8 private key of `cert`. */
  readonly key: string;
  /** PEM: the CAs a client certificate must chain to (the operator root). */
  readonly ca: Pem;
  /**
   * PEM CRLs, each one `X509 CRL` block. With any, OpenSSL checks every certificate of the
   * chain (CRL_CHECK_ALL), so give the CRL of every CA, the root's included. Default none.
   */
  readonly crl?: Pem;
  /** Lowest TLS version accepted. Default and floor TLSv1.2 (O-RAN WG11 security requirements). */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** The dialling end's TLS. */
export interface ClientTlsOptions {
  /**
   * PEM: this end's certificate, then the CAs up to the root (the chain it sends). Without it
   * (and `key`) the client shows none, which an mTLS server refuses: for test peers.
   */
  readonly cert?: string;
  readonly key?: string;
  /** PEM: the CAs the server's certificate must chain to. */
  readonly ca: Pem;
  /** PEM CRLs the server's chain is checked against, as for the server. Default none. */
  readonly crl?: Pem;
  /**
   * The name the server's certificate must carry (SNI and checkServerIdentity). Default: the
   * URL's host; an IP address (127.0.0.1) is checked against the certificate's IP SANs.
   */
  readonly servername?: string;
  /**
   * Highest TLS version offered. Default TLSv1.3. Below TLSv1.2 it plays an outdated client
   * (a test peer): it then offers from TLSv1 with the ciphers OpenSSL 3 keeps at level 0.
   */
  readonly maxVersion?: SecureVersion;
}

/** RFC 9266 `tls-exporter` channel binding: this label, no context, 32 bytes. */
export const channelBindingLabel = 'EXPORTER-Channel-Binding';
export const channelBindingLength = 32;

/** A certificate's subject or issuer: the names attestation reads. */
export interface CertificateName {
  /** O: the vendor id in the dev PKI. */
  readonly organization: string | undefined;
  /** CN: the instance id of a leaf in the dev PKI. */
  readonly commonName: string | undefined;
}

/** The certificate the peer presented. */
export interface LinkPeerCertificate {
  readonly der: Buffer;
  readonly pem: string;
  readonly subject: CertificateName;
  readonly issuer: CertificateName;
  /** Lowercase hexadecimal, as the dev PKI's LeafHandle.serialNumber and a CRL entry give it. */
  readonly serialNumber: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** SHA-256 fingerprint, colon-separated hex as Node gives it. */
  readonly fingerprint256: string;
}

/** What a link tells of its TLS session; `link.tls` is undefined on a link without TLS. */
export interface LinkTls {
  /** The negotiated version, `TLSv1.3` or `TLSv1.2`; null before the handshake. */
  readonly protocol: string | null;
  /**
   * The peer's certificate chained to a trusted CA and passed the CRLs. A link that reached
   * `ready` always has it: the server refuses an unauthorized client at the upgrade, and the
   * client does not complete the handshake with an unauthorized server.
   */
  readonly authorized: boolean;
  /** OpenSSL's verdict when not authorized: CERT_HAS_EXPIRED, CERT_REVOKED, ... */
  readonly authorizationError: string | undefined;
  /** Undefined when the peer presented none (or before the handshake). */
  readonly peerCertificate: LinkPeerCertificate | undefined;
  /**
   * RFC 5705 keying material exporter, without context: both ends of one TLS session get the
   * same bytes, and no other session does. Throws `link-closed` once the socket is gone.
   */
  exportKeyingMaterial(length: number, label: string): Buffer;
  /** The RFC 9266 `tls-exporter` value: exportKeyingMaterial(32, "EXPORTER-Channel-Binding"). */
  channelBinding(): Buffer;
}

/** The https server's options: ask for a client certificate, decide at the upgrade. */
export function serverSecureOptions(tls: ServerTlsOptions): SecureContextOptions & {
  requestCert: true;
  rejectUnauthorized: false;
} {
  return {
    cert: tls.cert,
    key: tls.key,
    ca: pemList(tls.ca),
    ...(tls.crl ? { crl: pemList(tls.crl) } : {}),
    minVersion: tls.minVersion ?? 'TLSv1.2',
    requestCert: true,
    rejectUnauthorized: false,
  };
}

/** The ws client's TLS options. */
export function clientSecureOptions(tls: ClientTlsOptions): SecureContextOptions & {
  servername?: string;
} {
  const outdated = tls.maxVersion === 'TLSv1' || tls.maxVersion === 'TLSv1.1';
  return {
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key } : {}),
    ca: pemList(tls.ca),
    ...(tls.crl ? { crl: pemList(tls.crl) } : {}),
    ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
    ...(tls.maxVersion ? { maxVersion: tls.maxVersion } : {}),
    // OpenSSL 3 refuses to offer TLS 1.0 and 1.1 at its default security level.
    ...(outdated ? { minVersion: 'TLSv1' as const, ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
  };
}

/**
 * The TLS view of a link over the socket `socketOf` gives. Read lazily: the client's socket
 * exists only once its request has one, and is secure later still.
 */
export function linkTls(socketOf: () => TLSSocket | undefined): LinkTls {
  let certificate: LinkPeerCertificate | undefined;
  const exportKeyingMaterial = (length: number, label: string): Buffer => {
    const socket = socketOf();
    if (!socket || socket.destroyed || socket.getProtocol() === null) {
      throw new PlugfestError('link-closed', 'no TLS session to export keying material from', {
        label,
      });
    }
    // RFC 9266 asks for no context, which in TLS 1.2 differs from an empty one; Node passes
    // none when the argument is left out, though @types/node declares it required.
    const exporter = socket.exportKeyingMaterial as (length: number, label: string) => Buffer;
    return exporter.call(socket, length, label);
  };
  return {
    get protocol() {
      return socketOf()?.getProtocol() ?? null;
    },
    get authorized() {
      return socketOf()?.authorized ?? false;
    },
    get authorizationError() {
      const error = socketOf()?.authorizationError;
      return error === undefined || error === null ? undefined : String(error);
    },
    get peerCertificate() {
      const socket = socketOf();
      if (socket) certificate ??= peerCertificateOf(socket);
      return certificate;
    },
    exportKeyingMaterial,
    channelBinding: () => exportKeyingMaterial(channelBindingLength, channelBindingLabel),
  };
}

function peerCertificateOf(socket: TLSSocket): LinkPeerCertificate | undefined {
  if (socket.destroyed) return undefined;
  const detailed = socket.getPeerCertificate();
  if (!detailed.raw) return undefined;
  return {
    der: detailed.raw,
    pem: new X509Certificate(detailed.raw).toString(),
    subject: nameOf(detailed.subject),
    issuer: nameOf(detailed.issuer),
    serialNumber: detailed.serialNumber.toLowerCase(),
    validFrom: detailed.valid_from,
    validTo: detailed.valid_to,
    fingerprint256: detailed.fingerprint256,
  };
}

function nameOf(name: Record<string, string | string[] | undefined> | undefined): CertificateName {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return { organization: first(name?.O), commonName: first(name?.CN) };
}

/** PEM options as the list Node's tls takes. */
export function pemList(pem: Pem): string[] {
  return typeof pem === 'string' ? [pem] : [...pem];
}
