/**
 * A fault schedule (`plugfest chaos [topology] <faults.yaml>`): when, what, where and for how
 * long, against a live topology. Each entry is a link fault on one link or a process fault on one
 * instance; times are milliseconds after the network is steady.
 *
 * ```yaml
 * settleMs: 3000          # wait before the first fault, once every link is ready (default 3000)
 * tailMs: 8000            # watch this long after the last fault ends (default 8000)
 * faults:
 *   - { at: 0, for: 3000, link: du-1>ric-1/e2, fault: { type: blackhole } }
 *   - { at: 5000, for: 2000, instance: ru-1, action: freeze }   # thawed after 2 s
 *   - { at: 9000, instance: ru-2, action: kill, for: 1000 }     # restarted after 1 s
 * ```
 */
import { z } from 'zod';
import { type ConfigProblem, parseConfigDocument, readConfigText, throwProblems } from '../config/index.js';
import type { Topology } from '../topology/index.js';
import { linkFaultSchema } from './link-faults.js';

const timing = {
  /** Start, ms after the network is steady. */
  at: z.number().min(0),
  /** How long the fault lasts, ms: a link fault is removed, a frozen process thawed, a killed one restarted. */
  for: z.number().min(0).optional(),
};

export const scheduleEntrySchema = z.union([
  z.strictObject({ ...timing, link: z.string().min(1), fault: linkFaultSchema }),
  z.strictObject({
    ...timing,
    instance: z.string().min(1),
    action: z.enum(['kill', 'freeze', 'restart', 'crash-loop']),
    /** crash-loop: how many kills. Default 3. */
    times: z.number().int().min(1).max(20).optional(),
  }),
]);
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;

export const faultScheduleSchema = z.strictObject({
  settleMs: z.number().min(0).default(3000),
  tailMs: z.number().min(0).default(8000),
  faults: z.array(scheduleEntrySchema).min(1),
});
export type FaultSchedule = z.infer<typeof faultScheduleSchema>;

/** Reads a schedule and checks its links and instances against the topology: file:line:field errors. */
export function loadFaultSchedule(file: string, topology: Topology): FaultSchedule {
  return parseFaultSchedule(readConfigText(file), file, topology);
}

export function parseFaultSchedule(text: string, file: string, topology: Topology): FaultSchedule {
  const document = parseConfigDocument(text, file, faultScheduleSchema);
  const problems: ConfigProblem[] = [];
  const linkIds = topology.links.map((l) => l.id);
  document.data.faults.forEach((entry, i) => {
    if ('link' in entry && !linkIds.includes(entry.link)) {
      problems.push(
        document.problemAt(
          ['faults', i, 'link'],
          `no link ${entry.link} in ${topology.name}; links: ${linkIds.join(', ')}`,
        ),
      );
    }
    if ('instance' in entry && !topology.instances.has(entry.instance)) {
      problems.push(
        document.problemAt(
          ['faults', i, 'instance'],
          `no instance ${entry.instance} in ${topology.name}; instances: ${[...topology.instances.keys()].join(', ')}`,
        ),
      );
    }
  });
  throwProblems(problems);
  return document.data;
}
