/**
 * Check 5, `vendor-status`: the policy does not refuse the peer (deny or allow list, a revoked
 * vendor, instance or certificate), the vendor may play the link's role, and a suspended vendor
 * leaves a warning (the verifier's result is then `warning` if every other check passes).
 */
import { type Check, identityOf, revocationOf } from './appraising.js';

export const vendorStatusCheck: Check = (a) => {
  const vendorId = a.chainVendor!;
  const policy = a.trust.policy;
  // The software version is the swversion check's to judge, later in the order.
  const { swversion: _, ...identity } = identityOf(a);
  const refused = revocationOf(a.trust, identity);
  if (refused) return refused;
  const vendor = policy.vendors.get(vendorId);
  if (vendor) a.vendor = vendor;
  const role = a.context.expectedRole;
  if (vendor?.roles && role && !vendor.roles.includes(role))
    return `vendor ${vendorId} may play ${vendor.roles.join(', ')}, not ${role}`;
  if (vendor?.status === 'suspended') a.warning = `vendor ${vendorId} is suspended by the trust policy`;
  return undefined;
};
