import { describe, expect, it } from 'vitest';
import { coerce, defaultLiteral, newActivity, newActivityId } from '../src/graph/defaults';
import { handlesOf, outcomesOf } from '../src/graph/ports';
import { approval, delay, fork, manualStep, switchActivity } from './descriptors';

describe('new activities', () => {
  it('sets required inputs to an empty literal and defaulted ones to their default, typed', () => {
    const a = newActivity(manualStep, 'manualStep1', { x: 10.2, y: 20.7 });
    expect(a).toEqual({
      id: 'manualStep1',
      type: 'ManualStep',
      version: 1,
      title: { typeName: 'String', expression: { type: 'Literal', value: '' } },
      instructions: { typeName: 'String', expression: { type: 'Literal', value: '' } },
      allowedRoles: { typeName: 'String[]', expression: { type: 'Literal', value: ['operator'] } },
      metadata: { designer: { position: { x: 10, y: 21 } } },
    });
  });

  it('converts .NET-style defaults: lists from "a,b", numbers from text, time spans kept as text', () => {
    expect(newActivity(fork, 'fork1', { x: 0, y: 0 }).branches).toEqual({
      typeName: 'String[]',
      expression: { type: 'Literal', value: ['Branch 1', 'Branch 2'] },
    });
    const d = newActivity(delay, 'delay1', { x: 0, y: 0 });
    expect(d.duration).toEqual({ typeName: 'TimeSpan', expression: { type: 'Literal', value: '00:05:00' } });
    expect(d.attempts).toEqual({ typeName: 'Int32', expression: { type: 'Literal', value: 3 } });
    expect(d.force).toEqual({ typeName: 'Boolean', expression: { type: 'Literal', value: false } });
    expect(d).not.toHaveProperty('note');
  });

  it('defaults an option input to its default and a required list-of-cases to []', () => {
    const s = newActivity(switchActivity, 'switch1', { x: 0, y: 0 });
    expect(s.mode).toEqual({ typeName: 'String', expression: { type: 'Literal', value: 'MatchFirst' } });
    expect(s.cases).toEqual({ typeName: 'Object', expression: { type: 'Literal', value: [] } });
  });

  it('picks the first free id from the type', () => {
    expect(newActivityId('ManualStep', new Set(['manualStep1', 'manualStep2']))).toBe('manualStep3');
    expect(newActivityId('X-Y', new Set())).toBe('xY1');
  });

  it('coerces booleans and leaves unknown types alone', () => {
    expect(coerce('True', 'Boolean')).toBe(true);
    expect(coerce({ a: 1 }, 'Object')).toEqual({ a: 1 });
    expect(defaultLiteral({ name: 'n', typeName: 'Double', required: true, defaultValue: null })).toBe(0);
  });
});

describe('outcome ports', () => {
  it('uses the descriptor outcomes for ordinary activities', () => {
    expect(outcomesOf({ id: 'a', type: 'Approval' }, approval)).toEqual(['Approved', 'Rejected', 'Expired']);
  });

  it('uses a Fork literal branches list, or the server default when it is an expression', () => {
    const literal = { id: 'f', type: 'Fork', branches: { typeName: 'String[]', expression: { type: 'Literal', value: ['A', 'B', 'C'] } } };
    expect(outcomesOf(literal, fork)).toEqual(['A', 'B', 'C']);
    const script = { id: 'f', type: 'Fork', branches: { typeName: 'String[]', expression: { type: 'JavaScript', value: "['x']" } } };
    expect(outcomesOf(script, fork)).toEqual(['Branch 1', 'Branch 2']);
  });

  it('uses Switch case labels plus Default', () => {
    const s = {
      id: 's',
      type: 'Switch',
      cases: { typeName: 'Object', expression: { type: 'Literal', value: [{ label: 'Big', condition: 'input.n > 10' }, { label: 'Small', condition: 'true' }] } },
    };
    expect(outcomesOf(s, switchActivity)).toEqual(['Big', 'Small', 'Default']);
    expect(outcomesOf({ id: 's', type: 'Switch' }, switchActivity)).toEqual(['Default']);
  });

  it('keeps a handle for a port still used by a connection but no longer an outcome, marked stale', () => {
    expect(handlesOf(['A', 'Default'], ['A', 'Gone'])).toEqual([
      { port: 'A', stale: false },
      { port: 'Default', stale: false },
      { port: 'Gone', stale: true },
    ]);
  });
});
