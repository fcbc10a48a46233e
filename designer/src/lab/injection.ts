import type { LabFaultDescriptor, LabFaultRequest } from '../api/types';
import { givenParameters, startingValues } from './parameters';

/** The inject form's starting values: each parameter's default, or empty when it has none. */
export function defaultValues(fault: LabFaultDescriptor): Record<string, string> {
  return startingValues(fault.parameters);
}

/**
 * The body of `POST /api/lab/faults` for the form's values: only the fault's own parameters, and
 * none left empty (the host then applies its default, or none).
 */
export function injectionBody(fault: LabFaultDescriptor, values: Record<string, string>): LabFaultRequest {
  return { fault: fault.name, parameters: givenParameters(fault.parameters, values) };
}
