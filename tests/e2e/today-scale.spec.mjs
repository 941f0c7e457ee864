// Today at scale and its ranking: one list, the most important first, seven at first and
// the rest on request; done and snooze take an item away, and undo brings it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, seedPeople } from './fixtures.mjs';

const ctx = journey();

/// A schema 3 store written directly: sixty people with a monthly cadence, added long ago.
function sixtyDue(page) {
  return seedPeople(
    page,
    Array.from({ length: 60 }, (_, n) => {
      const created = `2025-${String(1 + (n % 12)).padStart(2, '0')}-01T10:00:00Z`;
      return { id: `DUE${String(n).padStart(9, '0')}`, name: `Due Person ${n}`, cadence_days: 30, source: 'manual', created, updated: created };
    }),
  );
}

test('sixty people due: seven are listed, the rest on request, most overdue first', async () => {
  const { app, page } = ctx;
  await sixtyDue(page);
  await app.open('#/today');
  // Sixty people and the backup reminder (people added by hand are worth a backup).
  await page.getByText('61 things to do, the most important first.').waitFor();
  const items = page.getByRole('list', { name: 'To do today' }).getByRole('listitem');
  assert.equal(await items.count(), 7);
  // The first added (January 2025) are the most overdue.
  assert.match(await items.first().getByRole('link').first().textContent(), /^Get back in touch with Due Person (0|12|24|36|48)$/);
  await items.first().getByText(/You wanted to be in touch every 30 days; no genuine contact yet\./).waitFor();
  await app.screenshot('today-ranked');
  await page.getByRole('button', { name: 'Show 54 more' }).click();
  await items.nth(60).waitFor();
  assert.equal(await items.count(), 61);
  // The backup reminder never comes before the first useful action: here it is last.
  assert.match(await items.nth(60).textContent(), /Download a backup/);
  assert.equal(await page.getByRole('button', { name: /Show \d+ more/ }).count(), 0);
});

test('done and snooze take an item off Today, and undo brings it back', async () => {
  const { app, page } = ctx;
  await sixtyDue(page);
  await app.open('#/today');
  const items = page.getByRole('list', { name: 'To do today' }).getByRole('listitem');
  await items.first().waitFor();
  const first = (await items.first().getByRole('link').first().textContent()).replace('Get back in touch with ', '');
  await page.getByRole('button', { name: `Snooze 3 days: Get back in touch with ${first}` }).click();
  await page.getByRole('status').getByText(`Snoozed for 3 days: Get back in touch with ${first}.`).waitFor();
  await page.getByText('60 things to do, the most important first.').waitFor();
  // Remembered across a reload.
  await page.reload();
  await page.getByText('60 things to do, the most important first.').waitFor();
  const second = (await items.first().getByRole('link').first().textContent()).replace('Get back in touch with ', '');
  assert.notEqual(second, first);
  await page.getByRole('button', { name: `Done: Get back in touch with ${second}` }).click();
  await page.getByText('59 things to do, the most important first.').waitFor();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await page.getByText('60 things to do, the most important first.').waitFor();
  // Three days later the snoozed item is back.
  await ctx.context.addInitScript((at) => { globalThis.__rapportClock = at; }, new Date(Date.now() + 3.5 * 86400000).toISOString());
  await page.reload();
  await page.getByText('61 things to do, the most important first.').waitFor();
});
