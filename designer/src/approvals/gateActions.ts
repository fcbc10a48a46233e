import type { Approval } from '../api/types';

/** Who decides: the signed-in user's name and roles (roles undefined when the host cannot say). */
export interface Decider {
  name?: string;
  roles?: string[];
}

/** What the decision form offers for one gate, by the rules the host applies to the decision. */
export interface GateActions {
  approveLabel: 'Approve' | 'Mark done';
  /** Only an approval can be rejected: the host refuses 'reject' for a manual step. */
  canReject: boolean;
  /** Why this user cannot decide the gate (the host would answer 403); undefined when they can. */
  blocked?: string;
}

/**
 * The host's checks on `POST /api/approvals/{id}`: an approval needs the approver role, a manual
 * step the operator role; a gate with `allowedRoles` needs one of them; whoever started the run
 * cannot decide its approvals (four eyes).
 */
export function gateActions(approval: Approval, decider: Decider): GateActions {
  const manual = approval.kind === 'manualStep';
  const actions: GateActions = { approveLabel: manual ? 'Mark done' : 'Approve', canReject: !manual };
  const roles = decider.roles;
  if (roles !== undefined) {
    const needed = manual ? 'operator' : 'approver';
    const allowed = approval.allowedRoles ?? [];
    if (!roles.includes(needed)) return { ...actions, blocked: `Deciding ${manual ? 'a manual step' : 'an approval'} needs the ${needed} role.` };
    if (allowed.length > 0 && !allowed.some((r) => roles.includes(r))) return { ...actions, blocked: `Only ${allowed.join(' or ')} may decide this ${manual ? 'step' : 'approval'}.` };
  }
  if (!manual && decider.name !== undefined && approval.startedBy !== undefined && decider.name.toLowerCase() === approval.startedBy.toLowerCase()) {
    return { ...actions, blocked: `Four eyes: you (${decider.name}) started this run, so another approver decides it.` };
  }
  return actions;
}
