/** A snapshot of a running topology, for live displays and `plugfest up`'s summary. */
import type { RunningTopology } from './orchestrator.js';

export interface LinkStatus {
  readonly link: string;
  readonly interface: string;
  readonly state: string;
  readonly framesUp: number;
  readonly framesDown: number;
  readonly bytes: number;
  readonly undecodable: number;
}

export interface InstanceStatus {
  readonly instance: string;
  readonly vendor: string;
  readonly role: string;
  readonly pid: number | undefined;
  readonly running: boolean;
}

export function linkStatuses(topology: RunningTopology): LinkStatus[] {
  return [...topology.relays.values()].map((relay) => {
    const up = relay.stats['client-to-server'];
    const down = relay.stats['server-to-client'];
    return {
      link: relay.link.id,
      interface: relay.link.interface,
      state: relay.state,
      framesUp: up.frames,
      framesDown: down.frames,
      bytes: up.bytes + down.bytes,
      undecodable: up.undecodable + down.undecodable,
    };
  });
}

export function instanceStatuses(topology: RunningTopology): InstanceStatus[] {
  return [...topology.topology.instances.values()].map((spec) => {
    const instance = topology.instances.get(spec.id);
    return {
      instance: spec.id,
      vendor: instance?.manifest.id ?? spec.vendor,
      role: spec.role,
      pid: instance?.pid,
      running: instance?.running ?? false,
    };
  });
}
