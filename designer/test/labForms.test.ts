import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import { readLab } from '../src/api/lab';
import type { JsonValue, LabActionDescriptor, LabFaultDescriptor } from '../src/api/types';
import { labAccess } from '../src/lab/access';
import { ActionsSection } from '../src/lab/ActionsSection';
import { FaultsSection } from '../src/lab/FaultsSection';
import { InjectFault } from '../src/lab/InjectFault';
import { OperatorAction } from '../src/lab/OperatorAction';
import { ParameterField } from '../src/lab/ParameterField';
// GET /api/lab from a host with the lab drivers, after injecting DnsServerStale on 10.1.0.10.
import labFixture from './fixtures/lab.json';

const lab = readLab(labFixture as unknown as JsonValue);
const fault = (name: string): LabFaultDescriptor => lab.catalog.find((f) => f.name === name)!;
const action = (name: string): LabActionDescriptor => lab.actions.find((a) => a.name === name)!;
const html = (element: ReactElement) => renderToStaticMarkup(element);
const nothing = () => {};

// GET /api/me for the host's demo users (roles as the host expands them).
const client = new ApiClient({ apiKey: 'k' });
const viewer = { client, name: 'vera', roles: ['viewer'] };
const olivia = { client, name: 'olivia', roles: ['operator', 'viewer'] };
const amir = { client, name: 'amir', roles: ['approver', 'viewer'] };
const ada = { client, name: 'ada', roles: ['admin', 'operator', 'viewer'] };

describe('ParameterField', () => {
  it('offers a list when the lab names the choices, its label and help tied to the field', () => {
    const what = fault('CmsNameAnswersElsewhere').parameters[0]!;
    const field = html(createElement(ParameterField, { id: 'fault-param-what', parameter: what, value: 'name', onChange: nothing }));
    expect(field).toContain('<label for="fault-param-what">what</label>');
    expect(field).toContain('<select id="fault-param-what" aria-describedby="fault-param-what-help">');
    expect(field).toContain('<option value="name" selected="">name</option><option value="address">address</option></select>');
    expect(field).toContain('<small id="fault-param-what-help" class="muted">name or address.</small>');
  });

  it('offers a text field otherwise, with no placeholder when the host has a default', () => {
    const server = fault('DnsServerStale').parameters[0]!;
    const field = html(createElement(ParameterField, { id: 'fault-param-server', parameter: server, value: '10.1.0.10', onChange: nothing }));
    expect(field).toMatch(/<input id="fault-param-server" aria-describedby="fault-param-server-help" spellCheck="false" value="10.1.0.10"\/>/);
    expect(field).not.toContain('<select');
  });

  it('marks a required list and makes the user choose when it has no default', () => {
    const node = action('UpgradeExchangeOnNode').parameters[0]!;
    const field = html(createElement(ParameterField, { id: 'action-param-node', parameter: node, required: true, value: '', onChange: nothing }));
    expect(field).toContain('<label for="action-param-node">node (required)</label>');
    expect(field).toContain('<select id="action-param-node" aria-describedby="action-param-node-help" required="">');
    expect(field).toContain('<option value="" selected="">(choose)</option><option value="NodeA">NodeA</option>');
  });

  it('starts an optional list without a default empty, leaving the value to the host', () => {
    const optional = { name: 'site', description: 'The site.', defaultValue: null, choices: ['primary', 'standby'] };
    const field = html(createElement(ParameterField, { id: 'fault-param-site', parameter: optional, value: '', onChange: nothing }));
    expect(field).toContain('<option value="" selected="">(none)</option><option value="primary">primary</option>');
    expect(field).not.toContain('required');
  });
});

describe('the lab forms', () => {
  it('give a fault parameter with choices the same list as an action parameter', () => {
    const form = html(createElement(InjectFault, { catalog: [fault('CmsNameAnswersElsewhere'), fault('DnsServerStale')], onInject: nothing }));
    expect(form).toContain('<select id="fault-param-what" aria-describedby="fault-param-what-help"><option value="name" selected="">name</option><option value="address">address</option></select>');
    expect(form).toContain('<input id="fault-param-name"');
    expect(form).toContain('<input id="fault-param-address" placeholder="(none)"');
  });

  it('mark what an action requires and list the choices the lab names', () => {
    const form = html(createElement(OperatorAction, { actions: [action('UpgradeExchangeOnNode')], onPerform: nothing }));
    expect(form).toContain('<label for="action-param-node">node (required)</label><select id="action-param-node"');
    expect(form).toContain('<label for="action-param-version">version</label><input id="action-param-version"');
  });
});

describe('who is offered what on the Lab page', () => {
  it('lets operators and admins perform operator actions, and only admins change faults', () => {
    expect(labAccess(olivia)).toEqual({ changeFaults: false, performActions: true });
    expect(labAccess(ada)).toEqual({ changeFaults: true, performActions: true });
    expect(labAccess(amir)).toEqual({ changeFaults: false, performActions: false });
    expect(labAccess(viewer)).toEqual({ changeFaults: false, performActions: false });
  });

  it('offers everything when the host cannot say the roles (its 403 explains)', () => {
    expect(labAccess({ client })).toEqual({ changeFaults: true, performActions: true });
  });

  const actions = (session: typeof viewer) =>
    html(createElement(ActionsSection, { actions: lab.actions, onPerform: labAccess(session).performActions ? nothing : undefined, result: '' }));
  const faults = (session: typeof viewer) => {
    const admin = labAccess(session).changeFaults;
    return html(createElement(FaultsSection, { active: lab.active, catalog: lab.catalog, onClear: admin ? nothing : undefined, onInject: admin ? nothing : undefined }));
  };

  it('shows an operator the operator action form, and the faults without the inject form or Clear', () => {
    expect(actions(olivia)).toContain('aria-label="Perform an operator action"');
    expect(faults(olivia)).toContain('DnsServerStale');
    expect(faults(olivia)).not.toContain('aria-label="Inject a fault"');
    expect(faults(olivia)).not.toContain('Clear fault');
    expect(faults(olivia)).toContain('An admin injects and clears faults.');
  });

  it('shows an admin both forms', () => {
    expect(actions(ada)).toContain('aria-label="Perform an operator action"');
    expect(faults(ada)).toContain('aria-label="Inject a fault"');
    expect(faults(ada)).toContain('aria-label="Clear fault DnsServerStale"');
  });

  it('tells a viewer or approver who performs the actions instead of a form', () => {
    for (const session of [viewer, amir]) {
      expect(actions(session)).not.toContain('<form');
      expect(actions(session)).toContain('An operator or admin performs here what a runbook&#x27;s manual step asks');
      expect(faults(session)).not.toContain('<form');
    }
  });

  it('has no operator actions section when the host offers none (an older host)', () => {
    expect(html(createElement(ActionsSection, { actions: [], onPerform: nothing, result: '' }))).toBe('');
  });
});
