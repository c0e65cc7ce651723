/**
 * Runs a fault schedule against a running topology and reports, for each fault, what noticed it
 * and when (detection), which links outside it were disrupted (containment), and when traffic
 * came back once it ended (recovery). What `plugfest chaos` prints and writes to chaos.json.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningTopology } from '../orchestrator/index.js';
import type { TraceRecord } from '../relay/index.js';
import { type AppliedLinkFaults, applyLinkFaults } from './apply.js';
import { type LinkDisruption, measureContainment } from './containment.js';
import { faultLabel } from './link-faults.js';
import { ProcessFaults } from './process-faults.js';
import type { FaultSchedule, ScheduleEntry } from './schedule.js';

/** Vendor log lines that say a fault was noticed (warn and above, or these by name). */
const detectionLevel = 40;

export interface FaultOutcome {
  /** "blackhole on du-1>ric-1/e2", "kill ru-1". */
  readonly fault: string;
  /** Links the fault is on, or the links of the faulty instance. */
  readonly links: readonly string[];
  readonly startedAt: number;
  readonly endedAt: number | undefined;
  /** The first sign of the fault: who, how, and ms after its start; undefined if nothing showed. */
  readonly detection: FaultSign | undefined;
  /** Every sign before the next fault, first per instance and kind, in time order. */
  readonly signs: readonly FaultSign[];
  /** Disruptions on links outside the fault, from its start to the next fault (or the end). */
  readonly blastRadius: readonly LinkDisruption[];
  /** ms from the fault's end to the first frame on its links; undefined if none came. */
  readonly recoveryMs: number | undefined;
}

export interface FaultSign {
  readonly by: string;
  readonly how: string;
  readonly afterMs: number;
}

export interface ChaosReport {
  readonly topology: string;
  readonly outcomes: readonly FaultOutcome[];
}

export interface ChaosOptions {
  readonly records: () => readonly TraceRecord[];
  /** Called as each fault starts and ends. */
  readonly onEvent?: (event: { t: number; what: string }) => void;
}

/** Runs the schedule (after `settleMs`), watches `tailMs` after the last fault, then reports. */
export async function runChaos(
  running: RunningTopology,
  schedule: FaultSchedule,
  options: ChaosOptions,
): Promise<ChaosReport> {
  const processes = new ProcessFaults(running);
  await sleep(schedule.settleMs);
  const origin = Date.now();
  const timeline: Array<{ entry: ScheduleEntry; startedAt: number; endedAt?: number }> = [];
  const applied = new Set<AppliedLinkFaults>();
  const runs = [...schedule.faults]
    .sort((a, b) => a.at - b.at)
    .map(async (entry) => {
      await sleep(Math.max(0, origin + entry.at - Date.now()));
      const item: { entry: ScheduleEntry; startedAt: number; endedAt?: number } = {
        entry,
        startedAt: Date.now(),
      };
      timeline.push(item);
      options.onEvent?.({ t: item.startedAt, what: `start ${describe(entry)}` });
      await start(entry);
      item.endedAt = Date.now();
      options.onEvent?.({ t: item.endedAt, what: `end ${describe(entry)}` });
    });

  async function start(entry: ScheduleEntry): Promise<void> {
    if ('link' in entry) {
      const relay = running.relays.get(entry.link);
      if (!relay) return;
      const handle = applyLinkFaults(relay, [entry.fault]);
      applied.add(handle);
      if (entry.for !== undefined) {
        await sleep(entry.for);
        handle.remove();
      }
      return;
    }
    switch (entry.action) {
      case 'kill':
        await processes.kill(entry.instance);
        if (entry.for !== undefined) {
          await sleep(entry.for);
          await processes.restart(entry.instance);
        }
        return;
      case 'freeze':
        processes.freeze(entry.instance);
        if (entry.for !== undefined) {
          await sleep(entry.for);
          processes.thaw(entry.instance);
        }
        return;
      case 'restart':
        await processes.restart(entry.instance);
        return;
      case 'crash-loop':
        await processes.crashLoop(entry.instance, { times: entry.times ?? 3 });
        return;
    }
  }

  try {
    await Promise.all(runs);
    await sleep(schedule.tailMs);
  } finally {
    for (const handle of applied) handle.remove();
    for (const instance of processes.frozen) processes.thaw(instance);
  }
  const records = options.records();
  const end = Date.now();
  const sorted = [...timeline].sort((a, b) => a.startedAt - b.startedAt);
  const outcomes = sorted.map((item, i): FaultOutcome => {
    const links = linksOf(running, item.entry);
    const until = sorted[i + 1]?.startedAt ?? end;
    const containment = measureContainment(records, { from: item.startedAt, to: until, faulty: links });
    return {
      fault: describe(item.entry),
      links,
      startedAt: item.startedAt,
      endedAt: item.endedAt,
      ...detect(running, records, item.entry, links, item.startedAt, until),
      blastRadius: containment.disruptions.filter((d) => !links.includes(d.link)),
      recoveryMs: recovery(records, links, item.endedAt),
    };
  });
  return { topology: running.topology.name, outcomes };
}

