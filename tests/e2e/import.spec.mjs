// Importing people: the LinkedIn and vCard fixtures in their real layouts preview correctly,
// land as connections on confirmation, can be dropped on the card, and bad files change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { journey, ROOT } from './fixtures.mjs';

const ctx = journey();
const FIXTURES = path.join(ROOT, 'core/tests/fixtures');
const people = async (app) => (await app.people()).map((p) => p.id);

test('LinkedIn connections and vCards import after a preview', async () => {
  const { app, page } = ctx;
  await app.importFile(path.join(FIXTURES, 'linkedin-connections.csv'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.getByText('4 new people, 0 matching people already here, 1 row skipped.').waitFor();
  await preview.getByText('Line 8: No name (the member hides it).').waitFor();
  // The first rows, as they will be stored.
  const rows = preview.getByRole('table', { name: 'The first people, as they will be stored' });
  await rows.getByRole('rowheader', { name: 'Tomás Ørsted' }).waitFor();
  await rows.getByText('Fjord & Co, AS').waitFor();
  assert.deepEqual(await people(app), [], 'nothing changes before confirming');
  await app.screenshot('import-preview');
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Imported 4 new people and updated 0.').waitFor();

  await app.nav('Network').click();
  await page.getByText('4 people').waitFor();
  const row = page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Tomás Ørsted' });
  await row.getByText('Connection', { exact: true }).waitFor();
  await row.getByText('Head of Product, Platform at Fjord & Co, AS').waitFor();
  await row.getByText('No interactions yet').waitFor();

  // The same file again: everyone matches, no one is added.
  await app.importFile(path.join(FIXTURES, 'linkedin-connections.csv'));
  await preview.getByText('0 new people, 4 matching people already here, 1 row skipped.').waitFor();
  await preview.getByRole('button', { name: 'Cancel' }).click();

  await app.importFile(path.join(FIXTURES, 'contacts.vcf'));
  await preview.getByText('2 new people, 0 matching people already here, 0 rows skipped.').waitFor();
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await app.nav('Network').click();
  await page.getByText('6 people').waitFor();
  await page.reload();
  await page.getByRole('link', { name: 'Dr. Chidi Okafor' }).waitFor();

  // Both imports are recorded, newest first.
  await app.open('#/import-export');
  const imports = page.getByRole('list', { name: 'Imports' }).getByRole('listitem');
  await imports.first().getByText('contacts.vcf · vCard contacts').waitFor();
  await imports.nth(1).getByText('linkedin-connections.csv · LinkedIn connections').waitFor();
  await imports.nth(1).getByText(/4 people added, 1 row skipped/).waitFor();
});

test('a file dropped on the card is previewed like a picked one', async () => {
  const { app, page } = ctx;
  await app.open('#/import-export');
  const text = fs.readFileSync(path.join(FIXTURES, 'contacts.vcf'), 'utf8');
  await page.getByLabel('Import people', { exact: true }).evaluate((card, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'contacts.vcf', { type: 'text/vcard' }));
    card.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    card.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, text);
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.getByText('2 new people, 0 matching people already here, 0 rows skipped.').waitFor();
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Imported 2 new people').waitFor();
  assert.equal((await people(app)).length, 2);
});

test('a whole import is undone from Import & export, keeping what was changed since', async () => {
  const { app, page } = ctx;
  await app.importFile(path.join(FIXTURES, 'linkedin-connections.csv'));
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Imported 4 new people').waitFor();
  // Log an interaction with one imported person: undoing the import must keep them.
  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Mei Chen' }).click();
  // The person's page, not the list (whose rows have their own "Log interaction" buttons).
  await app.heading('Mei Chen').waitFor();
  await app.logInteraction({ 'Topic (optional)': 'Coffee' });
  await page.getByText('Interaction logged.').waitFor();
  await app.open('#/import-export');
  const batch = page.getByRole('list', { name: 'Imports' }).getByRole('listitem').first();
  await batch.getByRole('button', { name: 'Undo this import' }).click();
  await batch.getByRole('button', { name: 'Yes, undo the import' }).click();
  await page.getByRole('status').filter({ hasText: 'Undid the import. Removed 3 people' }).first().waitFor();
  await page.getByText('Kept, because you changed them after the import: Mei Chen.').first().waitFor();
  await batch.getByText(/^Undone /).waitFor();
  await app.nav('Network').click();
  await page.getByText('1 person', { exact: true }).first().waitFor();
  await page.getByRole('link', { name: 'Mei Chen' }).waitFor();
  // Removing the import can itself be undone.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('4 people').waitFor();
  await page.reload();
  await page.getByText('4 people').waitFor();
});

test('bad files get a clear message and change nothing', async () => {
  const { app, page } = ctx;
  const input = await app.importInput();
  const alert = page.getByLabel('Import people', { exact: true }).getByRole('alert');
  const pick = async (name, buffer, expected) => {
    await input.setInputFiles({ name, mimeType: 'text/plain', buffer });
    await alert.getByText(expected).waitFor();
  };
  await pick('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), 'binary data');
  await pick('empty.csv', Buffer.from(''), 'The file is empty.');
  await pick('other.csv', Buffer.from('Name,Email\nAda,ada@example.com\n'), "isn't a LinkedIn connections export");
  await pick('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), "Rapport can't read “photo.png”");
  await pick('messages.csv', Buffer.from('CONVERSATION ID,CONVERSATION TITLE\r\n1,x\r\n'), 'lacks the columns FROM, TO, DATE');
  await pick('big.vcf', Buffer.alloc(21 * 1024 * 1024, 'A'), 'larger than 20 MB');
  await pick('backup.json', Buffer.from('{"format":"rapport-backup","schema":99,"exported":"2026-01-01T00:00:00Z"}'), 'newer version of Rapport');
  await pick('backup.json', Buffer.from('{"format":"rapport-backup",'), 'not valid JSON');
  assert.deepEqual(await people(app), []);

  // Broken quoting and invalid UTF-8: read what can be read, say what was not.
  const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
  await input.setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(header + 'Ana,Lima,,,Acme,CEO,01 Jan 2024\n"Bo,Ek,,,Acme,CTO,01 Jan 2024\n') });
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.getByText('1 new person, 0 matching people already here, 1 row skipped.').waitFor();
  await preview.getByText('Line 3: A quote opened in this row is never closed').waitFor();
  await input.setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.concat([Buffer.from(header), Buffer.from([0x4a, 0x6f, 0x73, 0xe9]), Buffer.from(',Nunez,,,Acme,CEO,01 Jan 2024\n')]) });
  // Not UTF-8: read as Windows-1252, as Excel saves it (it read "Jos�": issue 19's hostile test).
  await preview.getByText('read as Windows-1252').waitFor();
  await preview.getByText('José Nunez').first().waitFor();
  await preview.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(await people(app), []);
});

test('a file with many warnings shows its skipped rows first and the warnings ten at a time', async () => {
  const { app, page } = ctx;
  const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n';
  const rows = Array.from({ length: 15 }, (_, n) => `Person${n},Odd,,,Acme,CEO,sometime\n`).join('');
  // A name of nothing but a control character: skipped, after the 15 dates that can't be read.
  await app.importFile({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(header + rows + '\u0007,\u0007,,,Acme,CEO,01 Jan 2024\n') });
  const preview = page.getByRole('region', { name: 'Import preview' });
  const skipped = preview.getByRole('list', { name: 'Skipped rows' });
  const warnings = preview.getByRole('list', { name: 'Warnings' });
  await skipped.getByText('Line 17: No name').waitFor();
  assert.equal(await warnings.getByRole('listitem').count(), 10);
  // The skipped rows come before the warnings (they were under 600 warnings, 17,000 px down).
  const [s, w] = await Promise.all([skipped.boundingBox(), warnings.boundingBox()]);
  assert.ok(s.y < w.y, 'skipped rows first');
  await preview.getByText('Show the other 5 warnings').click();
  await preview.getByText('Line 16: “sometime” is not a date').waitFor();
  await preview.getByRole('button', { name: 'Cancel' }).click();
});
