import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import type { WorkflowDefinition, WorkflowVersionSummary } from '../src/api/types';
import { definitionToStart, initialText, publishedVersion, runInput } from '../src/workflows/startRun';
// A host where activation v1, as shipped in workflows/, is published and v2 is a draft that adds a 'dryRun' input
// (and a property the designer does not know); the versions list is captured from such a host.
import activationDefinition from '../../workflows/activation.json';
import versionsFixture from './fixtures/activation-versions.json';

const versions = versionsFixture as WorkflowVersionSummary[];
const published = { ...activationDefinition, version: 1, isPublished: true } as unknown as WorkflowDefinition;
const draft = {
  ...published,
  version: 2,
  isPublished: false,
  inputs: [...(published.inputs ?? []), { name: 'dryRun', typeName: 'Boolean', displayName: 'Dry run', description: 'x', required: false, defaultValue: false }],
  foo: 'bar',
} as WorkflowDefinition;

/** Answers as that host did: GET /api/workflows/activation is the draft, .../versions/1 the published version. */
function hostClient(seen: string[] = []): ApiClient {
  const routes: Record<string, unknown> = {
    '/api/workflows/activation': draft,
    '/api/workflows/activation/versions': versions,
    '/api/workflows/activation/versions/1': published,
    '/api/workflows/activation/versions/2': draft,
  };
  return new ApiClient({
    apiKey: 'k',
    fetch: async (url, init) => {
      seen.push(`${init?.method ?? 'GET'} ${url}${init?.body ? ` ${String(init.body)}` : ''}`);
      if (url === '/api/runs') return new Response(JSON.stringify({ runId: 'r1' }), { status: 202 });
      const body = routes[url];
      return body === undefined ? new Response('{"title":"Not Found","status":404}', { status: 404 }) : new Response(JSON.stringify(body), { status: 200 });
    },
  });
}

describe('starting a run', () => {
  it('finds the published version in the versions list', () => {
    expect(publishedVersion(versions)).toBe(1);
    expect(publishedVersion(versions.filter((v) => !v.isPublished))).toBeUndefined();
  });

  it('asks for the inputs of the published version, not of a newer draft', async () => {
    const definition = await definitionToStart(hostClient(), 'activation');
    expect(definition.version).toBe(1);
    expect((definition.inputs ?? []).map((i) => i.name)).toEqual(['standbySite', 'failedSite', 'cmsName']);
  });

  it('starts that version with only its declared inputs', async () => {
    const seen: string[] = [];
    const client = hostClient(seen);
    const definition = await definitionToStart(client, 'activation');
    const inputs = definition.inputs ?? [];
    const values = Object.fromEntries(inputs.map((i) => [i.name, initialText(i)]));
    await client.startRun('activation', runInput(inputs, values), definition.version);
    expect(seen.at(-1)).toBe('POST /api/runs {"definitionId":"activation","version":1,"input":{"standbySite":"standby","failedSite":"primary","cmsName":"MBX-1"}}');
  });

  it('says so when no version is published', async () => {
    const client = new ApiClient({ apiKey: 'k', fetch: async () => new Response(JSON.stringify([{ ...versions[1] }]), { status: 200 }) });
    await expect(definitionToStart(client, 'activation')).rejects.toThrow(/no published version/);
  });

  it('types the fields by the declared typeName and leaves empty ones to the host', () => {
    const inputs = [
      { name: 'dryRun', typeName: 'Boolean' },
      { name: 'count', typeName: 'Int32' },
      { name: 'nodes', typeName: 'String[]' },
      { name: 'note', typeName: 'String' },
    ];
    expect(runInput(inputs, { dryRun: 'false', count: '3', nodes: 'NodeC, NodeD', note: '' })).toEqual({ dryRun: false, count: 3, nodes: ['NodeC', 'NodeD'] });
  });
});
