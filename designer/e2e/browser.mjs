// Shared helpers of the designer's browser scripts: Debian's Chromium through playwright-core
// (never a downloaded browser), a fresh profile per launch, screenshots on failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.RUNBOOK_CHROMIUM || '/usr/bin/chromium';

/** Launches headless Chromium with a throw-away --user-data-dir; returns {context, close}. */
export async function launch({ width = 1280, height = 800 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'runbook-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width, height },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function log(...parts) {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${parts.join(' ')}\n`);
}

/** Where screenshots go (created on demand). */
export function artifactsDir() {
  const dir = process.env.RUNBOOK_E2E_ARTIFACTS || join(process.cwd(), 'e2e', 'artifacts');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function screenshot(page, name) {
  const file = join(artifactsDir(), `${name}.png`);
  await page.screenshot({ path: file, fullPage: false }).catch((e) => log('screenshot failed:', e.message));
  log('screenshot', file);
  return file;
}

/** Runs `body`; on failure takes a screenshot of each open page and exits non-zero. */
export async function run(name, body) {
  const pages = [];
  try {
    await body(pages);
  } catch (e) {
    log(`FAILED ${name}:`, e && e.stack ? e.stack : String(e));
    for (const [i, p] of pages.entries()) await screenshot(p, `${name}-failure-${i}`);
    process.exitCode = 1;
  }
}

export function requireEnv(name) {
  const v = process.env[name];
  if (!v) {
    log(`missing environment variable ${name}`);
    process.exit(2);
  }
  return v;
}

/** Signs a page in with an API key through the sign-in form. */
export async function signIn(page, baseUrl, key) {
  await page.goto(`${baseUrl}/#/workflows`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 15000 });
}

/** Serves the built dist/ with `vite preview` on a free-ish port; returns {url, stop}. */
export async function startPreview(port = Number(process.env.RUNBOOK_PREVIEW_PORT || 4179)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const child = spawn(join(root, 'node_modules', '.bin', 'vite'), ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => process.stderr.write(d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill() };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('vite preview did not start');
}
