import type { LabActiveFault } from '../api/types';
import { formatTime } from '../shared/format';

/** The faults injected now, each with its parameters; `onClear` (admins) clears every fault of that name. */
export function ActiveFaults({ faults, onClear }: { faults: LabActiveFault[]; onClear: ((name: string) => void) | undefined }) {
  if (faults.length === 0) return <p className="muted">No fault injected.</p>;
  return (
    <ul className="faults" aria-label="Active faults">
      {faults.map((f, i) => {
        const parameters = Object.entries(f.parameters);
        return (
          <li key={`${f.name}-${i}`} className="fault" data-fault={f.name}>
            <div>
              <strong>{f.name}</strong> {f.since && <span className="muted">since {formatTime(f.since)}</span>}
              {parameters.length > 0 && (
                <div className="fault-parameters">
                  {parameters.map(([name, value]) => (
                    <code key={name}>
                      {name}={value}
                    </code>
                  ))}
                </div>
              )}
            </div>
            {onClear && (
              <button type="button" onClick={() => onClear(f.name)} aria-label={`Clear fault ${f.name}`} title={`Clears every active ${f.name} fault`}>
                Clear
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
