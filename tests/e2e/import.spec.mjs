// Importing people: the LinkedIn and vCard fixtures in their real layouts preview correctly,
// land as connections on confirmation, and bad files change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { journey, ROOT } from './fixtures.mjs';

const ctx = journey();
const FIXTURES = path.join(ROOT, 'core/tests/fixtures');

test('LinkedIn connections and vCards import after a preview', async () => {
  const { app, page } = ctx;
  await app.open('#/settings');
  const card = page.getByLabel('Import people', { exact: true });
  await card.getByLabel('Choose a Connections.csv, a .vcf, or a Rapport backup (.json)').setInputFiles(path.join(FIXTURES, 'linkedin-connections.csv'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.getByText('4 new people, 0 matching people already here, 1 rows skipped.').waitFor();
  await preview.getByText('Line 8: No name (the member hides it).').waitFor();
  assert.deepEqual(Object.keys(await app.stored()).filter((k) => k.startsWith('rapport.p.')), [], 'nothing changes before confirming');
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Imported 4 new people and updated 0.').waitFor();

  await app.nav('Network').click();
  await page.getByText('4 people').waitFor();
  const row = page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Tomás Ørsted' });
  await row.getByText('Connection', { exact: true }).waitFor();
  await row.getByText('Head of Product, Platform at Fjord & Co, AS').waitFor();
  await row.getByText('No interactions yet').waitFor();

  // The same file again: everyone matches, no one is added.
  await app.nav('Settings').click();
  await card.getByLabel('Choose a Connections.csv, a .vcf, or a Rapport backup (.json)').setInputFiles(path.join(FIXTURES, 'linkedin-connections.csv'));
  await preview.getByText('0 new people, 4 matching people already here, 1 rows skipped.').waitFor();
  await preview.getByRole('button', { name: 'Cancel' }).click();

  await card.getByLabel('Choose a Connections.csv, a .vcf, or a Rapport backup (.json)').setInputFiles(path.join(FIXTURES, 'contacts.vcf'));
  await preview.getByText('2 new people, 0 matching people already here, 0 rows skipped.').waitFor();
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await app.nav('Network').click();
  await page.getByText('6 people').waitFor();
  await page.reload();
  await page.getByRole('link', { name: 'Dr. Chidi Okafor' }).waitFor();
});

test('bad files get a clear message and change nothing', async () => {
  const { app, page } = ctx;
  await app.open('#/settings');
  const input = page.getByLabel('Choose a Connections.csv, a .vcf, or a Rapport backup (.json)');
  const alert = page.getByLabel('Import people', { exact: true }).getByRole('alert');
  await input.setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) });
  await alert.getByText('binary data').waitFor();
  await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await alert.getByText('The file is empty.').waitFor();
  await input.setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Email\nAda,ada@example.com\n') });
  await alert.getByText("isn't a LinkedIn connections export").waitFor();
  assert.deepEqual(Object.keys(await app.stored()).filter((k) => k.startsWith('rapport.p.')), []);
});

test('export a backup, wipe, restore it, and find everything back', async () => {
  const { app, page } = ctx;
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await app.nav('Settings').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download everything (JSON)' }).first().click()]);
  const file = await download.path();
  assert.match(download.suggestedFilename(), /^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const before = await app.stored();
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await app.heading('Settings').waitFor();
  await page.getByLabel('Choose a Connections.csv, a .vcf, or a Rapport backup (.json)').setInputFiles(file);
  const preview = page.getByRole('region', { name: 'Restore preview' });
  await preview.getByText(/with 60 people, \d+ interactions, 8 employers and 10 interviews\./).waitFor();
  await preview.getByRole('button', { name: 'Confirm restore' }).click();
  await page.getByText('Merged the backup.').waitFor();
  await app.nav('Network').click();
  await page.getByText('60 people').waitFor();
  const after = await app.stored();
  // The same records are stored again (a restore also writes the profile and settings keys).
  const extra = (k) => k === 'rapport.profile' || k === 'rapport.settings';
  assert.deepEqual(Object.keys(after).filter((k) => !extra(k)).sort(), Object.keys(before).filter((k) => !extra(k)).sort());
  for (const key of Object.keys(before).filter((k) => k.startsWith('rapport.p.'))) {
    assert.deepEqual(JSON.parse(after[key]), JSON.parse(before[key]), key);
  }
  await page.reload();
  await page.getByText('60 people').waitFor();
});
