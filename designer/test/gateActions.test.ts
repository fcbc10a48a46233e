import { describe, expect, it } from 'vitest';
import type { Approval } from '../src/api/types';
import { gateActions } from '../src/approvals/gateActions';
import { hasRole, type Session } from '../src/auth/session';
import { ApiClient } from '../src/api/client';
// GET /api/approvals from a host with one activation run waiting for its approval and another for a
// manual step, both started by olivia.
import approvalsFixture from './fixtures/approvals.json';

const approvals = approvalsFixture as Approval[];
const approval = approvals.find((a) => a.kind === 'approval')!;
const manualStep = approvals.find((a) => a.kind === 'manualStep')!;

// GET /api/me for the host's demo users.
const olivia = { name: 'olivia', roles: ['operator', 'viewer'] };
const amir = { name: 'amir', roles: ['approver', 'viewer'] };
const ada = { name: 'ada', roles: ['admin', 'operator', 'viewer'] };

describe('gateActions', () => {
  it('offers no Reject for a manual step: the host only takes it as done', () => {
    expect(gateActions(manualStep, olivia)).toEqual({ approveLabel: 'Mark done', canReject: false });
  });

  it('lets another approver approve or reject an approval', () => {
    expect(gateActions(approval, amir)).toEqual({ approveLabel: 'Approve', canReject: true });
  });

  it('blocks the user who started the run from deciding its approval (four eyes)', () => {
    expect(gateActions(approval, { name: 'olivia', roles: ['operator', 'approver', 'viewer'] }).blocked).toMatch(/Four eyes/);
  });

  it('blocks an approval for a user without the approver role, admins included', () => {
    expect(gateActions(approval, ada).blocked).toMatch(/approver role/);
    expect(gateActions(approval, olivia).blocked).toMatch(/approver role/);
  });

  it('blocks a manual step for a user without the operator role', () => {
    expect(gateActions(manualStep, amir).blocked).toMatch(/operator role/);
    expect(gateActions(manualStep, ada).blocked).toBeUndefined();
  });

  it('blocks a gate whose allowedRoles the user has none of', () => {
    expect(gateActions({ ...manualStep, allowedRoles: ['admin'] }, olivia).blocked).toMatch(/Only admin/);
  });

  it('leaves the decision to the host when it cannot say who the user is', () => {
    expect(gateActions(approval, {}).blocked).toBeUndefined();
  });
});

describe('hasRole', () => {
  const session = (roles: string[]): Session => ({ client: new ApiClient({ apiKey: 'k' }), name: 'x', roles });
  it('does not take admin for approver: the host gives admins operator and viewer only', () => {
    expect(hasRole(session(ada.roles), 'approver')).toBe(false);
    expect(hasRole(session(ada.roles), 'operator')).toBe(true);
    expect(hasRole(session(['admin']), 'operator')).toBe(true);
  });
});
