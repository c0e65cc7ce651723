/**
 * What the end-to-end cases read of the fronthaul: whether the O-DU brought a cell up (or found
 * its O-RU incompatible), the PRBs of the carrier it configured (from the M-plane trace), and the
 * share of those PRBs its DL C-plane asks for. The relay traces CU-plane by header only (IQ is
 * bulky), so the share is read from a tap on the link while the case watches.
 */
import { type Network, type NetworkContext, oran } from '../../src/conformance/index.js';
import { lookupPrbCount } from '../../src/ran/index.js';
import { mean } from './kpm.js';

/** One cell of an O-DU: its O-RU and the two fronthaul links to it. */
export interface Cell {
  readonly du: string;
  readonly ru: string;
  readonly mplane: string;
  readonly cuplane: string;
}

export const cellOf = (du: string, ru: string): Cell => ({
  du,
  ru,
  mplane: `${du}>${ru}/ofh-m`,
  cuplane: `${du}>${ru}/ofh-cu`,
});

const cPlaneType = 'oran.fronthaul.cuplane.v1.CPlaneMessage';
const cu = oran.fronthaul.cuplane.v1;

/** Ends the case `incompatible` if `du` logged that it shares no carrier profile with `ru` (any O-RU if undefined). */
export function endIfIncompatible(ctx: NetworkContext, du: string, ru?: string): void {
  const record = ctx.fixture
    .instance(du)
    .logs.all(
      (l) => l.msg === 'fronthaul incompatible' && (ru === undefined || l.ru === undefined || l.ru === ru),
    )
    .at(0);
  if (!record) return;
  ctx.incompatible({
    message: `${du} and ${String(record.ru ?? ru)} share no carrier profile: ${String(record.reason)}`,
    expected: `a carrier the O-DU wants: ${String(record.duOffer)}`,
    observed: `the O-RU offers: ${String(record.ruOffer)}`,
    link: `${du}>${String(record.ru ?? ru)}/ofh-m`,
    code: `incompatible: ${String(record.mismatch)}`,
  });
}

/**
 * Waits until the O-DU sends DL C-plane on the cell's CU-plane link (its carriers configured and
 * active); ends the case `incompatible` when the O-DU says they share no carrier profile, and
 * fails when neither comes in time.
 */
export async function awaitCell(ctx: NetworkContext, cell: Cell, timeoutMs: number): Promise<void> {
  const net = ctx.fixture;
  endIfIncompatible(ctx, cell.du, cell.ru);
  const filter = { link: cell.cuplane, type: cPlaneType, dir: 'client-to-server' } as const;
  const flowing = await net.frames.next(filter, timeoutMs);
  endIfIncompatible(ctx, cell.du, cell.ru);
  ctx.expect(flowing !== undefined, {
    message: `${cell.du} brought no carrier up on ${cell.ru} and named no incompatibility`,
    expected: 'an accepted EditConfigRequest with TX and RX carriers, then C-plane messages on the CU-plane',
    observed: `${net.frames.all({ link: cell.mplane }).length} M-plane frames, no C-plane within ${timeoutMs} ms`,
    link: cell.cuplane,
    code: 'missing-frame',
  });
}

/** N_RB of the TX carrier of the last edit-config the O-RU accepted on `mplane` (3GPP TS 38.101-1 Table 5.3.2-1). */
export function txPrbCount(net: Network, mplane: string): number | undefined {
  const accepted = net.frames
    .all({
      link: mplane,
      type: 'oran.fronthaul.mplane.v1.EditConfigResponse',
      dir: 'server-to-client',
      pdu: 'successful',
    })
    .map((response) => ({ tx: response.tx, t: response.t }));
  const edit = net.frames
    .all({ link: mplane, type: 'oran.fronthaul.mplane.v1.EditConfigRequest', dir: 'client-to-server' })
    // The trace holds enums by name, though FieldsOf types them as numbers (kit): read them as text.
    .filter((f) => String(f.fields.operation) !== 'EDIT_OPERATION_DELETE')
    .filter((f) => accepted.some((a) => a.tx === f.tx && f.t <= a.t))
    .at(-1);
  const carrier = edit?.fields.txArrayCarriers?.[0];
  const scsKhz = Number(/_(\d+)_KHZ$/.exec(String(carrier?.subcarrierSpacing))?.[1] ?? 0);
  return carrier ? lookupPrbCount((carrier.channelBandwidthKhz ?? 0) / 1000, scsKhz) : undefined;
}

/** Mean and peak share of `prbCount` PRBs that the DL C-plane on `link` asks for per message, over `ms`. */
export async function watchDlPrbShare(
  ctx: NetworkContext,
  link: string,
  prbCount: number,
  ms: number,
): Promise<{ mean: number; peak: number; slots: number }> {
  const raw: Buffer[] = [];
  const untap = ctx.fixture.link(link).tap((frame) => {
    if (frame.type === cPlaneType && frame.dir === 'client-to-server') raw.push(frame.bytes);
  });
  try {
    await ctx.sleep(ms);
  } finally {
    untap();
  }
  const shares = raw
    .map((bytes) => cu.CPlaneMessage.decode(oran.common.v1.Envelope.decode(bytes).payload))
    .filter((m) => m.dataDirection === cu.DataDirection.DATA_DIRECTION_DL)
    .map(
      (m) =>
        (100 * m.sections.reduce((sum, s) => sum + (s.numPrbc || prbCount - (s.startPrbc ?? 0)), 0)) /
        prbCount,
    );
  return { mean: mean(shares), peak: Math.max(0, ...shares), slots: shares.length };
}
