import type { JsonObject, JsonValue, LabActionDescriptor, LabActionParameter, LabActiveFault, LabFaultDescriptor, LabFaultParameter, LabState } from './types';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function objects(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** A parameter's `choices`: null when the host names none (any value of its kind), else the values it takes. */
function choicesOf(p: JsonObject): string[] | null {
  return Array.isArray(p.choices) ? p.choices.map(textOf).filter((c) => c !== undefined) : null;
}

function parameter(p: JsonObject): LabFaultParameter | undefined {
  const name = textOf(p.name);
  return name === undefined ? undefined : { name, description: textOf(p.description) ?? '', defaultValue: textOf(p.defaultValue) ?? null, choices: choicesOf(p) };
}

function descriptor(f: JsonObject): LabFaultDescriptor | undefined {
  const name = textOf(f.name);
  if (name === undefined) return undefined;
  const parameters = objects(f.parameters)
    .map(parameter)
    .filter((p) => p !== undefined);
  return { name, description: textOf(f.description) ?? '', failureMode: textOf(f.failureMode) ?? '', parameters };
}

function actionParameter(p: JsonObject): LabActionParameter | undefined {
  const name = textOf(p.name);
  if (name === undefined) return undefined;
  return { name, description: textOf(p.description) ?? '', defaultValue: textOf(p.defaultValue) ?? null, required: p.required === true, choices: choicesOf(p) };
}

function action(a: JsonObject): LabActionDescriptor | undefined {
  const name = textOf(a.name);
  if (name === undefined) return undefined;
  const manualSteps = Array.isArray(a.manualSteps) ? a.manualSteps.map(textOf).filter((s) => s !== undefined) : [];
  const parameters = objects(a.parameters)
    .map(actionParameter)
    .filter((p) => p !== undefined);
  return { name, description: textOf(a.description) ?? '', manualSteps, parameters };
}

function activeFault(f: JsonObject): LabActiveFault | undefined {
  const name = textOf(f.name);
  if (name === undefined) return undefined;
  const parameters: Record<string, string> = {};
  if (isObject(f.parameters)) {
    for (const [key, value] of Object.entries(f.parameters)) {
      const v = textOf(value);
      if (v !== undefined) parameters[key] = v;
    }
  }
  return { name, parameters, since: textOf(f.since) ?? '' };
}

/**
 * Reads `GET /api/lab`: `{snapshot: {..., faults: [active]}, faults: [catalogue], actions: [operator actions]}`
 * (a host without operator actions answers no `actions`: none are offered). Throws when the
 * answer has no snapshot, so the page says the host answered something else instead of showing nothing.
 */
export function readLab(body: JsonValue | undefined): LabState {
  if (!isObject(body) || !isObject(body.snapshot)) {
    throw new Error("The host's GET /api/lab answer has no 'snapshot' object.");
  }
  const snapshot = body.snapshot;
  return {
    snapshot,
    active: objects(snapshot.faults)
      .map(activeFault)
      .filter((f) => f !== undefined),
    catalog: objects(body.faults)
      .map(descriptor)
      .filter((f) => f !== undefined),
    actions: objects(body.actions)
      .map(action)
      .filter((a) => a !== undefined),
  };
}
