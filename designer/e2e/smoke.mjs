// Browser smoke test of the built designer against a mocked API (no host needed): serves dist/
// with `vite preview` (or uses RUNBOOK_URL), drives Chromium at 1280x800 through sign-in, the
// editor (palette drag, connect, inspector, validation, undo/redo, save), a run, approvals and the
// lab, and saves a screenshot of each page into e2e/artifacts (or RUNBOOK_E2E_ARTIFACTS).
//
//   npm run build && node e2e/smoke.mjs
import { launch, log, run, screenshot, startPreview } from './browser.mjs';
import { createMockApi, shippedWorkflow } from './mock-api.mjs';

function expect(condition, message) {
  if (!condition) throw new Error(`expectation failed: ${message}`);
}

let baseUrl = process.env.RUNBOOK_URL?.replace(/\/$/, '');
const preview = baseUrl ? undefined : await startPreview();
if (preview) baseUrl = preview.url;
const browser = await launch();
const mock = createMockApi();
await mock.install(browser.context);

await run('smoke', async (pages) => {
  const page = await browser.context.newPage();
  pages.push(page);
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  // Every EventSource the page opens, to check that none is left reconnecting to a finished run.
  await page.addInitScript(() => {
    const Native = window.EventSource;
    window.eventSources = [];
    window.EventSource = class extends Native {
      constructor(...args) {
        super(...args);
        window.eventSources.push(this);
      }
    };
  });

  log('sign-in page');
  await page.goto(`${baseUrl}/#/workflows`);
  await page.getByLabel('API key').waitFor();
  await screenshot(page, '01-sign-in');
  await page.getByLabel('API key').fill('mock-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  expect(mock.requests.some((r) => r.path === '/api/me'), 'probes GET /api/me');
  await screenshot(page, '02-workflows');

  log('editor');
  await page.getByRole('link', { name: 'Activate the standby site' }).click();
  await page.locator('[data-editor-ready="true"]').waitFor({ timeout: 20000 });
  const count = () => page.locator('.editor').getAttribute('data-node-count').then(Number);
  const nodes0 = await count();
  const shipped = shippedWorkflow('activation').root.activities.length;
  expect(nodes0 === shipped, `activation has its ${shipped} activities (got ${nodes0})`);
  await page.locator('.problems-count', { hasText: 'Valid' }).waitFor();
  await screenshot(page, '03-editor');

  log('drag a ManualStep from the palette');
  await page.getByRole('searchbox', { name: 'Search activities' }).fill('manual');
  await page.locator('[data-activity-type="ManualStep"]').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 420, y: 260 } });
  expect((await count()) === nodes0 + 1, 'drop adds a node');
  const newId = await page.locator('#activity-id').inputValue();
  expect(newId === 'manualStep1', `new id is manualStep1 (got ${newId})`);
  await page.locator('.field-invalid').first().waitFor({ timeout: 5000 });
  await page.locator('.react-flow__node.react-flow__node-activity .has-errors').first().waitFor();
  await screenshot(page, '04-new-step-invalid');

  log('fill its inputs');
  await page.locator(`#input-${newId}-title`).fill('Smoke check');
  await page.locator(`#input-${newId}-instructions`).fill('Check the smoke.');
  expect((await page.locator(`#input-${newId}-allowedRoles`).inputValue()) === 'operator', 'allowedRoles defaulted to operator');

  log('connect done.Done -> the new step by dragging between handles');
  const edges0 = await page.locator('.react-flow__edge').count();
  await page.locator('.react-flow__node[data-id="done"] .react-flow__handle[data-handleid="Done"]').dragTo(page.locator(`.react-flow__node[data-id="${newId}"] .react-flow__handle[data-handleid="In"]`));
  let connectedBy = 'handles';
  if ((await page.locator('.react-flow__edge').count()) === edges0) {
    connectedBy = 'inspector';
    await page.locator('.react-flow__node[data-id="done"]').click();
    await page.getByLabel('Connect outcome Done to').selectOption(newId);
  }
  expect((await page.locator('.react-flow__edge').count()) === edges0 + 1, 'one more edge');
  log('connected by', connectedBy);
  await page.locator('.problems-count', { hasText: 'Valid' }).waitFor({ timeout: 5000 });

  log('undo / redo the connection (keyboard)');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  expect((await page.locator('.react-flow__edge').count()) === edges0, 'undo removes the edge');
  await page.keyboard.press('Control+Shift+z');
  expect((await page.locator('.react-flow__edge').count()) === edges0 + 1, 'redo restores it');

  log('JavaScript editor and expression switcher');
  await page.locator(`.react-flow__node[data-id="${newId}"]`).click();
  await page.getByLabel('Expression type of title').selectOption('JavaScript');
  await page.locator('.cm-content[aria-label="title (JavaScript)"]').waitFor();
  await screenshot(page, '05-inspector-js');
  await page.getByLabel('Expression type of title').selectOption('Literal');

  log('save draft');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.locator('.status-text', { hasText: 'Saved draft v2' }).waitFor();
  const put = mock.requests.filter((r) => r.method === 'PUT').at(-1);
  const saved = put.body.root;
  expect(saved.connections.at(-1).source.activity === 'done' && saved.connections.at(-1).target.port === 'In', 'saved connection by port');
  expect(saved.activities.at(-1).title.expression.value === 'Smoke check', 'saved the title literal');

  log('auto-layout and delete');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await page.locator(`.react-flow__node[data-id="${newId}"]`).click();
  await page.keyboard.press('Delete');
  expect((await count()) === nodes0 + 1 - 1, 'Delete removes the selected node');
  await screenshot(page, '06-editor-after-layout');

  log('run view');
  await page.goto(`${baseUrl}/#/runs`);
  await page.getByRole('link', { name: 'r-0001' }).click();
  await page.locator('[data-testid="run-status"]').waitFor();
  await page.locator('.react-flow__node[data-id="checkConfig"] .status-completed').waitFor();
  await page.locator('form.gate[data-kind="approval"]').waitFor();
  await page.locator('form.incident').waitFor();
  await screenshot(page, '07-run');
  await page.getByRole('tab', { name: 'Commands' }).click();
  await page.getByText('cluster.exe /cluster:CL-S group').waitFor();
  await page.getByRole('tab', { name: 'Report' }).click();
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.frameLocator('iframe[title="Run report"]').getByText('Run r-0001').waitFor();
  await screenshot(page, '08-run-report');

  log('approvals inbox');
  await page.getByRole('link', { name: 'Approvals' }).click();
  await page.locator('form.gate[data-approval-id="ap-1"]').getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('status').filter({ hasText: 'Approved' }).waitFor();
  await screenshot(page, '09-approvals');
  log('approvals inbox: a gate a run reaches meanwhile shows up without Refresh');
  mock.openGate({ approvalId: 'ap-2', kind: 'manualStep', activityId: 'moveDisks', title: 'Move the disks into the CMS group' });
  await page.locator('form.gate[data-approval-id="ap-2"]').waitFor({ timeout: 15000 });

  log('lab: sites, DNS, the active fault and the inject form from the catalogue');
  await page.getByRole('link', { name: 'Lab' }).click();
  await page.getByRole('article', { name: 'Site standby' }).waitFor();
  await page.getByRole('region', { name: 'DNS' }).getByRole('cell', { name: '10.2.0.10', exact: true }).waitFor();
  const active = page.getByRole('list', { name: 'Active faults' });
  await active.getByText('DnsServerStale').waitFor();
  expect((await active.getByRole('listitem').count()) === 1, 'lists the one active fault, not the catalogue');
  await page.getByLabel('Fault', { exact: true }).selectOption('CmsNameAnswersElsewhere');
  const what = page.getByRole('combobox', { name: 'what', exact: true });
  const whatChoices = await what.locator('option').allTextContents();
  expect(JSON.stringify(whatChoices) === '["name","address"]' && (await what.inputValue()) === 'name', `a fault parameter with choices is a list starting at its default (got ${JSON.stringify(whatChoices)})`);
  await page.getByLabel('Fault', { exact: true }).selectOption('SiteIsolated');
  expect((await page.locator('#fault-param-site').inputValue()) === 'primary', 'the site parameter is prefilled with its default');
  await page.getByRole('button', { name: 'Inject' }).click();
  await active.getByText('SiteIsolated').waitFor();
  const injected = mock.requests.filter((r) => r.method === 'POST' && r.path === '/api/lab/faults').at(-1)?.body;
  const expected = { fault: 'SiteIsolated', parameters: { site: 'primary', consoleAccess: 'false', includeDns: 'false' } };
  expect(JSON.stringify(injected) === JSON.stringify(expected), `posts {fault, parameters} (got ${JSON.stringify(injected)})`);
  await screenshot(page, '10-lab');

  log('start a run: the published version with its declared inputs (the mock refuses others, as the host does)');
  await page.getByRole('link', { name: 'Workflows' }).click();
  await page.getByRole('row', { name: /Activate the standby site/ }).getByRole('button', { name: 'Start run…' }).click();
  await page.getByRole('dialog').getByText('v1').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Start run', exact: true }).click();
  await page.locator('[data-testid="run-status"]').waitFor();
  const started = mock.requests.filter((r) => r.method === 'POST' && r.path === '/api/runs').at(-1)?.body;
  expect(started?.version === 1 && Object.keys(started.input).join() === 'standbySite,failedSite,cmsName', `starts v1 with its inputs (got ${JSON.stringify(started)})`);

  log('run view: the run ends while it is watched; the stream is closed at its end event');
  mock.finishRun();
  await page.getByRole('status', { name: 'Run status Completed' }).waitFor({ timeout: 15000 });
  await page.locator('.live').getByText('finished').waitFor();
  const open = await page.evaluate(() => window.eventSources.filter((s) => s.readyState !== EventSource.CLOSED).length);
  expect(open === 0, `no event stream left open or reconnecting after the run ended (${open} open)`);
  await screenshot(page, '11-run-finished');

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(!overflow, 'no horizontal overflow at 1280x800');
  expect(consoleErrors.length === 0, `no page errors (${consoleErrors.join('; ')})`);
  log('PASS smoke');
});

await browser.close();
preview?.stop();
