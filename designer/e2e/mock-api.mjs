// A stand-in for the RunbookHost API, served through Playwright's request interception, so the
// designer can be exercised in Chromium without a host. Shapes are the host's: the activity catalogue
// and the lab are captures of the real GET /api/activities and GET /api/lab (test/fixtures), the rest
// follows what the host sends and refuses (unknown body fields, a rejected manual step, four eyes).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const workflowsDir = join(here, '..', '..', 'workflows');
const load = (name) => JSON.parse(readFileSync(join(workflowsDir, `${name}.json`), 'utf8'));

/** A shipped workflow as `workflows/` holds it (what the mock serves as its version 1). */
export const shippedWorkflow = load;

const fixtures = join(here, '..', 'test', 'fixtures');
const fixture = (name) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));

function validate(definition) {
  const errors = [];
  for (const a of definition.root.activities ?? []) {
    if (a.type === 'ManualStep') {
      for (const f of ['title', 'instructions']) {
        const v = a[f]?.expression;
        if (!v || (v.type === 'Literal' && !String(v.value ?? '').trim())) errors.push({ path: `root/${a.id}.${f}`, message: `Activity '${a.id}' (ManualStep): input '${f}' is required.` });
      }
    }
  }
  const targets = new Set((definition.root.connections ?? []).map((c) => c.target.activity));
  const roots = (definition.root.activities ?? []).filter((a) => !targets.has(a.id));
  if (roots.length > 1) errors.push({ path: 'root', message: `Flowchart 'flowchart' has several possible start activities (${roots.map((r) => r.id).join(', ')}); connect them or set 'start'.` });
  return { valid: errors.length === 0, errors };
}

/** The users as GET /api/me shows them (roles expanded as the host expands them: admin adds operator and viewer). */
export const MOCK_USERS = {
  'mock-key': { name: 'bob', roles: ['admin', 'approver', 'operator', 'viewer'] },
  'mock-admin-key': { name: 'ada', roles: ['admin', 'operator', 'viewer'] },
  'mock-viewer-key': { name: 'vera', roles: ['viewer'] },
};

const problem = (status, title, detail, errors) => ({ status, body: { title, status, detail, ...(errors ? { errors } : {}) } });
const invalid = (detail, errors) => problem(400, 'The request is not valid.', detail, errors);

/** The host's answer to a body with fields it does not take: 400 naming each. */
function unknownFields(body, allowed, detail) {
  const unknown = Object.keys(body ?? {}).filter((k) => !allowed.includes(k));
  return unknown.length === 0 ? undefined : invalid(detail, unknown.map((k) => ({ path: k, message: `'${k}' is not a field of this request; it takes ${allowed.join(', ')}.` })));
}

