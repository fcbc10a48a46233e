import { Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { ActivityDescriptor, WorkflowDefinition } from '../api/types';
import { hasRole, useSession } from '../auth/session';
import { CanvasContext, type CanvasView } from '../canvas/CanvasContext';
import { nodeTypes } from '../canvas/ActivityNodeView';
import { useGraphHistory } from '../canvas/useGraphHistory';
import { NODE_WIDTH } from '../graph/layout';
import { ActivityInspector } from '../inspector/ActivityInspector';
import { preloadJsEditor } from '../inspector/LazyJsEditor';
import { WorkflowInspector } from '../inspector/WorkflowInspector';
import { DRAG_MIME, Palette } from '../palette/Palette';
import { ErrorBanner } from '../shared/ErrorBanner';
import { EditorToolbar } from './EditorToolbar';
import { StartRunDialog } from './StartRunDialog';
import { useEditorShortcuts } from './useEditorShortcuts';
import { useGraphCommands } from './useGraphCommands';
import { initialGraph, useWorkflowDocument } from './useWorkflowDocument';
import { VersionHistory } from './VersionHistory';
import '../canvas/canvas.css';
import '../inspector/inspector.css';

/** The editor: palette, canvas, inspector, toolbar; the definition is rebuilt from the graph on demand. */
export function EditorWorkspace({ descriptors, initial }: { descriptors: ActivityDescriptor[]; initial: WorkflowDefinition }) {
  const session = useSession();
  const flow = useReactFlow();
  const nodesReady = useNodesInitialized();
  const canvasRef = useRef<HTMLDivElement>(null);

  const history = useGraphHistory(() => initialGraph(initial));
  const { graph, commit } = history;
  const { doc, setDoc, viewing, definition, validation, status, setStatus, error, setError, busy, save, publish, openVersion, backToLatest, restore, exportJson, importJson } =
    useWorkflowDocument(initial, history);
  const [showVersions, setShowVersions] = useState(false);
  const [showStart, setShowStart] = useState(false);

  const readOnly = viewing !== null || !hasRole(session, 'admin');
  const descriptorMap = useMemo(() => new Map(descriptors.map((d) => [d.type, d])), [descriptors]);
  const { addActivity, connect, onConnect, isValidConnection, updateActivity, rename, deleteSelected, copy, paste, layout, selectNode } = useGraphCommands({
    history,
    descriptors: descriptorMap,
    readOnly,
    canvas: canvasRef,
    setStatus,
  });

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

  useEditorShortcuts({ readOnly, save, undo: history.undo, redo: history.redo, copy, paste });

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
      <EditorToolbar
        definition={definition}
        shown={viewing ?? doc}
        viewing={viewing !== null}
        readOnly={readOnly}
        busy={busy}
        history={history}
        canStart={Boolean(doc.isPublished || doc.version)}
        onCopy={copy}
        onPaste={() => void paste()}
        onDelete={deleteSelected}
        onLayout={layout}
        onExport={exportJson}
        onImport={(f) => void importJson(f)}
        onVersions={() => setShowVersions(true)}
        onSave={() => void save()}
        onPublish={() => void publish()}
        onStartRun={() => setShowStart(true)}
      />
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
