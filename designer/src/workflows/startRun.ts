import type { ApiClient } from '../api/client';
import type { JsonObject, JsonValue, WorkflowDefinition, WorkflowInputDeclaration, WorkflowVersionSummary } from '../api/types';
import { coerce } from '../graph/defaults';

/** The version new runs start: the published one, or undefined when none is. */
export function publishedVersion(versions: readonly WorkflowVersionSummary[]): number | undefined {
  return versions.find((v) => v.isPublished)?.version;
}

/**
 * The definition a run would start: the published version, whose inputs the host checks the run's
 * input against (the latest version may be a draft with other inputs). Throws when none is published.
 */
export async function definitionToStart(client: ApiClient, definitionId: string): Promise<WorkflowDefinition & { version: number }> {
  const version = publishedVersion(await client.versions(definitionId));
  if (version === undefined) throw new Error(`Workflow '${definitionId}' has no published version: publish one first.`);
  const definition = await client.version(definitionId, version);
  return { ...definition, version };
}

/** The text a field starts with: the input's default. */
export function initialText(input: WorkflowInputDeclaration): string {
  const d = input.defaultValue;
  if (d === undefined || d === null) return '';
  return typeof d === 'string' ? d : JSON.stringify(d);
}

function parseValue(text: string, typeName: string | undefined): JsonValue {
  if (typeName === 'String' || typeName === undefined || typeName === 'TimeSpan' || typeName === 'DateTimeOffset') return text;
  if (typeName === 'String[]' && !text.trim().startsWith('[')) return coerce(text, 'String[]');
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return coerce(text, typeName);
  }
}

/** The run's input: every declared input whose field is filled, by its type; empty fields take the host's default. */
export function runInput(declarations: readonly WorkflowInputDeclaration[], values: Readonly<Record<string, string>>): JsonObject {
  const input: JsonObject = {};
  for (const decl of declarations) {
    const text = values[decl.name] ?? '';
    if (text !== '') input[decl.name] = parseValue(text, decl.typeName);
  }
  return input;
}
