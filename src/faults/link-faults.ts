/**
 * Link faults: what a broken or hostile network does to the frames of one link, applied by the
 * relay in the middle of it (a fault hook per link). Each fault acts on one direction or both,
 * with a probability per frame (Toxiproxy's "toxicity"), and optionally only on frames of one
 * message type: a fault no TCP proxy can do, as the relay decodes every frame (drop only the
 * supervision heartbeats, delay only the E2 indications).
 *
 * Connection-level faults (reset, slow close, data limit) end the link; they are carried out by
 * the relay, and the hook here only says when.
 */
import { z } from 'zod';
import type { FrameAction, FrameHook, RelayedFrame } from '../relay/index.js';

/** Which way a fault acts: from the dialling side (upstream), towards it (downstream), or both. */
export const faultDirections = ['both', 'upstream', 'downstream'] as const;
export type FaultDirection = (typeof faultDirections)[number];

const common = {
  /** Default both. */
  direction: z.enum(faultDirections).default('both'),
  /** Chance per frame that the fault acts, 0..1. Default 1 (every frame). */
  probability: z.number().min(0).max(1).default(1),
  /** Only frames of this message type, e.g. `oran.e2.v1.RicIndication`. Default: every frame. */
  messageType: z.string().min(1).optional(),
};

/** The link faults, as a fault schedule or a case names them. Every field's default is stated. */
export const linkFaultSchema = z.discriminatedUnion('type', [
  /** Each frame later by `ms` +/- `jitterMs` (uniform); order is kept, as on a TCP stream. */
  z.object({
    type: z.literal('latency'),
    ms: z.number().min(0),
    jitterMs: z.number().min(0).default(0),
    ...common,
  }),
  /** At most `bytesPerSecond` per direction: frames queue behind the ones before them. */
  z.object({ type: z.literal('bandwidth'), bytesPerSecond: z.number().positive(), ...common }),
  /** The frame is not forwarded. */
  z.object({ type: z.literal('drop'), ...common }),
  /** The frame is forwarded `copies` + 1 times. Default 1 copy. */
  z.object({ type: z.literal('duplicate'), copies: z.number().int().min(1).max(16).default(1), ...common }),
  /** The frame is held back `holdMs` (default 50), so frames sent after it overtake it. */
  z.object({ type: z.literal('reorder'), holdMs: z.number().positive().default(50), ...common }),
  /** `bytes` bytes of the frame (default 1) are flipped at random positions past the first 4. */
  z.object({ type: z.literal('corrupt'), bytes: z.number().int().min(1).default(1), ...common }),
  /** Only the first `bytes` bytes of the frame are forwarded (default 8). */
  z.object({ type: z.literal('truncate'), bytes: z.number().int().min(0).default(8), ...common }),
  /** The frame is forwarded as `pieces` frames (default 2), each a part of it. */
  z.object({ type: z.literal('slice'), pieces: z.number().int().min(2).max(64).default(2), ...common }),
  /** Nothing passes, and the connection stays open: only supervision can tell. */
  z.object({ type: z.literal('blackhole'), ...common }),
  /** An earlier frame of the same type is forwarded again after this one (a replay). */
  z.object({ type: z.literal('replay'), ...common }),
  /** The connection is reset (TCP RST, no close handshake) at the next frame. */
  z.object({ type: z.literal('reset'), ...common }),
  /** The link is closed cleanly, `ms` (default 1000) after the next frame, nothing passing meanwhile. */
  z.object({ type: z.literal('slow-close'), ms: z.number().min(0).default(1000), ...common }),
  /** Once `bytes` have passed in the direction, the connection is closed (Toxiproxy limit_data). */
  z.object({ type: z.literal('limit-data'), bytes: z.number().int().min(0), ...common }),
]);
export type LinkFault = z.infer<typeof linkFaultSchema>;
export type LinkFaultInput = z.input<typeof linkFaultSchema>;
export type LinkFaultType = LinkFault['type'];

