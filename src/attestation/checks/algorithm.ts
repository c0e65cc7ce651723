/** Check 1, `algorithm`: a compact JWS of bounded size, signed with an algorithm the policy accepts. */
import { decodeProtectedHeader } from 'jose';
import type { Check } from './appraising.js';

/** `maxTokenBytes`: the longest token appraised (VerifierOptions). */
export function algorithmCheck(maxTokenBytes: number): Check {
  return (a) => {
    if (Buffer.byteLength(a.token) > maxTokenBytes) return `the token is over ${maxTokenBytes} bytes`;
    try {
      a.header = decodeProtectedHeader(a.token);
    } catch {
      return 'not a compact JWS: its protected header cannot be read';
    }
    if (a.token.split('.').length !== 3) return 'not a compact JWS: it must have three parts';
    const alg = a.header.alg;
    if (alg === undefined || alg.toLowerCase() === 'none')
      return `alg ${alg ?? '(absent)'} is never accepted`;
    const accepted = a.trust.policy.algorithms;
    return (accepted as readonly string[]).includes(alg)
      ? undefined
      : `alg ${alg} is not allowed; the policy accepts ${accepted.join(', ')}`;
  };
}
