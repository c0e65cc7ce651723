/**
 * Helpers for end-to-end tests of the built-in vendors: start a topology on the process
 * backend with an in-memory trace, read the trace and the vendors' logs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { type RunningTopology, startTopology } from '../../src/orchestrator/index.js';
import { type FrameRecord, memoryTraceSink, type TraceRecord } from '../../src/relay/index.js';
import { loadVendorCatalog, parseTopology, type VendorCatalog } from '../../src/topology/index.js';
import { repoRoot, tempRunDir } from '../support/topologies.js';

export const builtInCatalog = (): VendorCatalog => loadVendorCatalog([join(repoRoot, 'vendors')]);

export interface Network {
  readonly running: RunningTopology;
  readonly trace: TraceRecord[];
  frames(type: string, link?: string): FrameRecord[];
  /** The JSON log lines an instance wrote so far. */
  logs(instance: string): Array<Record<string, unknown>>;
}

export async function startNetwork(yaml: string, catalog = builtInCatalog()): Promise<Network> {
  const trace = memoryTraceSink();
  const running = await startTopology(parseTopology(yaml, 'inline.yaml', catalog), {
    catalog,
    runDir: tempRunDir(),
    logger: pino({ level: 'silent' }),
    trace,
    root: repoRoot,
  });
  return {
    running,
    trace: trace.records,
    frames: (type, link) =>
      (trace.records as FrameRecord[]).filter(
        (r) => r.kind === 'frame' && r.type === type && (!link || r.link === link),
      ),
    logs: (instance) => {
      const file = running.instances.get(instance)?.logFile;
      if (!file) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as Record<string, unknown>];
          } catch {
            return [];
          }
        });
    },
  };
}

/** The KPM values of a traced RicIndication, by measurement name. */
export function kpmValues(frame: FrameRecord): Record<string, number> {
  const decoded = (frame.fields as { ricIndicationMessageDecoded?: unknown } | undefined)
    ?.ricIndicationMessageDecoded as
    | {
        format1?: {
          measInfoList?: Array<{ measName: string }>;
          measData?: Array<{ measRecord?: Array<{ integer?: number; real?: number }> }>;
        };
      }
    | undefined;
  const names = decoded?.format1?.measInfoList?.map((m) => m.measName) ?? [];
  const records = decoded?.format1?.measData?.[0]?.measRecord ?? [];
  return Object.fromEntries(
    names.map((name, i) => [name, records[i]?.real ?? records[i]?.integer ?? Number.NaN]),
  );
}
