import type { LabParameter } from '../api/types';
import { startsUnchosen } from './parameters';

/**
 * One parameter of a lab fault or operator action: its name as the label (marked when required), a
 * list when the lab names the only values it takes, a text field otherwise, and its description as
 * the field's help (`${id}-help`).
 */
export function ParameterField({
  id,
  parameter,
  required = false,
  value,
  onChange,
}: {
  id: string;
  parameter: LabParameter;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  const help = `${id}-help`;
  return (
    <div className="fault-parameter">
      <label htmlFor={id}>
        {parameter.name}
        {required ? ' (required)' : ''}
      </label>
      {parameter.choices ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={help} required={required}>
          {startsUnchosen(parameter) && <option value="">{required ? '(choose)' : '(none)'}</option>}
          {parameter.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={parameter.defaultValue === null ? '(none)' : undefined}
          aria-describedby={help}
          required={required}
          spellCheck={false}
        />
      )}
      <small id={help} className="muted">
        {parameter.description}
      </small>
    </div>
  );
}
