// Accessibility: every main screen, light and dark, at desktop and phone width, is scanned
// with axe-core (no serious or critical violation) and photographed for a look by eye.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { journey, ROOT } from './fixtures.mjs';

const ctx = journey();
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const SCREENS = [
  ['#/today', 'Today', 'today'],
  ['#/network', 'Network', 'network'],
  ['#/interviews', 'Interviews', 'interviews'],
  ['#/outreach', 'Outreach', 'outreach'],
  ['#/insights', 'Insights', 'insights'],
  ['#/settings', 'Settings', 'settings'],
  ['#/import-export', 'Import & export', 'import-export'],
  ['#/duplicates', 'Possible duplicates', 'duplicates'],
  ['#/glossary', 'Glossary', 'glossary'],
  ['#/review', 'Who do you actually know?', 'review-done'],
];

async function scan(page) {
  // Evaluated through the driver, which the page's CSP does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const scheme of ['light', 'dark']) {
  test(`every screen passes axe in ${scheme} theme, at desktop and phone width`, async () => {
    const { app, page } = ctx;
    await page.emulateMedia({ colorScheme: scheme });
    await app.open('#/network');
    await page.getByRole('button', { name: 'Try a sample network' }).click();
    await page.getByText('60 people').waitFor();
    const person = page.getByRole('list', { name: 'People' }).getByRole('link').first();
    const personHref = await person.getAttribute('href');
    await page.goto(app.url + '#/interviews');
    await app.heading('Interviews').waitFor();
    const employerHref = await page.locator('a[href^="#/employers/"]').first().getAttribute('href');
    const interviewHref = await page.locator('a[href^="#/interviews/"]').first().getAttribute('href');
    const personId = personHref.split('/').pop();
    const screens = [
      ...SCREENS,
      [personHref, null, 'person'],
      ['#/people/new', 'Add a person', 'person-form'],
      [employerHref, null, 'employer'],
      [interviewHref, null, 'interview'],
      [`${interviewHref}/prep`, null, 'prep'],
      [`#/outreach/${personId}`, null, 'write-to'],
      [`#/outreach/${personId}/reconnect`, null, 'compose'],
      ['#/method', 'The method behind the checks', 'method'],
    ];
    const problems = [];
    for (const width of [1200, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
      for (const [hash, heading, name] of screens) {
        await page.goto(app.url + hash);
        if (heading) await app.heading(heading).waitFor();
        else await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForTimeout(100);
        const found = await scan(page);
        if (found.length) problems.push({ screen: name, width, found });
        await app.screenshot(`screen-${name}-${scheme}-${width}`, { fullPage: width === 360 });
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('the first run and the review pass axe, light and dark, at desktop and phone width', async () => {
  const { app, page } = ctx;
  const rows = ['First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < 25; i++) rows.push(`Ana${i},Axe${i},,,Company ${i},Role ${i},01 Jan 2024`);
  const problems = [];
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1200, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
      await app.open('#/today');
      if (scheme === 'light' && width === 1200) {
        await page.getByRole('region', { name: 'Welcome to Rapport' }).waitFor();
        const found = await scan(page);
        if (found.length) problems.push({ screen: 'first-run', width, scheme, found });
        await page.getByRole('button', { name: 'Skip the questions' }).click();
        await app.importFile({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
        await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Confirm import' }).click();
        await page.getByRole('region', { name: 'Review who you know' }).waitFor();
      }
      await page.goto(app.url + '#/review');
      await page.locator('#review-name').waitFor();
      const found = await scan(page);
      if (found.length) problems.push({ screen: 'review', width, scheme, found });
      await app.screenshot(`screen-review-${scheme}-${width}`, { fullPage: width === 360 });
    }
  }
  assert.deepEqual(problems, []);
});

test('the command palette passes axe, light and dark', async () => {
  const { app, page } = ctx;
  const problems = [];
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.keyboard.press('Control+k');
  await page.waitForFunction(() => document.activeElement?.id === 'palette-input');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await page.keyboard.type('log a');
    await page.getByRole('listbox', { name: 'Results' }).getByRole('option').first().waitFor();
    const found = await scan(page);
    if (found.length) problems.push({ scheme, found });
    await app.screenshot(`palette-${scheme}`);
    await page.keyboard.press('Escape');
  }
  assert.deepEqual(problems, []);
});

test('the page never scrolls sideways at 360 px', async () => {
  const { app, page } = ctx;
  await page.setViewportSize({ width: 360, height: 780 });
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  for (const [hash, heading] of SCREENS) {
    await page.goto(app.url + hash);
    await app.heading(heading).waitFor();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${hash} is ${wide}px wide`);
  }
});

test('the lock screens pass axe, light and dark, at desktop and phone width', async () => {
  const { app, page } = ctx;
  await app.open('#/settings');
  const card = page.getByRole('region', { name: 'Passphrase lock' });
  await card.getByRole('button', { name: 'Turn on the lock…' }).click();
  const problems = [];
  const check = async (name) => {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const width of [1200, 360]) {
        await page.setViewportSize({ width, height: width === 360 ? 780 : 900 });
        await page.waitForTimeout(100);
        const found = await scan(page);
        if (found.length) problems.push({ screen: name, scheme, width, found });
        await app.screenshot(`screen-${name}-${scheme}-${width}`, { fullPage: width === 360 });
      }
    }
  };
  await card.scrollIntoViewIfNeeded();
  await check('lock-turn-on');
  const form = page.getByRole('region', { name: 'Turn on the lock' });
  await form.getByLabel('Passphrase (at least 8 characters)').fill('river lantern orbit');
  await form.getByLabel('The same passphrase again').fill('river lantern orbit');
  await form.getByLabel('I understand that a forgotten passphrase can\'t be recovered').check();
  await form.getByRole('button', { name: 'Turn on the lock' }).click();
  await card.getByRole('status').getByText('The lock is on.').waitFor();
  await card.getByRole('button', { name: 'Change passphrase…' }).click();
  await card.scrollIntoViewIfNeeded();
  await check('lock-on');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Rapport is locked' }).waitFor();
  await page.getByText('Forgot your passphrase?').click();
  await check('unlock');
  assert.deepEqual(problems, []);
});
