// Stored data that can't be read shows the recovery screen and is never overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('corrupted data shows recovery, downloads as is, and stays unchanged', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Giulia Rossi' });
  await app.heading('Giulia Rossi').waitFor();
  await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('rapport.people.'));
    localStorage.setItem(key, '{"id": "broken', );
  });
  const damaged = await app.stored();

  await page.reload();
  await page.getByRole('heading', { name: 'Rapport couldn\'t read your saved data' }).waitFor();
  await page.getByText('is not valid JSON').waitFor();
  assert.deepEqual(await app.stored(), damaged, 'opening must not write');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the stored data' }).click(),
  ]);
  const saved = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  assert.deepEqual(saved, damaged, 'the download is the stored text exactly');

  // Clearing needs the typed confirmation.
  await page.getByRole('button', { name: 'Clear stored data' }).click();
  await page.getByText('Type DELETE to confirm. Nothing was cleared.').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Rapport couldn\'t read your saved data' }).waitFor();
  assert.deepEqual(await app.stored(), damaged, 'still unchanged after reloads and a refused clear');

  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  await page.getByRole('button', { name: 'Clear stored data' }).click();
  await app.heading('Today').waitFor();
  // A fresh start: the first-run questions.
  await page.getByRole('region', { name: 'Welcome to Rapport' }).waitFor();
  assert.deepEqual(await app.stored(), {});
});
