import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type IsValidConnection,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { ApiError } from '../api/client';
import type { ActivityDescriptor, ActivityJson, WorkflowDefinition } from '../api/types';
import { hasRole, useClient, useSession } from '../auth/session';
import { CanvasContext, type CanvasView } from '../canvas/CanvasContext';
import { nodeTypes } from '../canvas/ActivityNodeView';
import { useGraphHistory } from '../canvas/useGraphHistory';
import { copyFragment, isFragment, pasteFragment, type Fragment } from '../graph/clipboard';
import { needsLayout, renameActivity, toDefinition, toEdge, toGraph, toNode } from '../graph/definition';
import { newActivity, newActivityId } from '../graph/defaults';
import { autoLayout, NODE_HEIGHT, NODE_WIDTH } from '../graph/layout';
import { IN_PORT, isRecord, type Graph } from '../graph/model';
import { ActivityInspector } from '../inspector/ActivityInspector';
import { preloadJsEditor } from '../inspector/LazyJsEditor';
import { WorkflowInspector } from '../inspector/WorkflowInspector';
import { DRAG_MIME, Palette } from '../palette/Palette';
import { ErrorBanner } from '../shared/ErrorBanner';
import { download } from '../shared/format';
import { StartRunDialog } from './StartRunDialog';
import { useValidation } from './useValidation';
import { VersionHistory } from './VersionHistory';
import '../canvas/canvas.css';
import '../inspector/inspector.css';

function initialGraph(definition: WorkflowDefinition): Graph {
  const graph = toGraph(definition);
  return needsLayout(definition) ? autoLayout(graph) : graph;
}

