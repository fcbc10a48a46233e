// End-to-end scenario against a running RunbookHost (the designer served at "/").
//
//   RUNBOOK_URL=http://localhost:5080 RUNBOOK_KEY_ADMIN=... RUNBOOK_KEY_APPROVER=... node e2e/scenario.mjs
//
// RUNBOOK_KEY_ADMIN: a user with admin and operator (edits, publishes, starts, confirms manual steps).
// RUNBOOK_KEY_APPROVER: another user with approver (four eyes: the starter cannot approve).
// Optional: RUNBOOK_E2E_ARTIFACTS (screenshots; default e2e/artifacts), RUNBOOK_E2E_TIMEOUT_S (run
// completion, default 300), RUNBOOK_E2E_RESET_LAB=1 (POST /api/lab/reset first).
import { launch, log, requireEnv, run, screenshot, signIn } from './browser.mjs';

const baseUrl = requireEnv('RUNBOOK_URL').replace(/\/$/, '');
const adminKey = requireEnv('RUNBOOK_KEY_ADMIN');
const approverKey = requireEnv('RUNBOOK_KEY_APPROVER');
const timeoutMs = Number(process.env.RUNBOOK_E2E_TIMEOUT_S || 300) * 1000;
const definitionId = process.env.RUNBOOK_E2E_WORKFLOW || 'activation';

async function api(method, path, key, body) {
  const r = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path} -> ${r.status} ${await r.text()}`);
  const text = await r.text();
  return text ? JSON.parse(text) : undefined;
}

const admin = await launch();
const approver = await launch();

await run('scenario', async (pages) => {
  if (process.env.RUNBOOK_E2E_RESET_LAB === '1') await api('POST', '/api/lab/reset', adminKey);
  const a = await admin.context.newPage();
  const b = await approver.context.newPage();
  pages.push(a, b);

  log('sign in (admin, approver)');
  await signIn(a, baseUrl, adminKey);
  await signIn(b, baseUrl, approverKey);

  log(`open ${definitionId}`);
  await a.goto(`${baseUrl}/#/workflows/${definitionId}`);
  await a.locator('[data-editor-ready="true"]').waitFor({ timeout: 30000 });
  const before = Number(await a.locator('.editor').getAttribute('data-node-count'));

  log('add a ManualStep from the palette (drag and drop)');
  const item = a.locator('[data-activity-type="ManualStep"]');
  await item.dragTo(a.locator('.react-flow__pane'), { targetPosition: { x: 300, y: 200 } });
  if (Number(await a.locator('.editor').getAttribute('data-node-count')) === before) {
    log('drag did not add a node; pressing the palette entry instead');
    await item.click();
  }
  const newId = await a.locator('#activity-id').inputValue();
  log('added', newId);

  log('set its inputs');
  await a.locator(`#input-${newId}-title`).fill('E2E check');
  await a.locator(`#input-${newId}-instructions`).fill('Confirm that the e2e scenario reached the end of the runbook.');

  log('connect done.Done -> new step');
  const edges = () => a.locator('.react-flow__edge').count();
  const edgesBefore = await edges();
  await a.locator('.react-flow__node[data-id="done"]').scrollIntoViewIfNeeded().catch(() => undefined);
  const source = a.locator('.react-flow__node[data-id="done"] .react-flow__handle[data-handleid="Done"]');
  const target = a.locator(`.react-flow__node[data-id="${newId}"] .react-flow__handle[data-handleid="In"]`);
  try {
    await source.dragTo(target, { timeout: 5000 });
  } catch (e) {
    log('handle drag failed:', e.message);
  }
  if ((await edges()) === edgesBefore) {
    log('dragging between handles did not connect; using the inspector of "done"');
    await a.locator('.react-flow__node[data-id="done"]').click();
    await a.getByLabel('Connect outcome Done to').selectOption(newId);
  }

  log('wait for server validation');
  await a.locator('.problems-count', { hasText: 'Valid' }).waitFor({ timeout: 15000 }).catch(async () => {
    throw new Error(`definition not valid: ${await a.locator('.editor-status').innerText()}`);
  });

  log('save draft and publish');
  await a.getByRole('button', { name: 'Save draft' }).click();
  await a.locator('.status-text', { hasText: 'Saved draft' }).waitFor({ timeout: 15000 });
  await a.getByRole('button', { name: 'Publish' }).click();
  await a.locator('.status-text', { hasText: 'Published' }).waitFor({ timeout: 15000 });

  log('start a run');
  await a.getByRole('button', { name: 'Start run…' }).click();
  await a.getByRole('dialog').getByRole('button', { name: 'Start run' }).click();
  await a.waitForURL(/#\/runs\/[^/]+$/, { timeout: 15000 });
  const runId = decodeURIComponent(a.url().split('#/runs/')[1]);
  log('run', runId);

  const deadline = Date.now() + timeoutMs;
  let status = '';
  const confirmed = [];
  while (Date.now() < deadline) {
    status = (await a.locator('[data-testid="run-status"]').innerText().catch(() => '')).trim();
    if (status === 'Completed' || status === 'Cancelled') break;
    if (status === 'Faulted' && (await a.locator('.incident').count()) > 0) throw new Error('the run raised an incident');
    if (status === 'Faulted') break;

    const manual = a.locator('form.gate[data-kind="manualStep"]');
    if ((await manual.count()) > 0) {
      const title = await manual.first().locator('strong').innerText();
      log('confirm manual step:', title);
      confirmed.push(title);
      await manual.first().getByLabel('Comment').fill('done by e2e');
      await manual.first().getByRole('button', { name: 'Mark done' }).click();
      await a.waitForTimeout(500);
      continue;
    }
    const pending = await api('GET', `/api/approvals?status=pending&runId=${encodeURIComponent(runId)}`, approverKey);
    const approval = pending.find((p) => p.kind === 'approval' && p.runId === runId);
    if (approval) {
      log('approve as the second user:', approval.title ?? approval.activityId);
      await b.goto(`${baseUrl}/#/approvals`);
      const form = b.locator(`form.gate[data-approval-id="${approval.approvalId}"]`);
      await form.waitFor({ timeout: 15000 });
      await form.getByLabel('Comment').fill('approved by e2e (second pair of eyes)');
      await form.getByRole('button', { name: 'Approve' }).click();
      await b.getByRole('status').filter({ hasText: 'Approved' }).waitFor({ timeout: 15000 });
      continue;
    }
    await a.waitForTimeout(1000);
  }
  log('final status', status);
  if (status !== 'Completed') throw new Error(`run ended as "${status || 'unknown'}" (or timed out)`);
  if (!confirmed.includes('E2E check')) throw new Error(`the run completed without reaching the added step (confirmed: ${confirmed.join(', ')})`);

  log('open the report');
  await a.getByRole('tab', { name: 'Report' }).click();
  await a.getByRole('button', { name: 'Show report' }).click();
  const frame = a.frameLocator('iframe[title="Run report"]');
  await frame.locator('body').waitFor({ timeout: 15000 });
  const text = await frame.locator('body').innerText();
  if (!text.includes(runId)) throw new Error('the report does not show the run id');
  if (!text.includes('E2E check')) throw new Error('the report does not list the added manual step');
  await screenshot(a, 'scenario-report');
  log('PASS scenario');
});

await admin.close();
await approver.close();
