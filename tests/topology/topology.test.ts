import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../src/topology/index.js';
import { PlugfestError } from '../../src/wire/index.js';
import { builtInVendors } from '../support/suites.js';
import { fixtureCatalog, repoRoot, topologyOf } from '../support/topologies.js';

function problemsOf(yaml: string): string[] {
  try {
    topologyOf(yaml);
  } catch (error) {
    expect(error).toBeInstanceOf(PlugfestError);
    expect((error as PlugfestError).code).toBe('config-invalid');
    return (error as PlugfestError).rawMessage.split('\n');
  }
  throw new Error('the topology was accepted');
}

describe('topology files', () => {
  it('expand fronthaul into M-plane and CU-plane links with stable ids, and fill in defaults', () => {
    const catalog = fixtureCatalog();
    const topology = topologyOf(
      `name: t
instances:
  ric-1: { role: near-rt-ric, vendor: mini-ric }
  du-1: { role: o-du, vendor: mini-du }
links:
  - { interface: e2, from: du-1, to: ric-1 }
`,
      catalog,
    );
    expect(topology.links.map((l) => l.id)).toEqual(['du-1>ric-1/e2']);
    expect(topology.options).toMatchObject({ slotRatePerSecond: 100, kpmPeriodMs: 1000, security: 'none' });
    expect(topology.options.supervision).toEqual({ intervalMs: 1500, guardMs: 4500 });
    expect(topology.instances.get('du-1')).toMatchObject({ role: 'o-du', vendor: 'mini-du', settings: {} });
  });

  it('name file, line and field for a value of the wrong type, and say what is allowed', () => {
    const problems = problemsOf(`name: t
options:
  slotRatePerSecond: fast
  security: tls
instances:
  du-1: { role: o-du, vendor: mini-du }
`);
    expect(problems).toContain('inline.yaml:3:22: options.slotRatePerSecond: must be number, not string');
    expect(problems).toContain('inline.yaml:4:13: options.security: must be one of "none", "attest", "mtls"');
  });

  it('bound link supervision to what a vendor accepts in Hello, naming the field and the range', () => {
    const problems = problemsOf(`name: t
options:
  supervision: { intervalMs: 1, guardMs: 4294967295 }
instances:
  du-1: { role: o-du, vendor: mini-du }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^inline\.yaml:3:30: options\.supervision\.intervalMs: .*100/),
      expect.stringMatching(/^inline\.yaml:3:42: options\.supervision\.guardMs: .*600000/),
    ]);
  });

  it('name an unknown vendor and list the vendors of that role', () => {
    const problems = problemsOf(`name: t
instances:
  ric-1:
    role: near-rt-ric
    vendor: acme-ric
`);
    expect(problems).toEqual([
      'inline.yaml:5:13: instances.ric-1.vendor: unknown vendor "acme-ric"; near-rt-ric vendors: crashy, mini-ric',
    ]);
  });

  it('refuse a link whose roles do not fit its interface, naming the line of each end', () => {
    const problems = problemsOf(`name: t
instances:
  ric-1: { role: near-rt-ric, vendor: mini-ric }
  du-1: { role: o-du, vendor: mini-du }
links:
  - interface: e2
    from: ric-1
    to: du-1
  - { interface: e2, from: du-1, to: ric-9 }
`);
    expect(problems).toContain(
      'inline.yaml:7:11: links[0].from: ric-1 is a near-RT RIC; e2 is dialled by an O-DU',
    );
    expect(problems).toContain(
      'inline.yaml:8:9: links[0].to: du-1 is an O-DU; e2 is served by a near-RT RIC',
    );
    expect(problems).toContain('inline.yaml:9:38: links[1].to: no instance "ric-9"; instances: ric-1, du-1');
  });

  it('report a missing field at its parent, and an unknown field by name', () => {
    const problems = problemsOf(`name: t
instances:
  du-1: { role: o-du, vendr: mini-du }
`);
    expect(problems).toContain('inline.yaml:3:9: instances.du-1: unknown field vendr');
    expect(problems).toContain('inline.yaml:3:9: instances.du-1.vendor: is required (string)');
  });

  it('report YAML syntax errors with their line', () => {
    const problems = problemsOf('name: t\ninstances:\n  du-1: { role: o-du, vendor: mini-du\n');
    expect(problems[0]).toMatch(/^inline\.yaml:\d+:\d+: \(document\): /);
  });
});

describe('the topologies shipped in topologies/', () => {
  const shipped = readdirSync(join(repoRoot, 'topologies')).filter(
    (f) => f.endsWith('.yaml') && f !== 'trust-policy.yaml',
  );
  it.each(shipped)('%s loads against the built-in vendors', (file) => {
    const path = join(repoRoot, 'topologies', file);
    const topology = parseTopology(readFileSync(path, 'utf8'), path, builtInVendors());
    expect(topology.instances.size).toBeGreaterThan(0);
    expect(topology.links.length).toBeGreaterThan(0);
  });
});
