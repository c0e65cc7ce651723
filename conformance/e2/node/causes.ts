/**
 * Causes as a report quotes them ("ric-request: ran-function-id-invalid"), read from a decoded
 * E2AP Cause (enum numbers) or from a traced one (enum names): the code a diagnostic carries.
 */
import type { oran } from '../../../src/conformance/index.js';
import { describeCause } from '../../../src/wire/index.js';

/** An E2AP Cause (O-RAN.WG3.E2AP 9.2.1), as decoded; absent when the message carries none. */
export type Cause = oran.common.v1.Cause.$Properties | null | undefined;

/** A cause as O-RAN names it, e.g. "ric-request: ran-function-id-invalid"; "none" without one. */
export const causeText = (cause: Cause | Record<string, unknown>): string => describeCause(cause);

/** A cause of the ricRequest group as causeText names it. */
export const ricRequestCause = (value: oran.common.v1.CauseRicRequest) => causeText({ ricRequest: value });
