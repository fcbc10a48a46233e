// The Lab page against a running RunbookHost: an admin sees the sites, injects DnsServerStale from
// the fault catalogue (its server parameter prefilled with the lab's default), sees it active,
// clears it and sees no fault left. Then operator actions, by the operator when RUNBOOK_KEY_OPERATOR
// is given (who sees no inject form and no reset), else by the admin: re-enabling the CMS computer
// account is refused with the host's reason (it is enabled); with replication suspended (through the
// API), RestoreReplication from the page resumes it and the suspension is no longer listed.
//
//   RUNBOOK_URL=http://localhost:5080 RUNBOOK_KEY_ADMIN=... [RUNBOOK_KEY_OPERATOR=...] node e2e/lab.mjs
//
// RUNBOOK_KEY_ADMIN: a user with admin; RUNBOOK_KEY_OPERATOR: a user with operator and not admin.
// Expects no DnsServerStale active at the start (RUNBOOK_E2E_RESET_LAB=1 resets the lab first).
// Screenshots go to RUNBOOK_E2E_ARTIFACTS.
import { launch, log, requireEnv, run, screenshot, signIn } from './browser.mjs';

const baseUrl = requireEnv('RUNBOOK_URL').replace(/\/$/, '');
const adminKey = requireEnv('RUNBOOK_KEY_ADMIN');
const operatorKey = process.env.RUNBOOK_KEY_OPERATOR;
const fault = 'DnsServerStale';

async function api(method, path, body) {
  const headers = { Authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  const r = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!r.ok) throw new Error(`${method} ${path} -> ${r.status} ${await r.text()}`);
  return r.json();
}

/** Waits for `expected`, failing at once with the page's error banner when one shows instead. */
async function settle(expected) {
  const alert = expected.page().getByRole('alert');
  await expected.or(alert).first().waitFor({ timeout: 15000 });
  if ((await alert.count()) > 0) throw new Error(`the page shows an error: ${await alert.first().innerText()}`);
}

const browser = await launch();

await run('lab', async (pages) => {
  if (process.env.RUNBOOK_E2E_RESET_LAB === '1') await api('POST', '/api/lab/reset');
  const { snapshot, faults: catalog } = await api('GET', '/api/lab');
  const site = snapshot.sites[0].name;
  const server = catalog.find((f) => f.name === fault)?.parameters.find((p) => p.name === 'server')?.defaultValue;
  if (!server) throw new Error(`the host's catalogue has no ${fault} with a default server`);

  const page = await browser.context.newPage();
  pages.push(page);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  log('sign in as admin and open the lab');
  await signIn(page, baseUrl, adminKey);
  await page.getByRole('link', { name: 'Lab' }).click();
  await page.getByRole('article', { name: `Site ${site}` }).waitFor({ timeout: 15000 });
  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByText('No fault injected.').waitFor({ timeout: 15000 });

  log(`choose ${fault}`);
  await faults.getByLabel('Fault', { exact: true }).selectOption(fault);
  const input = faults.getByRole('textbox', { name: 'server', exact: true });
  const prefilled = await input.inputValue();
  if (prefilled !== server) throw new Error(`the server parameter shows "${prefilled}", not the default "${server}"`);
  await faults.getByText('The DNS server.').waitFor();

  log('inject it');
  await faults.getByRole('button', { name: 'Inject' }).click();
  const active = faults.getByRole('list', { name: 'Active faults' }).getByRole('listitem').filter({ hasText: fault });
  await settle(active.filter({ hasText: `server=${server}` }));
  await screenshot(page, 'lab-injected');

  log('clear it');
  await active.getByRole('button', { name: `Clear fault ${fault}` }).click();
  await settle(faults.getByText('No fault injected.'));

  let actor = page;
  if (operatorKey) {
    log('sign in as operator and open the lab: operator actions, but no inject form and no reset');
    actor = await browser.context.newPage();
    pages.push(actor);
    actor.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(actor, baseUrl, operatorKey);
    await actor.getByRole('link', { name: 'Lab' }).click();
    await actor.getByRole('region', { name: 'Faults' }).getByText('No fault injected.').waitFor({ timeout: 15000 });
    if ((await actor.getByRole('form', { name: 'Inject a fault' }).count()) > 0) throw new Error('the operator is offered the inject form');
    if ((await actor.getByRole('button', { name: 'Reset lab' }).count()) > 0) throw new Error('the operator is offered the lab reset');
  }
  const actorFaults = actor.getByRole('region', { name: 'Faults' });
  const actions = actor.getByRole('region', { name: 'Operator actions' });
  log('re-enable the CMS computer account: refused, it is enabled');
  await actions.getByLabel('Action', { exact: true }).selectOption('EnableCmsComputerAccount');
  const description = await actions.locator('#action-description').innerText();
  if (!description.includes('Asked for by: clear-local-cms › enableAccount.')) throw new Error(`the action's description does not name its manual step: ${description}`);
  await actions.getByRole('button', { name: 'Perform' }).click();
  await actions.getByRole('alert').filter({ hasText: 'already enabled in Active Directory' }).waitFor({ timeout: 15000 });
  await screenshot(actor, 'lab-action-refused');
  await actions.getByRole('button', { name: 'Dismiss error' }).click();

  log('replication suspended; restore it by hand from the page');
  await api('POST', '/api/lab/faults', { fault: 'ReplicationSuspended' });
  await actor.getByRole('button', { name: 'Refresh' }).click();
  await actorFaults.getByRole('list', { name: 'Active faults' }).getByRole('listitem').filter({ hasText: 'ReplicationSuspended' }).waitFor({ timeout: 15000 });
  await actions.getByLabel('Action', { exact: true }).selectOption('RestoreReplication');
  const group = await actions.getByLabel('group', { exact: true }).inputValue();
  if (group !== '*') throw new Error(`the group parameter shows "${group}", not the default "*"`);
  await actions.getByRole('button', { name: 'Perform' }).click();
  await settle(actions.getByRole('status', { name: 'Operator action result' }).filter({ hasText: 'is established again' }));
  await settle(actorFaults.getByText('No fault injected.'));
  await screenshot(actor, 'lab-action-performed');
  if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join('; ')}`);
  log('PASS lab');
});

await browser.close();
