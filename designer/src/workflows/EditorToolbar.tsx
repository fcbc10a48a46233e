import { useRef } from 'react';
import type { WorkflowDefinition } from '../api/types';
import { hasRole, useSession } from '../auth/session';
import type { GraphHistory } from '../canvas/useGraphHistory';

interface EditorToolbarProps {
  definition: WorkflowDefinition;
  /** The version the toolbar names: the one being viewed, or the latest. */
  shown: WorkflowDefinition;
  viewing: boolean;
  readOnly: boolean;
  busy: boolean;
  history: GraphHistory;
  canStart: boolean;
  onCopy: () => void;
  onPaste: () => void;
  onDelete: () => void;
  onLayout: () => void;
  onExport: () => void;
  onImport: (file: File) => void;
  onVersions: () => void;
  onSave: () => void;
  onPublish: () => void;
  onStartRun: () => void;
}

/** The editor's title and buttons: undo / redo, clipboard, layout, import / export, versions, save, publish, start a run. */
export function EditorToolbar(props: EditorToolbarProps) {
  const { definition, shown, viewing, readOnly, busy, history } = props;
  const session = useSession();
  const fileInput = useRef<HTMLInputElement>(null);
  const { graph } = history;
  const selectedCount = graph.nodes.filter((n) => n.selected).length;

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Workflow actions">
      <h1 className="editor-title">
        {definition.name || definition.definitionId}{' '}
        <span className="muted">
          v{shown.version ?? 0} {shown.isPublished ? '· published' : '· draft'}
          {history.dirty && !viewing ? ' · unsaved changes' : ''}
        </span>
      </h1>
      <div className="row">
        <button type="button" onClick={history.undo} disabled={!history.canUndo || viewing} aria-label="Undo" title="Undo (Ctrl+Z)">
          ↶
        </button>
        <button type="button" onClick={history.redo} disabled={!history.canRedo || viewing} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
          ↷
        </button>
        <button type="button" onClick={props.onCopy} disabled={selectedCount === 0} title="Copy (Ctrl+C)">
          Copy
        </button>
        <button type="button" onClick={props.onPaste} disabled={readOnly} title="Paste (Ctrl+V)">
          Paste
        </button>
        <button type="button" onClick={props.onDelete} disabled={readOnly || (selectedCount === 0 && !graph.edges.some((e) => e.selected))} title="Delete the selection (Del)">
          Delete
        </button>
        <button type="button" onClick={props.onLayout} disabled={readOnly}>
          Auto-layout
        </button>
        <button type="button" onClick={props.onExport}>
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
            if (f) props.onImport(f);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={props.onVersions}>
          Versions…
        </button>
        {!viewing && hasRole(session, 'admin') && (
          <>
            <button type="button" onClick={props.onSave} disabled={busy} title="Save draft (Ctrl+S)">
              Save draft
            </button>
            <button type="button" className="primary" onClick={props.onPublish} disabled={busy}>
              Publish
            </button>
          </>
        )}
        {!viewing && hasRole(session, 'operator') && (
          <button type="button" onClick={props.onStartRun} disabled={!props.canStart}>
            Start run…
          </button>
        )}
      </div>
    </div>
  );
}
