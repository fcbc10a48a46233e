// A stand-in for the RunbookHost API, served through Playwright's request interception, so the
// designer can be exercised in Chromium before the host exists. Shapes follow the v1 contract.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const workflowsDir = join(here, '..', '..', 'workflows');
const load = (name) => JSON.parse(readFileSync(join(workflowsDir, `${name}.json`), 'utf8'));

const reserved = new Set(['id', 'type', 'version', 'name', 'metadata', 'resilience', 'activities', 'connections', 'body', 'start']);

/** Descriptors guessed from the shipped definitions, plus the flow and human activities as the engine declares them. */
function descriptors(definitions) {
  const byType = new Map();
  for (const d of definitions) {
    for (const a of d.root.activities) {
      const entry = byType.get(a.type) ?? { inputs: new Map(), outcomes: new Set() };
      for (const [k, v] of Object.entries(a)) if (!reserved.has(k) && v && v.expression) entry.inputs.set(k, v.typeName ?? 'String');
      for (const c of d.root.connections) if (c.source.activity === a.id) entry.outcomes.add(c.source.port);
      byType.set(a.type, entry);
    }
  }
  const list = [...byType.entries()].map(([type, e]) => ({
    type,
    category: /Fail|Log/.test(type) ? 'Primitives' : /Approval|ManualStep/.test(type) ? 'Human' : /^(Passive|Standby|Exchange|Primary|Replication|CmsName|Databases)/.test(type) ? 'Preflight' : 'Exchange',
    displayName: type.replace(/([a-z])([A-Z])/g, '$1 $2'),
    description: `The ${type} activity.`,
    inputs: [...e.inputs.entries()].map(([name, typeName]) => ({ name, typeName, required: name === 'message', defaultValue: null, description: `The ${name}.` })),
    outputs: [],
    outcomes: e.outcomes.size ? [...e.outcomes] : ['Done'],
    sideEffect: /Flip|Recover|Move|Set|Take|Bring|Clear|Upgrade|Install|Reverse/.test(type) ? 'NonIdempotent' : 'None',
  }));
  const fixed = [
    {
      type: 'ManualStep', category: 'Human', displayName: 'Manual step', description: 'Waits until an operator confirms that an instruction has been carried out.',
      inputs: [
        { name: 'title', typeName: 'String', required: true, defaultValue: null, description: 'Short name of the step.' },
        { name: 'instructions', typeName: 'String', required: true, defaultValue: null, description: 'What to do, precisely.', uiHint: 'multiline' },
        { name: 'allowedRoles', typeName: 'String[]', required: false, defaultValue: 'operator', description: 'Roles allowed to confirm.' },
      ],
      outputs: [], outcomes: ['Done'], sideEffect: 'None',
    },
    { type: 'Fork', category: 'Flow', displayName: 'Fork', description: 'Starts every named branch at once.', inputs: [{ name: 'branches', typeName: 'String[]', required: true, defaultValue: 'Branch 1,Branch 2', description: 'The branch names; each becomes an outcome port.' }], outputs: [], outcomes: ['Done'], sideEffect: 'None' },
    { type: 'Join', category: 'Flow', displayName: 'Join', description: 'Waits for all live inbound branches.', inputs: [{ name: 'mode', typeName: 'String', required: false, defaultValue: 'WaitAll', description: 'WaitAll or WaitAny.', options: ['WaitAll', 'WaitAny'] }], outputs: [], outcomes: ['Done'], sideEffect: 'None' },
    { type: 'Decision', category: 'Flow', displayName: 'Decision', description: 'Continues on True or False by a condition.', inputs: [{ name: 'condition', typeName: 'Boolean', required: true, defaultValue: null, description: 'The condition.', uiHint: 'javascript' }], outputs: [], outcomes: ['True', 'False'], sideEffect: 'None' },
    { type: 'Switch', category: 'Flow', displayName: 'Switch', description: 'Continues on the case(s) whose condition holds.', inputs: [{ name: 'cases', typeName: 'Object', required: true, defaultValue: null, description: 'Cases: a list of {label, condition}.' }, { name: 'mode', typeName: 'String', required: false, defaultValue: 'MatchFirst', description: 'Mode.', options: ['MatchFirst', 'MatchAny'] }], outputs: [], outcomes: ['Default'], sideEffect: 'None' },
    { type: 'Delay', category: 'Primitives', displayName: 'Delay', description: 'Waits for a while (durable timer).', inputs: [{ name: 'duration', typeName: 'TimeSpan', required: true, defaultValue: '00:05:00', description: 'How long to wait.' }], outputs: [], outcomes: ['Done'], sideEffect: 'None' },
  ];
  const fixedTypes = new Set(fixed.map((f) => f.type));
  return [...list.filter((d) => !fixedTypes.has(d.type)), ...fixed];
}

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

