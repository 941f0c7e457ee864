// Exports: people as CSV (byte-order mark for Excel, formula guards) and as vCard, all or a
// selection, with the date in every file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('people export as CSV and vCard, all or a selection', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: '=HYPERLINK("http://evil.example")', Company: 'Fjord & Co, AS' });
  await page.getByText('Added =HYPERLINK').waitFor();
  await app.addPerson({ Name: 'Zoë Ørsted', 'Role or title': 'Head of Product' });
  await page.getByText('Added Zoë Ørsted.').waitFor();

  await app.open('#/import-export');
  const card = page.getByRole('region', { name: 'Export' });
  const csv = await app.download(() => card.getByRole('button', { name: 'People as CSV' }).click());
  assert.match(csv.name, /^rapport-people-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith('\ufeffName,Company,Role'), 'a byte-order mark for Excel by default');
  assert.ok(csv.text.includes(`"'=HYPERLINK(""http://evil.example"")","Fjord & Co, AS"`), csv.text);
  assert.ok(csv.text.includes('Zoë Ørsted,,Head of Product'));
  await card.getByLabel(/CSV for Excel/).uncheck();
  const plain = await app.download(() => card.getByRole('button', { name: 'People as CSV' }).click());
  assert.ok(plain.text.startsWith('Name,Company,Role'));

  const vcf = await app.download(() => card.getByRole('button', { name: 'People as vCard' }).click());
  assert.match(vcf.name, /^rapport-people-\d{4}-\d{2}-\d{2}\.vcf$/);
  assert.equal((vcf.text.match(/BEGIN:VCARD\r\nVERSION:3\.0\r\n/g) || []).length, 2);
  assert.ok(vcf.text.includes('FN:Zoë Ørsted\r\n') && vcf.text.includes('N:Ørsted;Zoë;;;\r\n'));
  assert.ok(vcf.text.includes('ORG:Fjord & Co\\, AS\r\n'));

  // A selection from the network list.
  await app.nav('Network').click();
  await page.getByLabel('Select Zoë Ørsted').check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await bulk.getByRole('heading', { name: '1 selected' }).waitFor();
  const one = await app.download(() => bulk.getByRole('button', { name: 'Export as vCard' }).click());
  assert.equal((one.text.match(/BEGIN:VCARD/g) || []).length, 1);
  assert.ok(one.text.includes('FN:Zoë Ørsted'));
  // The exported vCard imports back as the same people.
  await app.importFile({ name: one.name, mimeType: 'text/vcard', buffer: Buffer.from(one.text) });
  await page.getByRole('region', { name: 'Import preview' }).getByText('0 new people, 1 matching person already here, 0 rows skipped.').waitFor();
});

// The CSV and vCard writers are in the `data` module (src/screens.rs, `people_writer`), not in
// the first load: the network list's bulk export fetches it. When it can't be fetched, the bar
// says so and nothing is downloaded. While it comes, the bar says so and a second press starts
// no second download; then the file comes, once.
test('a bulk export whose module cannot be fetched says so, and the next try works', async () => {
  const { app, page } = ctx;
  let mode = 'abort';
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await ctx.context.route(/\/split_data-[0-9a-f]{16}\.wasm$/, async (route) => {
    if (mode === 'abort') return route.abort();
    await held;
    await route.continue();
  });
  ctx.allowErrors = (e) => /Failed to load resource|split_data|ERR_FAILED|TypeError: Failed to fetch/.test(e);
  await app.addPerson({ Name: 'Ada Lovelace', Company: 'Analytical Engines' });
  await page.getByText('Added Ada Lovelace.').waitFor();
  await app.nav('Network').click();
  await page.getByLabel('Select Ada Lovelace').check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await bulk.getByRole('button', { name: 'Export as CSV' }).click();
  await bulk.getByRole('alert').filter({ hasText: 'The export could not be loaded' }).waitFor();
  assert.equal(downloads.length, 0);

  mode = 'hold';
  await bulk.getByRole('button', { name: 'Export as CSV' }).click();
  await bulk.getByRole('status').filter({ hasText: 'Preparing the export…' }).waitFor();
  assert.equal(await bulk.getByRole('alert').count(), 0, 'the earlier message went with the new try');
  await bulk.getByRole('button', { name: 'Export as CSV' }).click();
  const first = page.waitForEvent('download');
  release();
  const download = await first;
  assert.match(download.suggestedFilename(), /^rapport-people-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await import('node:fs')).readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffName,Company'), text);
  assert.ok(text.includes('Ada Lovelace,Analytical Engines'), text);
  await bulk.getByRole('status').waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
  assert.equal(downloads.length, 1, 'the second press started a second download');
});
