/** The topology E2 interop cases run on: the O-DU and RIC under test, and an O-RU so the O-DU carries traffic. */
import type { Combination } from '../../src/conformance/index.js';

export const e2Topology = (c: Combination): string => `name: e2-${c['o-du']}-${c['near-rt-ric']}
options: { kpmPeriodMs: 500 }
instances:
  ric-1: { role: near-rt-ric, vendor: ${c['near-rt-ric']} }
  du-1: { role: o-du, vendor: ${c['o-du']} }
  ru-1: { role: o-ru, vendor: ruvello }
links:
  - { interface: fronthaul, from: du-1, to: ru-1 }
  - { interface: e2, from: du-1, to: ric-1 }
`;

export const e2Link = 'du-1>ric-1/e2';
