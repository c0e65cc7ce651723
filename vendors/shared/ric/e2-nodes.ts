/**
 * The E2 nodes a RIC knows: who each is (Global E2 Node ID), which link it is on, whether it
 * is up, and the RAN functions the RIC accepted from it. A node set up again replaces its
 * earlier state (E2AP 8.3.1: E2 Setup erases the application-level data of both ends).
 */
import { oran, type Session } from '../../../src/sdk/index.js';
import type { CellGlobalId, KpmOffer } from './kpm.js';

/** A RAN function the RIC accepted from a node. */
export interface RanFunction {
  readonly id: number;
  readonly revision: number;
  readonly oid: string;
  readonly model: 'kpm' | 'rc';
  /** Set for KPM: what the node offers. */
  readonly kpm?: KpmOffer;
}

export interface E2Node {
  /** "00101:gnb-du:16": PLMN, node type and node id, as logs name the node. */
  readonly key: string;
  readonly globalId: { readonly plmnId: string; readonly nodeType: number; readonly nodeId: number };
  /** The E2 link the node was last set up on. */
  readonly session: Session<'e2'>;
  state: 'up' | 'down';
  /** Accepted RAN functions by RAN Function ID. */
  readonly functions: Map<number, RanFunction>;
}

/** "00101:gnb-du:16". */
export function nodeKey(globalId: E2Node['globalId']): string {
  const typeName = oran.e2.v1.E2NodeType[globalId.nodeType] ?? String(globalId.nodeType);
  return `${globalId.plmnId}:${typeName.replace('E2_NODE_TYPE_', '').toLowerCase().replaceAll('_', '-')}:${globalId.nodeId}`;
}

/** How logs name a node: its key and the instance at the other end of its link. */
export function nodeFields(node: E2Node): { node: string; peer: string } {
  return { node: node.key, peer: node.session.peer.instanceId };
}

/** The node's accepted function of a service model, if any. */
export function functionOf(node: E2Node, model: 'kpm' | 'rc'): RanFunction | undefined {
  return [...node.functions.values()].find((f) => f.model === model);
}

/** The node's first cell, from its KPM RAN function definition. */
export function cellOf(node: E2Node): CellGlobalId | undefined {
  return functionOf(node, 'kpm')?.kpm?.cells[0];
}

export class E2NodeRegistry {
  readonly #nodes = new Map<string, E2Node>();

  /** Records a (new) E2 Setup; returns the node and whether it was already up. */
  setUp(
    globalId: E2Node['globalId'],
    session: Session<'e2'>,
    functions: readonly RanFunction[],
  ): { node: E2Node; wasUp: boolean; previous: E2Node | undefined } {
    const key = nodeKey(globalId);
    const previous = this.#nodes.get(key);
    const node: E2Node = {
      key,
      globalId,
      session,
      state: 'up',
      functions: new Map(functions.map((f) => [f.id, f])),
    };
    this.#nodes.set(key, node);
    return { node, wasUp: previous?.state === 'up', previous };
  }

  /** The node set up on this link and up, if any. */
  onSession(session: Session<'e2'>): E2Node | undefined {
    for (const node of this.#nodes.values()) {
      if (node.session === session && node.state === 'up') return node;
    }
    return undefined;
  }

  /** Marks the node of a closed link down; undefined if the link carried no node. */
  linkClosed(session: Session<'e2'>): E2Node | undefined {
    const node = this.onSession(session);
    if (node) node.state = 'down';
    return node;
  }

  get(key: string): E2Node | undefined {
    return this.#nodes.get(key);
  }

  /** Every node ever set up, up or down. */
  all(): E2Node[] {
    return [...this.#nodes.values()];
  }

  up(): E2Node[] {
    return this.all().filter((n) => n.state === 'up');
  }
}
