/**
 * Error Indication case (O-RAN.WG3.E2AP 8.3.4): a PDU that does not decode gets an Error
 * Indication, and the RIC keeps the link and keeps answering.
 */
import type { NetworkContext } from '../../../src/conformance/index.js';
import { causeOf, malformedPdu, nextErrorIndication } from '../e2ap.js';
import { peerGlobalE2NodeId } from '../e2sm.js';
import { ricE2Link } from '../ric-topology.js';
import { answerMs, ask, nodeSession, setUpCase } from './support.js';

export const ricErrorIndicationOnMalformedPdu = setUpCase({
  id: 'E2-ERR-030',
  title: 'A malformed PDU from the node gets an Error Indication and the E2 link stays up',
  spec: 'O-RAN.WG3.E2AP 8.3.4 (Error Indication), 10.2 (transfer syntax error)',
  expectation:
    'After an accepted E2 Setup, the node sends bytes that do not decode. Within 3 s the RIC sends an Error Indication (E2AP or link level) with a cause (SHOULD be of the protocol group); it does not close the link, and it still answers the node: an E2 Node Configuration Update sent next is answered within 3 s.',
  async run(ctx: NetworkContext) {
    const { link: nodeLink } = await nodeSession(ctx);
    const net = ctx.fixture;
    const at = Date.now();
    await nodeLink.sendRaw(malformedPdu);
    const fromRic = { link: ricE2Link, dir: 'server-to-client', since: at } as const;
    const indication = await nextErrorIndication(net, fromRic, answerMs);
    ctx.expect(indication !== undefined, {
      message: 'no Error Indication for a malformed PDU',
      expected: `ErrorIndication from the RIC within ${answerMs} ms`,
      observed: nodeLink.state === 'ready' ? 'nothing' : `nothing, and the link is ${nodeLink.state}`,
      link: ricE2Link,
      code: 'no-error-indication',
      trace: { at: [at] },
    });
    ctx.measure('errorIndicationMs', indication.t - at);
    const cause = causeOf(indication.fields.cause);
    ctx.should(cause?.startsWith('protocol:') ?? false, {
      message: 'the Error Indication does not give a protocol cause',
      expected: 'protocol: transfer-syntax-error (or another protocol cause)',
      observed: cause ?? 'no cause',
      link: ricE2Link,
      code: 'wrong-cause',
      trace: { at: [indication.t] },
    });
    const closed = net.frames.all({ ...fromRic, type: 'oran.common.v1.LinkClose' }).at(0);
    ctx.expect(!closed && nodeLink.state === 'ready', {
      message: 'the RIC dropped the E2 link over one malformed PDU',
      expected: 'the link kept, ready',
      observed: closed
        ? `LinkClose (${causeOf(closed.fields.cause) ?? 'no cause'})`
        : `link ${nodeLink.state}`,
      link: ricE2Link,
      code: 'link-closed',
      trace: { at: [at, ...(closed ? [closed.t] : [])] },
    });
    const probe = await ask(ctx, 'oran.e2.v1.E2NodeConfigurationUpdate', {
      globalE2NodeId: peerGlobalE2NodeId,
    });
    ctx.measure('probeMs', probe.ms);
  },
});
