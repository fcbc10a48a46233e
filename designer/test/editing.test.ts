import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../src/api/types';
import { copyFragment, isFragment, pasteFragment } from '../src/graph/clipboard';
import { toDefinition, toGraph } from '../src/graph/definition';
import { record, redo, startHistory, undo } from '../src/graph/history';
import { autoLayout } from '../src/graph/layout';
import activationDefinition from '../../workflows/activation.json';

const activation = activationDefinition as unknown as WorkflowDefinition;

describe('copy and paste', () => {
  it('pastes copies with fresh ids, offset, and the connections among them', () => {
    const graph = toGraph(activation);
    const fragment = copyFragment(graph, new Set(['checkConfig', 'failConfig']));
    expect(isFragment(JSON.parse(JSON.stringify(fragment)))).toBe(true);
    expect(fragment.connections).toEqual([{ source: { activity: 'checkConfig', port: 'Failed' }, target: { activity: 'failConfig', port: 'In' } }]);
    const pasted = pasteFragment(graph, fragment);
    const added = pasted.nodes.slice(graph.nodes.length);
    expect(added.map((n) => n.id)).toEqual(['standbyConfigurationMatches1', 'fail1']);
    expect(added.every((n) => n.selected)).toBe(true);
    const failConfig = graph.nodes.find((n) => n.id === 'failConfig')?.position ?? { x: NaN, y: NaN };
    expect(added[1]?.position).toEqual({ x: failConfig.x + 40, y: failConfig.y + 40 });
    const out = toDefinition(activation, pasted);
    expect(out.root.connections?.at(-1)).toEqual({
      source: { activity: 'standbyConfigurationMatches1', port: 'Failed' },
      target: { activity: 'fail1', port: 'In' },
    });
    expect(out.root.activities?.at(-1)?.message).toEqual(activation.root.activities?.find((a) => a.id === 'failConfig')?.message);
  });
});

describe('history', () => {
  it('undoes and redoes steps and drops the redo branch on a new step', () => {
    let h = startHistory(1);
    h = record(h, 2);
    h = record(h, 3);
    h = undo(h);
    expect(h.present).toBe(2);
    h = redo(h);
    expect(h.present).toBe(3);
    h = undo(undo(h));
    expect(h.present).toBe(1);
    h = record(h, 9);
    expect(redo(h).present).toBe(9);
    expect(undo(undo(h)).present).toBe(1);
  });
});

describe('autoLayout', () => {
  it('places every node, the start above what follows it, and keeps edges', () => {
    const graph = toGraph(activation);
    const laid = autoLayout(graph);
    expect(laid.edges).toBe(graph.edges);
    const y = (id: string) => laid.nodes.find((n) => n.id === id)?.position.y ?? NaN;
    expect(y('start')).toBeLessThan(y('checkConfig'));
    expect(y('checkConfig')).toBeLessThan(y('done'));
    const spots = new Set(laid.nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(spots.size).toBe(laid.nodes.length);
  });
});
