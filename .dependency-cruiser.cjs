/**
 * The layer rule of ARCHITECTURE.md, enforced by `npm run lint`: each layer imports only from
 * layers above it in this list; vendors import only src/sdk and src/ran (and the wire types
 * those expose); the harness never imports vendors/. src/config shares the wire's place (it may
 * import src/wire only, and every layer below may read files through it).
 */
const layers = [
  ['src/wire', 'src/config'],
  ['src/transport'],
  ['src/attestation'],
  ['src/ran'],
  ['src/sdk'],
  ['vendors'],
  ['src/topology', 'src/relay', 'src/orchestrator', 'src/faults'],
  ['src/conformance'],
  ['conformance'],
  ['src/report'],
  ['src/gate'],
  ['src/cli'],
];
const pattern = (paths) => `^(${paths.join('|')})/`;

const upward = layers.flatMap((from, i) =>
  layers.slice(i + 1).map((to) => ({
    name: `layer-${from[0].replace(/\W/g, '-')}-must-not-import-${to[0].replace(/\W/g, '-')}`,
    comment: `${from.join(', ')} sits above ${to.join(', ')} in ARCHITECTURE.md's layers: it must not import it`,
    severity: 'error',
    from: { path: pattern(from) },
    to: { path: pattern(to) },
  })),
);

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'wire-does-no-io',
      comment: 'src/wire has no I/O (ARCHITECTURE.md): it must not import src/config, which reads files',
      severity: 'error',
      from: { path: '^src/wire/' },
      to: { path: '^src/config/' },
    },
    {
      name: 'vendors-use-the-sdk-only',
      comment: 'a vendor imports src/sdk and src/ran only: it must work like a vendor in any language',
      severity: 'error',
      from: { path: '^vendors/' },
      to: { path: '^src/', pathNot: '^src/(sdk|ran)/' },
    },
    {
      name: 'cases-see-the-network-not-the-backend',
      comment:
        "a case reaches the network through src/conformance's handles (net.instance, net.link, net.frames), the same whichever backend runs the vendors: it never imports the orchestrator or the relay",
      severity: 'error',
      from: { path: '^conformance/' },
      to: { path: '^src/(orchestrator|relay)/' },
    },
    {
      name: 'no-circular',
      comment: 'type-only cycles (a handler type naming its session type) vanish at run time',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
