/**
 * Cellwright Access: an O-DU that monitors with E2SM-KPM and takes E2SM-RC control. It asks each
 * O-RU for a 40 MHz carrier at 30 kHz, 2 arrays, with BFP 9-bit IQ (12-bit when the O-RU has no
 * 9-bit): narrow carriers and lean fronthaul.
 */
import { runVendor } from '../../src/sdk/index.js';
import { createKpmFunction, createRcFunction, defineODuProduct } from '../shared/o-du/index.js';

await runVendor(
  defineODuProduct({
    vendorName: 'Cellwright Access',
    productVersion: '2.3.0',
    features: ['e2sm-kpm.v1', 'e2sm-rc.v1'],
    fronthaul: {
      bandwidthMhz: 40,
      scsKhz: 30,
      compression: [
        { method: 'bfp', iqWidth: 9 },
        { method: 'bfp', iqWidth: 12 },
      ],
      arrays: 2,
    },
    ranFunctions: (parts) => [
      createKpmFunction(parts),
      createRcFunction({ identity: parts.identity, target: parts.radio }),
    ],
  }),
);
