// The duplicate finder and merging: a field-by-field choice, every interaction kept, undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, seedPeople } from './fixtures.mjs';

const ctx = journey();

test('two records of one person are found, merged field by field, and the merge can be undone', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'José Núñez', Company: 'Initech' });
  await page.getByText('Added José Núñez.').waitFor();
  await app.logInteraction({ 'Topic (optional)': 'Lunch' });
  await page.getByText('Interaction logged.').waitFor();
  await app.addPerson({ Name: 'Jose Nunez', Company: 'Initech, Inc.', Email: 'jose@example.com' });
  await page.getByText('Added Jose Nunez.').waitFor();
  await app.logInteraction({ 'Topic (optional)': 'Call' });
  await page.getByText('Interaction logged.').waitFor();
  await app.addPerson({ Name: 'Ann Lee', Company: 'Globex' });
  await app.addPerson({ Name: 'Anna Leigh', Company: 'Hooli' });
  await page.getByText('Added Anna Leigh.').waitFor();

  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Find duplicates' }).click();
  const pairs = page.getByRole('list', { name: 'Duplicate pairs' }).getByRole('listitem');
  await pairs.first().getByText('very close names at the same company').waitFor();
  assert.equal(await pairs.count(), 1, 'Ann Lee and Anna Leigh at different companies are not a pair');
  await app.screenshot('duplicates');
  await pairs.first().getByRole('link', { name: 'Review and merge' }).click();
  const merge = page.getByRole('region', { name: 'Merge' });
  await merge.getByText(/^The merged person keeps every interaction \(2, 1 from /).waitFor();
  await merge.getByRole('group', { name: 'Name' }).getByLabel('José Núñez').check();
  assert.equal(await merge.getByRole('group', { name: 'Email' }).getByLabel('jose@example.com').isChecked(), true, 'an empty value never wins by default');
  await app.screenshot('merge');
  await merge.getByRole('button', { name: 'Merge' }).click();
  await app.heading('José Núñez').waitFor();
  await page.getByText('jose@example.com').first().waitFor();
  const timeline = page.getByRole('list', { name: 'Interactions' });
  await timeline.getByText('Lunch').waitFor();
  await timeline.getByText('Call').waitFor();

  await app.nav('Network').click();
  await page.getByText('3 people').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('4 people').waitFor();
  await page.reload();
  await page.getByText('4 people').waitFor();
  await page.getByRole('link', { name: 'Jose Nunez' }).click();
  await page.getByRole('list', { name: 'Interactions' }).getByText('Call').waitFor();

  // "Different people" hides the pair for good.
  await page.goto(app.url + '#/duplicates');
  await pairs.first().getByRole('button', { name: 'Different people' }).click();
  await page.getByText('No likely duplicates.').waitFor();
});

test('many pairs are drawn 50 at a time', async () => {
  const { app, page } = ctx;
  // 60 pairs sharing an email: a large import made tens of thousands of pairs, all drawn at
  // once (417,000 elements, a 9-second freeze: issue 19's hostile test).
  const created = '2026-01-05T10:00:00Z';
  await seedPeople(
    page,
    Array.from({ length: 120 }, (_, n) => ({
      id: `DUP${String(n).padStart(9, '0')}`,
      name: `Twin ${Math.floor(n / 2)}${n % 2 ? ' B' : ''}`,
      email: `twin${Math.floor(n / 2)}@example.com`,
      source: 'manual',
      created,
      updated: created,
    })),
  );
  await app.open('#/duplicates');
  const pairs = page.getByRole('list', { name: 'Duplicate pairs' }).getByRole('listitem');
  await pairs.first().waitFor();
  assert.equal(await pairs.count(), 50);
  await page.getByRole('button', { name: 'Show 10 more (10 not shown)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Duplicate pairs"] > li').length === 60);
  assert.equal(await page.getByRole('button', { name: /more/ }).count(), 0);
});
