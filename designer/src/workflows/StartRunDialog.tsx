import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useClient } from '../auth/session';
import type { JsonObject, JsonValue, WorkflowInputDeclaration } from '../api/types';
import { coerce } from '../graph/defaults';
import { ErrorBanner } from '../shared/ErrorBanner';
import { href, navigate } from '../shared/route';
import { useAsync } from '../shared/useAsync';

function initialText(input: WorkflowInputDeclaration): string {
  const d = input.defaultValue;
  if (d === undefined || d === null) return '';
  return typeof d === 'string' ? d : JSON.stringify(d);
}

function parseValue(text: string, typeName: string | undefined): JsonValue {
  if (typeName === 'String' || typeName === undefined || typeName === 'TimeSpan' || typeName === 'DateTimeOffset') return text;
  if (typeName === 'String[]' && !text.trim().startsWith('[')) return coerce(text, 'String[]');
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return coerce(text, typeName);
  }
}

/** Asks for the workflow's inputs (defaults filled in) and starts a run of the published version. */
export function StartRunDialog({ definitionId, onClose }: { definitionId: string; onClose: () => void }) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const definition = useAsync(() => client.workflow(definitionId), [client, definitionId]);
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
      const input: JsonObject = {};
      for (const decl of definition.data?.inputs ?? []) {
        const text = values[decl.name] ?? '';
        if (text !== '') input[decl.name] = parseValue(text, decl.typeName);
      }
      const { runId } = await client.startRun(definitionId, input);
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
        <h2 id="start-run-title">Start a run of {definitionId}</h2>
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
