/**
 * Secured topologies (`security: attest`) of the built-in vendors on the process backend, with
 * what their tests read: each link's frames in the trace, the interface messages among them,
 * the closes, and the attestation lines the vendors logged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { type RunningTopology, startTopology } from '../../src/orchestrator/index.js';
import {
  type ConnectionRecord,
  type FrameRecord,
  memoryTraceSink,
  type TraceRecord,
} from '../../src/relay/index.js';
import { loadVendorCatalog, parseTopology, type VendorCatalog } from '../../src/topology/index.js';
import { linkPackages, packageOf } from '../../src/wire/index.js';
import { repoRoot, tempRunDir } from './topologies.js';

export const builtInCatalog = (): VendorCatalog => loadVendorCatalog([join(repoRoot, 'vendors')]);

export type LogLine = Record<string, unknown> & { msg?: string };

export interface SecuredNetwork {
  readonly running: RunningTopology;
  readonly runDir: string;
  readonly records: readonly TraceRecord[];
  /** Frames of one link, in the order the relay saw them. */
  frames(link: string, type?: string): FrameRecord[];
  /** Frames of the interface itself (not oran.common.v1 nor oran.attestation.v1). */
  interfaceFrames(link: string): FrameRecord[];
  /** Connection closes the relay recorded on a link. */
  closes(link: string): ConnectionRecord[];
  logs(instance: string): LogLine[];
  /** `attestation-failed` lines an instance logged. */
  refusals(instance: string): LogLine[];
}

export const isInterfaceFrame = (frame: FrameRecord): boolean =>
  frame.type !== undefined && !linkPackages.includes(packageOf(frame.type));

/** Starts `yaml` (file name `<runDir>/topology.yaml`, so a relative trustPolicy is the run's). */
export async function startSecured(
  yaml: string,
  options: { runDir?: string; catalog?: VendorCatalog } = {},
): Promise<SecuredNetwork> {
  const catalog = options.catalog ?? builtInCatalog();
  const runDir = options.runDir ?? tempRunDir();
  const trace = memoryTraceSink();
  const running = await startTopology(parseTopology(yaml, join(runDir, 'topology.yaml'), catalog), {
    catalog,
    runDir,
    logger: pino({ level: 'silent' }),
    trace,
    root: repoRoot,
  });
  const frames = (link: string, type?: string) =>
    trace.records.filter(
      (r): r is FrameRecord => r.kind === 'frame' && r.link === link && (!type || r.type === type),
    );
  const logs = (instance: string): LogLine[] => {
    const file = running.instances.get(instance)?.logFile;
    if (!file) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      });
  };
  return {
    running,
    runDir,
    records: trace.records,
    frames,
    interfaceFrames: (link) => frames(link).filter(isInterfaceFrame),
    closes: (link) =>
      trace.records.filter(
        (r): r is ConnectionRecord => r.kind === 'connection' && r.link === link && r.event === 'close',
      ),
    logs,
    refusals: (instance) => logs(instance).filter((l) => l.event === 'attestation-failed'),
  };
}

/** The secured default topology (topologies/default.yaml with `security: attest`), plus extra lines. */
export function securedDefault(extra: { instances?: string; links?: string; top?: string } = {}): string {
  return `name: secured-default
security: attest
${extra.top ?? ''}
options: { kpmPeriodMs: 500, slotRatePerSecond: 20 }
instances:
  ric-1: { role: near-rt-ric, vendor: sagebrush }
  du-1: { role: o-du, vendor: cellwright }
  ru-1: { role: o-ru, vendor: ruvello }
  ru-2: { role: o-ru, vendor: korimo }
${extra.instances ?? ''}
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-1, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: a1, from: smo, to: ric-1 }
${extra.links ?? ''}`;
}
