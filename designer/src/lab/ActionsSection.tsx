import type { ReactNode } from 'react';
import type { LabActionDescriptor, LabActionRequest } from '../api/types';
import { OperatorAction } from './OperatorAction';

/**
 * The lab's operator actions: the form for an operator or admin (`onPerform` given), otherwise who
 * performs them; `result` is what the host said the last one did, `children` where a refusal shows.
 * Nothing when the host offers no actions (an older host).
 */
export function ActionsSection({
  actions,
  onPerform,
  result,
  children,
}: {
  actions: LabActionDescriptor[];
  onPerform: ((request: LabActionRequest) => void) | undefined;
  result: string;
  children?: ReactNode;
}) {
  if (actions.length === 0) return null;
  return (
    <section className="lab-section" aria-label="Operator actions">
      <h2>Operator actions</h2>
      {onPerform ? (
        <OperatorAction actions={actions} onPerform={onPerform} />
      ) : (
        <p className="muted">
          An operator or admin performs here what a runbook's manual step asks an administrator to do by hand: {actions.map((a) => a.name).join(', ')}.
        </p>
      )}
      <p role="status" className="muted" aria-label="Operator action result">
        {result}
      </p>
      {children}
    </section>
  );
}
