import { useState, type FormEvent } from 'react';
import type { LabFaultDescriptor, LabFaultRequest } from '../api/types';
import { defaultValues, injectionBody } from './injection';
import { ParameterField } from './ParameterField';

/** Injects a fault from the lab's catalogue: one field per parameter, prefilled with its default, a list where the lab names the choices. */
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
      {fault.parameters.map((p) => (
        <ParameterField
          key={`${fault.name}.${p.name}`}
          id={`fault-param-${p.name}`}
          parameter={p}
          value={values[p.name] ?? ''}
          onChange={(v) => setValues((current) => ({ ...current, [p.name]: v }))}
        />
      ))}
      <button type="submit" className="primary">
        Inject
      </button>
    </form>
  );
}
