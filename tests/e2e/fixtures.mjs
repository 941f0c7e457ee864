// Shared set-up for the journeys: the release build served under a sub-path, Debian's
// Chromium driven by playwright-core, and a record of every request and page error.
// Each journey fails if the app asks anything of another origin, or throws.
import { chromium } from 'playwright-core';
import { before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs/promises';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
// The journeys run against the release build with the test hooks (scripts/test builds it
// into target/e2e-dist); RAPPORT_DIST names another build.
export const DIST = path.resolve(ROOT, process.env.RAPPORT_DIST || 'target/e2e-dist');
export const SHOTS = path.join(ROOT, 'test-results');

export const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Direct pairing: WebRTC host candidates as addresses, not mDNS names (which a test
  // machine may not resolve). Pairing uses no ICE server either way.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/// Registers before/after hooks and returns a live handle: `ctx.page`, `ctx.url`, `ctx.app`.
export function journey() {
  const ctx = {};
  before(async () => {
    ctx.server = await serve(DIST);
    ctx.url = ctx.server.url;
    ctx.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ARGS,
    });
    await fs.mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  beforeEach(async () => {
    ctx.context = await ctx.browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
    ctx.foreign = [];
    ctx.errors = [];
    // A test that expects page errors says so for itself; the next test starts strict again.
    ctx.allowErrors = undefined;
    const origin = new URL(ctx.url).origin;
    ctx.context.on('request', (request) => {
      const u = new URL(request.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) ctx.foreign.push(request.url());
    });
    // Every Content-Security-Policy violation on any page fails the journey.
    await ctx.context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    ctx.context.on('page', untilMounted);
    ctx.page = await ctx.context.newPage();
    ctx.page.setDefaultTimeout(10_000);
    ctx.page.on('pageerror', (e) => ctx.errors.push(String(e)));
    ctx.page.on('console', (m) => {
      if (m.type() === 'error') ctx.errors.push(m.text());
    });
    ctx.app = new App(ctx.page, ctx.url);
  });
  afterEach(async () => {
    const violations = [];
    for (const page of ctx.context?.pages() ?? []) {
      violations.push(...(await page.evaluate(() => window.__csp ?? []).catch(() => [])));
    }
    await ctx.context?.close();
    assert.deepEqual(violations, [], 'the page broke its Content-Security-Policy');
    assert.deepEqual(ctx.foreign, [], 'the app requested something from another origin');
    assert.deepEqual(ctx.errors.filter((e) => !ctx.allowErrors?.(e)), [], 'the page logged errors');
  });
  return ctx;
}

/// index.html draws a static first screen (its header, tabs and Today's question) before the
/// wasm arrives (tests/e2e/boot.spec.mjs), so "the tabs are there" no longer means "the app
/// runs". A navigation by `goto` or `reload` returns once the app has mounted and removed that
/// screen; pass `waitUntil` to return earlier (the boot journeys do).
export function untilMounted(page) {
  for (const method of ['goto', 'reload']) {
    const original = page[method].bind(page);
    page[method] = async (...args) => {
      const options = method === 'goto' ? args[1] : args[0];
      const response = await original(...args);
      if (!options?.waitUntil) await page.locator('#boot').waitFor({ state: 'detached' });
      return response;
    };
  }
}

/// Page object for the whole app.
/// Holds back every request of `target` (a page or a context) matching `pattern` until the
/// returned `release()` is called: a lazily loaded module, or the main wasm, still on its way.
export async function hold(target, pattern) {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await target.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

export class App {
  constructor(page, url) {
    this.page = page;
    this.url = url;
  }

  async open(hash = '#/today') {
    await this.page.goto(this.url + hash);
    await this.page.getByRole('navigation', { name: 'Main' }).waitFor();
    // Not the static first screen's tabs: the app's (see `untilMounted`).
    await this.page.locator('#boot').waitFor({ state: 'detached' });
  }

  nav(name) {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
  }

  heading(name) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /// Every `rapport.*` key with its value, packed values unpacked to their JSON (sealed
  /// values, `~…`, stay as stored). `storedRaw` gives the text exactly as stored.
  async stored() {
    const raw = await this.storedRaw();
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, unpack(v)]));
  }

  /// The people stored in the buckets (`rapport.people.<bb>`, schema 3): live ones, and with
  /// `gone`, the tombstones.
  async people({ gone = false } = {}) {
    const stored = await this.stored();
    return Object.entries(stored)
      .filter(([k]) => k.startsWith('rapport.people.'))
      .flatMap(([, v]) => JSON.parse(v)[gone ? 'gone' : 'live'] ?? []);
  }

  async storedRaw() {
    return this.page.evaluate(() => {
      const out = {};
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k.startsWith('rapport.')) out[k] = localStorage.getItem(k);
      }
      return out;
    });
  }

  /// Fills the person form's fields by label and saves.
  async addPerson(fields) {
    await this.page.goto(this.url + '#/people/new');
    await this.heading('Add a person').waitFor();
    await this.fillPerson(fields);
    await this.page.getByRole('button', { name: 'Save person' }).click();
  }

  async fillPerson(fields) {
    for (const [label, value] of Object.entries(fields)) {
      const field = this.page.getByLabel(label, { exact: true });
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
  }

  /// Opens the "Log interaction" form on a person page and saves it with `fields`.
  async logInteraction(fields = {}) {
    await this.page.getByRole('button', { name: 'Log interaction', exact: true }).click();
    const form = this.page.getByRole('form', { name: 'Log interaction' });
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(label, { exact: true });
      if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption({ label: value });
      else await field.fill(value);
    }
    await form.getByRole('button', { name: 'Save interaction' }).click();
  }

  /// The file input of the Import card on Import & export (opened first when elsewhere).
  async importInput() {
    if (!this.page.url().endsWith('#/import-export')) await this.open('#/import-export');
    return this.page.getByLabel('Choose a file, or drop it here');
  }

  /// Picks `file` (a path, or { name, mimeType, buffer }) in the Import card.
  async importFile(file) {
    await (await this.importInput()).setInputFiles(file);
  }

  /// Adds "Kept Person", exports a backup, then adds "Added Later": the setting of the
  /// restore-over-everything journeys. Returns the backup download.
  async backupThenAddOne() {
    await this.addPerson({ Name: 'Kept Person' });
    await this.heading('Kept Person').waitFor();
    await this.nav('Settings').click();
    const backup = await this.download(() => this.page.getByRole('button', { name: 'Export everything (JSON)' }).click());
    await this.addPerson({ Name: 'Added Later' });
    await this.heading('Added Later').waitFor();
    return backup;
  }

  /// Restores a backup file over everything in this browser, from Settings.
  async restoreOverEverything(file) {
    await this.nav('Settings').click();
    await this.importFile(file);
    const preview = this.page.getByRole('region', { name: 'Restore preview' });
    await preview.getByLabel('Replace everything in this browser with the backup').check();
    await preview.getByRole('button', { name: 'Confirm restore' }).click();
    await this.page.getByText('Restored the backup.').waitFor();
  }

  /// Starts a download with `click` and returns { name, text }.
  async download(click) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), path: file, text: (await import('node:fs')).readFileSync(file, 'utf8') };
  }

  /// Waits until the network list holds `count` rows: a change draws a screenful at once
  /// and the rest of the page in the frames after (issue 19).
  async listDrawn(count) {
    await this.page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="People"] > li').length === n, count);
  }

  async screenshot(name, { fullPage = false } = {}) {
    await this.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  }
}

