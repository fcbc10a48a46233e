import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../src/api/client';
import { readLab } from '../src/api/lab';
import type { JsonValue, LabActionDescriptor, LabFaultDescriptor } from '../src/api/types';
import { actionBody, actionValues, servedSteps } from '../src/lab/actions';
import { defaultValues, injectionBody } from '../src/lab/injection';
import { namedList, splitSnapshot } from '../src/lab/snapshot';
// GET /api/lab from a host with the lab drivers, after injecting DnsServerStale on 10.1.0.10.
import labFixture from './fixtures/lab.json';

const fixture = labFixture as unknown as JsonValue;

function actionEntry(name: string): LabActionDescriptor {
  const entry = readLab(fixture).actions.find((a) => a.name === name);
  if (!entry) throw new Error(`no ${name} in the fixture's operator actions`);
  return entry;
}

function catalogEntry(name: string): LabFaultDescriptor {
  const entry = readLab(fixture).catalog.find((f) => f.name === name);
  if (!entry) throw new Error(`no ${name} in the fixture's catalogue`);
  return entry;
}

describe('readLab', () => {
  it('lists the active faults from the snapshot, not the catalogue', () => {
    const lab = readLab(fixture);
    expect(lab.active).toEqual([{ name: 'DnsServerStale', parameters: { server: '10.1.0.10' }, since: '2026-11-25T20:59:45.5593428+00:00' }]);
  });

  it('reads the catalogue of injectable faults with their parameters and defaults', () => {
    const lab = readLab(fixture);
    expect(lab.catalog).toHaveLength(16);
    expect(catalogEntry('DnsServerStale')).toEqual({
      name: 'DnsServerStale',
      description: 'A DNS server never converges to the new CMS address (until cleared).',
      failureMode: '8 DNS',
      parameters: [{ name: 'server', description: 'The DNS server.', defaultValue: '10.1.0.10', choices: null }],
    });
    expect(catalogEntry('SetupFails').parameters.find((p) => p.name === 'message')?.defaultValue).toBeNull();
  });

  it('reads the values a fault parameter is limited to, as it does for operator actions', () => {
    expect(catalogEntry('CmsNameAnswersElsewhere').parameters.map((p) => [p.name, p.choices])).toEqual([
      ['what', ['name', 'address']],
      ['name', null],
      ['address', null],
    ]);
  });

  it('refuses an answer without a snapshot instead of showing an empty lab', () => {
    expect(() => readLab({ sites: [], faults: [] })).toThrow(/snapshot/);
  });

  it('is what ApiClient.lab() answers', async () => {
    const client = new ApiClient({ apiKey: 'k', fetch: async () => new Response(JSON.stringify(fixture), { status: 200 }) });
    const lab = await client.lab();
    expect(lab.active.map((f) => f.name)).toEqual(['DnsServerStale']);
    expect(lab.catalog.map((f) => f.name)).toContain('SiteIsolated');
  });
});

describe('splitSnapshot', () => {
  const parts = splitSnapshot(readLab(fixture).snapshot);

  it('finds both sites, the replication group and every DNS server', () => {
    expect(namedList(parts.sites).map((s) => s.name)).toEqual(['primary', 'standby']);
    expect(namedList(parts.replication).map((r) => r.name)).toEqual(['RG-MBX1']);
    expect(namedList(parts.dns).map((d) => d.name)).toEqual(['10.1.0.10', '10.1.0.11', '10.2.0.10']);
  });

  it('keeps the rest for the generic view, without the active faults', () => {
    expect(Object.keys(parts.rest)).toEqual(['at', 'timeScale', 'revision', 'directory', 'databases', 'recentCommands', 'warnings']);
  });
});

