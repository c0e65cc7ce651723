/**
 * What the A1 cases need that src/conformance's index does not export yet (issue 11; reported
 * for the index): the wire's message maps, so that an A1 request's message is checked against
 * its type and an answer is read as its type. Nothing else in this folder imports outside the index.
 */
export type { MessageInitMap, MessageTypeMap } from '../../src/wire/index.js';
