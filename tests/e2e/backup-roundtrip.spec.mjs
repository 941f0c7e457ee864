// The whole round trip a user relies on: import LinkedIn connections, see them as
// connections, export a backup, delete everything, restore the backup, find everything back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { journey, ROOT } from './fixtures.mjs';

const ctx = journey();
const FIXTURES = path.join(ROOT, 'core/tests/fixtures');

test('import, export a backup, wipe, restore, and find everything back', async () => {
  const { app, page } = ctx;
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await app.importFile(path.join(FIXTURES, 'linkedin-connections.csv'));
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Imported 4 new people').waitFor();
  await app.nav('Network').click();
  await page.getByText('64 people').waitFor();
  const row = page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Priya Raman' });
  await row.getByText('Connection', { exact: true }).waitFor();

  await app.nav('Settings').click();
  const backup = await app.download(() => page.getByRole('button', { name: 'Export everything (JSON)' }).click());
  assert.match(backup.name, /^rapport-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const before = await app.stored();

  // Wipe: typed confirmation, with the export offered first.
  await page.getByRole('button', { name: 'Delete everything…' }).click();
  const wipe = page.getByRole('region', { name: 'Delete everything' });
  await wipe.getByRole('button', { name: 'Download everything first (JSON)' }).waitFor();
  await wipe.getByLabel('Type DELETE to confirm').fill('delete');
  await wipe.getByRole('button', { name: 'Delete everything' }).click();
  await wipe.getByRole('alert').getByText('Type DELETE in capitals').waitFor();
  assert.ok(Object.keys(await app.stored()).length > 0, 'nothing is deleted without the typed word');
  await wipe.getByLabel('Type DELETE to confirm').fill('DELETE');
  await wipe.getByRole('button', { name: 'Delete everything' }).click();
  await page.getByText('Everything was deleted from this browser.').waitFor();
  assert.deepEqual(await app.stored(), {});
  await page.reload();
  await app.nav('Network').click();
  await page.getByRole('button', { name: 'Try a sample network' }).waitFor();

  await app.importFile(backup.path);
  const preview = page.getByRole('region', { name: 'Restore preview' });
  await preview.getByText(/with 64 people, \d+ interactions, 8 employers and 10 interviews\./).waitFor();
  await preview.getByRole('button', { name: 'Confirm restore' }).click();
  await page.getByText('Merged the backup.').waitFor();
  const after = await app.stored();
  const extra = (k) => k === 'rapport.profile' || k === 'rapport.settings';
  assert.deepEqual(Object.keys(after).filter((k) => !extra(k)).sort(), Object.keys(before).filter((k) => !extra(k)).sort());
  // Interactions on one day may come back in another order within a person's list.
  const normal = (key, text) => {
    const value = JSON.parse(text);
    if (key.startsWith('rapport.interactions.')) {
      for (const shard of Object.values(value)) for (const list of ['live', 'gone']) shard[list]?.sort((a, b) => a.id.localeCompare(b.id));
    }
    return value;
  };
  for (const key of Object.keys(before).filter((k) => !extra(k) && k !== 'rapport.meta')) {
    assert.deepEqual(normal(key, after[key]), normal(key, before[key]), key);
  }
  await page.reload();
  await app.nav('Network').click();
  await page.getByText('64 people').waitFor();
  await page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Priya Raman' }).getByText('Connection', { exact: true }).waitFor();
});

test('restoring over everything removes what the backup does not have, also after a reload', async () => {
  const { app, page } = ctx;
  const backup = await app.backupThenAddOne();
  await app.restoreOverEverything(backup.path);
  assert.deepEqual((await app.people()).map((p) => p.name), ['Kept Person'], 'the later person is not written back');
  await page.reload();
  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Kept Person' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Added Later' }).count(), 0);
});