describe('injectionBody', () => {
  it('posts the chosen fault with its defaults, exactly {fault, parameters}', () => {
    const fault = catalogEntry('DnsServerStale');
    expect(injectionBody(fault, defaultValues(fault))).toEqual({ fault: 'DnsServerStale', parameters: { server: '10.1.0.10' } });
  });

  it('sends what the user typed, and leaves out empty fields so the host applies its defaults', () => {
    const fault = catalogEntry('SetupFails');
    const values = defaultValues(fault);
    expect(values).toEqual({ node: '*', command: '*', message: '' });
    expect(injectionBody(fault, { ...values, command: 'recoverCMS' })).toEqual({ fault: 'SetupFails', parameters: { node: '*', command: 'recoverCMS' } });
  });

  it('sends only the fault’s own parameters', () => {
    const fault = catalogEntry('DnsServerStale');
    expect(injectionBody(fault, { server: '10.2.0.10', site: 'primary' }).parameters).toEqual({ server: '10.2.0.10' });
  });
});

describe('operator actions', () => {
  it('reads them from GET /api/lab with the manual steps they serve and their parameters', () => {
    const lab = readLab(fixture);
    expect(lab.actions.map((a) => a.name)).toEqual(['EnableCmsComputerAccount', 'RestoreReplication', 'ForceAdReplication', 'UpgradeExchangeOnNode', 'RestoreMissingLogs', 'RunSoftRecovery']);
    expect(actionEntry('EnableCmsComputerAccount').manualSteps).toEqual(['clear-local-cms/enableAccount']);
    expect(actionEntry('UpgradeExchangeOnNode').parameters).toEqual([
      { name: 'node', description: 'The node to upgrade.', defaultValue: null, required: true, choices: ['NodeA', 'NodeB', 'NodeC', 'NodeD'] },
      { name: 'version', description: 'The build to install, e.g. 8.1.240.6.', defaultValue: '8.1.240.6', required: false, choices: null },
    ]);
  });

  it('offers none when the host answers no actions (an older host)', () => {
    const { actions: _, ...older } = fixture as Record<string, JsonValue>;
    expect(readLab(older).actions).toEqual([]);
  });

  it('posts exactly {action, parameters}, leaving out what the user left empty', () => {
    const upgrade = actionEntry('UpgradeExchangeOnNode');
    expect(actionValues(upgrade)).toEqual({ node: '', version: '8.1.240.6' });
    expect(actionBody(upgrade, { ...actionValues(upgrade), node: 'NodeC' })).toEqual({ action: 'UpgradeExchangeOnNode', parameters: { node: 'NodeC', version: '8.1.240.6' } });
    expect(actionBody(actionEntry('EnableCmsComputerAccount'), { site: 'primary' })).toEqual({ action: 'EnableCmsComputerAccount', parameters: {} });
  });

  it('names the manual steps as the runbooks do', () => {
    expect(servedSteps(actionEntry('ForceAdReplication'))).toEqual(['activation › dnsManual', 'failback › dnsManual']);
  });

  it('sends the action to POST /api/lab/actions and shows the host’s reason when it refuses', async () => {
    const sent: { url: string; method: string; body: unknown }[] = [];
    const client = new ApiClient({
      apiKey: 'k',
      fetch: async (url, init) => {
        sent.push({ url: String(url), method: init?.method ?? 'GET', body: JSON.parse(String(init?.body)) });
        const problem = { title: 'Conflict.', status: 409, detail: 'The computer account of MBX-1 is already enabled in Active Directory; there is nothing to re-enable.' };
        return new Response(JSON.stringify(problem), { status: 409, headers: { 'Content-Type': 'application/problem+json' } });
      },
    });

    const error = await client.performLabAction({ action: 'EnableCmsComputerAccount', parameters: {} }).catch((e: unknown) => e);

    expect(sent).toEqual([{ url: '/api/lab/actions', method: 'POST', body: { action: 'EnableCmsComputerAccount', parameters: {} } }]);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).summary).toBe('Conflict. (409) The computer account of MBX-1 is already enabled in Active Directory; there is nothing to re-enable.');
  });
});
