import { hasRole, type Session } from '../auth/session';

/** What the signed-in user is offered on the Lab page. */
export interface LabAccess {
  /** Inject and clear faults, reset the lab: they shape the rehearsal, so they are an admin's. */
  changeFaults: boolean;
  /** Perform operator actions: what the operator who confirms a manual step does by hand (an admin is an operator too). */
  performActions: boolean;
}

/** As the host allows it; when the roles are unknown everything is offered and the host's 403 explains. */
export function labAccess(session: Session): LabAccess {
  return { changeFaults: hasRole(session, 'admin'), performActions: hasRole(session, 'operator') };
}
