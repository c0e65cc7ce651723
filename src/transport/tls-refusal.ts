/**
 * The mTLS server's check at the WebSocket upgrade, and how the client tells a TLS refusal from
 * a network failure.
 *
 * The server asks for a client certificate but lets the TLS handshake finish whatever it is
 * (requestCert, rejectUnauthorized false), then refuses an unauthorized client at the upgrade
 * with an HTTP status and a reason naming OpenSSL's verdict (`socket.authorizationError`): a
 * refusal the client can read and a report can quote, which a TLS alert is not.
 */
import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { pemList, type ServerTlsOptions } from './tls.js';

export interface TlsRefusal {
  /** 401: no client certificate; 403: one that is not authorized. */
  readonly status: 401 | 403;
  /** For the refusal header and body: names the verdict, e.g. `client certificate refused: CERT_REVOKED`. */
  readonly reason: string;
  /** OpenSSL's verdict, as `socket.authorizationError` gives it. */
  readonly authorizationError: string;
}

/** The check of `tls`'s server: why an upgrade on a socket is refused, or undefined to admit it. */
export function tlsGate(tls: ServerTlsOptions): (socket: TLSSocket) => TlsRefusal | undefined {
  const anchors = pemList(tls.ca).flatMap(certificateBlocks);
  return (socket) => {
    // `encrypted` holds for any client that finished the handshake; only `authorized` says its
    // certificate chained to our CA and passed the CRLs.
    if (socket.authorized) return undefined;
    const authorizationError = String(socket.authorizationError ?? 'unknown');
    const peer = socket.getPeerCertificate(true);
    if (!peer.raw) {
      return {
        status: 401,
        reason: `client certificate required (${authorizationError})`,
        authorizationError,
      };
    }
    // With CRLs, OpenSSL goes on past a failure and reports the last one: a chain to an unknown
    // CA, which no CRL covers, ends in UNABLE_TO_GET_CRL. Name the chain's failure first.
    const chain = authorizationError === 'UNABLE_TO_GET_CRL' ? chainFailure(peer, anchors) : undefined;
    const verdict = chain ? `${chain} (reported as ${authorizationError})` : authorizationError;
    return { status: 403, reason: `client certificate refused: ${verdict}`, authorizationError };
  };
}

/**
 * Whether a socket error is TLS refusing the session (an alert, a certificate OpenSSL would not
 * verify, a name mismatch) rather than the network failing.
 */
export function isTlsFailure(error: Error & { code?: string; library?: string }): boolean {
  if (error.library === 'SSL routines' || error.code === 'EPROTO') return true;
  return /^(ERR_SSL_|ERR_TLS_|UNABLE_TO_|CERT_|CRL_|ERROR_IN_|DEPTH_ZERO_|SELF_SIGNED_|INVALID_|PATH_LENGTH_|HOSTNAME_MISMATCH)/.test(
    error.code ?? '',
  );
}

/**
 * The OpenSSL code of why the peer's chain reaches none of `anchors`, as OpenSSL names it
 * without CRLs; undefined when it does reach one.
 */
function chainFailure(
  peer: DetailedPeerCertificate,
  anchors: readonly X509Certificate[],
): string | undefined {
  const sent = peerChain(peer);
  const issues = (subject: X509Certificate, issuer: X509Certificate) =>
    subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  let current = sent[0];
  for (let depth = 0; current && depth < sent.length; depth += 1) {
    const here: X509Certificate = current;
    if (anchors.some((anchor) => issues(here, anchor))) return undefined;
    // Not checkIssued: it also asks for keyCertSign, which a self-signed leaf lacks.
    if (here.subject === here.issuer && here.verify(here.publicKey))
      return depth === 0 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN';
    current = sent.find((candidate) => candidate !== here && issues(here, candidate));
  }
  return 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
}

/** The certificates Node lists for the peer, leaf first, each once. */
function peerChain(peer: DetailedPeerCertificate): X509Certificate[] {
  const seen = new Set<string>();
  const chain: X509Certificate[] = [];
  for (let at: DetailedPeerCertificate | undefined = peer; at?.raw; at = at.issuerCertificate) {
    if (seen.has(at.fingerprint256)) break;
    seen.add(at.fingerprint256);
    chain.push(new X509Certificate(at.raw));
  }
  return chain;
}

function certificateBlocks(pem: string): X509Certificate[] {
  return (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map(
    (block) => new X509Certificate(block),
  );
}
