import type { ValidationError } from '../api/types';

/** Where a validation error belongs in the editor. */
export type ErrorTarget =
  | { kind: 'node'; nodeId: string; field?: string; subPath?: string }
  | { kind: 'edge'; index: number }
  | { kind: 'definition'; field: string }
  | { kind: 'flowchart'; field?: string };

export interface LocatedError extends ValidationError {
  target: ErrorTarget;
}

export interface ErrorIndex {
  all: LocatedError[];
  /** Errors per activity id (its own and those of activities nested inside it). */
  byNode: Map<string, LocatedError[]>;
  /** Errors per connection index (the order connections are sent in). */
  byEdge: Map<number, LocatedError[]>;
  /** Errors of the definition or the flowchart as a whole. */
  general: LocatedError[];
}

/**
 * Places a server path: `root/flip.siteName` (input of activity flip), `root/each/body.items`
 * (nested: attached to `each`), `root.connections[3]`, `root`, `inputs[0].name`.
 * Ids may contain dots, so the longest known id that fits wins.
 */
export function locate(path: string, nodeIds: ReadonlySet<string>): ErrorTarget {
  const connection = /^root\.connections\[(\d+)\]/.exec(path);
  if (connection) return { kind: 'edge', index: Number(connection[1]) };
  if (path === 'root') return { kind: 'flowchart' };
  if (path.startsWith('root.')) return { kind: 'flowchart', field: path.slice(5) };
  if (!path.startsWith('root/')) return { kind: 'definition', field: path };

  const rest = path.slice(5);
  let best: string | undefined;
  for (const id of nodeIds) {
    if (rest === id || rest.startsWith(`${id}.`) || rest.startsWith(`${id}/`)) {
      if (best === undefined || id.length > best.length) best = id;
    }
  }
  if (best === undefined) {
    const cut = rest.search(/[./]/);
    return { kind: 'flowchart', field: cut < 0 ? rest : rest.slice(0, cut) };
  }
  const tail = rest.slice(best.length);
  if (tail === '') return { kind: 'node', nodeId: best };
  if (tail.startsWith('.')) {
    const field = tail.slice(1).split(/[.[]/)[0];
    return { kind: 'node', nodeId: best, field, subPath: tail.slice(1) };
  }
  // Nested activity (ForEach body, inner flowchart): shown on the outer node, under `body` when that is it.
  return { kind: 'node', nodeId: best, field: 'body', subPath: tail.slice(1) };
}

export function indexErrors(errors: readonly ValidationError[], nodeIds: ReadonlySet<string>): ErrorIndex {
  const index: ErrorIndex = { all: [], byNode: new Map(), byEdge: new Map(), general: [] };
  for (const e of errors) {
    const located: LocatedError = { ...e, target: locate(e.path, nodeIds) };
    index.all.push(located);
    const t = located.target;
    if (t.kind === 'node') push(index.byNode, t.nodeId, located);
    else if (t.kind === 'edge') push(index.byEdge, t.index, located);
    else index.general.push(located);
  }
  return index;
}

/** The errors of one field of one activity. */
export function fieldErrors(index: ErrorIndex, nodeId: string, field: string): LocatedError[] {
  return (index.byNode.get(nodeId) ?? []).filter((e) => e.target.kind === 'node' && e.target.field === field);
}

function push<K>(map: Map<K, LocatedError[]>, key: K, value: LocatedError): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const emptyErrorIndex: ErrorIndex = { all: [], byNode: new Map(), byEdge: new Map(), general: [] };
