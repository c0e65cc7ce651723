/**
 * The process entry of a vendor written on the SDK: read the config named by PLUGFEST_CONFIG,
 * open the links its role serves and dials, announce readiness with one JSON line on stdout,
 * and stop cleanly on SIGTERM, SIGINT or the harness going away. docs/vendor-contract.md is
 * the same contract for vendors in other languages.
 */
import { dirname, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import {
  type Admission,
  dialWithBackoff,
  type Link,
  type LinkServer,
  listenLinks,
  type ReconnectingClient,
} from '../transport/index.js';
import { createMessageRegistry, type InterfaceName, interfaceSpecs, PlugfestError } from '../wire/index.js';
import { loadVendorConfig, type VendorConfig } from './config.js';
import type { EndpointBehaviour, VendorContext, VendorDefinition } from './define.js';
import { createVendorLogger } from './logger.js';
import { installProcessHooks } from './process-hooks.js';
import {
  type AttesterFacts,
  createLinkSecurity,
  type LinkSecurity,
  type LinkSecurityOptions,
  readAttesterFacts,
} from './security/index.js';
import { dispatchTo, Session } from './session.js';

/** The line a vendor prints on stdout once it serves and dials what its config says. */
export interface ReadyLine {
  readonly plugfest: 'ready';
  readonly instance: string;
  readonly pid: number;
  /** URL per interface served. */
  readonly listen: Partial<Record<InterfaceName, string>>;
}

export interface RunningVendor {
  readonly context: VendorContext;
  readonly ready: ReadyLine;
  stop(reason?: string): Promise<void>;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Default: process.stdout. */
  readonly writeReady?: (line: string) => void;
  /** Default: true; install SIGTERM / SIGINT / parent watch and exit the process on stop. */
  readonly ownProcess?: boolean;
  readonly logger?: Logger;
  /**
   * The vendor folder measured for attestation evidence, when the config has `security`.
   * Default: the folder of the main module (process.argv[1]): what actually runs; for a bundle
   * of a `${ts}` entry, the entry's folder (vendorFolderOf).
   */
  readonly vendorDir?: string;
  /** The evidence's facts given outright instead of measured (the harness's own test peers). */
  readonly attesterFacts?: AttesterFacts;
  /** Replaces the honest attester (the harness's test peers' forged evidence; LinkSecurityOptions). */
  readonly attester?: LinkSecurityOptions['attester'];
}

/** Starts a vendor in this process. Exits with status 2 on a config error when it owns the process. */
export async function runVendor(
  definition: VendorDefinition,
  options: RunOptions = {},
): Promise<RunningVendor> {
  const env = options.env ?? process.env;
  const ownProcess = options.ownProcess ?? true;
  const configPath = env.PLUGFEST_CONFIG;
  let config: VendorConfig;
  try {
    if (!configPath)
      throw new PlugfestError(
        'config-invalid',
        'PLUGFEST_CONFIG is not set: it must name the JSON config file',
      );
    config = loadVendorConfig(configPath);
    if (config.role !== definition.role) {
      throw new PlugfestError(
        'config-invalid',
        `${configPath}: role is ${config.role}, but this vendor is an ${definition.role}`,
      );
    }
  } catch (error) {
    if (!ownProcess) throw error;
    process.stderr.write(`${PlugfestError.from(error).message}\n`);
    process.exit(2);
  }

  const logger =
    options.logger ??
    createVendorLogger({
      vendor: config.vendor,
      role: config.role,
      instance: config.instance,
      level: config.logLevel,
    });
  const registry = createMessageRegistry();
  const abort = new AbortController();
  const sessions = new Set<Session<InterfaceName>>();
  const context: VendorContext = {
    config,
    logger,
    stopping: abort.signal,
    sessions: <I extends InterfaceName>(iface?: I) =>
      [...sessions].filter((s) => iface === undefined || s.interface === iface) as unknown as Session<I>[],
  };
  const identity = {
    instanceId: config.instance,
    vendorId: config.vendor,
    role: config.role,
    productVersion: definition.productVersion ?? '0.0.0',
    features: definition.features ?? [],
  };
  const security = await startSecurity(config, definition, options, logger).catch((error: unknown) => {
    if (!ownProcess) throw error;
    process.stderr.write(`${configPath}: security: ${PlugfestError.from(error).message}\n`);
    process.exit(2);
  });
  const scheme = security?.tls ? 'wss' : 'ws';

  const attach = (link: Link, behaviour: EndpointBehaviour<InterfaceName>): void => {
    const session = new Session<InterfaceName>(link, logger.child({ interface: link.spec.name }));
    dispatchTo(session, behaviour.handlers ?? {}, context);
    const onReady = () => {
      sessions.add(session);
      Promise.resolve(behaviour.onReady?.(session, context)).catch((error: unknown) =>
        logger.error({ err: error, interface: link.spec.name }, 'onReady failed'),
      );
    };
    // A dialled link is handed over once ready; an accepted one before its handshake.
    if (link.state === 'ready') onReady();
    else link.once('ready', onReady);
    link.once('close', (event) => {
      if (!sessions.delete(session)) return;
      behaviour.onClose?.(session, event, context);
    });
  };

  const servers: LinkServer[] = [];
  const listening: Partial<Record<InterfaceName, string>> = {};
  const clients: ReconnectingClient[] = [];
  const linkOptions = (iface: InterfaceName) => ({
    spec: interfaceSpecs[iface],
    identity,
    logger,
    registry,
    ...(definition.versions?.[iface] ? { versions: definition.versions[iface] } : {}),
    ...(config.supervision ? { supervision: config.supervision } : {}),
  });

  const serves = (definition.serves ?? {}) as Partial<
    Record<InterfaceName, EndpointBehaviour<InterfaceName>>
  >;
  for (const [iface, endpoint] of Object.entries(config.listen) as [
    InterfaceName,
    { host: string; port: number },
  ][]) {
    const behaviour = serves[iface];
    if (!behaviour) {
      throw new PlugfestError(
        'config-invalid',
        `${configPath}: listen.${iface}: a ${definition.role} of this vendor does not serve ${iface}`,
      );
    }
    const admit = admissionOf(security?.admit, behaviour.admit);
    const server = await listenLinks({
      ...linkOptions(iface),
      host: endpoint.host,
      port: endpoint.port,
      ...(admit ? { admit } : {}),
      ...(security?.tls ? { tls: security.tls.server } : {}),
      onLink: (link) => attach(link, behaviour),
    });
    servers.push(server);
    listening[iface] = `${scheme}://${server.host}:${server.port}`;
  }

  await definition.start?.(context);

  const dials = (definition.dials ?? {}) as Partial<Record<InterfaceName, EndpointBehaviour<InterfaceName>>>;
  for (const peer of config.peers) {
    const behaviour = dials[peer.interface];
    if (!behaviour) {
      logger.warn(
        { interface: peer.interface, peer: peer.instance },
        'peer of an interface this vendor does not dial; ignored',
      );
      continue;
    }
    clients.push(
      dialWithBackoff({
        ...linkOptions(peer.interface),
        url: peer.url,
        ...(security ? { onOpen: (link: Link) => security.dial(link, peer.instance) } : {}),
        ...(security?.tls ? { tls: security.tls.client } : {}),
        onLink: (link) => attach(link, behaviour),
        onAttemptFailed: (error, attempt, nextDelayMs) =>
          logger.debug({ peer: peer.instance, code: error.code, attempt, nextDelayMs }, error.rawMessage),
      }),
    );
  }

  const ready: ReadyLine = {
    plugfest: 'ready',
    instance: config.instance,
    pid: process.pid,
    listen: listening,
  };
  (options.writeReady ?? ((line: string) => process.stdout.write(line)))(`${JSON.stringify(ready)}\n`);
  logger.info({ listen: ready.listen, peers: config.peers.length }, 'vendor ready');

  let stopped: Promise<void> | undefined;
  const stop = (reason = 'stop requested'): Promise<void> => {
    stopped ??= (async () => {
      logger.info({ reason }, 'vendor stopping');
      abort.abort();
      await definition.stop?.(context);
      await Promise.all(clients.map((c) => c.stop()));
      await Promise.all(servers.map((s) => s.close()));
      security?.close();
    })();
    return stopped;
  };

  if (ownProcess) installProcessHooks(stop, logger, env, security);
  return { context, ready, stop };
}

/** The security slot first, then the vendor's own; undefined when there is neither. */
function admissionOf(...admissions: (Admission | undefined)[]): Admission | undefined {
  const present = admissions.filter((a): a is Admission => a !== undefined);
  if (present.length <= 1) return present[0];
  return async (peer, link) => {
    for (const admit of present) await admit(peer, link);
  };
}

/**
 * Link security from config.security: the facts measured now from the vendor folder (or given),
 * the attestation key from the config's files (or the vendor's own), the trust policy loaded.
 */
async function startSecurity(
  config: VendorConfig,
  definition: VendorDefinition,
  options: RunOptions,
  logger: Logger,
): Promise<LinkSecurity | undefined> {
  const security = config.security;
  if (!security) return undefined;
  const vendorDir = options.vendorDir ?? vendorFolderOf(resolve(process.argv[1] ?? '.'));
  const facts =
    options.attesterFacts ??
    (await readAttesterFacts(vendorDir, {
      vendor: config.vendor,
      role: config.role,
      productVersion: definition.productVersion ?? '0.0.0',
    }));
  return createLinkSecurity({
    config: security,
    facts,
    logger,
    ...(definition.attestationKey ? { key: await definition.attestationKey(config) } : {}),
    ...(options.attester ? { attester: options.attester } : {}),
  });
}

/**
 * The folder a vendor runs from, from its main module: the module's folder, or for a bundle the
 * harness built from a `${ts}` entry (<vendor>/node_modules/.cache/plugfest/<hash>.mjs) the
 * entry's folder, whose files the bundle was built from.
 */
export function vendorFolderOf(main: string): string {
  const marker = `${sep}node_modules${sep}.cache${sep}plugfest${sep}`;
  const at = main.lastIndexOf(marker);
  return at >= 0 ? main.slice(0, at) : dirname(main);
}
