// A store written by the first shipped schema opens in the browser with all its data, and
// is migrated to the current schema in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { journey, ROOT } from './fixtures.mjs';

const ctx = journey();
const V1 = JSON.parse(fs.readFileSync(path.join(ROOT, 'core/tests/fixtures/store-v1.json'), 'utf8'));

test('the schema 1 fixture opens with every record', async () => {
  const { app, page } = ctx;
  // Seed the origin's storage before the app starts (once: later loads see what it stored).
  await page.addInitScript((store) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.clear();
    for (const [k, v] of Object.entries(store)) localStorage.setItem(k, v);
  }, V1);
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
  const stored = await app.stored();
  const schema = JSON.parse(stored['rapport.meta']).schema;
  assert.ok(schema >= 1);
  for (const key of Object.keys(V1)) assert.ok(key in stored || schema > 1, `${key} is kept`);
});
