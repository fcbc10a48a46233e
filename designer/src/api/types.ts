/** Types of the RunbookHost REST API v1 (see ARCHITECTURE.md "API contract (v1)"). JSON is camelCase. */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type Role = 'viewer' | 'operator' | 'approver' | 'admin';

export type TypeName =
  | 'String'
  | 'Int32'
  | 'Int64'
  | 'Double'
  | 'Boolean'
  | 'TimeSpan'
  | 'String[]'
  | 'Object'
  | 'Object[]'
  | 'DateTimeOffset'
  | (string & {});

export type ExpressionType = 'Literal' | 'JavaScript' | 'Variable' | 'Input';
export const expressionTypes: readonly ExpressionType[] = ['Literal', 'JavaScript', 'Variable', 'Input'];

export interface Expression {
  type: ExpressionType | (string & {});
  value?: JsonValue;
}

/** An activity input as stored on the activity: `{typeName, expression}` (extra properties kept). */
export interface InputValue {
  typeName?: string;
  expression: Expression;
  [key: string]: unknown;
}

export interface Position {
  x: number;
  y: number;
}

/** One activity in Elsa 3's flat shape; every input is a property; unknown properties are kept. */
export interface ActivityJson {
  id: string;
  type: string;
  version?: number;
  name?: string;
  metadata?: { designer?: { position?: Position; [key: string]: unknown }; [key: string]: unknown };
  activities?: ActivityJson[];
  connections?: ConnectionJson[];
  body?: ActivityJson;
  [key: string]: unknown;
}

export interface Endpoint {
  activity: string;
  port: string;
}

export interface ConnectionJson {
  source: Endpoint;
  target: Endpoint;
  [key: string]: unknown;
}

export interface WorkflowInputDeclaration {
  name: string;
  typeName?: string;
  displayName?: string;
  description?: string;
  required?: boolean;
  defaultValue?: JsonValue;
  [key: string]: unknown;
}

export interface WorkflowDefinition {
  definitionId: string;
  name?: string;
  description?: string;
  version?: number;
  isPublished?: boolean;
  inputs?: WorkflowInputDeclaration[];
  variables?: { name: string; typeName?: string; value?: JsonValue; [key: string]: unknown }[];
  root: ActivityJson;
  [key: string]: unknown;
}

export interface WorkflowSummary {
  definitionId: string;
  name?: string;
  description?: string;
  latestVersion?: number;
  publishedVersion?: number | null;
}

/** One entry of `GET /api/workflows/{id}/versions`; fields beyond `version` are optional. */
export interface WorkflowVersionSummary {
  version: number;
  isPublished?: boolean;
  createdAt?: string;
  createdBy?: string;
  savedAt?: string;
  savedBy?: string;
  [key: string]: unknown;
}

export interface SaveResult {
  definitionId: string;
  version: number;
  isPublished: boolean;
}

export interface InputDescriptor {
  name: string;
  typeName: TypeName;
  required: boolean;
  defaultValue?: JsonValue;
  description?: string;
  displayName?: string | null;
  options?: string[] | null;
  uiHint?: string | null;
}

export interface OutputDescriptor {
  name: string;
  typeName: string;
  description?: string;
}

export interface ActivityDescriptor {
  type: string;
  category: string;
  displayName: string;
  description: string;
  inputs: InputDescriptor[];
  outputs: OutputDescriptor[];
  outcomes: string[];
  sideEffect: 'None' | 'Idempotent' | 'NonIdempotent' | (string & {});
  isComposite?: boolean;
}

