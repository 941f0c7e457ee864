// Stores written by earlier schemas open in the browser with all their data, and are
// stored as the current schema (3): exactly the schema 3 fixture, the old keys retired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { journey, ROOT } from './fixtures.mjs';

const ctx = journey();
const fixture = (n) => JSON.parse(fs.readFileSync(path.join(ROOT, `core/tests/fixtures/store-v${n}.json`), 'utf8'));
const V3 = fixture(3);

for (const n of [1, 2]) test(`the schema ${n} fixture opens with every record`, async () => {
  const { app, page } = ctx;
  // Seed the origin's storage before the app starts (once: later loads see what it stored).
  await page.addInitScript((store) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.clear();
    for (const [k, v] of Object.entries(store)) localStorage.setItem(k, v);
  }, fixture(n));
  await app.open('#/network');
  const people = page.getByRole('list', { name: 'People' });
  await people.getByText('Ada Okafor').waitFor();
  await people.getByText('José Ferreira').waitFor();
  assert.equal(await people.getByRole('listitem').count(), 2, 'the deleted person stays deleted');
  await people.getByRole('link', { name: /Ada Okafor/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Ada Okafor' }).waitFor();
  await page.getByText('Café regular — likes oat milk.').waitFor();
  await page.getByText('Coffee').first().waitFor();
  await app.nav('Settings').click();
  assert.equal(await page.getByLabel('My name', { exact: true }).inputValue(), 'Sam Rivera');
  assert.deepEqual(await app.storedRaw(), V3, 'stored as the schema 3 fixture');
});
