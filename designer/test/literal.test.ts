import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../src/api/types';
import { literalKind, literalToScript, textToLiteral } from '../src/inspector/literal';

describe('inspector editors', () => {
  it('picks an editor per input type', () => {
    const k = (typeName: string, extra: { options?: string[]; uiHint?: string; name?: string } = {}, type = 'Log') =>
      literalKind({ name: extra.name ?? 'x', typeName, options: extra.options, uiHint: extra.uiHint }, type);
    expect(k('String')).toBe('text');
    expect(k('String', { uiHint: 'multiline' })).toBe('multiline');
    expect(k('String', { options: ['A', 'B'] })).toBe('options');
    expect(k('Int32')).toBe('number');
    expect(k('Double')).toBe('number');
    expect(k('Boolean')).toBe('boolean');
    expect(k('String[]')).toBe('list');
    expect(k('TimeSpan')).toBe('timespan');
    expect(k('DateTimeOffset')).toBe('datetime');
    expect(k('Object')).toBe('json');
    expect(k('Object', { name: 'cases' }, 'Switch')).toBe('cases');
  });

  it('switching Literal -> JavaScript -> Literal keeps the value', () => {
    const cases: [JsonValue, string][] = [
      ['Smoke check', 'String'],
      [42, 'Int32'],
      [true, 'Boolean'],
      [['a', 'b'], 'String[]'],
      ['00:05:00', 'TimeSpan'],
      [{ a: 1 }, 'Object'],
    ];
    for (const [value, typeName] of cases) {
      expect(textToLiteral(literalToScript(value), typeName)).toEqual(value);
    }
  });

  it('keeps JavaScript source as text when it becomes a String literal', () => {
    expect(textToLiteral("'a' + input.b", 'String')).toBe("'a' + input.b");
  });
});
