/**
 * The harness as the SMO: on every A1 link from `smo` (when no instance has that name) it dials
 * the near-RT RIC, through the link's relay, and keeps the link up; in a secured run it attests
 * as vendor `harness` and verifies the RICs like any vendor.
 */
import type { Logger } from 'pino';
import { createLinkSecurity, type LinkSecurity } from '../sdk/index.js';
import { harnessSmo, harnessVendor, type Topology } from '../topology/index.js';
import { dialWithBackoff, type Link, type ReconnectingClient } from '../transport/index.js';
import { interfaceSpecs, type MessageRegistry } from '../wire/index.js';
import type { RunSecurity } from './security.js';

export async function dialHarnessSmo(context: {
  readonly topology: Topology;
  readonly relayUrl: (link: string) => string;
  readonly security: RunSecurity | undefined;
  readonly logger: Logger;
  readonly registry: MessageRegistry;
}): Promise<{ clients: Map<string, ReconnectingClient>; security: LinkSecurity | undefined }> {
  const { topology, security: run } = context;
  const links = topology.links.filter((l) => l.client === harnessSmo && !topology.instances.has(harnessSmo));
  const security =
    links.length > 0 && run
      ? await createLinkSecurity({
          config: await run.configOf(harnessSmo, harnessVendor),
          facts: run.harnessFacts,
          logger: context.logger.child({ instance: harnessSmo, vendor: harnessVendor, role: 'smo' }),
        })
      : undefined;
  const clients = new Map<string, ReconnectingClient>();
  for (const link of links) {
    clients.set(
      link.server,
      dialWithBackoff({
        spec: interfaceSpecs.a1,
        url: context.relayUrl(link.id),
        identity: { instanceId: harnessSmo, vendorId: 'plugfest', role: 'smo', productVersion: 'harness' },
        logger: context.logger,
        registry: context.registry,
        ...(security ? { onOpen: (l: Link) => security.dial(l, link.server) } : {}),
        ...(security?.tls ? { tls: security.tls.client } : {}),
        onLink: () => {},
      }),
    );
  }
  return { clients, security };
}
