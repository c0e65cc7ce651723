/**
 * SWAP-ATT-001: an O-RU swapped to a vendor the operator does not trust (the rogue O-RU, whose
 * chain ends at a CA of its own). On a secured network (`security: attest`) the O-DU under test
 * must refuse it in the handshake's slot, naming certificate-chain, before one M-plane or
 * CU-plane message, keep retrying without ever admitting it, and the rest of the network must
 * not notice.
 */
import { logAfter, type NetworkContext, vendorFor } from '../../src/conformance/index.js';
import { expectContainedUnderLoad, steady } from '../faults/observe.js';
import { reestablishMs, swapCase, swapInstance } from './support.js';
import { links, referenceORu, referenceRic, ru1Links, swapTopology } from './topology.js';

const untrusted = 'rogue';
/** What crosses a refused fronthaul link: link-level frames only (Hello, attestation, the refusal), never these. */
const fronthaulMessage = (type: string | undefined) => type?.startsWith('oran.fronthaul.') === true;

export const swapUntrustedORu = swapCase({
  id: 'SWAP-ATT-001',
  title: 'A swap to an untrusted O-RU is refused by attestation, and the rest is untouched',
  spec: 'IETF RFC 9334 (RATS) 5.2; RFC 5280 6.1 (path validation); docs/vendor-contract.md 7.3',
  roles: ['o-ru', 'o-du'],
  topology: swapTopology(
    'SWAP-ATT-001',
    { ric: referenceRic, du: vendorFor('o-du'), ru1: vendorFor('o-ru'), ru2: referenceORu },
    { security: 'attest' },
  ),
  expectation: `On a network with mutual attestation on every link, ru-1 (the O-RU under test, admitted) is swapped to ${untrusted}, an O-RU whose evidence chains to a CA no policy pins. The O-DU under test detects ru-1 gone, reconnects, and refuses the new O-RU in the handshake's slot: an AttestationResult contraindicated naming certificate-chain (unknown root) and a LinkClose with cause attestation-failed, logged by the O-DU; no M-plane or CU-plane message reaches ${untrusted}; ru-2's links and E2 are undisturbed.`,
  async run(ctx: NetworkContext) {
    const net = ctx.fixture;
    const lag = await steady(ctx);
    const { at, readyAt } = await swapInstance(ctx, 'ru-1', untrusted);
    const refusal = await net.frames.next(
      {
        link: links.ru1Mplane,
        type: 'oran.common.v1.LinkClose',
        dir: 'client-to-server',
        since: readyAt,
        where: (f) => (f.fields.detail ?? '').startsWith('certificate-chain:'),
      },
      reestablishMs,
    );
    ctx.expect(refusal !== undefined, {
      message: `the O-DU under test did not refuse ${untrusted} on certificate-chain`,
      expected: 'a LinkClose (attestation-failed) whose detail starts "certificate-chain: unknown root"',
      observed: net.frames
        .all({ link: links.ru1Mplane, since: readyAt })
        .map((f) => f.type?.split('.').at(-1))
        .slice(0, 12)
        .join(', '),
      link: links.ru1Mplane,
      code: 'untrusted-admitted',
    });
    ctx.measure('refusedMs', refusal.t - at);
    ctx.mark('detected', `du-1: ${refusal.fields.detail}`, refusal.t);
    const logged = await logAfter(
      ctx,
      'du-1',
      at,
      (r) => r.event === 'attestation-failed' && r.peer === 'ru-1',
      5000,
    );
    ctx.expect(logged?.record.failedCheck === 'certificate-chain', {
      message: 'the O-DU under test did not log the refusal naming the check',
      expected: "a structured 'attestation failed' line for ru-1 with failedCheck certificate-chain",
      observed: logged ? String(logged.record.failedCheck) : 'none',
      link: links.ru1Mplane,
      code: 'refusal-not-logged',
    });
    // A few of the O-DU's retries, each refused.
    await ctx.sleep(3000);
    for (const link of ru1Links) {
      const through = net.frames.all({ link, since: readyAt, where: (f) => fronthaulMessage(f.type) });
      ctx.expect(through.length === 0, {
        message: `${link}: interface messages reached the untrusted O-RU`,
        expected: 'only Hello, the attestation exchange and the refusal',
        observed: [...new Set(through.map((f) => f.type))].join(', '),
        link,
        code: 'message-through-refused-link',
        trace: { at: through.slice(0, 5).map((f) => f.t) },
      });
    }
    expectContainedUnderLoad(ctx, lag, { from: at, to: Date.now(), faulty: ru1Links });
  },
});
