/**
 * Check 14, `channel-binding`: on an mTLS link the evidence binds this TLS session (its
 * channel_binding claim is the session's exporter value); without TLS, the policy must not
 * require binding.
 */
import type { Check } from './appraising.js';

export const channelBindingCheck: Check = (a) => {
  const found = a.claims?.channel_binding;
  if (a.context.channelBinding !== undefined) {
    if (found === a.context.channelBinding) return undefined;
    return found === undefined
      ? `no channel_binding claim; this TLS session's is ${a.context.channelBinding}`
      : `channel_binding ${String(found)} is not this TLS session's (${a.context.channelBinding}): evidence from another session`;
  }
  return a.trust.policy.criteria.requireChannelBinding
    ? 'the policy requires channel binding but the link has no TLS session to bind'
    : undefined;
};
