// Edit a person and an interaction; delete each, then undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('edit a person, then delete and undo', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Chloé Moreau', Company: 'Lumen Media' });
  await app.heading('Chloé Moreau').waitFor();
  await app.logInteraction({ 'Topic (optional)': 'Shared an article' });
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await app.heading('Edit Chloé Moreau').waitFor();
  await app.fillPerson({ 'Role or title': 'Editor-in-chief', Tags: 'media, mentor' });
  await page.getByRole('button', { name: 'Save person' }).click();
  await page.getByText('Editor-in-chief at Lumen Media').first().waitFor();

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('alertdialog').getByText('Delete Chloé Moreau and their 1 interaction?').waitFor();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete', exact: true }).click();
  await app.heading('Network').waitFor();
  await page.getByText('Deleted Chloé Moreau and 1 interaction.').waitFor();
  let stored = await app.stored();
  const key = Object.keys(stored).find((k) => k.startsWith('rapport.people.'));
  assert.equal(JSON.parse(stored[key]).gone.length, 1, 'a tombstone is stored');
  assert.doesNotMatch(stored[key], /Chlo/, 'the tombstone keeps no personal data');

  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('link', { name: 'Chloé Moreau' }).click();
  await page.getByRole('heading', { name: 'Shared an article' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Shared an article' }).waitFor();
  await page.getByText('Editor-in-chief at Lumen Media').first().waitFor();
});

test('edit an interaction, then delete and undo', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Dmitri Petrov' });
  await app.logInteraction({ 'Topic (optional)': 'Quick call' });
  await page.getByRole('button', { name: 'Edit “Quick call”' }).click();
  const form = page.getByRole('form', { name: 'Edit interaction' });
  await form.getByLabel('Topic (optional)').fill('Long call about hiring');
  await form.getByLabel('Channel').selectOption({ label: 'Phone' });
  await form.getByRole('button', { name: 'Save interaction' }).click();
  await page.getByRole('heading', { name: 'Long call about hiring' }).waitFor();

  await page.getByRole('button', { name: 'Delete “Long call about hiring”' }).click();
  await page.getByText('No interactions yet.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('heading', { name: 'Long call about hiring' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Long call about hiring' }).waitFor();
  await page.getByRole('list', { name: 'Interactions' }).getByText('Phone', { exact: true }).waitFor();
});
