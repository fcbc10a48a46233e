import { useEffect, useState } from 'react';
import type { ActivityDescriptor, ActivityJson, InputDescriptor, InputValue } from '../api/types';
import type { ConnectionEdge } from '../graph/model';
import { isRecord, reservedActivityKeys } from '../graph/model';
import { handlesOf, inputOf, outcomesOf } from '../graph/ports';
import { fieldErrors, type ErrorIndex } from '../graph/validation';
import { InputField } from './InputField';

interface Props {
  activity: ActivityJson;
  descriptor: ActivityDescriptor | undefined;
  errors: ErrorIndex;
  edges: readonly ConnectionEdge[];
  activityIds: readonly string[];
  inputNames: string[];
  variableNames: string[];
  readOnly: boolean;
  onChange: (next: ActivityJson) => void;
  onRename: (to: string) => string | undefined;
  onConnect: (port: string, target: string) => void;
  onDisconnect: (edgeId: string) => void;
}

/** Edits one activity: id, name, every input (by descriptor), its outgoing connections and raw JSON. */
export function ActivityInspector(props: Props) {
  const { activity, descriptor, errors, readOnly, onChange } = props;
  const nodeErrors = errors.byNode.get(activity.id) ?? [];
  const general = nodeErrors.filter((e) => {
    const field = e.target.kind === 'node' ? e.target.field : undefined;
    return field === undefined || !descriptor?.inputs.some((i) => i.name === field);
  });
  const described = new Set(descriptor?.inputs.map((i) => i.name) ?? []);
  // Inputs present on the activity that the descriptor does not know (kept, shown read-only).
  const unknownInputs = Object.keys(activity).filter((k) => !reservedActivityKeys.has(k) && !described.has(k) && inputOf(activity, k));

  function setInput(name: string, value: InputValue | undefined) {
    const next: ActivityJson = { ...activity };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange(next);
  }

  return (
    <div className="inspector-body" aria-label={`Activity ${activity.id}`}>
      <header className="inspector-head">
        <h2>{descriptor?.displayName ?? activity.type}</h2>
        <p className="muted">{descriptor?.description ?? `Unknown activity type “${activity.type}”: the server has no descriptor for it.`}</p>
        {descriptor && descriptor.sideEffect !== 'None' && <p className="side-effect-note">Side effect: {descriptor.sideEffect}</p>}
      </header>
      {general.length > 0 && (
        <ul className="field-errors" aria-label="Problems with this activity">
          {general.map((e, i) => (
            <li key={i}>
              {e.message} <code className="muted">{e.path}</code>
            </li>
          ))}
        </ul>
      )}
      <IdField id={activity.id} onRename={props.onRename} readOnly={readOnly} />
      <div className="field">
        <label htmlFor="activity-name">Display name</label>
        <input
          id="activity-name"
          value={activity.name ?? ''}
          disabled={readOnly}
          placeholder={descriptor?.displayName}
          onChange={(e) => {
            const next: ActivityJson = { ...activity, name: e.target.value };
            if (e.target.value === '') delete next.name;
            onChange(next);
          }}
        />
      </div>
      <h3>Inputs</h3>
      {descriptor?.inputs.length === 0 && <p className="muted">This activity has no inputs.</p>}
      {descriptor?.inputs.map((input: InputDescriptor) => (
        <InputField
          key={`${activity.id}/${input.name}`}
          activityId={activity.id}
          activityType={activity.type}
          input={input}
          value={inputOf(activity, input.name)}
          onChange={(v) => setInput(input.name, v)}
          errors={fieldErrors(errors, activity.id, input.name)}
          inputNames={props.inputNames}
          variableNames={props.variableNames}
          readOnly={readOnly}
        />
      ))}
      {unknownInputs.length > 0 && (
        <div className="field">
          <p className="muted">Inputs the descriptor does not list (kept as they are): {unknownInputs.join(', ')}</p>
        </div>
      )}
      <Outcomes {...props} />
      <RawJson activity={activity} onChange={onChange} readOnly={readOnly} />
    </div>
  );
}

