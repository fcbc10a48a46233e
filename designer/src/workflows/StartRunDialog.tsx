import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient } from '../auth/session';
import type { WorkflowInputDeclaration } from '../api/types';
import { ErrorBanner } from '../shared/ErrorBanner';
import { href, navigate } from '../shared/route';
import { useAsync } from '../shared/useAsync';
import { definitionToStart, initialText, runInput } from './startRun';

/** Asks for the published version's inputs (defaults filled in) and starts a run of that version. */
export function StartRunDialog({ definitionId, onClose }: { definitionId: string; onClose: () => void }) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const definition = useAsync(() => definitionToStart(client, definitionId), [client, definitionId]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => {
    const inputs = definition.data?.inputs ?? [];
    setValues(Object.fromEntries(inputs.map((i) => [i.name, initialText(i)])));
  }, [definition.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const decl = definition.data;
      if (!decl) return;
      const { runId } = await client.startRun(definitionId, runInput(decl.inputs ?? [], values), decl.version);
      onClose();
      navigate(href('runs', runId));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="start-run-title">
      <form onSubmit={submit} className="start-run">
        <h2 id="start-run-title">
          Start a run of {definitionId}
          {definition.data && <span className="muted"> v{definition.data.version}</span>}
        </h2>
        <ErrorBanner error={definition.error} />
        <div className="form-grid">
          {(definition.data?.inputs ?? []).map((i) => (
            <FieldRow key={i.name} input={i} value={values[i.name] ?? ''} onChange={(v) => setValues((s) => ({ ...s, [i.name]: v }))} />
          ))}
        </div>
        {definition.data && (definition.data.inputs ?? []).length === 0 && <p className="muted">This workflow takes no input.</p>}
        <ErrorBanner error={error} />
        <div className="row dialog-actions">
          <button type="submit" className="primary" disabled={busy || !definition.data}>
            Start run
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

function FieldRow({ input, value, onChange }: { input: WorkflowInputDeclaration; value: string; onChange: (v: string) => void }) {
  const id = `run-input-${input.name}`;
  return (
    <>
      <label htmlFor={id}>
        {input.displayName ?? input.name}
        {input.required && <span aria-hidden="true"> *</span>}
      </label>
      <div>
        <input id={id} value={value} required={input.required} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-help`} />
        <div id={`${id}-help`} className="muted field-help">
          {input.description} <code>{input.typeName ?? 'String'}</code>
        </div>
      </div>
    </>
  );
}
