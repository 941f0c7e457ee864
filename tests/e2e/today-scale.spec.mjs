// Today at scale: a long keep-in-touch list is drawn a bounded number of rows at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, bucketOf } from './fixtures.mjs';

const ctx = journey();

test('sixty people due: twenty are listed, the rest on request, most overdue first', async () => {
  const { app, page } = ctx;
  // A schema 3 store written directly: sixty people with a monthly cadence, added long ago.
  const buckets = {};
  for (let n = 0; n < 60; n++) {
    const id = `DUE${String(n).padStart(9, '0')}`;
    const created = `2025-${String(1 + (n % 12)).padStart(2, '0')}-01T10:00:00Z`;
    (buckets[bucketOf(id)] ??= []).push({ id, name: `Due Person ${n}`, cadence_days: 30, source: 'manual', created, updated: created });
  }
  await page.addInitScript((buckets) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.clear();
    localStorage.setItem('rapport.meta', '{"schema":3}');
    for (const [b, live] of Object.entries(buckets)) {
      live.sort((a, b) => a.id.localeCompare(b.id));
      localStorage.setItem(`rapport.people.${b}`, JSON.stringify({ live }));
    }
  }, buckets);
  // A short window, so the end of the list is far from view (nearer, it loads more by itself).
  await page.setViewportSize({ width: 1200, height: 400 });
  await app.open('#/today');
  await page.getByText('60 people are due within a week, the most overdue first.').waitFor();
  const due = page.getByRole('list', { name: 'Keep in touch' }).getByRole('listitem');
  assert.equal(await due.count(), 20);
  // The first added (January 2025) are the most overdue.
  assert.match(await due.first().getByRole('link').textContent(), /^Due Person (0|12|24|36|48)$/);
  // Pressed without scrolling to it (scrolled into view, it presses itself).
  await page.getByRole('button', { name: 'Show more (40 not shown yet)' }).dispatchEvent('click');
  await due.nth(59).waitFor();
  assert.equal(await due.count(), 60);
  assert.equal(await page.getByRole('button', { name: /Show more/ }).count(), 0);
});
