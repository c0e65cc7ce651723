/**
 * An O-RU brought up anew after a swap, read from the trace of its two links: the O-DU retrieves
 * its capabilities on the new M-plane connection, configures carriers that fit them, activates
 * them, and only then sends CU-plane (O-RAN.WG4.MP 3.1.4 capability retrieval, 3.1.6 carrier
 * configuration and activation; WG4.CUS: U-plane only on an active carrier).
 */
import { expectFrame, type NetworkContext, type TypedFrame } from '../../src/conformance/index.js';
import { logsSince, reestablishMs } from './support.js';

type Edit = TypedFrame<'oran.fronthaul.mplane.v1.EditConfigRequest'>;
type Capabilities = TypedFrame<'oran.fronthaul.mplane.v1.GetCapabilitiesResponse'>;

/** The moments an O-RU came up again, Unix ms. */
export interface FronthaulUp {
  readonly capabilitiesAt: number;
  readonly activeAt: number;
  readonly cuPlaneAt: number;
}

// The trace holds enums by name, though FieldsOf types them as numbers (kit): compare as text.
const carriersOf = (edit: Edit) => [
  ...(edit.fields.txArrayCarriers ?? []),
  ...(edit.fields.rxArrayCarriers ?? []),
];

/** What of each configured carrier the O-RU's capabilities do not allow; empty when all fit. */
export function outsideCapabilities(edit: Edit, capabilities: Capabilities): string[] {
  const module = capabilities.fields.moduleCapability ?? {};
  const carriers = carriersOf(edit);
  const maxKhz = module.bandCapabilities?.maxChannelBandwidthKhz ?? 0;
  const range = module.ruCapabilities?.eaxcIdRange;
  const offered = module.compression?.supportedCompressions ?? [];
  return carriers.flatMap((c) => {
    const problems: string[] = [];
    if ((c.channelBandwidthKhz ?? 0) > maxKhz) problems.push(`${c.channelBandwidthKhz} kHz > ${maxKhz} kHz`);
    if (!module.bandCapabilities?.supportedScs?.map(String).includes(String(c.subcarrierSpacing)))
      problems.push(`${c.subcarrierSpacing} not offered`);
    const { compressionMethod, iqBitwidth } = c.compression ?? {};
    if (
      !offered.some(
        (o) => o.compressionMethod === compressionMethod && o.iqBitwidths?.includes(iqBitwidth ?? 0),
      )
    )
      problems.push(`${compressionMethod} ${iqBitwidth}-bit not offered`);
    const outOfRange = (c.eaxcIds ?? []).filter(
      (id) => id < (range?.eaxcIdMin ?? 0) || id > (range?.eaxcIdMax ?? 0),
    );
    if (outOfRange.length > 0) problems.push(`eAxC ${outOfRange.join(', ')} outside the O-RU's range`);
    return problems.map((p) => `${c.name}: ${p}`);
  });
}

/**
 * Expects `ru` brought up anew by du-1 after `since` (the new process ready): capabilities,
 * a configuration that fits them, both carriers activated, then U-plane. When the U-plane does
 * not come, the diagnostic quotes what the O-DU logged about that O-RU instead.
 */
export async function expectFronthaulAnew(
  ctx: NetworkContext,
  o: { ru: string; since: number },
): Promise<FronthaulUp> {
  const net = ctx.fixture;
  const mLink = `du-1>${o.ru}/ofh-m`;
  const cuLink = `du-1>${o.ru}/ofh-cu`;
  const capabilities = await expectFrame(
    ctx,
    { link: mLink, type: 'oran.fronthaul.mplane.v1.GetCapabilitiesResponse', since: o.since } as const,
    reestablishMs,
    {
      message: `du-1 did not retrieve ${o.ru}'s capabilities anew`,
      expected: 'GetCapabilities answered on the new M-plane connection',
      code: 'capabilities-not-retrieved',
    },
  );
  const uplane = await ctx.fixture.frames.next(
    { link: cuLink, type: 'oran.fronthaul.cuplane.v1.UPlaneMessage', since: capabilities.t },
    reestablishMs,
  );
  if (!uplane) {
    const said = logsSince(ctx, 'du-1', o.since, ['fronthaul incompatible', 'fronthaul setup failed']).find(
      (r) => r.ru === o.ru,
    );
    ctx.expect(false, {
      message: `${o.ru}'s CU-plane did not resume`,
      expected: `U-plane on ${cuLink} once its carriers are active`,
      observed: said
        ? `du-1: ${String(said.msg)}: ${String(said.reason ?? said.detail ?? '')}`
        : `none within ${reestablishMs / 1000} s`,
      link: cuLink,
      code: 'cu-plane-not-resumed',
    });
  }
  const between = {
    link: mLink,
    since: capabilities.t,
    where: (f: { t: number }) => f.t <= uplane.t,
  } as const;
  const accepted = new Set(
    net.frames
      .all({ ...between, type: 'oran.fronthaul.mplane.v1.EditConfigResponse', pdu: 'successful' })
      .map((f) => f.tx),
  );
  const edit = net.frames
    .all({ ...between, type: 'oran.fronthaul.mplane.v1.EditConfigRequest' })
    .filter((f) => String(f.fields.operation) !== 'EDIT_OPERATION_DELETE' && accepted.has(f.tx))
    .at(-1);
  ctx.expect(edit !== undefined, {
    message: `du-1 sent ${o.ru} U-plane without configuring carriers on the new O-RU`,
    expected: 'an accepted EditConfig between the capabilities and the first U-plane',
    observed: 'none',
    link: mLink,
    code: 'carriers-not-configured',
    trace: { at: [capabilities.t, uplane.t] },
  });
  const misfits = outsideCapabilities(edit, capabilities);
  ctx.expect(misfits.length === 0, {
    message: `du-1 configured carriers ${o.ru} does not offer`,
    expected: 'carriers within the capabilities the new O-RU reported',
    observed: misfits.join('; '),
    link: mLink,
    code: 'carrier-outside-capabilities',
    trace: { at: [capabilities.t, edit.t] },
  });
  const configured = carriersOf(edit).map((c) => c.name ?? '');
  const active = net.frames
    .all({ ...between, type: 'oran.fronthaul.mplane.v1.SetCarrierStateResponse', pdu: 'successful' })
    .filter((f) => String(f.fields.state) === 'CARRIER_STATE_ACTIVE' && f.t >= edit.t);
  const activated = new Set(active.map((f) => f.fields.carrierName ?? ''));
  const inactive = configured.filter((name) => !activated.has(name));
  ctx.expect(inactive.length === 0, {
    message: `du-1 sent ${o.ru} U-plane before activating its carriers`,
    expected: `SetCarrierState ACTIVE for ${configured.join(', ')} before the first U-plane`,
    observed: `not activated: ${inactive.join(', ')}`,
    link: mLink,
    code: 'carriers-not-activated',
    trace: { at: [edit.t, uplane.t] },
  });
  return { capabilitiesAt: capabilities.t, activeAt: active.at(-1)?.t ?? edit.t, cuPlaneAt: uplane.t };
}
