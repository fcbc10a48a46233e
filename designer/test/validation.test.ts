import { describe, expect, it } from 'vitest';
import { fieldErrors, indexErrors, locate } from '../src/graph/validation';

const ids = new Set(['flip', 'each', 'dns', 'dns.check', 'start']);

describe('locate', () => {
  it('puts an input error on the activity and the field', () => {
    expect(locate('root/flip.siteName', ids)).toEqual({ kind: 'node', nodeId: 'flip', field: 'siteName', subPath: 'siteName' });
  });

  it('puts an error of a nested case on the field that holds it', () => {
    expect(locate('root/flip.cases[2].condition', ids)).toMatchObject({ nodeId: 'flip', field: 'cases', subPath: 'cases[2].condition' });
  });

  it('puts an activity error on the activity', () => {
    expect(locate('root/start', ids)).toEqual({ kind: 'node', nodeId: 'start' });
  });

  it('puts a connection error on the connection by index', () => {
    expect(locate('root.connections[3]', ids)).toEqual({ kind: 'edge', index: 3 });
  });

  it('puts an error of a ForEach body on the ForEach, under body', () => {
    expect(locate('root/each/body.items', ids)).toEqual({ kind: 'node', nodeId: 'each', field: 'body', subPath: 'body.items' });
  });

  it('prefers the longest id when ids contain dots', () => {
    expect(locate('root/dns.check.timeout', ids)).toMatchObject({ nodeId: 'dns.check', field: 'timeout' });
    expect(locate('root/dns.timeout', ids)).toMatchObject({ nodeId: 'dns', field: 'timeout' });
  });

  it('keeps flowchart and definition errors general', () => {
    expect(locate('root', ids)).toEqual({ kind: 'flowchart' });
    expect(locate('root.start', ids)).toEqual({ kind: 'flowchart', field: 'start' });
    expect(locate('inputs[0].name', ids)).toEqual({ kind: 'definition', field: 'inputs[0].name' });
    expect(locate('root/ghost.x', ids)).toEqual({ kind: 'flowchart', field: 'ghost' });
  });
});

describe('indexErrors', () => {
  it('groups errors by node, edge and general, and filters by field', () => {
    const index = indexErrors(
      [
        { path: 'root/flip.siteName', message: 'required' },
        { path: 'root/flip', message: 'unreachable' },
        { path: 'root.connections[0]', message: 'bad port' },
        { path: 'root', message: 'cycle' },
      ],
      ids,
    );
    expect(index.byNode.get('flip')?.map((e) => e.message)).toEqual(['required', 'unreachable']);
    expect(fieldErrors(index, 'flip', 'siteName').map((e) => e.message)).toEqual(['required']);
    expect(index.byEdge.get(0)?.[0]?.message).toBe('bad port');
    expect(index.general.map((e) => e.message)).toEqual(['cycle']);
  });
});
