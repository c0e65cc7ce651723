/** src/sdk: what a vendor is written against. */

export { loadVendorConfig, type VendorConfig, type VendorConfigInput, vendorConfigSchema } from './config.js';
export { type ConfigProblem, formatProblem, loadConfigFile, parseConfigText } from './config-file.js';
export {
  defineNearRtRic,
  defineODu,
  defineORu,
  defineSmo,
  defineVendor,
  type EndpointBehaviour,
  type Handlers,
  type MessagesOf,
  type RoleLinks,
  roleLinks,
  type VendorContext,
  type VendorDefinition,
} from './define.js';
export { createVendorLogger, type VendorLoggerOptions } from './logger.js';
export { type ReadyLine, type RunningVendor, type RunOptions, runVendor } from './run.js';
export { type Answer, dispatchTo, failure, type Reply, Session, success } from './session.js';
