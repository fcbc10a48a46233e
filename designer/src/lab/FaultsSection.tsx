import type { ReactNode } from 'react';
import type { LabActiveFault, LabFaultDescriptor, LabFaultRequest } from '../api/types';
import { ActiveFaults } from './ActiveFaults';
import { InjectFault } from './InjectFault';

/**
 * The faults injected now and, for an admin (`onClear` and `onInject` given), the Clear buttons and
 * the inject form; `children` is where a failed change shows.
 */
export function FaultsSection({
  active,
  catalog,
  onClear,
  onInject,
  children,
}: {
  active: LabActiveFault[];
  catalog: LabFaultDescriptor[];
  onClear: ((name: string) => void) | undefined;
  onInject: ((request: LabFaultRequest) => void) | undefined;
  children?: ReactNode;
}) {
  return (
    <section className="lab-section" aria-label="Faults">
      <h2>Faults</h2>
      <ActiveFaults faults={active} onClear={onClear} />
      {children}
      {onInject ? catalog.length > 0 && <InjectFault catalog={catalog} onInject={onInject} /> : <p className="muted">An admin injects and clears faults.</p>}
    </section>
  );
}
