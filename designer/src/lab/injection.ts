import type { LabFaultDescriptor, LabFaultRequest } from '../api/types';

/** The inject form's starting values: each parameter's default, or empty when it has none. */
export function defaultValues(fault: LabFaultDescriptor): Record<string, string> {
  return Object.fromEntries(fault.parameters.map((p) => [p.name, p.defaultValue ?? '']));
}

/**
 * The body of `POST /api/lab/faults` for the form's values: only the fault's own parameters, and
 * none left empty (the host then applies its default, or none).
 */
export function injectionBody(fault: LabFaultDescriptor, values: Record<string, string>): LabFaultRequest {
  const parameters: Record<string, string> = {};
  for (const p of fault.parameters) {
    const value = values[p.name];
    if (value !== undefined && value !== '') parameters[p.name] = value;
  }
  return { fault: fault.name, parameters };
}
