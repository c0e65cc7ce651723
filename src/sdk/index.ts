/** src/sdk: what a vendor is written against. */

// Config loading lives in src/config; re-exported so a vendor reads its own files the same way.
export {
  type ConfigDocument,
  type ConfigProblem,
  formatProblem,
  loadConfigFile,
  parseConfigDocument,
  parseConfigText,
  readConfigText,
  throwProblems,
} from '../config/index.js';

// The wire model a vendor needs, so that vendors import the SDK and nothing else of plugfest.
export {
  describeCause,
  type Frame,
  type InterfaceName,
  type MessageInitMap,
  type MessageTypeMap,
  oran,
  PlugfestError,
  type RoleName,
} from '../wire/index.js';
export {
  loadVendorConfig,
  type SecurityConfig,
  securitySchema,
  supervisionSchema,
  type VendorConfig,
  type VendorConfigInput,
  vendorConfigSchema,
} from './config.js';
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
export {
  type AttestationKey,
  type Attester,
  type AttesterFacts,
  createLinkSecurity,
  LinkGuard,
  type LinkSecurity,
  type LinkSecurityOptions,
  readAttesterFacts,
  refusalDetail,
  selfIssuedAttestationKey,
} from './security/index.js';
export { type Answer, dispatchTo, failure, type Reply, Session, success } from './session.js';
