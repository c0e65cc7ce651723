/**
 * Error Indication case (O-RAN.WG3.E2AP 8.3.4): a PDU that does not decode gets an Error
 * Indication, and the RIC keeps the link and keeps answering.
 */
import { defineCase, type FrameRecord, type Network } from '../../../src/conformance/index.js';
import { kpmFunction, peerGlobalE2NodeId, rcFunction, ricE2Link } from '../ric-topology.js';
import { causeText } from './causes.js';
import { acceptedSetup, answerMs, ask, type Ctx, common, nodeSession } from './support.js';

/** A truncated envelope: field 1 (header) announcing more bytes than follow. */
const malformedPdu = new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x01]);

export const ricErrorIndicationOnMalformedPdu = defineCase<Network>({
  ...common,
  id: 'E2-ERR-030',
  title: 'A malformed PDU from the node gets an Error Indication and the E2 link stays up',
  spec: 'O-RAN.WG3.E2AP 8.3.4 (Error Indication), 10.2 (transfer syntax error)',
  expectation:
    'After an accepted E2 Setup, the node sends bytes that do not decode. Within 3 s the RIC sends an Error Indication (E2AP or link level) with a cause (SHOULD be of the protocol group); it does not close the link, and it still answers the node: an E2 Node Configuration Update sent next is answered within 3 s.',
  async run(ctx: Ctx) {
    const net = ctx.fixture;
    await acceptedSetup(ctx, [kpmFunction(), rcFunction()]);
    const session = await nodeSession(net);
    const at = Date.now();
    await session.link.sendRaw(malformedPdu);
    const isIndication = (f: FrameRecord) =>
      f.type === 'oran.e2.v1.ErrorIndication' || f.type === 'oran.common.v1.ErrorIndication';
    const indication = await net.waitForFrame(
      { link: ricE2Link, dir: 'server-to-client', since: at, where: isIndication },
      answerMs,
    );
    ctx.expect(indication !== undefined, {
      message: 'no Error Indication for a malformed PDU',
      expected: `ErrorIndication from the RIC within ${answerMs} ms`,
      observed: session.link.state === 'ready' ? 'nothing' : `nothing, and the link is ${session.link.state}`,
      link: ricE2Link,
      trace: { at: [at] },
    });
    ctx.measure('errorIndicationMs', indication.t - at);
    const cause = causeText(indication.fields?.cause);
    ctx.should(cause?.startsWith('protocol:') ?? false, {
      message: 'the Error Indication does not give a protocol cause',
      expected: 'protocol: transfer-syntax-error (or another protocol cause)',
      observed: cause ?? 'no cause',
      link: ricE2Link,
      ...(cause ? { code: cause } : {}),
      trace: { at: [indication.t] },
    });
    const closed = net
      .frames({ link: ricE2Link, dir: 'server-to-client', type: 'oran.common.v1.LinkClose', since: at })
      .at(0);
    ctx.expect(!closed && session.link.state === 'ready', {
      message: 'the RIC dropped the E2 link over one malformed PDU',
      expected: 'the link kept, ready',
      observed: closed
        ? `LinkClose (${causeText(closed.fields?.cause) ?? 'no cause'})`
        : `link ${session.link.state}`,
      link: ricE2Link,
      ...(closed ? { code: causeText(closed.fields?.cause) ?? 'link-closed' } : {}),
      trace: { at: [at, ...(closed ? [closed.t] : [])] },
    });
    const probe = await ask(ctx, 'oran.e2.v1.E2NodeConfigurationUpdate', {
      globalE2NodeId: peerGlobalE2NodeId,
    });
    ctx.measure('probeMs', probe.ms);
  },
});
