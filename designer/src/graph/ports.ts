import type { ActivityDescriptor, ActivityJson, InputValue } from '../api/types';
import { isRecord } from './model';

export const DEFAULT_FORK_BRANCHES = ['Branch 1', 'Branch 2'];
export const SWITCH_DEFAULT = 'Default';

/** The input property `name` of an activity, when it has the `{typeName, expression}` shape. */
export function inputOf(activity: ActivityJson, name: string): InputValue | undefined {
  const value = activity[name];
  return isRecord(value) && isRecord(value.expression) ? (value as InputValue) : undefined;
}

/** Splits a String[] value that may be stored as an array or as comma-separated text. */
export function asStringList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  }
  return undefined;
}

/**
 * The outcome ports of an activity, as the server computes them: Fork's literal `branches`,
 * Switch's literal `cases` labels plus Default, otherwise the descriptor's outcomes.
 */
export function outcomesOf(activity: ActivityJson, descriptor: ActivityDescriptor | undefined): string[] {
  if (activity.type === 'Fork') {
    const branches = inputOf(activity, 'branches')?.expression;
    if (branches?.type === 'Literal') return asStringList(branches.value) ?? [];
    return DEFAULT_FORK_BRANCHES;
  }
  if (activity.type === 'Switch') {
    const cases = inputOf(activity, 'cases')?.expression;
    if (cases?.type !== 'Literal' || !Array.isArray(cases.value)) return [SWITCH_DEFAULT];
    const labels = cases.value.flatMap((c) => (isRecord(c) && typeof c.label === 'string' ? [c.label] : []));
    return [...labels, SWITCH_DEFAULT];
  }
  return descriptor?.outcomes ?? ['Done'];
}

/**
 * The handles to draw: the outcomes plus any port an existing connection uses that is no longer an
 * outcome (so a stale connection stays visible and can be fixed instead of silently vanishing).
 */
export function handlesOf(outcomes: readonly string[], usedPorts: readonly string[]): { port: string; stale: boolean }[] {
  const handles = outcomes.map((port) => ({ port, stale: false }));
  for (const port of usedPorts) {
    if (!outcomes.includes(port) && !handles.some((h) => h.port === port)) handles.push({ port, stale: true });
  }
  return handles;
}
