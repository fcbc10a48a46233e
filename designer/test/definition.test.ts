import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../src/api/types';
import { needsLayout, renameActivity, startActivity, toDefinition, toEdge, toGraph } from '../src/graph/definition';
import { cloneJson, type Graph } from '../src/graph/model';
// The shipped activation runbook itself, not a copy that would drift from it.
import activationDefinition from '../../workflows/activation.json';

// Every shipped runbook, read from ../workflows so that new ones are covered automatically.
const shipped = import.meta.glob<WorkflowDefinition>('../../workflows/*.json', { eager: true, import: 'default' });
const activation = activationDefinition as unknown as WorkflowDefinition;

function roundTrip(definition: WorkflowDefinition): WorkflowDefinition {
  return toDefinition(definition, toGraph(definition));
}

describe('toGraph / toDefinition', () => {
  it('finds the shipped runbooks', () => {
    expect(Object.keys(shipped).length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.entries(shipped))('round-trips %s byte for byte', (_file, definition) => {
    const original = JSON.stringify(definition, null, 2);
    expect(JSON.stringify(roundTrip(cloneJson(definition)), null, 2)).toBe(original);
  });

  it('keeps unknown properties of the definition, root, activities, inputs, metadata and connections', () => {
    const d = cloneJson(activation) as WorkflowDefinition & Record<string, unknown>;
    d['x-owner'] = { team: 'messaging' };
    d.root['x-rootNote'] = 'kept';
    const first = d.root.activities?.find((a) => a.id === 'start');
    if (!first) throw new Error('activation has no start Log');
    first['x-custom'] = [1, 2, 3];
    (first.message as Record<string, unknown>).memoryReference = { id: 'm1' };
    first.metadata = { ...first.metadata, designer: { ...first.metadata?.designer, collapsed: true }, owner: 'x' };
    const c = d.root.connections?.[0];
    if (!c) throw new Error('fixture has no connections');
    c.vertices = [{ x: 1, y: 2 }];
    expect(roundTrip(cloneJson(d))).toEqual(d);
    expect(JSON.stringify(roundTrip(cloneJson(d)))).toBe(JSON.stringify(d));
  });

  it('places nodes at metadata.designer.position', () => {
    const graph = toGraph(activation);
    expect(graph.nodes).toHaveLength(activation.root.activities?.length ?? -1);
    for (const a of activation.root.activities ?? []) {
      expect(graph.nodes.find((n) => n.id === a.id)?.position, a.id).toEqual(a.metadata?.designer?.position);
    }
  });

  it('writes a moved node position back (rounded) and leaves the rest of its metadata alone', () => {
    const d = cloneJson(activation);
    const graph = toGraph(d);
    const moved: Graph = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'flip' ? { ...n, position: { x: 12.4, y: 99.6 } } : n)) };
    const out = toDefinition(d, moved);
    const flip = out.root.activities?.find((a) => a.id === 'flip');
    expect(flip?.metadata?.designer?.position).toEqual({ x: 12, y: 100 });
    const others = out.root.activities?.filter((a) => a.id !== 'flip');
    expect(others).toEqual(d.root.activities?.filter((a) => a.id !== 'flip'));
  });

  it('gives activities without a position a grid place and stores it on save', () => {
    const d: WorkflowDefinition = {
      definitionId: 'bare',
      root: { id: 'flowchart', type: 'Flowchart', activities: [{ id: 'a', type: 'Log' }, { id: 'b', type: 'Log' }], connections: [] },
    };
    expect(needsLayout(d)).toBe(true);
    const out = toDefinition(d, toGraph(d));
    expect(out.root.activities?.[1]?.metadata?.designer?.position).toEqual({ x: 280, y: 0 });
    expect(needsLayout(out)).toBe(false);
  });

  it('maps each connection to an edge from the outcome handle to the In handle', () => {
    const graph = toGraph(activation);
    const approved = graph.edges.find((e) => e.source === 'confirmFailure' && e.sourceHandle === 'Approved');
    expect(approved).toMatchObject({ target: 'verifyOffline', targetHandle: 'In', label: 'Approved' });
    // Two ports of one activity leading to the same target stay two connections.
    expect(graph.edges.filter((e) => e.source === 'verifyOffline' && e.target === 'isolate').map((e) => e.sourceHandle)).toEqual([
      'Offline',
      'Unreachable',
    ]);
  });

  it('exports a new edge as {source:{activity, port}, target:{activity, port: In}} appended in order', () => {
    const d = cloneJson(activation);
    const graph = toGraph(d);
    const edge = toEdge({ source: { activity: 'done', port: 'Done' }, target: { activity: 'start', port: 'In' } }, 'new');
    const out = toDefinition(d, { ...graph, edges: [...graph.edges, edge] });
    expect(out.root.connections?.at(-1)).toEqual({ source: { activity: 'done', port: 'Done' }, target: { activity: 'start', port: 'In' } });
    expect(out.root.connections?.length).toBe((d.root.connections?.length ?? 0) + 1);
  });

  it('reconnecting an edge to another port changes only that connection', () => {
    const d = cloneJson(activation);
    const graph = toGraph(d);
    const i = d.root.connections?.findIndex((c) => c.source.activity === 'checkConfig' && c.source.port === 'Failed') ?? -1;
    expect(i).toBeGreaterThanOrEqual(0);
    const edges = graph.edges.map((e, n) => (n === i ? { ...e, sourceHandle: 'Passed', target: 'done' } : e));
    const out = toDefinition(d, { ...graph, edges });
    expect(out.root.connections?.[i]).toEqual({ source: { activity: 'checkConfig', port: 'Passed' }, target: { activity: 'done', port: 'In' } });
    expect(out.root.connections?.filter((_, n) => n !== i)).toEqual(d.root.connections?.filter((_, n) => n !== i));
  });

  it('renames an activity together with its connections', () => {
    const graph = renameActivity(toGraph(activation), 'flip', 'flipStorage');
    expect(graph.nodes.some((n) => n.id === 'flip')).toBe(false);
    expect(graph.nodes.find((n) => n.id === 'flipStorage')?.data.activity.id).toBe('flipStorage');
    expect(graph.edges.filter((e) => e.source === 'flipStorage' || e.target === 'flipStorage')).toHaveLength(2);
    const out = toDefinition(activation, graph);
    expect(out.root.connections?.some((c) => c.source.activity === 'flip' || c.target.activity === 'flip')).toBe(false);
  });

  it('finds the start as the only activity without an inbound connection', () => {
    expect(startActivity(toGraph(activation))).toBe('checkSites');
  });
});
