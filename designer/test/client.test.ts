import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, toProblem } from '../src/api/client';

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit }[] = []) {
  return async (url: string, init?: RequestInit): Promise<Response> => {
    seen.push({ url, init });
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
  };
}

describe('ApiClient', () => {
  it('sends the key as a bearer token and JSON bodies', async () => {
    const seen: { url?: string; init?: RequestInit }[] = [];
    const client = new ApiClient({ apiKey: 'k1', fetch: fakeFetch(200, { definitionId: 'a', version: 2, isPublished: false }, seen) });
    const result = await client.saveDraft({ definitionId: 'a', root: { id: 'flowchart', type: 'Flowchart' } });
    expect(result.version).toBe(2);
    expect(seen[0]?.url).toBe('/api/workflows/a');
    expect(seen[0]?.init?.method).toBe('PUT');
    expect((seen[0]?.init?.headers as Record<string, string>).Authorization).toBe('Bearer k1');
  });

  it('surfaces problem+json errors with their errors[]', async () => {
    const client = new ApiClient({
      apiKey: 'k',
      fetch: fakeFetch(400, { title: 'Invalid definition', status: 400, errors: [{ path: 'root/flip.siteName', message: 'required' }] }),
    });
    const error = await client.validate({ definitionId: 'a', root: { id: 'r', type: 'Flowchart' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errors).toEqual([{ path: 'root/flip.siteName', message: 'required' }]);
    expect((error as ApiError).status).toBe(400);
  });

  it('explains a 403 as a missing role', async () => {
    const client = new ApiClient({ apiKey: 'k', fetch: fakeFetch(403, { title: 'Forbidden', status: 403 }) });
    const error = (await client.publish('a').catch((e: unknown) => e)) as ApiError;
    expect(error.summary).toMatch(/role/);
  });

  it('falls back to null when GET /api/me does not exist', async () => {
    const client = new ApiClient({ apiKey: 'k', fetch: fakeFetch(404, '') });
    expect(await client.me()).toBeNull();
  });

  it('puts the key on the events URL as access_token', () => {
    expect(new ApiClient({ apiKey: 'a b' }).eventsUrl('r1')).toBe('/api/runs/r1/events?access_token=a%20b');
  });
});

describe('toProblem', () => {
  it('reads ASP.NET dictionary-style errors too', () => {
    expect(toProblem(400, { title: 'One or more validation errors occurred.', errors: { definitionId: ['Required'] } }, 'x').errors).toEqual([
      { path: 'definitionId', message: 'Required' },
    ]);
  });
});