/** "blackhole on du-1>ric-1/e2 for 3000 ms", "kill ru-1 (restarted after 1000 ms)". */
export function describe(entry: ScheduleEntry): string {
  if ('link' in entry) {
    return `${faultLabel(entry.fault)} on ${entry.link}${entry.for !== undefined ? ` for ${entry.for} ms` : ''}`;
  }
  const after =
    entry.for === undefined
      ? ''
      : entry.action === 'kill'
        ? ` (restarted after ${entry.for} ms)`
        : entry.action === 'freeze'
          ? ` (thawed after ${entry.for} ms)`
          : '';
  return `${entry.action} ${entry.instance}${after}`;
}

function linksOf(running: RunningTopology, entry: ScheduleEntry): string[] {
  if ('link' in entry) return [entry.link];
  return running.topology.links
    .filter((l) => l.client === entry.instance || l.server === entry.instance)
    .map((l) => l.id);
}

/**
 * The first sign before the next fault starts: a close on one of the links, an error indication,
 * a warning in a vendor's log.
 */
function detect(
  running: RunningTopology,
  records: readonly TraceRecord[],
  entry: ScheduleEntry,
  links: readonly string[],
  from: number,
  until: number,
): { detection: FaultSign | undefined; signs: FaultSign[] } {
  const signs: Array<{ t: number; by: string; how: string }> = [];
  const close = records.find(
    (r) => r.t >= from && links.includes(r.link) && r.kind === 'connection' && r.event === 'close',
  );
  if (close?.kind === 'connection') {
    signs.push({
      t: close.t,
      by: close.by ?? 'a side',
      how: `closed ${close.link} (${close.code ?? '?'} ${close.reason ?? ''})`.trim(),
    });
  }
  const indication = records.find(
    (r) =>
      r.t >= from && links.includes(r.link) && r.kind === 'frame' && /ErrorIndication$/.test(r.type ?? ''),
  );
  if (indication?.kind === 'frame')
    signs.push({ t: indication.t, by: indication.from, how: `${indication.type} on ${indication.link}` });
  const target = 'instance' in entry ? entry.instance : undefined;
  for (const [id, instance] of running.instances) {
    if (id === target) continue;
    const line = firstLogAfter(instance.logFile, from);
    if (line && line.t <= until) signs.push({ t: line.t, by: id, how: `log: ${line.msg}` });
  }
  const found = signs
    .filter((s) => s.t <= until)
    .sort((a, b) => a.t - b.t)
    .map((s) => ({ by: s.by, how: s.how, afterMs: s.t - from }));
  return { detection: found[0], signs: found };
}

/**
 * The first warning a vendor logged at or after `from` that it had not logged in the 5 s before:
 * a warning it gives all the time (slots skipped on a loaded machine) is not a sign of this fault.
 */
function firstLogAfter(file: string, from: number): { t: number; msg: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const usual = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const record = JSON.parse(line) as { level?: number; time?: string | number; msg?: string };
      const t = typeof record.time === 'string' ? Date.parse(record.time) : Number(record.time);
      if ((record.level ?? 0) < detectionLevel) continue;
      const msg = record.msg ?? '';
      if (t < from) {
        if (t >= from - 5000) usual.add(msg);
      } else if (!usual.has(msg)) {
        return { t, msg };
      }
    } catch {
      // a torn line at the end of a log being written
    }
  }
  return undefined;
}

function recovery(records: readonly TraceRecord[], links: readonly string[], endedAt: number | undefined) {
  if (endedAt === undefined) return undefined;
  const back = records.find(
    (r) => r.t >= endedAt && r.kind === 'frame' && links.includes(r.link) && !r.fault,
  );
  return back ? back.t - endedAt : undefined;
}
