import { useState, type FormEvent } from 'react';
import type { LabFaultDescriptor, LabFaultRequest } from '../api/types';
import { defaultValues, injectionBody } from './injection';

/** Injects a fault from the lab's catalogue: one field per parameter, prefilled with its default. */
export function InjectFault({ catalog, onInject }: { catalog: LabFaultDescriptor[]; onInject: (request: LabFaultRequest) => void }) {
  const [name, setName] = useState(catalog[0]?.name ?? '');
  const fault = catalog.find((f) => f.name === name) ?? catalog[0];
  const [values, setValues] = useState<Record<string, string>>(() => (fault ? defaultValues(fault) : {}));

  function choose(next: string) {
    const chosen = catalog.find((f) => f.name === next);
    setName(next);
    setValues(chosen ? defaultValues(chosen) : {});
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (fault) onInject(injectionBody(fault, values));
  }

  if (!fault) return null;
  return (
    <form className="inject" onSubmit={submit} aria-label="Inject a fault">
      <h3>Inject a fault</h3>
      <label htmlFor="fault-kind">Fault</label>
      <select id="fault-kind" value={fault.name} onChange={(e) => choose(e.target.value)} aria-describedby="fault-description">
        {catalog.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
            {f.failureMode ? ` (${f.failureMode})` : ''}
          </option>
        ))}
      </select>
      <p id="fault-description" className="fault-description">
        {fault.description}
      </p>
      {fault.parameters.map((p) => {
        const id = `fault-param-${p.name}`;
        return (
          <div key={`${fault.name}.${p.name}`} className="fault-parameter">
            <label htmlFor={id}>{p.name}</label>
            <input
              id={id}
              value={values[p.name] ?? ''}
              onChange={(e) => setValues((v) => ({ ...v, [p.name]: e.target.value }))}
              placeholder={p.defaultValue === null ? '(none)' : undefined}
              aria-describedby={`${id}-help`}
              spellCheck={false}
            />
            <small id={`${id}-help`} className="muted">
              {p.description}
            </small>
          </div>
        );
      })}
      <button type="submit" className="primary">
        Inject
      </button>
    </form>
  );
}
