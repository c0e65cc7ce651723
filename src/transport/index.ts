/** src/transport: a WebSocket link per interface, client and server. */
export { closeListener, SocketTracker, settleWithin, stopDefaults } from './bounded-stop.js';
export { type ConnectOptions, connectLink, openLink } from './client.js';
export {
  type Admission,
  Link,
  type LinkCloseEvent,
  type LinkEvents,
  type LinkSide,
  type LinkState,
  type LinkStats,
  type Outcome,
  type PeerInfo,
  type ProtocolErrorEvent,
  type SupervisionLostEvent,
} from './link.js';
export {
  boundedHttpOptions,
  type LinkIdentity,
  type LinkOptions,
  linkDefaults,
  listenerLimits,
  type SupervisionOptions,
  socketPayloadCeiling,
  supervisionBounds,
  supervisionProblem,
} from './options.js';
export {
  type BackoffOptions,
  backoffDelays,
  defaultBackoff,
  dialWithBackoff,
  type ReconnectingClient,
  type ReconnectingClientOptions,
} from './reconnect.js';
export { type LinkServer, type LinkServerOptions, listenLinks, refusalHeader } from './server.js';
export {
  type CertificateName,
  type ClientTlsOptions,
  channelBindingLabel,
  channelBindingLength,
  type LinkPeerCertificate,
  type LinkTls,
  type ServerTlsOptions,
} from './tls.js';
