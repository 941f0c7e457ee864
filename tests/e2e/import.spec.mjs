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
  await card.getByLabel('Choose a Connections.csv or .vcf file').setInputFiles(path.join(FIXTURES, 'linkedin-connections.csv'));
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
  await card.getByLabel('Choose a Connections.csv or .vcf file').setInputFiles(path.join(FIXTURES, 'linkedin-connections.csv'));
  await preview.getByText('0 new people, 4 matching people already here, 1 rows skipped.').waitFor();
  await preview.getByRole('button', { name: 'Cancel' }).click();

  await card.getByLabel('Choose a Connections.csv or .vcf file').setInputFiles(path.join(FIXTURES, 'contacts.vcf'));
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
  const input = page.getByLabel('Choose a Connections.csv or .vcf file');
  const alert = page.getByLabel('Import people', { exact: true }).getByRole('alert');
  await input.setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) });
  await alert.getByText('binary data').waitFor();
  await input.setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await alert.getByText('The file is empty.').waitFor();
  await input.setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Email\nAda,ada@example.com\n') });
  await alert.getByText("isn't a LinkedIn connections export").waitFor();
  assert.deepEqual(Object.keys(await app.stored()).filter((k) => k.startsWith('rapport.p.')), []);
});
