import type {
  ActivityDescriptor,
  Approval,
  DecisionResult,
  IncidentAction,
  Incident,
  JournalRecord,
  JsonObject,
  JsonValue,
  LabActionOutcome,
  LabActionRequest,
  LabFaultRequest,
  LabState,
  Me,
  Page,
  Problem,
  RunDetail,
  RunSummary,
  SaveResult,
  ValidationError,
  ValidationResult,
  WorkflowDefinition,
  WorkflowSummary,
  WorkflowVersionSummary,
} from './types';
import { readLab } from './lab';

/** A failed API call: HTTP status plus the problem+json body (title, detail, errors[]). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly errors: ValidationError[];

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.errors = problem.errors ?? [];
  }

  /** A one-line explanation suitable for a banner. */
  get summary(): string {
    const head =
      this.status === 401
        ? 'Not signed in or the API key is not valid (401).'
        : this.status === 403
          ? 'Forbidden (403): your API key does not have the role this action needs.'
          : this.status === 0
            ? 'The server could not be reached.'
            : `${this.problem.title ?? 'Request failed'} (${this.status})`;
    const detail = this.problem.detail && this.problem.detail !== this.problem.title ? ` ${this.problem.detail}` : '';
    return head + detail;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a problem body. RunbookHost sends `errors: [{path, message}]`; ASP.NET's default
 * validation problem sends `errors: {field: [messages]}`: both become a list.
 */
export function toProblem(status: number, body: unknown, fallbackTitle: string): Problem {
  if (!isRecord(body)) {
    return { status, title: fallbackTitle, detail: typeof body === 'string' && body.length < 500 ? body : undefined };
  }
  const errors: ValidationError[] = [];
  const raw = body.errors;
  if (Array.isArray(raw)) {
    for (const e of raw) {
      if (isRecord(e)) errors.push({ path: String(e.path ?? ''), message: String(e.message ?? '') });
    }
  } else if (isRecord(raw)) {
    for (const [path, messages] of Object.entries(raw)) {
      for (const m of Array.isArray(messages) ? messages : [messages]) errors.push({ path, message: String(m) });
    }
  }
  return {
    type: typeof body.type === 'string' ? body.type : undefined,
    title: typeof body.title === 'string' ? body.title : fallbackTitle,
    status: typeof body.status === 'number' ? body.status : status,
    detail: typeof body.detail === 'string' ? body.detail : undefined,
    errors,
  };
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ClientOptions {
  baseUrl?: string;
  apiKey: string;
  fetch?: FetchLike;
}

/** The typed REST client. Every call sends `Authorization: Bearer <key>`. */
export class ApiClient {
  readonly baseUrl: string;
  readonly apiKey: string;
  private readonly fetchImpl: FetchLike;

  constructor(options: ClientOptions) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.apiKey = options.apiKey;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  private async send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.apiKey}`, Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, { title: 'Network error', detail: e instanceof Error ? e.message : String(e) });
    }
    if (!response.ok) {
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      throw new ApiError(response.status, toProblem(response.status, parsed, response.statusText || `HTTP ${response.status}`));
    }
    return response;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  // --- identity -------------------------------------------------------------------------
  /** `GET /api/me` when the host has it; `null` when it answers 404/405 (not implemented). */
  async me(): Promise<Me | null> {
    try {
      return await this.json<Me>('GET', '/api/me');
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
      throw e;
    }
  }

  health(): Promise<{ status: string }> {
    return this.json('GET', '/health');
  }

  // --- catalogue and definitions -------------------------------------------------------
  activities(): Promise<ActivityDescriptor[]> {
    return this.json('GET', '/api/activities');
  }

  workflows(): Promise<WorkflowSummary[]> {
    return this.json('GET', '/api/workflows');
  }

  workflow(definitionId: string): Promise<WorkflowDefinition> {
    return this.json('GET', `/api/workflows/${enc(definitionId)}`);
  }

  versions(definitionId: string): Promise<WorkflowVersionSummary[]> {
    return this.json('GET', `/api/workflows/${enc(definitionId)}/versions`);
  }

  version(definitionId: string, version: number): Promise<WorkflowDefinition> {
    return this.json('GET', `/api/workflows/${enc(definitionId)}/versions/${version}`);
  }

  saveDraft(definition: WorkflowDefinition): Promise<SaveResult> {
    return this.json('PUT', `/api/workflows/${enc(definition.definitionId)}`, definition);
  }

  publish(definitionId: string): Promise<SaveResult> {
    return this.json('POST', `/api/workflows/${enc(definitionId)}/publish`);
  }

  validate(definition: WorkflowDefinition): Promise<ValidationResult> {
    return this.json('POST', '/api/workflows/validate', definition);
  }

  plan(definitionId: string, input: JsonObject): Promise<JsonValue> {
    return this.json('POST', `/api/workflows/${enc(definitionId)}/plan`, { input });
  }

  // --- runs ------------------------------------------------------------------------------
  startRun(definitionId: string, input: JsonObject, version?: number): Promise<{ runId: string }> {
    return this.json('POST', '/api/runs', version === undefined ? { definitionId, input } : { definitionId, version, input });
  }

  runs(query: { status?: string; definitionId?: string; skip?: number; take?: number }): Promise<Page<RunSummary>> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return this.json('GET', `/api/runs${qs ? `?${qs}` : ''}`);
  }

  run(runId: string): Promise<RunDetail> {
    return this.json('GET', `/api/runs/${enc(runId)}`);
  }

  journal(runId: string): Promise<JournalRecord[]> {
    return this.json('GET', `/api/runs/${enc(runId)}/journal`);
  }

  verifyJournal(runId: string): Promise<{ valid: boolean; records: number }> {
    return this.json('GET', `/api/runs/${enc(runId)}/journal/verify`);
  }

  incidents(runId: string): Promise<Incident[]> {
    return this.json('GET', `/api/runs/${enc(runId)}/incidents`);
  }

  cancel(runId: string, reason: string): Promise<unknown> {
    return this.json('POST', `/api/runs/${enc(runId)}/cancel`, { reason });
  }

  resolveIncident(runId: string, incidentId: string, action: IncidentAction, comment: string, outcome?: string): Promise<unknown> {
    const body = outcome === undefined ? { action, comment } : { action, outcome, comment };
    return this.json('POST', `/api/runs/${enc(runId)}/incidents/${enc(incidentId)}/resolve`, body);
  }

  /** Fetches the report with the key in a header (a plain link could not send it). */
  async report(runId: string, format: 'html' | 'csv' | 'json'): Promise<Blob> {
    const accept = format === 'html' ? 'text/html' : format === 'csv' ? 'text/csv' : 'application/json';
    const response = await this.send('GET', `/api/runs/${enc(runId)}/report?format=${format}`, undefined, accept);
    return response.blob();
  }

  /**
   * The SSE URL. EventSource cannot send headers, so the key travels as `?access_token=`
   * (a host requirement beyond the contract; see the designer README).
   */
  eventsUrl(runId: string): string {
    return `${this.baseUrl}/api/runs/${enc(runId)}/events?access_token=${encodeURIComponent(this.apiKey)}`;
  }

  // --- approvals -------------------------------------------------------------------------
  approvals(query: { status?: string; runId?: string } = { status: 'pending' }): Promise<Approval[]> {
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    if (query.runId) params.set('runId', query.runId);
    return this.json('GET', `/api/approvals?${params.toString()}`);
  }

  decide(approvalId: string, decision: 'approve' | 'reject', comment: string): Promise<DecisionResult> {
    return this.json('POST', `/api/approvals/${enc(approvalId)}`, { decision, comment });
  }

  // --- lab -------------------------------------------------------------------------------
  /** The lab's snapshot, its active faults and the catalogue of injectable faults. */
  async lab(): Promise<LabState> {
    return readLab(await this.json<JsonValue>('GET', '/api/lab'));
  }

  /** Injects (or, with `enabled: false`, clears) a fault; answers the new snapshot. */
  injectFault(request: LabFaultRequest): Promise<JsonObject> {
    return this.json('POST', '/api/lab/faults', request);
  }

  /** Clears every active fault of that name; answers the new snapshot (404 when none is active). */
  clearFault(name: string): Promise<JsonObject> {
    return this.json('DELETE', `/api/lab/faults/${enc(name)}`);
  }

  /** Performs an operator action (what an administrator does by hand at a site); 409 with the reason when it makes no sense now. */
  performLabAction(request: LabActionRequest): Promise<LabActionOutcome> {
    return this.json('POST', '/api/lab/actions', request);
  }

  resetLab(): Promise<JsonObject> {
    return this.json('POST', '/api/lab/reset');
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
