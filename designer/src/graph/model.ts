import type { Edge, Node } from '@xyflow/react';
import type { ActivityJson, ConnectionJson } from '../api/types';

/** The port every activity accepts connections on. */
export const IN_PORT = 'In';

/** What a canvas node carries: the activity exactly as in the definition (unknown properties kept). */
export type ActivityNodeData = { activity: ActivityJson };
export type ActivityNode = Node<ActivityNodeData, 'activity'>;

/** What a canvas edge carries: the connection exactly as in the definition (designer extras kept). */
export type ConnectionEdgeData = { connection: ConnectionJson };
export type ConnectionEdge = Edge<ConnectionEdgeData>;

export interface Graph {
  nodes: ActivityNode[];
  edges: ConnectionEdge[];
}

/** Properties of an activity that are structure, not inputs. */
export const reservedActivityKeys: ReadonlySet<string> = new Set([
  'id',
  'type',
  'version',
  'name',
  'resilience',
  'activities',
  'connections',
  'start',
  'body',
  'metadata',
]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep copy of JSON data. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
