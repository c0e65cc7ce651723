/** src/topology: topology files and the vendor catalogue. */
export {
  harnessSmo,
  harnessVendor,
  loadTopology,
  parseTopology,
  type SecurityMode,
  type Topology,
  type TopologyInstance,
  type TopologyLink,
  type TopologyOptions,
  topologySchema,
} from './topology.js';
export {
  loadVendorCatalog,
  loadVendorManifest,
  type VendorCatalog,
  type VendorManifest,
  vendorManifestSchema,
} from './vendor-manifest.js';
