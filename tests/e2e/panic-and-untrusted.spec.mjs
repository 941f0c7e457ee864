// A panic never leaves a dead page: panic.js shows "your data is safe", reloads and exports
// straight from localStorage. Untrusted text (HTML, script, javascript: links) stays text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();
const XSS = '<img src=x onerror=alert(1)>';

test('a panic shows the recovery screen, which exports and reloads', async () => {
  const { app, page } = ctx;
  // The panic itself is reported by the browser (the wasm traps after the hook ran).
  ctx.allowErrors = (e) => /unreachable|panicked|a panic requested/.test(e);
  await app.addPerson({ Name: 'Ada Okafor' });
  await page.getByText('Added Ada Okafor.').waitFor();
  const before = await app.stored();
  await page.evaluate(() => { globalThis.__rapportTestPanic = true; });
  await page.goto(app.url + '#/__panic');
  const screen = page.getByRole('alertdialog', { name: 'Something went wrong — your data is safe' });
  await screen.waitFor();
  assert.match(await screen.getByLabel('Error details').inputValue(), /a panic requested by the test suite/);
  await app.screenshot('panic');
  const exported = await app.download(() => screen.getByRole('button', { name: 'Export my data (JSON)' }).click());
  assert.deepEqual(JSON.parse(exported.text), before, 'the export is exactly what is stored');
  await Promise.all([page.waitForEvent('load'), screen.getByRole('button', { name: 'Reload Rapport' }).click()]);
  await page.goto(app.url + '#/network');
  await page.getByRole('link', { name: 'Ada Okafor' }).waitFor();
  assert.deepEqual(await app.stored(), before, 'nothing changed');
});

test('HTML and script in every field are shown as text', async () => {
  const { app, page } = ctx;
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs += 1;
    await d.dismiss();
  });
  await app.addPerson({
    Name: XSS,
    Company: XSS,
    'Role or title': XSS,
    Department: XSS,
    Location: XSS,
    Tags: XSS,
    'Schools and groups': XSS,
    Notes: XSS,
  });
  await app.heading(XSS).waitFor();
  await app.logInteraction({ 'Topic (optional)': XSS, 'Notes (optional)': XSS });
  await page.getByText('Interaction logged.').waitFor();
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was made from the text');
  for (const hash of ['#/network', '#/today', '#/insights', '#/outreach']) {
    await page.goto(app.url + hash);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.locator('img[src="x"]').count(), 0, hash);
  }
  await page.goto(app.url + '#/network');
  await page.getByRole('link', { name: XSS }).waitFor();
  assert.equal(dialogs, 0);
});

test('javascript: and data: links are refused, and never become links when imported', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Link Test', 'Profile URL': 'javascript:alert(1)' });
  await page.getByText('Links starting with “javascript:” are not allowed').waitFor();
  await app.fillPerson({ 'Profile URL': 'data:text/html,<script>alert(1)</script>' });
  await page.getByRole('button', { name: 'Save person' }).click();
  await page.getByText('Links starting with “data:” are not allowed').waitFor();
  assert.deepEqual(await app.people(), []);

  const card = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mallory\r\nURL:javascript:alert(document.domain)\r\nEND:VCARD\r\n';
  await app.importFile({ name: 'evil.vcf', mimeType: 'text/vcard', buffer: Buffer.from(card) });
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Imported 1 new person').waitFor();
  await page.goto(app.url + '#/network');
  await page.getByRole('link', { name: 'Mallory' }).click();
  await app.heading('Mallory').waitFor();
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  await page.getByText('(not a web address, so not a link)').waitFor();
});
