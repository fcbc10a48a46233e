import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { record, redo as redoStep, replace, startHistory, undo as undoStep, type History } from '../graph/history';
import type { ActivityNode, ConnectionEdge, Graph } from '../graph/model';

/** Whether a change is part of the document (undoable) rather than view state (selection, size, drag). */
function isEdit(change: NodeChange<ActivityNode> | EdgeChange<ConnectionEdge>): boolean {
  return change.type === 'remove' || change.type === 'add' || change.type === 'replace';
}

/** The canvas graph with undo / redo. Drags are one step: `checkpoint()` is called when one starts. */
export function useGraphHistory(initial: Graph | (() => Graph)) {
  const [history, setHistory] = useState<History<Graph>>(() => startHistory(typeof initial === 'function' ? initial() : initial));
  const [dirty, setDirty] = useState(false);

  const commit = useCallback((update: (g: Graph) => Graph) => {
    setHistory((h) => record(h, update(h.present)));
    setDirty(true);
  }, []);

  const reset = useCallback((graph: Graph) => {
    setHistory(startHistory(graph));
    setDirty(false);
  }, []);

  const checkpoint = useCallback(() => {
    setHistory((h) => record(h, h.present));
    setDirty(true);
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<ActivityNode>[]) => {
    const edit = changes.some(isEdit);
    // Moves (mouse drags are one undo step via checkpoint(); arrow keys are not) change the layout.
    if (changes.some((c) => c.type === 'position' && c.position !== undefined)) setDirty(true);
    setHistory((h) => {
      let { edges } = h.present;
      const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
      if (removed.size > 0) edges = edges.filter((e) => !removed.has(e.source) && !removed.has(e.target));
      const next = { nodes: applyNodeChanges(changes, h.present.nodes), edges };
      return edit ? record(h, next) : replace(h, next);
    });
    if (edit) setDirty(true);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ConnectionEdge>[]) => {
    const edit = changes.some(isEdit);
    setHistory((h) => {
      const next = { ...h.present, edges: applyEdgeChanges(changes, h.present.edges) };
      return edit ? record(h, next) : replace(h, next);
    });
    if (edit) setDirty(true);
  }, []);

  const undo = useCallback(() => {
    setHistory(undoStep);
    setDirty(true);
  }, []);
  const redo = useCallback(() => {
    setHistory(redoStep);
    setDirty(true);
  }, []);

  return {
    graph: history.present,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    dirty,
    setDirty,
    commit,
    reset,
    checkpoint,
    onNodesChange,
    onEdgesChange,
    undo,
    redo,
  };
}

export type GraphHistory = ReturnType<typeof useGraphHistory>;
