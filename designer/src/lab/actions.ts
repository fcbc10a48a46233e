import type { LabActionDescriptor, LabActionRequest } from '../api/types';

/** The action form's starting values: each parameter's default, or empty when it has none (a required one must then be chosen). */
export function actionValues(action: LabActionDescriptor): Record<string, string> {
  return Object.fromEntries(action.parameters.map((p) => [p.name, p.defaultValue ?? '']));
}

/**
 * The body of `POST /api/lab/actions` for the form's values: only the action's own parameters, and
 * none left empty (the host then applies its default, or names the required one that is missing).
 */
export function actionBody(action: LabActionDescriptor, values: Record<string, string>): LabActionRequest {
  const parameters: Record<string, string> = {};
  for (const p of action.parameters) {
    const value = values[p.name];
    if (value !== undefined && value !== '') parameters[p.name] = value;
  }
  return { action: action.name, parameters };
}

/** The manual steps an action serves, as a reader finds them in the runbooks: `clear-local-cms › enableAccount`. */
export function servedSteps(action: LabActionDescriptor): string[] {
  return action.manualSteps.map((step) => step.replace('/', ' › '));
}
