import type { ActivityJson, ConnectionJson } from '../api/types';
import { toEdge, toNode } from './definition';
import { newActivityId } from './defaults';
import { cloneJson, type Graph } from './model';

/** What copy puts on the clipboard: the selected activities and the connections among them. */
export interface Fragment {
  kind: 'runbook-fragment';
  activities: ActivityJson[];
  connections: ConnectionJson[];
}

export function copyFragment(graph: Graph, selected: ReadonlySet<string>): Fragment {
  const activities = graph.nodes
    .filter((n) => selected.has(n.id))
    .map((n) => {
      const a = cloneJson(n.data.activity);
      a.metadata = { ...(a.metadata ?? {}), designer: { ...(a.metadata?.designer ?? {}), position: { ...n.position } } };
      return a;
    });
  const connections = graph.edges
    .filter((e) => selected.has(e.source) && selected.has(e.target))
    .map((e) => ({
      ...cloneJson(e.data?.connection ?? {}),
      source: { activity: e.source, port: e.sourceHandle ?? 'Done' },
      target: { activity: e.target, port: e.targetHandle ?? 'In' },
    }));
  return { kind: 'runbook-fragment', activities, connections };
}

export function isFragment(value: unknown): value is Fragment {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'runbook-fragment' &&
    Array.isArray((value as { activities?: unknown }).activities)
  );
}

/**
 * Adds a copy of the fragment, offset, with fresh ids (connections follow the renames). The pasted
 * nodes come selected and everything else is deselected.
 */
export function pasteFragment(graph: Graph, fragment: Fragment, offset = 40): Graph {
  const taken = new Set(graph.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  for (const a of fragment.activities) {
    const id = taken.has(a.id) ? newActivityId(a.type, taken) : a.id;
    taken.add(id);
    rename.set(a.id, id);
  }
  const pasted = fragment.activities.map((a) => {
    const activity = cloneJson(a);
    activity.id = rename.get(a.id) ?? a.id;
    const p = a.metadata?.designer?.position ?? { x: 0, y: 0 };
    const position = { x: Math.round(p.x + offset), y: Math.round(p.y + offset) };
    activity.metadata = { ...(activity.metadata ?? {}), designer: { ...(activity.metadata?.designer ?? {}), position } };
    return { ...toNode(activity, position), selected: true };
  });
  const base = graph.edges.length;
  const edges = fragment.connections.flatMap((c, i) => {
    const source = rename.get(c.source.activity);
    const target = rename.get(c.target.activity);
    if (!source || !target) return [];
    const connection = { ...c, source: { ...c.source, activity: source }, target: { ...c.target, activity: target } };
    return [toEdge(connection, `p${Date.now().toString(36)}-${base + i}`)];
  });
  return {
    nodes: [...graph.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted],
    edges: [...graph.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
  };
}