/** What the relay does to the whole link when a connection-level fault fires. */
export type LinkEnd = { readonly end: 'reset' } | { readonly end: 'close'; readonly afterMs: number };

/** A fault hook with the connection-level part the relay must carry out. */
export interface LinkFaultHook {
  readonly hook: FrameHook;
  /** Called with the link end a connection-level fault decided; set by whoever installs the hook. */
  onEnd?: (end: LinkEnd) => void;
  /**
   * The end was carried out: frames pass again (on the new connections), data counters start
   * over, and a reset is spent (it fires once; limit-data fires on every connection).
   */
  ended(): void;
  /** How many frames the fault acted on, per direction. */
  readonly acted: { upstream: number; downstream: number };
}

export interface LinkFaultOptions {
  /** Random source in [0, 1); default Math.random. A seeded one makes a run repeatable. */
  readonly random?: () => number;
  /** Clock in ms; default Date.now. */
  readonly now?: () => number;
}

const relayDirection = { upstream: 'client-to-server', downstream: 'server-to-client' } as const;

/** The fault's name as the trace records it on each frame it acted on, e.g. "latency 200±50ms". */
export function faultLabel(fault: LinkFault): string {
  const only = fault.messageType ? ` (${fault.messageType.split('.').pop()})` : '';
  const label = (() => {
    switch (fault.type) {
      case 'latency':
        return `latency ${fault.ms}${fault.jitterMs ? `±${fault.jitterMs}` : ''}ms`;
      case 'bandwidth':
        return `bandwidth ${fault.bytesPerSecond}B/s`;
      case 'duplicate':
        return `duplicate x${fault.copies}`;
      case 'reorder':
        return `reorder ${fault.holdMs}ms`;
      case 'corrupt':
        return `corrupt ${fault.bytes}B`;
      case 'truncate':
        return `truncate ${fault.bytes}B`;
      case 'slice':
        return `slice ${fault.pieces}`;
      case 'slow-close':
        return `slow-close ${fault.ms}ms`;
      case 'limit-data':
        return `limit-data ${fault.bytes}B`;
      default:
        return fault.type;
    }
  })();
  return `${label}${only}`;
}

/** Parses a fault as a schedule or a case gives it; throws zod's error on a bad one. */
export const parseLinkFault = (input: LinkFaultInput): LinkFault => linkFaultSchema.parse(input);

/**
 * The relay hook for a set of faults on one link. Faults apply in the order given; the first
 * that drops or ends the frame wins, delays add up, and copies and slices compose with them.
 */
