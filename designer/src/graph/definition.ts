import { MarkerType } from '@xyflow/react';
import type { ActivityJson, ConnectionJson, Position, WorkflowDefinition } from '../api/types';
import { IN_PORT, type ActivityNode, type ConnectionEdge, type Graph } from './model';

const GRID_X = 280;
const GRID_Y = 120;

export function positionOf(activity: ActivityJson): Position | undefined {
  const p = activity.metadata?.designer?.position;
  return p && typeof p.x === 'number' && typeof p.y === 'number' ? { x: p.x, y: p.y } : undefined;
}

export function toNode(activity: ActivityJson, fallback: Position): ActivityNode {
  return {
    id: activity.id,
    type: 'activity',
    position: positionOf(activity) ?? fallback,
    data: { activity },
    ariaLabel: `${activity.name ?? activity.id} (${activity.type})`,
  };
}

export function edgeId(connection: ConnectionJson, index: number): string {
  return `c${index}:${connection.source.activity}.${connection.source.port}->${connection.target.activity}`;
}

export function toEdge(connection: ConnectionJson, id: string): ConnectionEdge {
  return {
    id,
    source: connection.source.activity,
    sourceHandle: connection.source.port,
    target: connection.target.activity,
    targetHandle: connection.target.port || IN_PORT,
    label: connection.source.port,
    markerEnd: { type: MarkerType.ArrowClosed },
    data: { connection },
  };
}

/** The root flowchart's activities and connections as React Flow nodes and edges. */
export function toGraph(definition: WorkflowDefinition): Graph {
  const activities = definition.root.activities ?? [];
  const nodes = activities.map((a, i) => toNode(a, { x: (i % 4) * GRID_X, y: Math.floor(i / 4) * GRID_Y }));
  const edges = (definition.root.connections ?? []).map((c, i) => toEdge(c, edgeId(c, i)));
  return { nodes, edges };
}

/** Whether any activity lacks a stored position (the editor then lays the graph out). */
export function needsLayout(definition: WorkflowDefinition): boolean {
  return (definition.root.activities ?? []).some((a) => positionOf(a) === undefined);
}

function samePosition(a: Position | undefined, b: Position): boolean {
  return a !== undefined && a.x === b.x && a.y === b.y;
}

/** Writes the node's position into the activity, keeping every other metadata property and key order. */
export function withPosition(activity: ActivityJson, position: Position): ActivityJson {
  if (samePosition(positionOf(activity), position)) return activity;
  const rounded = { x: Math.round(position.x), y: Math.round(position.y) };
  const metadata = { ...(activity.metadata ?? {}) };
  metadata.designer = { ...(metadata.designer ?? {}), position: rounded };
  return { ...activity, metadata };
}

export function toConnection(edge: ConnectionEdge): ConnectionJson {
  const raw = edge.data?.connection;
  const source = { ...(raw?.source ?? {}), activity: edge.source, port: edge.sourceHandle ?? 'Done' };
  const target = { ...(raw?.target ?? {}), activity: edge.target, port: edge.targetHandle ?? IN_PORT };
  return raw ? { ...raw, source, target } : { source, target };
}

/**
 * The definition with the root flowchart's activities and connections taken from the graph.
 * Everything else (definition fields, root fields, unknown properties) is carried through unchanged.
 */
export function toDefinition(base: WorkflowDefinition, graph: Graph): WorkflowDefinition {
  const activities = graph.nodes.map((n) => withPosition(n.data.activity, n.position));
  const connections = graph.edges.map(toConnection);
  return { ...base, root: { ...base.root, activities, connections } };
}

/** Renames an activity and every connection (and the root's `start`) that refers to it. */
export function renameActivity(graph: Graph, from: string, to: string): Graph {
  const nodes = graph.nodes.map((n) =>
    n.id === from
      ? { ...n, id: to, data: { activity: { ...n.data.activity, id: to } }, ariaLabel: `${n.data.activity.name ?? to} (${n.data.activity.type})` }
      : n,
  );
  const edges = graph.edges.map((e) =>
    e.source === from || e.target === from
      ? { ...e, source: e.source === from ? to : e.source, target: e.target === from ? to : e.target }
      : e,
  );
  return { nodes, edges };
}

/** The start activity: the only one without an inbound connection (`undefined` when not exactly one). */
export function startActivity(graph: Graph): string | undefined {
  const targets = new Set(graph.edges.map((e) => e.target));
  const roots = graph.nodes.filter((n) => !targets.has(n.id));
  return roots.length === 1 ? roots[0]?.id : undefined;
}
