// Add a person, log an interaction, reload: both are still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('a person and their interaction survive a reload', async () => {
  const { app, page } = ctx;
  await app.open('#/network');
  await app.addPerson({ Name: 'Ada Okafor', Company: 'Cobalt Analytics', 'Role or title': 'Head of Data', 'How we know each other': 'Former manager' });
  await app.heading('Ada Okafor').waitFor();
  await page.getByText('Head of Data at Cobalt Analytics').first().waitFor();
  await app.logInteraction({ 'Topic (optional)': 'Coffee about the data team', Channel: 'In person', Purpose: 'Catch-up' });
  await page.getByRole('heading', { name: 'Coffee about the data team' }).waitFor();

  await page.reload();
  await app.heading('Ada Okafor').waitFor();
  await page.getByRole('heading', { name: 'Coffee about the data team' }).waitFor();
  await page.getByRole('list', { name: 'Interactions' }).getByText('In person', { exact: true }).waitFor();

  await app.nav('Network').click();
  const row = page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Ada Okafor' });
  await row.getByText('In person · Coffee about the data team · today').waitFor();
  const stored = await app.stored();
  assert.equal(Object.keys(stored).filter((k) => k.startsWith('rapport.people.')).length, 1);
  assert.equal(Object.keys(stored).filter((k) => k.startsWith('rapport.interactions.')).length, 1);
  assert.equal(stored['rapport.journal'], undefined);
});

test('a routine interaction takes at most three actions from the list', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Bongani Lindqvist' });
  await app.heading('Bongani Lindqvist').waitFor();
  await app.nav('Network').click();
  // 1: open the quick log on the row; 2: save with the defaults (today, started by me).
  await page.getByRole('button', { name: 'Log interaction with Bongani Lindqvist' }).click();
  await page.getByRole('button', { name: 'Save interaction' }).click();
  await page.getByText('Email · today').waitFor();
  await page.reload();
  await page.getByText('Email · today').waitFor();
});
