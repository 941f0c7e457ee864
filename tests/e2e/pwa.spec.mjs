// Installable and offline: the manifest meets Chromium's install criteria; after one visit
// the service worker serves every screen with the server stopped, the lazily loaded ones too
// (their modules precached, never opened online); a screen whose module cannot be fetched says
// so and loads on "Try again"; a new deployment shows
// "A new version is ready", and reloading activates it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { journey, App, ARGS, DIST } from './fixtures.mjs';
import { serve } from './server.mjs';

const ctx = journey();

/// A context of its own, for a server of its own: fails on requests to other origins and on
/// page errors, like every journey.
async function own(url) {
  const context = await ctx.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const foreign = [];
  const errors = [];
  const origin = new URL(url).origin;
  context.on('request', (r) => {
    if (new URL(r.url()).origin !== origin) foreign.push(r.url());
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // Offline, the browser itself logs the failed update check of the worker script.
    if (m.type() === 'error' && !/sw\.js|Failed to fetch|ERR_CONNECTION_REFUSED/.test(m.text())) errors.push(m.text());
  });
  return {
    page,
    app: new App(page, url),
    done: async () => {
      await context.close();
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
    },
  };
}

/// Runs `body` with a server and a context of their own (`own`), and closes both after it.
async function withOwn(body) {
  const server = await serve(DIST);
  const { page, app, done } = await own(server.url);
  try {
    await body({ server, page, app });
  } finally {
    await server.close();
    await done();
  }
}

/// The lazily loaded modules the page itself has fetched (from the worker's cache or the
/// network; not the worker's own install), by name: `insights`, `settings`…
function modulesFetched(page) {
  return page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => /\/split_(\w+)-[0-9a-f]{16}\.wasm$/.exec(new URL(e.name).pathname)?.[1]).filter(Boolean),
  );
}

/// Waits until the page itself has fetched `module`'s wasm.
function moduleFetched(page, module, timeout) {
  return page.waitForFunction(
    (name) => performance.getEntriesByType('resource').some((e) => new RegExp(`/split_${name}-`).test(e.name)),
    module,
    { timeout },
  );
}

async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

test('the manifest meets Chromium install criteria', async () => {
  // Installability is never reported in incognito, which every other context is.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  const app = new App(page, ctx.url);
  await app.open('#/today');
  await controlled(page);
  const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.ok(manifest.icons.some((i) => i.sizes === '192x192') && manifest.icons.some((i) => i.sizes === '512x512'));
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  const { url, errors } = await cdp.send('Page.getAppManifest');
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  assert.deepEqual(installabilityErrors, []);
  assert.ok(url.endsWith('/some/path/manifest.webmanifest'), url);
  assert.deepEqual(errors, []);
});

test('after one visit, every screen works offline and a person added offline stays', async () => {
  const server = await serve(DIST);
  const { page, app, done } = await own(server.url);
  try {
    await app.open('#/today');
    await controlled(page);
    // Insights, Settings and Interviews (module `planner`) are loaded lazily (src/screens.rs):
    // this visit never opened them, and they reach the page in its quiet moments.
    const lazy = fs.readdirSync(DIST).filter((f) => /^split_(insights|settings|planner)-[0-9a-f]{16}\.wasm$/.test(f));
    assert.equal(lazy.length, 3, `the lazily loaded screens' modules: ${lazy}`);
    await server.close();
    for (const [hash, heading] of [['#/network', 'Network'], ['#/insights', 'Insights'], ['#/settings', 'Settings'], ['#/interviews', 'Interviews']]) {
      await page.goto(server.url + hash);
      const response = await page.reload();
      assert.ok(response.fromServiceWorker(), `${hash} came from the service worker`);
      await app.heading(heading).waitFor();
    }
    await app.addPerson({ Name: 'Offline Olga' });
    await page.getByText('Added Offline Olga.').waitFor();
    const response = await page.reload();
    assert.ok(response.fromServiceWorker());
    await app.nav('Network').click();
    await page.getByRole('link', { name: 'Offline Olga' }).waitFor();
  } finally {
    await server.close();
    await done();
  }
});

test('a screen whose module cannot be fetched says so, loses nothing, and loads on "Try again"', async () => {
  const server = await serve(DIST);
  const port = new URL(server.url).port;
  // No service worker: nothing is precached, so the module really has to come from the server.
  const context = await ctx.browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const app = new App(page, server.url);
  let again = null;
  try {
    await app.open('#/today');
    await app.addPerson({ Name: 'Kept Karl' });
    await page.getByText('Added Kept Karl.').waitFor();
    await app.heading('Kept Karl').waitFor();
    await server.close();
    await app.nav('Settings').click();
    await app.heading('This screen could not be loaded').waitFor();
    const alert = page.getByRole('alert').filter({ hasText: 'could not be fetched' });
    assert.match(await alert.innerText(), /Your data is safe and unchanged/);
    await app.screenshot('lazy-load-failed');
    again = await serve(DIST, { port: Number(port) });
    await page.getByRole('button', { name: 'Try again' }).click();
    await app.heading('Settings').waitFor();
    await app.nav('Network').click();
    await page.getByRole('link', { name: 'Kept Karl' }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
    if (again) await again.close();
  }
});

test('the first visit downloads the build once: the service worker reuses what the page fetched', async () => {
  const server = await serve(DIST);
  const { page, app, done } = await own(server.url);
  try {
    await app.open('#/today');
    await controlled(page);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('rapport-')));
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    });
    const built = fs.readdirSync(DIST).filter((f) => /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$/.test(f));
    assert.ok(built.some((f) => f.endsWith('.wasm')) && built.length >= 3, `hashed files: ${built}`);
    for (const f of built) {
      const at = new URL(f, server.url).pathname;
      assert.ok(cached.includes(at), `${f} is precached`);
      assert.equal(server.hits.get(at), 1, `${f} was downloaded once, not again by the service worker`);
    }
  } finally {
    await server.close();
    await done();
  }
});

