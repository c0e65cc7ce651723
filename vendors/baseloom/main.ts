/**
 * Baseloom Radio Systems: an O-DU that reports E2SM-KPM and offers no RAN control (a RIC Control
 * Request is refused: RAN function id invalid). It asks each O-RU for a full 100 MHz carrier at
 * 30 kHz, 4 arrays, with high-fidelity BFP 14-bit IQ (16-bit when the O-RU has no 14-bit).
 */
import { runVendor } from '../../src/sdk/index.js';
import { createKpmFunction, defineODuProduct } from '../shared/o-du/index.js';

await runVendor(
  defineODuProduct({
    vendorName: 'Baseloom Radio Systems',
    productVersion: '1.8.2',
    features: ['e2sm-kpm.v1'],
    fronthaul: {
      bandwidthMhz: 100,
      scsKhz: 30,
      compression: [
        { method: 'bfp', iqWidth: 14 },
        { method: 'bfp', iqWidth: 16 },
      ],
      arrays: 4,
    },
    ranFunctions: (parts) => [createKpmFunction(parts)],
  }),
);
