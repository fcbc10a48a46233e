import { expressionTypes, type ExpressionType, type InputDescriptor, type InputValue, type JsonValue } from '../api/types';
import { defaultLiteral } from '../graph/defaults';
import type { LocatedError } from '../graph/validation';
import { JsEditor } from './LazyJsEditor';
import { LiteralEditor } from './LiteralEditor';
import { literalKind, literalToScript, textToLiteral } from './literal';

interface Props {
  activityId: string;
  activityType: string;
  input: InputDescriptor;
  value: InputValue | undefined;
  onChange: (value: InputValue | undefined) => void;
  errors: LocatedError[];
  inputNames: string[];
  variableNames: string[];
  readOnly: boolean;
}

/** One activity input: label, description, expression-type switcher, the editor for its type, errors. */
export function InputField({ activityId, activityType, input, value, onChange, errors, inputNames, variableNames, readOnly }: Props) {
  const id = `input-${activityId}-${input.name}`;
  const helpId = `${id}-help`;
  const errorId = `${id}-errors`;
  const describedBy = errors.length > 0 ? `${helpId} ${errorId}` : helpId;
  const expression = value?.expression;
  const type = (expression?.type ?? 'Literal') as ExpressionType;
  const invalid = errors.length > 0;
  const typeName = value?.typeName ?? input.typeName;

  function set(expressionType: string, v: JsonValue): void {
    onChange({ ...(value ?? {}), typeName, expression: { ...(expression ?? {}), type: expressionType, value: v } });
  }

  function switchType(next: ExpressionType) {
    const current = expression?.value;
    const text = typeof current === 'string' ? current : current === undefined || current === null ? '' : JSON.stringify(current);
    if (next === type) return;
    if (next === 'JavaScript') set(next, type === 'Literal' ? literalToScript(current) : text);
    else if (next === 'Literal') set(next, type === 'JavaScript' ? textToLiteral(text, input.typeName) : (defaultLiteral({ ...input, required: true }) ?? null));
    else if (next === 'Input') set(next, inputNames[0] ?? '');
    else set(next, variableNames[0] ?? '');
  }

  const label = input.displayName || input.name;
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`} data-field={input.name}>
      <div className="field-head">
        <label htmlFor={type === 'JavaScript' ? undefined : id} id={`${id}-label`}>
          {label}
          {input.required && <span className="required" aria-label="required"> *</span>}
        </label>
        <code className="type-name">{typeName}</code>
        <select
          className="expression-type"
          aria-label={`Expression type of ${label}`}
          value={type}
          disabled={readOnly}
          onChange={(e) => switchType(e.target.value as ExpressionType)}
        >
          {expressionTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {value !== undefined && !input.required && (
          <button type="button" className="icon-button" aria-label={`Unset ${label}`} title="Unset (use the default)" disabled={readOnly} onClick={() => onChange(undefined)}>
            ×
          </button>
        )}
      </div>
      {type === 'Literal' && (
        <LiteralEditor
          id={id}
          kind={literalKind(input, activityType)}
          input={input}
          value={expression?.value}
          onChange={(v) => set('Literal', v)}
          describedBy={describedBy}
          invalid={invalid}
          readOnly={readOnly}
        />
      )}
      {type === 'JavaScript' && (
        <JsEditor
          label={`${label} (JavaScript)`}
          value={typeof expression?.value === 'string' ? expression.value : literalToScript(expression?.value)}
          onChange={(v) => set('JavaScript', v)}
          describedBy={describedBy}
          invalid={invalid}
          readOnly={readOnly}
        />
      )}
      {(type === 'Input' || type === 'Variable') && (
        <>
          <input
            id={id}
            list={`${id}-names`}
            value={typeof expression?.value === 'string' ? expression.value : ''}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            disabled={readOnly}
            placeholder={type === 'Input' ? 'workflow input name' : 'variable name'}
            onChange={(e) => set(type, e.target.value)}
          />
          <datalist id={`${id}-names`}>
            {(type === 'Input' ? inputNames : variableNames).map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </>
      )}
      {!expressionTypes.includes(type) && <div className="field-error">Unknown expression type “{String(type)}”; choose one above.</div>}
      <div id={helpId} className="field-help">
        {input.description}
        {value === undefined && input.defaultValue !== undefined && input.defaultValue !== null && <> Not set: uses the default {JSON.stringify(input.defaultValue)}.</>}
      </div>
      {errors.length > 0 && (
        <ul id={errorId} className="field-errors">
          {errors.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