/** The editor: palette, canvas, inspector, toolbar; the definition is rebuilt from the graph on demand. */
export function EditorWorkspace({ descriptors, initial }: { descriptors: ActivityDescriptor[]; initial: WorkflowDefinition }) {
  const client = useClient();
  const session = useSession();
  const flow = useReactFlow();
  const nodesReady = useNodesInitialized();
  const canvasRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const clipboard = useRef<Fragment | null>(null);

  const [doc, setDoc] = useState<WorkflowDefinition>(initial);
  const [viewing, setViewing] = useState<WorkflowDefinition | null>(null);
  const history = useGraphHistory(() => initialGraph(initial));
  const { graph, commit } = history;
  const [status, setStatus] = useState<string>('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const [showStart, setShowStart] = useState(false);

  const readOnly = viewing !== null || !hasRole(session, 'admin');
  const descriptorMap = useMemo(() => new Map(descriptors.map((d) => [d.type, d])), [descriptors]);
  const definition = useMemo(() => toDefinition(viewing ?? doc, graph), [doc, viewing, graph]);
  const validation = useValidation(client, definition, true);

  const usedPorts = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const e of graph.edges) map.set(e.source, [...(map.get(e.source) ?? []), e.sourceHandle ?? '']);
    return map;
  }, [graph.edges]);
  const view: CanvasView = useMemo(
    () => ({ descriptors: descriptorMap, errors: validation.index, usedPorts, readOnly }),
    [descriptorMap, validation.index, usedPorts, readOnly],
  );
  const edges = useMemo(
    () => graph.edges.map((e, i) => (validation.index.byEdge.has(i) ? { ...e, className: 'edge-error', ariaLabel: `Connection ${e.source} ${e.sourceHandle} to ${e.target}: problem` } : e)),
    [graph.edges, validation.index],
  );
  const selected = graph.nodes.filter((n) => n.selected);
  const single = selected.length === 1 ? selected[0] : undefined;

  useEffect(() => {
    if (nodesReady) preloadJsEditor();
  }, [nodesReady]);

  const { dirty, setDirty } = history;
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // --- editing -----------------------------------------------------------------------------
  const addActivity = useCallback(
    (type: string, at?: { x: number; y: number }) => {
      const descriptor = descriptorMap.get(type);
      if (!descriptor || readOnly) return;
      let position = at;
      if (!position) {
        const box = canvasRef.current?.getBoundingClientRect();
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
    [descriptorMap, readOnly, flow, commit],
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
  }, [graph]);

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
  }, [readOnly, commit]);

  const layout = useCallback(() => {
    commit((g) => autoLayout(g));
    setTimeout(() => void flow.fitView({ duration: 200 }), 50);
  }, [commit, flow]);

  function selectNode(id: string) {
    history.onNodesChange(graph.nodes.map((n) => ({ type: 'select', id: n.id, selected: n.id === id })));
    const node = graph.nodes.find((n) => n.id === id);
    if (node) void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, { zoom: 1, duration: 200 });
  }

  // --- server actions ----------------------------------------------------------------------
  async function save(): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      const result = await client.saveDraft(definition);
      setDoc({ ...definition, version: result.version, isPublished: result.isPublished });
      setDirty(false);
      setStatus(`Saved draft v${result.version}.`);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) validation.setErrors(e.errors);
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function publish() {
    if (dirty && !(await save())) return;
    setBusy(true);
    setError(undefined);
    try {
      const result = await client.publish(doc.definitionId);
      setDoc((d) => ({ ...d, version: result.version ?? d.version, isPublished: true }));
      setStatus(`Published v${result.version ?? doc.version}.`);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length > 0) validation.setErrors(e.errors);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function openVersion(d: WorkflowDefinition) {
    setViewing(d);
    history.reset(initialGraph(d));
    setStatus(`Viewing v${d.version ?? '?'} (read-only).`);
    setTimeout(() => void flow.fitView(), 50);
  }

  function backToLatest() {
    setViewing(null);
    history.reset(initialGraph(doc));
    setStatus('');
  }

  async function restore(d: WorkflowDefinition) {
    setBusy(true);
    setError(undefined);
    try {
      const { version: _v, isPublished: _p, ...rest } = d;
      const body: WorkflowDefinition = { ...rest, definitionId: doc.definitionId };
      const result = await client.saveDraft(body);
      const saved = { ...body, version: result.version, isPublished: result.isPublished };
      setViewing(null);
      setDoc(saved);
      history.reset(initialGraph(saved));
      setStatus(`Restored v${d.version ?? '?'} as draft v${result.version}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function exportJson() {
    download(new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' }), `${definition.definitionId}-v${definition.version ?? 0}.json`);
  }

  async function importJson(file: File) {
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (!isRecord(parsed) || !isRecord(parsed.root) || parsed.root.type !== 'Flowchart') throw new Error('Not a workflow definition: it needs a root Flowchart.');
      const imported = { ...(parsed as unknown as WorkflowDefinition), definitionId: doc.definitionId };
      setDoc({ ...imported, version: doc.version, isPublished: doc.isPublished });
      const g = initialGraph(imported);
      commit(() => g);
      setStatus(`Imported ${file.name}${parsed.definitionId !== doc.definitionId ? ` (its id “${String(parsed.definitionId)}” was replaced by “${doc.definitionId}”)` : ''}. Save to keep it.`);
      setTimeout(() => void flow.fitView(), 50);
    } catch (e) {
      setError(e);
    }
  }

  // --- keyboard ----------------------------------------------------------------------------
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const target = e.target as HTMLElement | null;
      const inText = Boolean(target?.closest('input, textarea, select, .cm-editor'));
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        if (!readOnly) void save();
        return;
      }
      if (inText) return;
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        history.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        history.redo();
      } else if (key === 'c') {
        copy();
      } else if (key === 'v') {
        e.preventDefault();
        void paste();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // --- drag from the palette ---------------------------------------------------------------
  function onDragOver(e: DragEvent) {
    if (e.dataTransfer.types.includes(DRAG_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }
  function onDrop(e: DragEvent) {
    const type = e.dataTransfer.getData(DRAG_MIME);
    if (!type) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    addActivity(type, { x: p.x - NODE_WIDTH / 2, y: p.y - 20 });
  }

  const inputNames = (definition.inputs ?? []).map((i) => i.name);
  const variableNames = (definition.variables ?? []).map((v) => v.name);
  const errorCount = validation.errors.length;

  return (
    <div className="editor" data-editor-ready={nodesReady || graph.nodes.length === 0 ? 'true' : 'false'} data-node-count={graph.nodes.length}>
      <div className="editor-toolbar" role="toolbar" aria-label="Workflow actions">
        <h1 className="editor-title">
          {definition.name || definition.definitionId}{' '}
          <span className="muted">
            v{(viewing ?? doc).version ?? 0} {(viewing ?? doc).isPublished ? '· published' : '· draft'}
            {dirty && !viewing ? ' · unsaved changes' : ''}
          </span>
        </h1>
        <div className="row">
          <button type="button" onClick={history.undo} disabled={!history.canUndo || viewing !== null} aria-label="Undo" title="Undo (Ctrl+Z)">
            ↶
          </button>
          <button type="button" onClick={history.redo} disabled={!history.canRedo || viewing !== null} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            ↷
          </button>
          <button type="button" onClick={copy} disabled={selected.length === 0} title="Copy (Ctrl+C)">
            Copy
          </button>
          <button type="button" onClick={() => void paste()} disabled={readOnly} title="Paste (Ctrl+V)">
            Paste
          </button>
          <button type="button" onClick={deleteSelected} disabled={readOnly || (selected.length === 0 && !graph.edges.some((e) => e.selected))} title="Delete the selection (Del)">
            Delete
          </button>
          <button type="button" onClick={layout} disabled={readOnly}>
            Auto-layout
          </button>
          <button type="button" onClick={exportJson}>
            Export
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={readOnly}>
            Import…
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            className="sr-only"
            aria-label="Import definition JSON"
            tabIndex={-1}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importJson(f);
              e.target.value = '';
            }}
          />
          <button type="button" onClick={() => setShowVersions(true)}>
            Versions…
          </button>
          {viewing === null && hasRole(session, 'admin') && (
            <>
              <button type="button" onClick={() => void save()} disabled={busy} title="Save draft (Ctrl+S)">
                Save draft
              </button>
              <button type="button" className="primary" onClick={() => void publish()} disabled={busy}>
                Publish
              </button>
            </>
          )}
          {viewing === null && hasRole(session, 'operator') && (
            <button type="button" onClick={() => setShowStart(true)} disabled={!doc.isPublished && !doc.version}>
              Start run…
            </button>
          )}
        </div>
      </div>
      {viewing && (
        <div className="banner banner-info" role="status">
          <span className="banner-text">Viewing version {viewing.version} read-only.</span>
          {hasRole(session, 'admin') && (
            <button type="button" onClick={() => void restore(viewing)} disabled={busy}>
              Restore as new draft
            </button>
          )}
          <button type="button" onClick={backToLatest}>
            Back to latest
          </button>
        </div>
      )}
      {!hasRole(session, 'admin') && !viewing && <div className="banner banner-info">Read-only: editing needs the admin role.</div>}
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      <div className="editor-body">
        <Palette descriptors={descriptors} onAdd={(t) => addActivity(t)} disabled={readOnly} />
        <div className="canvas" ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop} aria-label="Workflow canvas">
          <CanvasContext.Provider value={view}>
            <ReactFlow
              nodes={graph.nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              onNodesChange={history.onNodesChange}
              onEdgesChange={history.onEdgesChange}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              onNodeDragStart={history.checkpoint}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              elementsSelectable
              deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
              multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
              fitView
              minZoom={0.1}
              onlyRenderVisibleElements={graph.nodes.length > 150}
              proOptions={{ hideAttribution: true }}
              ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select this activity, then use the arrow keys to move it.' }}
            >
              <Background />
              <Controls />
              <MiniMap pannable zoomable ariaLabel="Overview of the workflow" />
            </ReactFlow>
          </CanvasContext.Provider>
        </div>
        <aside className="inspector" aria-label="Inspector">
          {single ? (
            <ActivityInspector
              key={single.id}
              activity={single.data.activity}
              descriptor={descriptorMap.get(single.data.activity.type)}
              errors={validation.index}
              edges={graph.edges}
              activityIds={graph.nodes.map((n) => n.id)}
              inputNames={inputNames}
              variableNames={variableNames}
              readOnly={readOnly}
              onChange={updateActivity}
              onRename={(to) => rename(single.id, to)}
              onConnect={(port, target) => connect(single.id, port, target)}
              onDisconnect={(edgeId) => commit((g) => ({ ...g, edges: g.edges.filter((e) => e.id !== edgeId) }))}
            />
          ) : selected.length > 1 ? (
            <div className="inspector-body">
              <p>{selected.length} activities selected. Copy, delete or move them together.</p>
            </div>
          ) : (
            <WorkflowInspector
              definition={definition}
              errors={validation.index}
              readOnly={readOnly}
              onChange={(d) => {
                setDoc((old) => ({ ...d, root: old.root }));
                setDirty(true);
              }}
              onSelectNode={selectNode}
            />
          )}
        </aside>
      </div>
      <footer className="editor-status" aria-live="polite">
        <span className={errorCount > 0 ? 'problems-count has-problems' : 'problems-count'}>
          {validation.checking ? 'Checking…' : errorCount === 0 ? 'Valid' : `${errorCount} problem${errorCount === 1 ? '' : 's'}`}
        </span>
        {validation.failure !== undefined && <span className="field-error">Validation unavailable: {validation.failure instanceof Error ? validation.failure.message : ''}</span>}
        {validation.index.general.slice(0, 2).map((e, i) => (
          <span key={i} className="field-error">
            {e.message}
          </span>
        ))}
        <span className="status-text">{status}</span>
      </footer>
      {showVersions && (
        <VersionHistory definitionId={doc.definitionId} onOpen={openVersion} onRestore={(d) => void restore(d)} onClose={() => setShowVersions(false)} canRestore={hasRole(session, 'admin')} />
      )}
      {showStart && <StartRunDialog definitionId={doc.definitionId} onClose={() => setShowStart(false)} />}
    </div>
  );
}