export interface ValidationError {
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export type RunStatus = 'Running' | 'Suspended' | 'Faulted' | 'Completed' | 'Cancelled';
export const runStatuses: readonly RunStatus[] = ['Running', 'Suspended', 'Faulted', 'Completed', 'Cancelled'];

export interface RunSummary {
  runId: string;
  definitionId: string;
  version?: number;
  status: RunStatus;
  startedBy?: string;
  startedAt?: string;
  finishedAt?: string | null;
  /** Why the run ended faulted (a Fail activity's message, an abort); null otherwise. */
  fault?: string | null;
  [key: string]: unknown;
}

/** One activity execution of a run; `status` is Waiting, Executing, Suspended, RetryPending, Faulted, Completed or Cancelled. */
export interface RunActivity {
  activityId: string;
  /** Unique in the run (differs from the id inside ForEach iterations), e.g. `flowchart/recover`. */
  path?: string;
  type?: string;
  status: string;
  /** Several outcomes (a Fork's branches) come comma separated. */
  outcome?: string | string[] | null;
  startedAt?: string | null;
  completedAt?: string | null;
  attempt?: number;
  /** The last error, when it failed. */
  error?: string | null;
}

export interface Approval {
  approvalId: string;
  kind: 'approval' | 'manualStep';
  runId: string;
  definitionId?: string;
  activityId: string;
  title?: string;
  instructions?: string;
  requestedAt?: string;
  startedBy?: string;
  allowedRoles?: string[];
  expiresAt?: string | null;
}

export interface Incident {
  incidentId: string;
  runId?: string;
  activityId: string;
  path?: string;
  kind?: 'Fault' | 'InDoubt' | (string & {});
  message?: string;
  openedAt?: string;
  attempts?: number;
  status?: 'open' | 'resolved' | (string & {});
  resolution?: { action: string; outcome?: string | null; comment?: string; resolvedBy?: string; resolvedAt?: string } | null;
  [key: string]: unknown;
}

export interface RunDetail extends RunSummary {
  input?: JsonObject;
  activities: RunActivity[];
  pendingApprovals: Approval[];
  incidents: Incident[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface JournalRecord {
  seq: number;
  at: string;
  kind: string;
  activityId?: string | null;
  actor?: string | null;
  message: string;
  data?: JsonObject | null;
  hash: string;
  prevHash: string;
}

export interface CommandExecutedData {
  target?: string;
  commandLine?: string;
  exitCode?: number;
  output?: string;
  durationMs?: number;
}

export interface DecisionResult {
  approvalId: string;
  decision: string;
  decidedBy: string;
  decidedAt: string;
}

export type IncidentAction = 'retry' | 'skip' | 'abort';

/** `GET /api/me` (requested from the host; optional). */
export interface Me {
  name: string;
  roles: string[];
}

/** An RFC 7807 problem, with RunbookHost's `errors[]`. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ValidationError[];
}

/**
 * One parameter of a lab fault or operator action: a missing value takes `defaultValue` on the host;
 * `choices`, when not null, are the only values it takes.
 */
export interface LabParameter {
  name: string;
  description: string;
  defaultValue: string | null;
  choices: string[] | null;
}

/** One parameter of an injectable lab fault (the host requires none: each has a default or means nothing when left out). */
export type LabFaultParameter = LabParameter;

/** A fault the lab can inject: `GET /api/lab` -> `faults[]` (the catalogue). */
export interface LabFaultDescriptor {
  name: string;
  description: string;
  failureMode: string;
  parameters: LabFaultParameter[];
}

/** A fault injected now: `GET /api/lab` -> `snapshot.faults[]`. */
export interface LabActiveFault {
  name: string;
  parameters: Record<string, string>;
  since: string;
}

/** One parameter of a lab operator action; a `required` one has no default and must be given. */
export interface LabActionParameter extends LabParameter {
  required: boolean;
}

/**
 * What an administrator does by hand at a site that the lab can perform: `GET /api/lab` -> `actions[]`.
 * `manualSteps` are the runbook manual steps (`definitionId/activityId`) that ask for it.
 */
export interface LabActionDescriptor {
  name: string;
  description: string;
  manualSteps: string[];
  parameters: LabActionParameter[];
}

/**
 * `GET /api/lab` (`{snapshot, faults, actions}`) as the lab view uses it: the snapshot (sites, replication,
 * DNS, ... kept as JSON), the faults active in it, the catalogue of injectable faults and the operator actions.
 */
export interface LabState {
  snapshot: JsonObject;
  active: LabActiveFault[];
  catalog: LabFaultDescriptor[];
  actions: LabActionDescriptor[];
}

/** The body of `POST /api/lab/faults`; the host refuses any other field. */
export interface LabFaultRequest {
  fault: string;
  parameters: Record<string, string>;
  enabled?: boolean;
}

/** The body of `POST /api/lab/actions`; the host refuses any other field. */
export interface LabActionRequest {
  action: string;
  parameters: Record<string, string>;
}

/** What `POST /api/lab/actions` answers: what the action did (a sentence), with the snapshot after it (409 with the reason when refused). */
export interface LabActionOutcome {
  action: string;
  message: string;
  snapshot: JsonObject;
}
