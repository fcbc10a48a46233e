import type { LabParameter } from '../api/types';

/** A form's starting values: each parameter's default, or empty when it has none. */
export function startingValues(parameters: readonly LabParameter[]): Record<string, string> {
  return Object.fromEntries(parameters.map((p) => [p.name, p.defaultValue ?? '']));
}

/**
 * The `parameters` of a request for the form's values: only these parameters, and none left empty
 * (the host then applies its default, or names the required one that is missing).
 */
export function givenParameters(parameters: readonly LabParameter[], values: Record<string, string>): Record<string, string> {
  const given: Record<string, string> = {};
  for (const p of parameters) {
    const value = values[p.name];
    if (value !== undefined && value !== '') given[p.name] = value;
  }
  return given;
}

/**
 * Whether a parameter's list starts with an empty entry: when its default is none of its choices, the
 * field starts empty (a required one must then be chosen; an optional one is left to the host).
 */
export function startsUnchosen(parameter: LabParameter): boolean {
  return parameter.defaultValue === null || !(parameter.choices ?? []).includes(parameter.defaultValue);
}
