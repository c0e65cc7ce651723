/**
 * src/config: loading YAML/JSON config files with zod schemas, and the one
 * `file:line:col: field: what is allowed` formatter. Used by every layer below that reads a
 * file (topology, fault schedules, trust policies, the vendor config); imports src/wire only.
 */
export {
  type ConfigDocument,
  loadConfigFile,
  parseConfigDocument,
  parseConfigText,
  readConfigText,
} from './load.js';
export { type ConfigProblem, formatProblem, throwProblems } from './problem.js';
