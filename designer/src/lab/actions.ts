import type { LabActionDescriptor, LabActionRequest } from '../api/types';
import { givenParameters, startingValues } from './parameters';

/** The action form's starting values: each parameter's default, or empty when it has none (a required one must then be chosen). */
export function actionValues(action: LabActionDescriptor): Record<string, string> {
  return startingValues(action.parameters);
}

/**
 * The body of `POST /api/lab/actions` for the form's values: only the action's own parameters, and
 * none left empty (the host then applies its default, or names the required one that is missing).
 */
export function actionBody(action: LabActionDescriptor, values: Record<string, string>): LabActionRequest {
  return { action: action.name, parameters: givenParameters(action.parameters, values) };
}

/** The manual steps an action serves, as a reader finds them in the runbooks: `clear-local-cms › enableAccount`. */
export function servedSteps(action: LabActionDescriptor): string[] {
  return action.manualSteps.map((step) => step.replace('/', ' › '));
}