/// The bucket of a person's id in the stored layout (schema 3): FNV-1a of the id, low byte, as
/// two hex digits (core/src/store/mod.rs, `bucket_of`).
/// Writes a schema 3 store holding `people` (stored person records, each with an `id`)
/// before the app first runs in this tab: once per tab, under the sessionStorage flag `flag`,
/// so a reload keeps what the journey changed.
export async function seedPeople(page, people, flag = 'seeded') {
  const buckets = {};
  for (const p of people) (buckets[bucketOf(p.id)] ??= []).push(p);
  await page.addInitScript(({ buckets, flag }) => {
    if (sessionStorage.getItem(flag)) return;
    sessionStorage.setItem(flag, '1');
    localStorage.clear();
    localStorage.setItem('rapport.meta', '{"schema":3}');
    for (const [b, live] of Object.entries(buckets)) {
      live.sort((a, b) => a.id.localeCompare(b.id));
      localStorage.setItem(`rapport.people.${b}`, JSON.stringify({ live }));
    }
  }, { buckets, flag });
}

export function bucketOf(id) {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(id)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return (hash & 0xff).toString(16).padStart(2, '0');
}

/// The JSON of a packed stored value (`#`, then the length and deflated bytes, 15 bits per character; see
/// core/src/store/pack.rs); any other value as it is.
export function unpack(value) {
  if (!value.startsWith('#')) return value;
  const chars = [...value.slice(1)].map((c) => c.codePointAt(0) - 0x20);
  const lastBits = chars.shift();
  const bytes = [];
  let acc = 0;
  let bits = 0;
  chars.forEach((unit, i) => {
    const width = i === chars.length - 1 ? lastBits : 15;
    acc = (acc << width) | (unit >> (15 - width));
    bits += width;
    while (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
    acc &= (1 << bits) - 1;
  });
  // The original length comes first (LEB128), then raw deflate.
  let skip = 0;
  while (bytes[skip] & 0x80) skip++;
  return zlib.inflateRawSync(Buffer.from(bytes.slice(skip + 1))).toString('utf8');
}

/// Waits until `fn` returns truthy, polling; fails with `message` after the timeout.
export async function eventually(fn, message, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`${message} (last: ${JSON.stringify(last)})`);
}
