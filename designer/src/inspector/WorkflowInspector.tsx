import { useEffect, useState } from 'react';
import type { WorkflowDefinition } from '../api/types';
import type { ErrorIndex } from '../graph/validation';

/** Edits the definition's own fields when no activity is selected. */
export function WorkflowInspector({
  definition,
  errors,
  readOnly,
  onChange,
  onSelectNode,
}: {
  definition: WorkflowDefinition;
  errors: ErrorIndex;
  readOnly: boolean;
  onChange: (next: WorkflowDefinition) => void;
  onSelectNode: (id: string) => void;
}) {
  return (
    <div className="inspector-body">
      <header className="inspector-head">
        <h2>Workflow</h2>
        <p className="muted">Select an activity to edit it. Tab into the canvas and use the arrow keys to move a selected node.</p>
      </header>
      <div className="field">
        <label htmlFor="wf-name">Name</label>
        <input id="wf-name" value={definition.name ?? ''} disabled={readOnly} onChange={(e) => onChange({ ...definition, name: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="wf-description">Description</label>
        <textarea id="wf-description" rows={3} value={definition.description ?? ''} disabled={readOnly} onChange={(e) => onChange({ ...definition, description: e.target.value })} />
      </div>
      <JsonField label="Workflow inputs" id="wf-inputs" value={definition.inputs ?? []} readOnly={readOnly} onChange={(v) => onChange({ ...definition, inputs: v as WorkflowDefinition['inputs'] })} />
      <JsonField label="Variables" id="wf-variables" value={definition.variables ?? []} readOnly={readOnly} onChange={(v) => onChange({ ...definition, variables: v as WorkflowDefinition['variables'] })} />
      <h3>Problems</h3>
      {errors.all.length === 0 ? (
        <p className="muted">No problems reported by the server.</p>
      ) : (
        <ul className="problem-list">
          {errors.all.map((e, i) => (
            <li key={i}>
              {e.target.kind === 'node' ? (
                <button type="button" className="link-button" onClick={() => onSelectNode(e.target.kind === 'node' ? e.target.nodeId : '')}>
                  {e.path}
                </button>
              ) : (
                <code>{e.path}</code>
              )}{' '}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function JsonField({ label, id, value, onChange, readOnly }: { label: string; id: string; value: unknown; onChange: (v: unknown) => void; readOnly: boolean }) {
  const pretty = JSON.stringify(value, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string>();
  useEffect(() => setText(pretty), [pretty]);
  return (
    <div className="field">
      <label htmlFor={id}>{label} (JSON)</label>
      <textarea
        id={id}
        className="json-text"
        rows={6}
        spellCheck={false}
        value={text}
        disabled={readOnly}
        aria-invalid={error !== undefined || undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            if (!Array.isArray(parsed)) throw new Error('must be a list');
            setError(undefined);
            onChange(parsed);
          } catch (err) {
            setError(err instanceof Error ? err.message : 'not valid JSON');
          }
        }}
      />
      {error && <div className="field-error">Not applied: {error}</div>}
    </div>
  );
}
