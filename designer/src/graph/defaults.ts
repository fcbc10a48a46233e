import type { ActivityDescriptor, ActivityJson, InputDescriptor, InputValue, JsonValue, Position } from '../api/types';
import { asStringList } from './ports';

/** The literal a new activity starts with for one input, or `undefined` to leave the input unset. */
export function defaultLiteral(input: InputDescriptor): JsonValue | undefined {
  const d = input.defaultValue;
  if (d !== undefined && d !== null) return coerce(d, input.typeName);
  if (!input.required) return undefined;
  switch (input.typeName) {
    case 'String':
      return input.options?.[0] ?? '';
    case 'String[]':
    case 'Object[]':
      return [];
    case 'Boolean':
      return false;
    case 'Int32':
    case 'Int64':
    case 'Double':
      return 0;
    case 'TimeSpan':
      return '00:00:00';
    default:
      return input.name === 'cases' || input.name === 'items' ? [] : null;
  }
}

/** Converts a descriptor default (a .NET constant: "a,b" for lists, "00:05:00" for times) to the input's type. */
export function coerce(value: JsonValue, typeName: string): JsonValue {
  switch (typeName) {
    case 'String[]':
      return asStringList(value) ?? [];
    case 'Int32':
    case 'Int64':
    case 'Double': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : value;
    }
    case 'Boolean':
      return typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true';
    case 'String':
    case 'TimeSpan':
    case 'DateTimeOffset':
      return typeof value === 'string' ? value : String(value);
    default:
      return value;
  }
}

export function literalInput(typeName: string, value: JsonValue): InputValue {
  return { typeName, expression: { type: 'Literal', value } };
}

/** A lower-camel id from the type, unique among `taken`: ManualStep -> manualStep1. */
export function newActivityId(type: string, taken: ReadonlySet<string>): string {
  const base = (type.charAt(0).toLowerCase() + type.slice(1)).replace(/[^A-Za-z0-9_]/g, '') || 'activity';
  for (let i = 1; ; i++) {
    const id = `${base}${i}`;
    if (!taken.has(id)) return id;
  }
}

/** A new activity of the descriptor's type with each defaulted or required input set as a literal. */
export function newActivity(descriptor: ActivityDescriptor, id: string, position: Position): ActivityJson {
  const activity: ActivityJson = { id, type: descriptor.type, version: 1 };
  for (const input of descriptor.inputs) {
    const value = defaultLiteral(input);
    if (value !== undefined) activity[input.name] = literalInput(input.typeName, value);
  }
  activity.metadata = { designer: { position: { x: Math.round(position.x), y: Math.round(position.y) } } };
  return activity;
}
