import type { InputDescriptor, JsonValue } from '../api/types';

/** Which editor a literal of this input gets. */
export type LiteralKind = 'options' | 'text' | 'multiline' | 'number' | 'boolean' | 'list' | 'timespan' | 'datetime' | 'cases' | 'json';

export function literalKind(input: Pick<InputDescriptor, 'name' | 'typeName' | 'options' | 'uiHint'>, activityType: string): LiteralKind {
  if (input.options && input.options.length > 0) return 'options';
  if (activityType === 'Switch' && input.name === 'cases') return 'cases';
  switch (input.typeName) {
    case 'String':
      return input.uiHint === 'multiline' ? 'multiline' : 'text';
    case 'Int32':
    case 'Int64':
    case 'Double':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'String[]':
      return 'list';
    case 'TimeSpan':
      return 'timespan';
    case 'DateTimeOffset':
      return 'datetime';
    default:
      return 'json';
  }
}

/** Text for a JavaScript expression made from a literal (so switching keeps the meaning). */
export function literalToScript(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}

/** A literal made from the text of another expression kind, as far as it fits the type. */
export function textToLiteral(text: string, typeName: string): JsonValue {
  let parsed: JsonValue | undefined;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch {
    parsed = undefined;
  }
  switch (typeName) {
    case 'String':
    case 'TimeSpan':
    case 'DateTimeOffset':
      return typeof parsed === 'string' ? parsed : text;
    case 'Boolean':
      return parsed === true || text.trim() === 'true';
    case 'Int32':
    case 'Int64':
    case 'Double': {
      const n = Number(text);
      return Number.isFinite(n) && text.trim() !== '' ? n : null;
    }
    case 'String[]':
      return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
    default:
      return parsed ?? null;
  }
}

export const TIMESPAN_PATTERN = '^(\\d+\\.)?\\d{1,2}:\\d{2}:\\d{2}(\\.\\d+)?$';
