/** The end-to-end suite's shared fields: the whole chain O-RU - O-DU - near-RT RIC, graded as interop. */
import { defineSuite } from '../../src/conformance/index.js';

export const e2eCase = defineSuite({
  suite: 'e2e',
  interface: 'e2e',
  mode: 'interop',
  roles: ['o-ru', 'o-du', 'near-rt-ric'],
});
