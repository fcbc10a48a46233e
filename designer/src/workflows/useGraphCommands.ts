import { useReactFlow, type Connection, type IsValidConnection } from '@xyflow/react';
import { useCallback, useRef, type RefObject } from 'react';
import type { ActivityDescriptor, ActivityJson } from '../api/types';
import type { GraphHistory } from '../canvas/useGraphHistory';
import { copyFragment, isFragment, pasteFragment, type Fragment } from '../graph/clipboard';
import { renameActivity, toEdge, toNode } from '../graph/definition';
import { newActivity, newActivityId } from '../graph/defaults';
import { autoLayout, NODE_HEIGHT, NODE_WIDTH } from '../graph/layout';
import { IN_PORT } from '../graph/model';

interface GraphCommandsOptions {
  history: GraphHistory;
  descriptors: Map<string, ActivityDescriptor>;
  readOnly: boolean;
  /** The canvas element: an activity added from the palette lands in its centre. */
  canvas: RefObject<HTMLDivElement | null>;
  setStatus: (status: string) => void;
}

/** What the editor does to the canvas graph: add, connect, change, rename, delete, copy and paste activities, lay them out. */
export function useGraphCommands({ history, descriptors, readOnly, canvas, setStatus }: GraphCommandsOptions) {
  const flow = useReactFlow();
  const clipboard = useRef<Fragment | null>(null);
  const { graph, commit } = history;

  const addActivity = useCallback(
    (type: string, at?: { x: number; y: number }) => {
      const descriptor = descriptors.get(type);
      if (!descriptor || readOnly) return;
      let position = at;
      if (!position) {
        const box = canvas.current?.getBoundingClientRect();
        const center = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 };
        position = flow.screenToFlowPosition(center);
        position = { x: position.x - NODE_WIDTH / 2, y: position.y - NODE_HEIGHT / 2 };
      }
      const p = position;
      commit((g) => {
        const id = newActivityId(type, new Set(g.nodes.map((n) => n.id)));
        const node = { ...toNode(newActivity(descriptor, id, p), p), selected: true };
        return { nodes: [...g.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], edges: g.edges };
      });
      setStatus(`Added ${descriptor.displayName}.`);
    },
    [descriptors, readOnly, flow, commit, canvas, setStatus],
  );

  const connect = useCallback(
    (source: string, port: string, target: string) => {
      commit((g) => {
        if (g.edges.some((e) => e.source === source && e.sourceHandle === port && e.target === target)) return g;
        const connection = { source: { activity: source, port }, target: { activity: target, port: IN_PORT } };
        return { ...g, edges: [...g.edges, toEdge(connection, `n${Date.now().toString(36)}-${g.edges.length}`)] };
      });
    },
    [commit],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle) connect(c.source, c.sourceHandle, c.target);
    },
    [connect],
  );
  const isValidConnection: IsValidConnection = useCallback((c) => c.source !== c.target && (c.targetHandle ?? IN_PORT) === IN_PORT, []);

  const updateActivity = useCallback(
    (next: ActivityJson) => {
      commit((g) => ({ ...g, nodes: g.nodes.map((n) => (n.id === next.id ? { ...n, data: { activity: next } } : n)) }));
    },
    [commit],
  );

  function rename(from: string, to: string): string | undefined {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(to)) return 'Use letters, digits, "_", "-" or ".".';
    if (graph.nodes.some((n) => n.id === to)) return `“${to}” is already used.`;
    commit((g) => renameActivity(g, from, to));
    return undefined;
  }

  const deleteSelected = useCallback(() => {
    if (readOnly) return;
    const ids = new Set(graph.nodes.filter((n) => n.selected).map((n) => n.id));
    commit((g) => ({
      nodes: g.nodes.filter((n) => !ids.has(n.id)),
      edges: g.edges.filter((e) => !e.selected && !ids.has(e.source) && !ids.has(e.target)),
    }));
  }, [graph.nodes, readOnly, commit]);

  const copy = useCallback(() => {
    const ids = new Set(graph.nodes.filter((n) => n.selected).map((n) => n.id));
    if (ids.size === 0) return;
    const fragment = copyFragment(graph, ids);
    clipboard.current = fragment;
    void navigator.clipboard?.writeText(JSON.stringify(fragment)).catch(() => undefined);
    setStatus(`Copied ${ids.size} activit${ids.size === 1 ? 'y' : 'ies'}.`);
  }, [graph, setStatus]);

  const paste = useCallback(async () => {
    if (readOnly) return;
    let fragment = clipboard.current;
    try {
      const text = await navigator.clipboard?.readText();
      const parsed: unknown = text ? JSON.parse(text) : undefined;
      if (isFragment(parsed)) fragment = parsed;
    } catch {
      /* clipboard not readable or not ours: use the in-page copy */
    }
    if (!fragment) return;
    const f = fragment;
    commit((g) => pasteFragment(g, f));
    setStatus(`Pasted ${f.activities.length} activit${f.activities.length === 1 ? 'y' : 'ies'}.`);
  }, [readOnly, commit, setStatus]);

  const layout = useCallback(() => {
    commit((g) => autoLayout(g));
    setTimeout(() => void flow.fitView({ duration: 200 }), 50);
  }, [commit, flow]);

  function selectNode(id: string) {
    history.onNodesChange(graph.nodes.map((n) => ({ type: 'select', id: n.id, selected: n.id === id })));
    const node = graph.nodes.find((n) => n.id === id);
    if (node) void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, { zoom: 1, duration: 200 });
  }

  return { addActivity, connect, onConnect, isValidConnection, updateActivity, rename, deleteSelected, copy, paste, layout, selectNode };
}
