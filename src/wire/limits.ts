/**
 * Hard limits of the wire, named, with their defaults in one object (after ws
 * `websocket-server.js` and connect-es `limit-io.ts`). They are checked before decoding (frame
 * size) and again after (repeated counts), and a frame over a limit fails with its own code.
 */
export interface WireLimits {
  /**
   * Largest frame accepted, in bytes. Default 1 MiB: a full 273-PRB U-plane symbol at 16-bit
   * BFP is about 14 KiB and the largest E2 Setup with 4096 RAN functions stays well under it
   * (OSC raised e2term's receive buffer from 8 KiB to 128 KiB after large setups were lost).
   */
  readonly maxFrameBytes: number;
  /** Most elements in any repeated field. Default 4096, the number of RAN Function IDs (0..4095). */
  readonly maxRepeatedCount: number;
}

export const defaultWireLimits: WireLimits = Object.freeze({
  maxFrameBytes: 1024 * 1024,
  maxRepeatedCount: 4096,
});

/** Limits with the given overrides, each checked to be a positive integer. */
export function wireLimits(overrides: Partial<WireLimits> = {}): WireLimits {
  const limits = { ...defaultWireLimits, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(`wire limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return Object.freeze(limits);
}
