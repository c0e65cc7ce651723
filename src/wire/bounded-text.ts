/**
 * What an answer may echo of what it answers. An error indication, a HelloFailure or a
 * LinkClose quotes the peer's message type, a refusal's detail or the versions it offered;
 * unbounded, an answer to a frame just under the frame limit is itself over it, and the
 * answer cannot be sent (issue 15: a 700 KiB message type killed the receiving vendor).
 * Every answer is bounded by construction, by these limits, so it always fits in a frame.
 */
export interface EchoLimits {
  /** Most bytes of a peer's message type quoted back. Default 256 (the longest real type is ~60). */
  readonly messageTypeBytes: number;
  /** Most bytes of a refusal's or an error's detail. Default 1024. */
  readonly detailBytes: number;
  /** Most of the peer's offered versions quoted back in a HelloFailure. Default 64. */
  readonly offeredVersions: number;
}

export const echoLimits: EchoLimits = Object.freeze({
  messageTypeBytes: 256,
  detailBytes: 1024,
  offeredVersions: 64,
});

/**
 * `text` cut to at most `maxBytes` bytes of UTF-8 (never inside a character), with a marker
 * saying how long it was; text that fits is returned as it is.
 */
export function boundText(text: string, maxBytes: number): string {
  if (text.length <= maxBytes / 3) return text; // fast path: even all 3-byte characters fit
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return text;
  const full = `... (${bytes} bytes)`;
  // A bound too small for the marker gets the bare cut.
  const marker = Buffer.byteLength(full) < maxBytes ? full : '';
  const room = maxBytes - Buffer.byteLength(marker);
  // Decoding a cut buffer may end in a replacement character for a split sequence: drop it.
  const head = Buffer.from(text)
    .subarray(0, room)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${head}${marker}`;
}
