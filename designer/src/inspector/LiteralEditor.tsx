import { useEffect, useState } from 'react';
import type { InputDescriptor, JsonValue } from '../api/types';
import { isRecord } from '../graph/model';
import { JsEditor } from './LazyJsEditor';
import { TIMESPAN_PATTERN, type LiteralKind } from './literal';

interface Props {
  id: string;
  kind: LiteralKind;
  input: InputDescriptor;
  value: JsonValue | undefined;
  onChange: (value: JsonValue) => void;
  describedBy: string;
  invalid: boolean;
  readOnly: boolean;
}

/** The editor of a literal value, chosen by the input's type. */
export function LiteralEditor({ id, kind, input, value, onChange, describedBy, invalid, readOnly }: Props) {
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined, disabled: readOnly };
  const placeholder = input.defaultValue !== undefined && input.defaultValue !== null ? `default: ${String(input.defaultValue)}` : undefined;
  switch (kind) {
    case 'options':
      return (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          {(typeof value !== 'string' || !input.options?.includes(value)) && <option value="">{typeof value === 'string' && value ? `${value} (not an option)` : '(choose)'}</option>}
          {input.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'number':
      return (
        <input
          {...common}
          type="number"
          step={input.typeName === 'Double' ? 'any' : 1}
          value={typeof value === 'number' ? value : typeof value === 'string' ? value : ''}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'multiline':
      return <textarea {...common} rows={4} value={typeof value === 'string' ? value : ''} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
    case 'timespan':
      return (
        <input
          {...common}
          type="text"
          pattern={TIMESPAN_PATTERN}
          placeholder={placeholder ?? 'hh:mm:ss'}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'datetime':
      return <input {...common} type="text" placeholder="2024-01-31T22:00:00+00:00" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
    case 'list':
      return <ListEditor {...{ id, describedBy, invalid, readOnly, placeholder }} value={value} onChange={onChange} />;
    case 'cases':
      return <CasesEditor id={id} value={value} onChange={onChange} readOnly={readOnly} />;
    case 'json':
      return <JsonEditor {...{ id, describedBy, invalid, readOnly }} value={value} onChange={onChange} />;
    default:
      return <input {...common} type="text" value={typeof value === 'string' ? value : ''} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** A String[]: one item per line. */
function ListEditor({ id, value, onChange, describedBy, invalid, readOnly, placeholder }: {
  id: string;
  value: JsonValue | undefined;
  onChange: (v: JsonValue) => void;
  describedBy: string;
  invalid: boolean;
  readOnly: boolean;
  placeholder: string | undefined;
}) {
  const fromValue = Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') : typeof value === 'string' ? value : '';
  const [text, setText] = useState(fromValue);
  useEffect(() => {
    setText((t) => (t.split('\n').filter((l) => l.trim()).join('\n') === fromValue ? t : fromValue));
  }, [fromValue]);
  return (
    <textarea
      id={id}
      rows={Math.min(6, Math.max(2, text.split('\n').length))}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      disabled={readOnly}
      value={text}
      placeholder={placeholder ?? 'one item per line'}
      onChange={(e) => {
        setText(e.target.value);
        onChange(
          e.target.value
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l.length > 0),
        );
      }}
    />
  );
}

/** Any JSON value, applied while it parses. */
function JsonEditor({ id, value, onChange, describedBy, invalid, readOnly }: {
  id: string;
  value: JsonValue | undefined;
  onChange: (v: JsonValue) => void;
  describedBy: string;
  invalid: boolean;
  readOnly: boolean;
}) {
  const fromValue = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [text, setText] = useState(fromValue);
  const [parseError, setParseError] = useState<string>();
  useEffect(() => {
    setText((t) => {
      try {
        return JSON.stringify(JSON.parse(t)) === JSON.stringify(value) ? t : fromValue;
      } catch {
        return t;
      }
    });
  }, [fromValue, value]);
  return (
    <>
      <textarea
        id={id}
        className="json-text"
        rows={Math.min(10, Math.max(3, text.split('\n').length))}
        aria-describedby={`${describedBy}${parseError ? ` ${id}-json` : ''}`}
        aria-invalid={invalid || parseError !== undefined || undefined}
        disabled={readOnly}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            onChange(JSON.parse(e.target.value) as JsonValue);
            setParseError(undefined);
          } catch (err) {
            setParseError(err instanceof Error ? err.message : 'not valid JSON');
          }
        }}
      />
      {parseError && (
        <div id={`${id}-json`} className="field-error">
          Not valid JSON yet: {parseError}
        </div>
      )}
    </>
  );
}

interface Case {
  label: string;
  condition: string;
}

function readCases(value: JsonValue | undefined): Case[] {
  if (!Array.isArray(value)) return [];
  return value.map((c) => ({
    label: isRecord(c) && typeof c.label === 'string' ? c.label : '',
    condition: isRecord(c) && typeof c.condition === 'string' ? c.condition : '',
  }));
}

/** Switch cases: rows of a label (the outcome port) and a JavaScript condition. */
function CasesEditor({ id, value, onChange, readOnly }: { id: string; value: JsonValue | undefined; onChange: (v: JsonValue) => void; readOnly: boolean }) {
  const cases = readCases(value);
  const set = (next: Case[]) => onChange(next.map((c) => ({ label: c.label, condition: c.condition })));
  return (
    <div className="cases" id={id} role="group" aria-label="Cases">
      {cases.map((c, i) => (
        <div key={i} className="case-row">
          <div className="row">
            <label htmlFor={`${id}-label-${i}`}>Label</label>
            <input id={`${id}-label-${i}`} value={c.label} disabled={readOnly} onChange={(e) => set(cases.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
            <button type="button" className="icon-button" aria-label={`Remove case ${c.label || i + 1}`} disabled={readOnly} onClick={() => set(cases.filter((_, j) => j !== i))}>
              ×
            </button>
          </div>
          <JsEditor label={`Condition of case ${c.label || i + 1}`} value={c.condition} readOnly={readOnly} onChange={(v) => set(cases.map((x, j) => (j === i ? { ...x, condition: v } : x)))} />
        </div>
      ))}
      <button type="button" disabled={readOnly} onClick={() => set([...cases, { label: `Case ${cases.length + 1}`, condition: 'true' }])}>
        Add case
      </button>
    </div>
  );
}
