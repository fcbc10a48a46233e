import { useState, type FormEvent } from 'react';
import type { LabActionDescriptor, LabActionRequest } from '../api/types';
import { actionBody, actionValues, servedSteps } from './actions';
import { ParameterField } from './ParameterField';

/**
 * Performs what an administrator does by hand at a site (re-enable the CMS computer account, restore
 * replication...): one field per parameter, a list where the lab names the choices. The host says
 * what changed, or why the action makes no sense now.
 */
export function OperatorAction({ actions, onPerform }: { actions: LabActionDescriptor[]; onPerform: (request: LabActionRequest) => void }) {
  const [name, setName] = useState(actions[0]?.name ?? '');
  const action = actions.find((a) => a.name === name) ?? actions[0];
  const [values, setValues] = useState<Record<string, string>>(() => (action ? actionValues(action) : {}));

  function choose(next: string) {
    const chosen = actions.find((a) => a.name === next);
    setName(next);
    setValues(chosen ? actionValues(chosen) : {});
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (action) onPerform(actionBody(action, values));
  }

  if (!action) return null;
  const steps = servedSteps(action);
  return (
    <form className="inject" onSubmit={submit} aria-label="Perform an operator action">
      <h3>Perform an operator action</h3>
      <label htmlFor="action-kind">Action</label>
      <select id="action-kind" value={action.name} onChange={(e) => choose(e.target.value)} aria-describedby="action-description">
        {actions.map((a) => (
          <option key={a.name} value={a.name}>
            {a.name}
          </option>
        ))}
      </select>
      <p id="action-description" className="fault-description">
        {action.description}
        {steps.length > 0 && <span className="muted"> Asked for by: {steps.join(', ')}.</span>}
      </p>
      {action.parameters.map((p) => (
        <ParameterField
          key={`${action.name}.${p.name}`}
          id={`action-param-${p.name}`}
          parameter={p}
          required={p.required}
          value={values[p.name] ?? ''}
          onChange={(v) => setValues((current) => ({ ...current, [p.name]: v }))}
        />
      ))}
      <button type="submit" className="primary">
        Perform
      </button>
    </form>
  );
}
