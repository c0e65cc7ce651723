/**
 * A typed topology builder: a case's topology as data, not a YAML template string, and its
 * link ids derived from it, so a case names a link the topology has or does not compile
 * (`t.links['du-1>ric-1/e2']`). The result is callable: `t(combination)` is the YAML the
 * runner starts, as a case's `topology`.
 */
import { stringify } from 'yaml';
import type { z } from 'zod';
import type { topologySchema } from '../../topology/index.js';
import type { RoleName } from '../../wire/index.js';
import type { Combination } from '../matrix.js';

type Input = z.input<typeof topologySchema>;
type Options = NonNullable<Input['options']>;
type LinkInterface = 'fronthaul' | 'ofh-m' | 'ofh-cu' | 'e2' | 'a1';

/** A value given as it is, or computed from the combination under test. */
export type PerCombination<T> = T | ((c: Combination) => T);

export interface InstanceSpec {
  readonly role: RoleName;
  /** A vendor id, `harness` for a test peer, or the vendor the combination has for a role. */
  readonly vendor: PerCombination<string>;
  readonly settings?: PerCombination<Record<string, unknown>>;
  readonly modified?: 'tampered' | 'downgraded' | 'sbom-missing';
}

export interface LinkSpec {
  readonly interface: LinkInterface;
  readonly from: string;
  readonly to: string;
}

export interface TopologySpec {
  readonly name: PerCombination<string>;
  readonly options?: PerCombination<Options>;
  readonly instances: Readonly<Record<string, InstanceSpec>>;
  readonly links: readonly LinkSpec[];
}

/** The link ids a link spec makes: `fronthaul` is both Open Fronthaul links. */
type IdsOf<L> = L extends {
  readonly interface: infer I;
  readonly from: infer F extends string;
  readonly to: infer T extends string;
}
  ? I extends 'fronthaul'
    ? `${F}>${T}/ofh-m` | `${F}>${T}/ofh-cu`
    : I extends string
      ? `${F}>${T}/${I}`
      : never
  : never;

export type LinkIdOf<S extends TopologySpec> = IdsOf<S['links'][number]>;

export interface DefinedTopology<S extends TopologySpec> {
  /** The topology's YAML for a combination: what a case's `topology` is. */
  (c: Combination): string;
  /** Every link id of the topology, by itself. */
  readonly links: { readonly [K in LinkIdOf<S>]: K };
  /** The spec, for a topology made from another (`extendTopology`). */
  readonly spec: S;
}

/** The vendor the combination has for `role`, for an instance's `vendor`. */
export const vendorFor =
  (role: RoleName) =>
  (c: Combination): string => {
    const vendor = c[role];
    if (!vendor) throw new Error(`the combination has no ${role}: ${JSON.stringify(c)}`);
    return vendor;
  };

const resolved = <T>(value: PerCombination<T>, c: Combination): T =>
  typeof value === 'function' ? (value as (c: Combination) => T)(c) : value;

export function defineTopology<const S extends TopologySpec>(spec: S): DefinedTopology<S> {
  const links: Record<string, string> = {};
  for (const link of spec.links) {
    const interfaces = link.interface === 'fronthaul' ? ['ofh-m', 'ofh-cu'] : [link.interface];
    for (const iface of interfaces)
      links[`${link.from}>${link.to}/${iface}`] = `${link.from}>${link.to}/${iface}`;
  }
  const yaml = (c: Combination): string => {
    const document: Input = {
      name: resolved(spec.name, c),
      ...(spec.options ? { options: resolved(spec.options, c) } : {}),
      instances: Object.fromEntries(
        Object.entries(spec.instances).map(([id, instance]) => [
          id,
          {
            role: instance.role,
            vendor: resolved(instance.vendor, c),
            ...(instance.settings ? { settings: resolved(instance.settings, c) } : {}),
            ...(instance.modified ? { modified: instance.modified } : {}),
          },
        ]),
      ),
      links: spec.links.map((l) => ({ interface: l.interface, from: l.from, to: l.to })),
    };
    return stringify(document);
  };
  return Object.assign(yaml, { links: Object.freeze(links) as DefinedTopology<S>['links'], spec });
}

/** A topology made from another: the same, with these instances and links added, and name or options replaced. */
export function extendTopology<const B extends TopologySpec, const XL extends readonly LinkSpec[] = []>(
  base: DefinedTopology<B>,
  extra: {
    readonly name?: PerCombination<string>;
    readonly options?: PerCombination<Options>;
    readonly instances?: Readonly<Record<string, InstanceSpec>>;
    readonly links?: XL;
  },
): DefinedTopology<{
  name: PerCombination<string>;
  options?: PerCombination<Options>;
  instances: Readonly<Record<string, InstanceSpec>>;
  links: readonly [...B['links'], ...XL];
}> {
  return defineTopology({
    name: extra.name ?? base.spec.name,
    ...((extra.options ?? base.spec.options) ? { options: extra.options ?? base.spec.options } : {}),
    instances: { ...base.spec.instances, ...(extra.instances ?? {}) },
    links: [...base.spec.links, ...(extra.links ?? [])],
  }) as never;
}