// A new visitor's first screen is a question to read and answer: the other screens' modules
// are instantiated only after the user's first input and a quiet second (src/lib.rs), not
// while the page is being read (Lighthouse's mobile blocking time, issue 19). They were
// instantiated as soon as the worker had settled.
test('a first visit with nobody stored loads the other screens only after the first input', () =>
  withOwn(async ({ page, app }) => {
    await app.open('#/today');
    await controlled(page);
    // The preload used to start within a few frames of the worker settling.
    await page.waitForTimeout(2500);
    assert.deepEqual(await modulesFetched(page), [], 'no module loaded before any input');
    await page.keyboard.press('Tab');
    await moduleFetched(page, 'insights', 15_000);
    // Every module follows, one per quiet moment, so every screen opens without waiting.
    await moduleFetched(page, 'settings', 30_000);
  }));

// A name typed before the worker has settled is the first input: the preload follows once the
// user is quiet, with no second input (it waited for another one, which might never come).
test('a first visit: a name typed before the worker settles starts the preload once quiet', () =>
  withOwn(async ({ page, app }) => {
    await app.open('#/today');
    await page.getByLabel('Your name').pressSequentially('Ada');
    await controlled(page);
    await moduleFetched(page, 'insights', 15_000);
  }));

test('a new deployment shows the update prompt, and reloading activates it', async () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-dist-'));
  fs.cpSync(DIST, copy, { recursive: true });
  const server = await serve(copy);
  const { page, app, done } = await own(server.url);
  try {
    await app.open('#/today');
    await controlled(page);
    const before = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('rapport-')));
    assert.equal(before.length, 1);
    // Deploy "a new version": the worker's build id changes (no second release build needed).
    const sw = path.join(copy, 'sw.js');
    fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/const BUILD = '([0-9a-f]+)'/, "const BUILD = '$1next'"));
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'A new version is ready.' }).waitFor();
    await app.screenshot('update-ready');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
    await app.heading('Today').waitFor();
    const after = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('rapport-')));
    assert.deepEqual(after, [`${before[0]}next`], 'the new build took over and the old cache is gone');
  } finally {
    await server.close();
    await done();
    fs.rmSync(copy, { recursive: true, force: true });
  }
});

test('the release build carries a strict Content-Security-Policy', async () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(policy, 'a CSP meta');
  for (const directive of ["default-src 'self'", "connect-src 'self'", "img-src 'self' data: blob:", "object-src 'none'", "base-uri 'self'", "form-action 'none'"]) {
    assert.ok(policy.includes(directive), directive);
  }
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.ok(!/style="/.test(html), 'no inline style attributes');
  // The one inline stylesheet (the first paint needs no other request) is allowed by its hash.
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, body]) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  assert.equal(styles.length, 1, 'the stylesheet is inlined');
  assert.ok(policy.includes(`style-src 'self' ${styles[0]};`), `style-src names the stylesheet's hash: ${policy}`);
});

/// An address of this machine that is not loopback: a page served from it over plain http is
/// not a secure context, so the browser offers no service worker.
function lanAddress() {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

// Bug: served over plain http from another machine (dist/ on a LAN host), the page has no
// `navigator.serviceWorker`; registering the worker threw and the page stayed blank.
test('served over plain http from another machine, without a service worker, every screen works', async (t) => {
  const address = lanAddress();
  if (!address) return t.skip('this machine has no network address but loopback');
  const server = await serve(DIST, { host: '0.0.0.0' });
  const url = Object.assign(new URL(server.url), { hostname: address }).href;
  const { page, app, done } = await own(url);
  try {
    await app.open('#/today');
    assert.deepEqual(await page.evaluate(() => [window.isSecureContext, typeof navigator.serviceWorker]), [false, 'undefined']);
    await app.addPerson({ Name: 'Plain Http' });
    await page.getByText('Added Plain Http.').waitFor();
    // No clipboard either (a secure context's): Copy says to copy by hand, and nothing breaks.
    const id = new URL(page.url()).hash.split('/').pop();
    await page.goto(url + `#/outreach/${id}/reconnect`);
    const mine = page.getByRole('group', { name: 'About you' });
    await mine.getByLabel('Your name').fill('Sam');
    await mine.getByRole('button', { name: 'Fill in and save to my profile' }).click();
    await page.getByLabel('Message', { exact: true }).fill('Hi, it has been a while since we last spoke. How is the new role going? Sam');
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText("This page can't use the clipboard (it needs https): select the text and copy it by hand.").waitFor();
    for (const [link, heading] of [['Insights', 'Insights'], ['Settings', 'Settings'], ['Network', 'Network']]) {
      await app.nav(link).click();
      await app.heading(heading).waitFor();
    }
    await page.getByRole('link', { name: 'Plain Http' }).waitFor();
  } finally {
    await server.close();
    await done();
  }
});