function IdField({ id, onRename, readOnly }: { id: string; onRename: (to: string) => string | undefined; readOnly: boolean }) {
  const [text, setText] = useState(id);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setText(id);
    setError(undefined);
  }, [id]);
  function apply() {
    if (text === id) return;
    const problem = onRename(text.trim());
    setError(problem);
  }
  return (
    <div className="field">
      <label htmlFor="activity-id">Id</label>
      <input
        id="activity-id"
        value={text}
        disabled={readOnly}
        aria-invalid={error !== undefined || undefined}
        aria-describedby={error ? 'activity-id-error' : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
      />
      {error && (
        <div id="activity-id-error" className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/** Each outcome port with its targets: connect and disconnect without a mouse. */
function Outcomes({ activity, descriptor, edges, activityIds, errors, readOnly, onConnect, onDisconnect }: Props) {
  const outgoing = edges.map((e, index) => ({ e, index })).filter(({ e }) => e.source === activity.id);
  const handles = handlesOf(
    outcomesOf(activity, descriptor),
    outgoing.map(({ e }) => e.sourceHandle ?? ''),
  );
  return (
    <section className="outcomes" aria-labelledby="outcomes-title">
      <h3 id="outcomes-title">Outcomes</h3>
      {handles.map(({ port, stale }) => {
        const selectId = `connect-${activity.id}-${port}`;
        return (
          <div key={port} className="outcome">
            <div className="row">
              <strong>{port}</strong>
              {stale && <span className="field-error">not an outcome any more</span>}
            </div>
            <ul className="outcome-targets">
              {outgoing
                .filter(({ e }) => e.sourceHandle === port)
                .map(({ e, index }) => (
                  <li key={e.id} className={errors.byEdge.has(index) ? 'field-error' : undefined}>
                    → <code>{e.target}</code>
                    {errors.byEdge.get(index)?.map((x, i) => <span key={i}> {x.message}</span>)}
                    <button type="button" className="icon-button" aria-label={`Disconnect ${port} from ${e.target}`} disabled={readOnly} onClick={() => onDisconnect(e.id)}>
                      ×
                    </button>
                  </li>
                ))}
            </ul>
            {!stale && (
              <select
                id={selectId}
                aria-label={`Connect outcome ${port} to`}
                value=""
                disabled={readOnly}
                onChange={(e) => {
                  if (e.target.value) onConnect(port, e.target.value);
                }}
              >
                <option value="">Connect to…</option>
                {activityIds
                  .filter((t) => t !== activity.id)
                  .map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
              </select>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The whole activity as JSON, for what has no form (resilience overrides, ForEach body, unknown properties). */
function RawJson({ activity, onChange, readOnly }: { activity: ActivityJson; onChange: (a: ActivityJson) => void; readOnly: boolean }) {
  const pretty = JSON.stringify(activity, null, 2);
  const [text, setText] = useState(pretty);
  const [error, setError] = useState<string>();
  useEffect(() => setText(pretty), [pretty]);
  function apply() {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!isRecord(parsed) || parsed.id !== activity.id || typeof parsed.type !== 'string') {
        setError('Must be an object with the same id and a type (rename with the Id field).');
        return;
      }
      setError(undefined);
      onChange(parsed as ActivityJson);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'not valid JSON');
    }
  }
  return (
    <details className="raw-json">
      <summary>Activity JSON (resilience, body, other properties)</summary>
      <textarea aria-label="Activity JSON" className="json-text" rows={14} spellCheck={false} value={text} disabled={readOnly} onChange={(e) => setText(e.target.value)} />
      {error && <div className="field-error">{error}</div>}
      <button type="button" onClick={apply} disabled={readOnly || text === pretty}>
        Apply JSON
      </button>
    </details>
  );
}