export function linkFaultHook(faults: readonly LinkFault[], options: LinkFaultOptions = {}): LinkFaultHook {
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const acted = { upstream: 0, downstream: 0 };
  /** Per direction: when the last frame leaves (keeps order under latency and bandwidth). */
  const leavesAt: Record<string, number> = {};
  /** Per direction: bytes passed (limit-data). */
  const passed: Record<string, number> = {};
  /** The last frame of each type, for replay. */
  const previous = new Map<string, Buffer>();
  /** Between a connection-level fault firing and the relay carrying it out, nothing passes. */
  let ending = false;
  const spent = new Set<LinkFault>();

  const state: LinkFaultHook = {
    acted,
    ended: () => {
      ending = false;
      for (const key of Object.keys(passed)) delete passed[key];
    },
    hook: (frame: RelayedFrame): FrameAction => {
      if (ending) return { action: 'drop', fault: 'link ending' };
      const side = frame.dir === relayDirection.upstream ? 'upstream' : 'downstream';
      let frames: Buffer[] = [frame.bytes];
      let delayMs = 0;
      let keepOrder = true;
      const labels: string[] = [];
      for (const fault of faults) {
        if (spent.has(fault)) continue;
        if (fault.direction !== 'both' && relayDirection[fault.direction] !== frame.dir) continue;
        if (fault.messageType && fault.messageType !== frame.type) continue;
        if (fault.type === 'limit-data') {
          passed[frame.dir] = (passed[frame.dir] ?? 0) + frame.bytes.length;
          if (passed[frame.dir]! <= fault.bytes) continue;
        }
        if (fault.probability < 1 && random() >= fault.probability) continue;
        labels.push(faultLabel(fault));
        switch (fault.type) {
          case 'drop':
          case 'blackhole':
            acted[side] += 1;
            return { action: 'drop', fault: labels.join(', ') };
          case 'reset':
          case 'limit-data':
            ending = true;
            if (fault.type === 'reset') spent.add(fault);
            acted[side] += 1;
            state.onEnd?.({ end: 'reset' });
            return { action: 'drop', fault: labels.join(', ') };
          case 'slow-close':
            ending = true;
            spent.add(fault);
            acted[side] += 1;
            state.onEnd?.({ end: 'close', afterMs: fault.ms });
            return { action: 'drop', fault: labels.join(', ') };
          case 'latency': {
            const jitter = fault.jitterMs ? (random() * 2 - 1) * fault.jitterMs : 0;
            delayMs += Math.max(0, fault.ms + jitter);
            break;
          }
          case 'bandwidth': {
            const start = Math.max(now() + delayMs, leavesAt[`bw:${frame.dir}`] ?? 0);
            const done = start + (frame.bytes.length / fault.bytesPerSecond) * 1000;
            leavesAt[`bw:${frame.dir}`] = done;
            delayMs = done - now();
            break;
          }
          case 'reorder':
            delayMs += fault.holdMs;
            keepOrder = false;
            break;
          case 'duplicate':
            frames = frames.flatMap((f) => Array.from({ length: fault.copies + 1 }, () => f));
            break;
          case 'corrupt':
            frames = frames.map((f) => corrupt(f, fault.bytes, random));
            break;
          case 'truncate':
            frames = frames.map((f) => f.subarray(0, fault.bytes));
            break;
          case 'slice':
            frames = frames.flatMap((f) => slice(f, fault.pieces));
            break;
          case 'replay': {
            const key = frame.type ?? '';
            const old = previous.get(key);
            if (old) frames = [...frames, old];
            break;
          }
        }
      }
      if (frame.type) previous.set(frame.type, frame.bytes);
      if (labels.length === 0) return { action: 'forward' };
      acted[side] += 1;
      const fault = labels.join(', ');
      // Latency keeps order: a frame never leaves before the one ahead of it in its direction.
      if (delayMs > 0 && keepOrder) {
        // One ms apart at least: timers due in the same ms may fire in either order.
        const at = Math.max(now() + delayMs, (leavesAt[frame.dir] ?? Number.NEGATIVE_INFINITY) + 1);
        leavesAt[frame.dir] = at;
        delayMs = at - now();
      }
      if (frames.length === 1 && frames[0] === frame.bytes && delayMs > 0) {
        return { action: 'delay', ms: delayMs, fault };
      }
      if (frames.length === 1 && delayMs === 0) return { action: 'replace', bytes: frames[0]!, fault };
      return { action: 'emit', frames, delayMs, fault };
    },
  };
  return state;
}

/** A copy of `bytes` with `count` bytes flipped at random positions past the first 4 (or anywhere if shorter). */
function corrupt(bytes: Buffer, count: number, random: () => number): Buffer {
  const out = Buffer.from(bytes);
  if (out.length === 0) return out;
  const from = out.length > 4 ? 4 : 0;
  for (let i = 0; i < count; i++) {
    const at = from + Math.floor(random() * (out.length - from));
    out[at] = out[at]! ^ 0xff;
  }
  return out;
}

/** `bytes` cut into `pieces` parts of near-equal size (fewer if it is shorter than that). */
function slice(bytes: Buffer, pieces: number): Buffer[] {
  const size = Math.max(1, Math.ceil(bytes.length / pieces));
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return parts.length ? parts : [bytes];
}