/** The key the mock treats as an admin's: it may inject and clear lab faults (any other key gets 403). */
export const MOCK_ADMIN_KEY = 'mock-admin-key';

export function createMockApi() {
  const definitions = new Map(['activation', 'failback', 'clear-local-cms'].map((n) => [n, load(n)]));
  const catalogue = descriptors([...definitions.values()]);
  const activation = definitions.get('activation');
  const ids = activation.root.activities.map((a) => a.id);
  const run = {
    runId: 'r-0001', definitionId: 'activation', version: 1, status: 'Suspended', startedBy: 'alice', startedAt: '2024-05-01T10:00:00Z', finishedAt: null,
    input: { standbySite: 'standby', failedSite: 'primary', cmsName: 'MBX-1' },
    activities: ids.slice(0, 6).map((id, i) => ({ activityId: id, type: activation.root.activities[i].type, status: i < 5 ? 'Completed' : 'Suspended', outcome: i < 5 ? (i === 0 ? 'Done' : 'Passed') : null, startedAt: '2024-05-01T10:00:01Z', completedAt: i < 5 ? '2024-05-01T10:00:02Z' : null })),
    pendingApprovals: [{ approvalId: 'ap-1', kind: 'approval', runId: 'r-0001', activityId: 'confirmFailure', title: 'Activate MBX-1 at the standby site?', instructions: 'Confirm that the primary site has failed.', requestedAt: '2024-05-01T10:00:03Z', startedBy: 'alice', allowedRoles: ['approver'], expiresAt: null }],
    incidents: [{ incidentId: 'in-1', runId: 'r-0001', activityId: 'checkRoles', kind: 'Fault', message: 'cluster.exe exited with 5: access denied', openedAt: '2024-05-01T10:00:02Z', attempts: 3, resolution: null }],
  };
  const journal = [
    { seq: 1, at: '2024-05-01T10:00:00Z', kind: 'RunStarted', activityId: null, actor: 'alice', message: 'alice started activation v1.', data: null, hash: 'aa11', prevHash: '' },
    { seq: 2, at: '2024-05-01T10:00:01Z', kind: 'CommandExecuted', activityId: 'checkRoles', actor: null, message: 'cluster.exe ran', data: { target: 'MBX-S1', commandLine: 'cluster.exe /cluster:CL-S group', exitCode: 0, output: 'Listing status for all available resource groups:\nCluster Group   MBX-S1   Online', durationMs: 812 }, hash: 'bb22', prevHash: 'aa11' },
    { seq: 3, at: '2024-05-01T10:00:03Z', kind: 'ApprovalRequested', activityId: 'confirmFailure', actor: null, message: 'Waiting for an approver.', data: { title: 'Activate?' }, hash: 'cc33', prevHash: 'bb22' },
  ];
  // The lab as the host answers GET /api/lab ({snapshot, faults: catalogue}), with DnsServerStale active.
  const lab = JSON.parse(readFileSync(join(here, '..', 'test', 'fixtures', 'lab.json'), 'utf8'));
  const requests = [];

  /** POST /api/lab/faults and DELETE /api/lab/faults/{name} as the host checks them (admin only). */
  function changeLab(method, p, body) {
    const invalid = (message, path = 'fault') => ({ status: 400, body: { title: 'The request is not valid.', status: 400, detail: message, errors: [{ path, message }] } });
    let m;
    if (p === '/api/lab/faults' && method === 'POST') {
      const unknown = Object.keys(body ?? {}).filter((k) => !['fault', 'parameters', 'enabled'].includes(k));
      if (unknown.length) return invalid(`'${unknown[0]}' is not a field of this request; it takes fault, parameters, enabled.`, unknown[0]);
      const entry = lab.faults.find((f) => f.name === body.fault);
      if (!entry) return invalid(`There is no lab fault '${body.fault}'.`);
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

  /** Answers one request: {status, body}; `key` is the Bearer key it carried. */
  function handle(method, path, body, key) {
    requests.push({ method, path, body });
    const url = new URL(path, 'http://x');
    const p = url.pathname;
    let m;
    if (p === '/api/me') return { status: 404, body: { title: 'Not Found', status: 404 } };
    if (p === '/api/activities') return { status: 200, body: catalogue };
    if (p === '/api/workflows' && method === 'GET') return { status: 200, body: [...definitions.values()].map((d) => ({ definitionId: d.definitionId, name: d.name, description: d.description, latestVersion: d.version, publishedVersion: d.isPublished ? d.version : null })) };
    if (p === '/api/workflows/validate') return { status: 200, body: validate(body) };
    if ((m = /^\/api\/workflows\/([^/]+)\/versions$/.exec(p))) return { status: 200, body: [{ version: 1, isPublished: true, createdAt: '2024-04-01T09:00:00Z', createdBy: 'seed' }] };
    if ((m = /^\/api\/workflows\/([^/]+)\/versions\/(\d+)$/.exec(p))) return { status: 200, body: definitions.get(decodeURIComponent(m[1])) };
    if ((m = /^\/api\/workflows\/([^/]+)\/publish$/.exec(p))) {
      const d = definitions.get(decodeURIComponent(m[1]));
      d.isPublished = true;
      return { status: 200, body: { definitionId: d.definitionId, version: d.version, isPublished: true } };
    }
    if ((m = /^\/api\/workflows\/([^/]+)$/.exec(p))) {
      const id = decodeURIComponent(m[1]);
      if (method === 'PUT') {
        const v = validate(body);
        if (!v.valid) return { status: 400, body: { title: 'The definition is not valid.', status: 400, errors: v.errors } };
        const version = (definitions.get(id)?.version ?? 0) + 1;
        definitions.set(id, { ...body, version, isPublished: false });
        return { status: 200, body: { definitionId: id, version, isPublished: false } };
      }
      const d = definitions.get(id);
      return d ? { status: 200, body: d } : { status: 404, body: { title: 'Not Found', status: 404, detail: `No workflow '${id}'.` } };
    }
    if (p === '/api/runs' && method === 'POST') return { status: 202, body: { runId: run.runId } };
    if (p === '/api/runs') return { status: 200, body: { items: [run, { ...run, runId: 'r-0000', status: 'Completed', finishedAt: '2024-04-30T12:00:00Z' }], total: 2 } };
    if (p === `/api/runs/${run.runId}`) return { status: 200, body: run };
    if (p === `/api/runs/${run.runId}/journal`) return { status: 200, body: journal };
    if (p === `/api/runs/${run.runId}/report`) return { status: 200, body: `<html><body><h1>Run ${run.runId}</h1><p>activation v1</p></body></html>`, contentType: 'text/html' };
    if (p === `/api/runs/${run.runId}/events`) return { status: 200, body: `data: ${JSON.stringify(journal[2])}\n\n`, contentType: 'text/event-stream' };
    if (p === '/api/approvals' && method === 'GET') return { status: 200, body: run.pendingApprovals };
    if ((m = /^\/api\/approvals\/([^/]+)$/.exec(p))) {
      return { status: 200, body: { approvalId: m[1], decision: body.decision, decidedBy: 'bob', decidedAt: '2024-05-01T10:05:00Z' } };
    }
    if (p === '/api/lab') return { status: 200, body: lab };
    if (p.startsWith('/api/lab/')) return key === MOCK_ADMIN_KEY ? changeLab(method, p, body) : { status: 403, body: { title: 'Forbidden', status: 403 } };
    return { status: 404, body: { title: 'Not Found', status: 404, detail: `${method} ${p} is not mocked.` } };
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

  /** Adds or replaces a definition, as a PUT would. */
  function put(definition) {
    definitions.set(definition.definitionId, { version: 1, isPublished: false, ...definition });
  }

  return { install, requests, put };
}
