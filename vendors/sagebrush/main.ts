/**
 * Sagebrush Networks near-RT RIC: the shared E2 termination and A1 producer, with one xApp, a
 * closed loop that caps a slice's PRBs over E2SM-RC when a cell's DL PRB usage runs high, tuned
 * over A1 by policies of type 21000.
 */
import { runVendor } from '../../src/sdk/index.js';
import { defineRic } from '../shared/ric/index.js';
import { ClosedLoop, slicePrbQuotaPolicyType } from './closed-loop.js';

const closedLoop = new ClosedLoop();

await runVendor(
  defineRic({
    productVersion: '2.3.0',
    features: ['e2sm-kpm.v1', 'e2sm-rc.v1'],
    policyTypes: [slicePrbQuotaPolicyType],
    assessPolicy: (policy, ric) => closedLoop.assess(policy, ric),
    onReport: (report, node, _subscription, ric) => closedLoop.onReport(report, node, ric),
    onNodeChange: (node) => closedLoop.forget(node),
    onPolicyChange: (change, ric) => closedLoop.policyChanged(change, ric),
  }),
);
