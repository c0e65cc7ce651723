/**
 * An O-RU brought up anew after a swap, read from the trace of its two links: the O-DU retrieves
 * its capabilities on the new M-plane connection, configures carriers that fit them, activates
 * them, and only then sends CU-plane (O-RAN.WG4.MP 3.1.4 capability retrieval, 3.1.6 carrier
 * configuration and activation; WG4.CUS: U-plane only on an active carrier).
 */
import type { FrameRecord } from '../../src/conformance/index.js';
import { expectFrame } from './measures.js';
import { type Ctx, logsSince, reestablishMs } from './support.js';

const mplane = 'oran.fronthaul.mplane.v1';

/** The moments an O-RU came up again, Unix ms. */
export interface FronthaulUp {
  readonly capabilitiesAt: number;
  readonly activeAt: number;
  readonly cuPlaneAt: number;
}

interface CarrierFields {
  name?: string;
  channelBandwidthKhz?: number;
  subcarrierSpacing?: string;
  compression?: { compressionMethod?: string; iqBitwidth?: number };
  eaxcIds?: number[];
}

interface CapabilityFields {
  moduleCapability?: {
    bandCapabilities?: { maxChannelBandwidthKhz?: number; supportedScs?: string[] };
    ruCapabilities?: { eaxcIdRange?: { eaxcIdMin?: number; eaxcIdMax?: number } };
    compression?: { supportedCompressions?: { compressionMethod?: string; iqBitwidths?: number[] }[] };
  };
}

/** What of each configured carrier the O-RU's capabilities do not allow; empty when all fit. */
export function outsideCapabilities(edit: FrameRecord, capabilities: FrameRecord): string[] {
  const module = (capabilities.fields as CapabilityFields | undefined)?.moduleCapability ?? {};
  const fields = edit.fields as { txArrayCarriers?: CarrierFields[]; rxArrayCarriers?: CarrierFields[] };
  const carriers = [...(fields.txArrayCarriers ?? []), ...(fields.rxArrayCarriers ?? [])];
  const maxKhz = module.bandCapabilities?.maxChannelBandwidthKhz ?? 0;
  const range = module.ruCapabilities?.eaxcIdRange;
  const offered = module.compression?.supportedCompressions ?? [];
  return carriers.flatMap((c) => {
    const problems: string[] = [];
    if ((c.channelBandwidthKhz ?? 0) > maxKhz) problems.push(`${c.channelBandwidthKhz} kHz > ${maxKhz} kHz`);
    if (!module.bandCapabilities?.supportedScs?.includes(c.subcarrierSpacing ?? ''))
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
export async function expectFronthaulAnew(ctx: Ctx, o: { ru: string; since: number }): Promise<FronthaulUp> {
  const net = ctx.fixture;
  const mLink = `du-1>${o.ru}/ofh-m`;
  const cuLink = `du-1>${o.ru}/ofh-cu`;
  const capabilities = await expectFrame(
    ctx,
    { link: mLink, type: `${mplane}.GetCapabilitiesResponse`, since: o.since },
    reestablishMs,
    {
      message: `du-1 did not retrieve ${o.ru}'s capabilities anew`,
      expected: 'GetCapabilities answered on the new M-plane connection',
      code: 'capabilities-not-retrieved',
    },
  );
  const uplane = await expectFrame(
    ctx,
    { link: cuLink, type: 'oran.fronthaul.cuplane.v1.UPlaneMessage', since: capabilities.t },
    reestablishMs,
    {
      message: `${o.ru}'s CU-plane did not resume`,
      expected: `U-plane on ${cuLink} once its carriers are active`,
      code: 'cu-plane-not-resumed',
      instead: () => {
        const said = logsSince(ctx, 'du-1', o.since, [
          'fronthaul incompatible',
          'fronthaul setup failed',
        ]).find((r) => r.ru === o.ru);
        return said && `du-1: ${String(said.msg)}: ${String(said.reason ?? said.detail ?? '')}`;
      },
    },
  );
  const between = (type: string) =>
    net
      .frames({ link: mLink, type: `${mplane}.${type}`, since: capabilities.t })
      .filter((f) => f.t <= uplane.t);
  const accepted = new Set(
    between('EditConfigResponse').flatMap((f) => (f.pdu === 'successful' ? [f.tx] : [])),
  );
  const edit = between('EditConfigRequest')
    .filter((f) => f.fields?.operation !== 'EDIT_OPERATION_DELETE' && accepted.has(f.tx))
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
  const configured = carrierNames(edit);
  const active = between('SetCarrierStateResponse').filter(
    (f) => f.pdu === 'successful' && f.fields?.state === 'CARRIER_STATE_ACTIVE' && f.t >= edit.t,
  );
  const activated = new Set(active.map((f) => String(f.fields?.carrierName)));
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

function carrierNames(edit: FrameRecord): string[] {
  const fields = edit.fields as { txArrayCarriers?: CarrierFields[]; rxArrayCarriers?: CarrierFields[] };
  return [...(fields.txArrayCarriers ?? []), ...(fields.rxArrayCarriers ?? [])].map((c) => c.name ?? '');
}
