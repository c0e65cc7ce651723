/**
 * The network a hot-swap case runs on: a near-RT RIC, one O-DU, two O-RUs and the harness as the
 * SMO, with timers short enough that a swap is detected and recovered in seconds. Each case has
 * its own topology (a swap changes the running one, so no two cases may share it).
 */

/** The vendors of one swap network, by instance; ru-2 is the O-RU watched for containment. */
export interface SwapNetwork {
  readonly ric: string;
  readonly du: string;
  readonly ru1: string;
  readonly ru2: string;
}

/** The O-RU a network starts with: it shares a carrier profile with every built-in O-DU. */
export const referenceORu = 'ruvello';

/**
 * The O-DU a swap starts from: the built-in one that is not under test, so the swap crosses
 * vendors (a third-party O-DU under test starts from cellwright).
 */
export const otherODu = (du: string | undefined): string => (du === 'cellwright' ? 'baseloom' : 'cellwright');

/** The near-RT RIC a swap starts from: the built-in one that is not under test. */
export const otherRic = (ric: string | undefined): string =>
  ric === 'sagebrush' ? 'stillwater' : 'sagebrush';

/** Link ids of the swap network, as the relay names them. */
export const links = {
  ru1Mplane: 'du-1>ru-1/ofh-m',
  ru1Cuplane: 'du-1>ru-1/ofh-cu',
  ru2Mplane: 'du-1>ru-2/ofh-m',
  ru2Cuplane: 'du-1>ru-2/ofh-cu',
  e2: 'du-1>ric-1/e2',
  a1: 'smo>ric-1/a1',
} as const;

export const ru1Links: readonly string[] = [links.ru1Mplane, links.ru1Cuplane];
export const ru2Links: readonly string[] = [links.ru2Mplane, links.ru2Cuplane];
export const fronthaulLinks: readonly string[] = [...ru1Links, ...ru2Links];

/**
 * Link supervision 500 ms + 1500 ms guard, M-plane supervision 1 s + 1 s guard, KPM every 300 ms:
 * a silent peer is noticed within 2 s and every link has a rhythm a gap is judged against.
 */
export const swapTopology = (
  caseId: string,
  vendors: SwapNetwork,
  options: { security?: 'attest' } = {},
): string =>
  `name: swap-${caseId.toLowerCase()}-${vendors.du}-${vendors.ric}-${vendors.ru1}-${vendors.ru2}
${options.security ? `security: ${options.security}\n` : ''}options:
  kpmPeriodMs: 300
  supervision: { intervalMs: 500, guardMs: 1500 }
  mplaneSupervision: { notificationIntervalS: 1, guardTimerOverheadS: 1 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${vendors.ric} }
  du-1: { role: o-du, vendor: ${vendors.du} }
  ru-1: { role: o-ru, vendor: ${vendors.ru1} }
  ru-2: { role: o-ru, vendor: ${vendors.ru2} }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: fronthaul, from: du-1, to: ru-2 }
  - { interface: e2, from: du-1, to: ric-1 }
  - { interface: a1, from: smo, to: ric-1 }
`;
