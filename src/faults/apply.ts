/**
 * Puts link faults on a running relay and takes them off again. The relay applies the frame
 * faults through its hook; the connection-level ones (reset, slow close, data limit) are carried
 * out here with the relay's own reset and close.
 */
import type { Relay } from '../relay/index.js';
import { type LinkFault, type LinkFaultOptions, linkFaultHook } from './link-faults.js';

export interface AppliedLinkFaults {
  /** Frames acted on so far, per direction. */
  readonly acted: { readonly upstream: number; readonly downstream: number };
  /** Removes the faults: frames pass untouched again. */
  remove(): void;
}

/** Installs `faults` on `relay` (replacing any there); returns the handle that removes them. */
export function applyLinkFaults(
  relay: Relay,
  faults: readonly LinkFault[],
  options: LinkFaultOptions = {},
): AppliedLinkFaults {
  const installed = linkFaultHook(faults, options);
  const timers = new Set<NodeJS.Timeout>();
  installed.onEnd = (end) => {
    // The hook runs inside the relay's frame handler: end the link once that handler is done.
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (end.end === 'reset') relay.resetConnections();
        else relay.dropConnections(1000, 'slow close');
        installed.ended();
      },
      end.end === 'close' ? end.afterMs : 0,
    );
    timers.add(timer);
  };
  relay.faults = installed.hook;
  return {
    acted: installed.acted,
    remove() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (relay.faults === installed.hook) relay.faults = undefined;
    },
  };
}