export function createMockApi() {
  // Every saved version of each definition (index = version - 1) and the published one.
  const history = new Map(['activation', 'failback', 'clear-local-cms'].map((n) => [n, [{ ...load(n), version: 1, isPublished: true, savedAt: '2024-04-01T09:00:00Z' }]]));
  const published = new Map([...history.keys()].map((id) => [id, 1]));
  const latest = (id) => history.get(id)?.at(-1);
  const asStored = (d) => {
    const { savedAt: _savedAt, ...rest } = d;
    return { ...rest, isPublished: published.get(d.definitionId) === d.version };
  };
  const catalogue = fixture('activities.json');
  const activation = latest('activation');
  const ids = activation.root.activities.map((a) => a.id);
  const run = {
    runId: 'r-0001', definitionId: 'activation', version: 1, status: 'Faulted', startedBy: 'alice', startedAt: '2024-05-01T10:00:00Z', finishedAt: null, fault: null,
    input: { standbySite: 'standby', failedSite: 'primary', cmsName: 'MBX-1' },
    activities: ids.slice(0, 6).map((id, i) => ({
      activityId: id, path: `flowchart/${id}`, type: activation.root.activities[i].type, status: i < 5 ? 'Completed' : 'Suspended', outcome: i < 5 ? (i === 0 ? 'Done' : 'Passed') : null,
      startedAt: '2024-05-01T10:00:01Z', completedAt: i < 5 ? '2024-05-01T10:00:02Z' : null, attempt: 1, error: null,
    })),
    pendingApprovals: [{ approvalId: 'ap-1', kind: 'approval', runId: 'r-0001', definitionId: 'activation', activityId: 'confirmFailure', title: 'Activate MBX-1 at the standby site?', instructions: 'Confirm that the primary site has failed.', requestedAt: '2024-05-01T10:00:03Z', startedBy: 'alice', allowedRoles: ['approver'], expiresAt: null }],
    incidents: [{ incidentId: 'in-1', runId: 'r-0001', activityId: 'checkRoles', path: 'flowchart/checkRoles', kind: 'Fault', message: 'cluster.exe exited with 5: access denied', openedAt: '2024-05-01T10:00:02Z', attempts: 3, status: 'open', resolution: null }],
  };
  const summary = ({ runId, definitionId, version, status, startedBy, startedAt, finishedAt, fault }) => ({ runId, definitionId, version, status, startedBy, startedAt, finishedAt, fault });
  const journal = [
    { seq: 1, at: '2024-05-01T10:00:00Z', kind: 'RunStarted', activityId: null, actor: 'alice', message: 'alice started activation v1.', data: { definitionId: 'activation', version: 1, input: run.input }, hash: 'aa11', prevHash: '0'.repeat(64) },
    { seq: 2, at: '2024-05-01T10:00:01Z', kind: 'CommandExecuted', activityId: 'checkRoles', actor: null, message: 'cluster.exe ran', data: { target: 'MBX-S1', commandLine: 'cluster.exe /cluster:CL-S group', exitCode: 0, output: 'Listing status for all available resource groups:\nCluster Group   MBX-S1   Online', durationMs: 812 }, hash: 'bb22', prevHash: 'aa11' },
    { seq: 3, at: '2024-05-01T10:00:03Z', kind: 'ApprovalRequested', activityId: 'confirmFailure', actor: null, message: 'Waiting for an approver.', data: { title: 'Activate?' }, hash: 'cc33', prevHash: 'bb22' },
  ];
  // The lab as the host answers GET /api/lab ({snapshot, faults: catalogue}), with DnsServerStale active.
  const lab = JSON.parse(readFileSync(join(here, '..', 'test', 'fixtures', 'lab.json'), 'utf8'));
  const requests = [];

  /** POST /api/lab/faults and DELETE /api/lab/faults/{name} as the host checks them (admin only); operator actions are not mocked. */
  function changeLab(method, p, body) {
    let m;
    if (p === '/api/lab/faults' && method === 'POST') {
      const refused = unknownFields(body, ['fault', 'parameters', 'enabled'], 'The fault was not changed.');
      if (refused) return refused;
      const entry = lab.faults.find((f) => f.name === body.fault);
      if (!entry) return invalid(`There is no lab fault '${body.fault}'.`, [{ path: 'fault', message: `There is no lab fault '${body.fault}'.` }]);
      const parameters = Object.fromEntries(entry.parameters.map((d) => [d.name, body.parameters?.[d.name] ?? d.defaultValue]).filter(([, v]) => v !== null));
      lab.snapshot.faults = lab.snapshot.faults.filter((f) => f.name !== entry.name || JSON.stringify(f.parameters) !== JSON.stringify(parameters));
      if (body.enabled !== false) lab.snapshot.faults.push({ name: entry.name, parameters, since: new Date().toISOString() });
      return { status: 200, body: lab.snapshot };
    }
    if ((m = /^\/api\/lab\/faults\/([^/]+)$/.exec(p)) && method === 'DELETE') {
      const name = decodeURIComponent(m[1]);
      const before = lab.snapshot.faults.length;
      lab.snapshot.faults = lab.snapshot.faults.filter((f) => f.name !== name);
      return lab.snapshot.faults.length === before ? { status: 404, body: { title: 'Not found.', status: 404, detail: `No '${name}' fault is active.` } } : { status: 200, body: lab.snapshot };
    }
    return { status: 404, body: { title: 'Not Found', status: 404, detail: `${method} ${p} is not mocked.` } };
  }

  /** POST /api/approvals/{id} with the host's checks: role, allowed roles, body fields, manual steps only done, four eyes. */
  function decide(approvalId, body, user) {
    const gate = run.pendingApprovals.find((a) => a.approvalId === approvalId);
    if (!gate) return problem(404, 'Not Found', `There is no approval '${approvalId}'.`);
    const manual = gate.kind === 'manualStep';
    const needed = manual ? 'operator' : 'approver';
    if (!user.roles.includes(needed)) return problem(403, 'Forbidden', `Deciding ${manual ? 'a manual step' : 'an approval'} needs the '${needed}' role.`);
    if (gate.allowedRoles?.length && !gate.allowedRoles.some((r) => user.roles.includes(r))) return problem(403, 'Forbidden', `This gate may be decided by ${gate.allowedRoles.join(' or ')} only.`);
    const refused = unknownFields(body, ['decision', 'comment'], 'The decision was not recorded.');
    if (refused) return refused;
    if (body?.decision !== 'approve' && body?.decision !== 'reject') return invalid('The decision was not recorded.', [{ path: 'decision', message: "'decision' must be 'approve' or 'reject'." }]);
    if (manual && body.decision === 'reject') return invalid('The decision was not recorded.', [{ path: 'decision', message: "A manual step can only be confirmed as done ('approve'); cancel the run or leave it waiting instead." }]);
    if (!manual && gate.startedBy.toLowerCase() === user.name.toLowerCase()) return problem(403, 'Forbidden', `Four eyes: ${user.name} started this run and cannot decide its approvals.`);
    run.pendingApprovals = run.pendingApprovals.filter((a) => a !== gate);
    return { status: 200, body: { approvalId, decision: body.decision, decidedBy: user.name, decidedAt: new Date().toISOString() } };
  }

  /** POST /api/runs: the published version (or the one named), its declared inputs only. */
  function startRun(body) {
    const refused = unknownFields(body, ['definitionId', 'version', 'input'], 'The run was not started.');
    if (refused) return refused;
    const versions = history.get(body?.definitionId);
    if (!versions) return problem(404, 'Not Found', `There is no workflow '${body?.definitionId}'.`);
    const version = body.version ?? published.get(body.definitionId);
    const definition = versions[version - 1];
    if (!definition) return problem(404, 'Not Found', `Workflow '${body.definitionId}' has no version ${version}.`);
    const declared = (definition.inputs ?? []).map((i) => i.name);
    const errors = Object.keys(body.input ?? {})
      .filter((k) => !declared.includes(k))
      .map((k) => ({ path: `input.${k}`, message: `Workflow '${body.definitionId}' has no input '${k}' (it has ${declared.join(', ') || 'none'}).` }));
    if (errors.length) return invalid(`The input of '${body.definitionId}' is not valid.`, errors);
    return { status: 202, body: { runId: run.runId } };
  }

  /** Answers one request: {status, body}; `key` is the Bearer key it carried. */
  function handle(method, path, body, key) {
    requests.push({ method, path, body });
    const url = new URL(path, 'http://x');
    const p = url.pathname;
    const user = MOCK_USERS[key];
    if (p !== '/health' && !user) return problem(401, 'Unauthorized', 'Send a valid API key.');
    let m;
    if (p === '/api/me') return { status: 200, body: user };
    if (p === '/api/activities') return { status: 200, body: catalogue };
    if (p === '/api/workflows' && method === 'GET') {
      return { status: 200, body: [...history.entries()].map(([id, vs]) => ({ definitionId: id, name: vs.at(-1).name, description: vs.at(-1).description, latestVersion: vs.length, publishedVersion: published.get(id) ?? null })) };
    }
    if (p === '/api/workflows/validate') return { status: 200, body: validate(body) };
    if ((m = /^\/api\/workflows\/([^/]+)\/versions$/.exec(p))) {
      const id = decodeURIComponent(m[1]);
      const vs = history.get(id);
      return vs ? { status: 200, body: vs.map((d) => ({ definitionId: id, version: d.version, isPublished: published.get(id) === d.version, savedAt: d.savedAt })) } : problem(404, 'Not Found', `There is no workflow '${id}'.`);
    }
    if ((m = /^\/api\/workflows\/([^/]+)\/versions\/([^/]+)$/.exec(p))) {
      const id = decodeURIComponent(m[1]);
      const d = history.get(id)?.[Number(m[2]) - 1];
      return d ? { status: 200, body: asStored(d) } : problem(404, 'Not Found', `Workflow '${id}' has no version ${m[2]}.`);
    }
    if ((m = /^\/api\/workflows\/([^/]+)\/publish$/.exec(p))) {
      const d = latest(decodeURIComponent(m[1]));
      if (!d) return problem(404, 'Not Found', `There is no workflow '${decodeURIComponent(m[1])}'.`);
      published.set(d.definitionId, d.version);
      return { status: 200, body: { definitionId: d.definitionId, version: d.version, isPublished: true } };
    }
    if ((m = /^\/api\/workflows\/([^/]+)$/.exec(p))) {
      const id = decodeURIComponent(m[1]);
      if (method === 'PUT') {
        const v = validate(body);
        if (!v.valid) return { status: 400, body: { title: 'The request is not valid.', status: 400, detail: `Workflow '${id}' was not saved: ${v.errors.length} problem(s).`, errors: v.errors } };
        const vs = history.get(id) ?? [];
        const version = vs.length + 1;
        history.set(id, [...vs, { ...body, definitionId: id, version, savedAt: new Date().toISOString() }]);
        return { status: 200, body: { definitionId: id, version, isPublished: false } };
      }
      const d = latest(id);
      return d ? { status: 200, body: asStored(d) } : problem(404, 'Not Found', `There is no workflow '${id}'.`);
    }
    if (p === '/api/runs' && method === 'POST') return startRun(body);
    if (p === '/api/runs') return { status: 200, body: { items: [summary(run), summary({ ...run, runId: 'r-0000', status: 'Completed', finishedAt: '2024-04-30T12:00:00Z' })], total: 2 } };
    if (p === `/api/runs/${run.runId}`) return { status: 200, body: run };
    if (p === `/api/runs/${run.runId}/journal`) return { status: 200, body: journal };
    if (p === `/api/runs/${run.runId}/report`) return { status: 200, body: `<html><body><h1>Run ${run.runId}</h1><p>activation v1</p></body></html>`, contentType: 'text/html' };
    if (p === `/api/runs/${run.runId}/events`) {
      // The journal, then `end` once the run has ended, as the host sends it.
      const records = journal.map((r) => `id: ${r.seq}\nevent: journal\ndata: ${JSON.stringify(r)}\n\n`).join('');
      return { status: 200, body: records + (run.finishedAt ? 'event: end\ndata: {}\n\n' : ''), contentType: 'text/event-stream' };
    }
    if (p === `/api/runs/${run.runId}/cancel` && method === 'POST') {
      const refused = unknownFields(body, ['reason'], 'The run was not cancelled.');
      return refused ?? { status: 202, body: { runId: run.runId, cancelRequestedBy: user.name, reason: body?.reason || 'no reason given' } };
    }
    if ((m = /^\/api\/runs\/r-0001\/incidents\/([^/]+)\/resolve$/.exec(p)) && method === 'POST') {
      const refused = unknownFields(body, ['action', 'outcome', 'comment'], 'The incident was not resolved.');
      if (refused) return refused;
      if (body.outcome !== undefined && body.action !== 'skip') return invalid('The incident was not resolved.', [{ path: 'outcome', message: `'outcome' is chosen only when skipping; ${body.action} does not take one.` }]);
      return { status: 202, body: { runId: run.runId, incidentId: m[1], action: body.action, outcome: body.outcome ?? null, resolvedBy: user.name } };
    }
    if (p === '/api/approvals' && method === 'GET') return { status: 200, body: run.pendingApprovals };
    if ((m = /^\/api\/approvals\/([^/]+)$/.exec(p)) && method === 'POST') return decide(decodeURIComponent(m[1]), body, user);
    if (p === '/api/lab') return { status: 200, body: lab };
    if (p.startsWith('/api/lab/')) {
      // Operator actions are an operator's (admin implies operator); faults and the reset an admin's.
      const needed = p === '/api/lab/actions' ? 'operator' : 'admin';
      return user.roles.includes(needed) ? changeLab(method, p, body) : problem(403, 'Forbidden', `This needs the '${needed}' role.`);
    }
    return problem(404, 'Not Found', `${method} ${p} is not mocked.`);
  }

  /** Installs the mock on a Playwright page or context. */
  async function install(target) {
    await target.route(/\/(api\/|health)/, async (route) => {
      const req = route.request();
      const url = new URL(req.url());
      let body;
      try {
        body = req.postData() ? JSON.parse(req.postData()) : undefined;
      } catch {
        body = undefined;
      }
      const key = (req.headers().authorization ?? '').replace(/^Bearer /, '');
      const r = handle(req.method(), url.pathname + url.search, body, key);
      const isText = typeof r.body === 'string';
      await route.fulfill({
        status: r.status,
        contentType: r.contentType ?? (r.status >= 400 ? 'application/problem+json' : 'application/json'),
        body: isText ? r.body : JSON.stringify(r.body),
      });
    });
  }

  /** Adds or replaces a definition as its only version, unpublished. */
  function put(definition) {
    history.set(definition.definitionId, [{ ...definition, version: 1, savedAt: '2024-04-01T09:00:00Z' }]);
    published.delete(definition.definitionId);
  }

  /** A run reaching a gate while the page is open: the gate is pending from now on. */
  function openGate(gate) {
    run.pendingApprovals.push({ runId: run.runId, definitionId: 'activation', requestedAt: new Date().toISOString(), startedBy: 'alice', allowedRoles: [], expiresAt: null, instructions: null, ...gate });
  }

  /** The run ends while the page is open: its stream sends the last record, then `end`. */
  function finishRun() {
    const at = new Date().toISOString();
    const last = journal.at(-1);
    journal.push({ seq: last.seq + 1, at, kind: 'RunCompleted', activityId: null, actor: null, message: 'Run completed.', data: null, hash: 'dd44', prevHash: last.hash });
    Object.assign(run, { status: 'Completed', finishedAt: at, pendingApprovals: [], incidents: [] });
  }

  return { install, requests, put, openGate, finishRun };
}
