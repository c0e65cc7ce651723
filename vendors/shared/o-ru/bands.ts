/**
 * NR operating bands an O-RU may support, with their frequency edges: enough to check that a
 * carrier fits the band it names, or to find its band when it names none.
 */

/** Uplink = downlink range of a TDD band, kHz (3GPP TS 38.101-1 Table 5.2-1). */
const bandEdgesKhz: Readonly<Record<number, readonly [number, number]>> = {
  41: [2_496_000, 2_690_000],
  48: [3_550_000, 3_700_000],
  77: [3_300_000, 4_200_000],
  78: [3_300_000, 3_800_000],
  79: [4_400_000, 5_000_000],
};

/** True when the whole carrier (centre +- half the bandwidth) lies in the band. */
export function carrierFitsBand(band: number, centreKhz: number, bandwidthKhz: number): boolean {
  const edges = bandEdgesKhz[band];
  if (!edges) return false;
  return centreKhz - bandwidthKhz / 2 >= edges[0] && centreKhz + bandwidthKhz / 2 <= edges[1];
}

/** The first of `bands` the carrier fits in; undefined if none. */
export function bandOfCarrier(
  bands: readonly number[],
  centreKhz: number,
  bandwidthKhz: number,
): number | undefined {
  return bands.find((band) => carrierFitsBand(band, centreKhz, bandwidthKhz));
}

/** "n78 (3300..3800 MHz)". */
export function describeBand(band: number): string {
  const edges = bandEdgesKhz[band];
  return edges ? `n${band} (${edges[0] / 1000}..${edges[1] / 1000} MHz)` : `n${band}`;
}
