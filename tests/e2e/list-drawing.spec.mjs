// The network list at each keystroke (issue 19): a letter that replaces the list draws a
// screenful of new rows in that frame and the rest of the page in later frames; a newer
// search drops the chunks of the older one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, seedPeople } from './fixtures.mjs';

const ctx = journey();

/// A schema 3 store written directly: 150 people called "Aaron …" and 150 called "Zed …".
function twoCrowds(page) {
  const created = '2026-01-05T10:00:00Z';
  return seedPeople(
    page,
    Array.from({ length: 300 }, (_, n) => ({
      id: `ROW${String(n).padStart(9, '0')}`,
      name: n < 150 ? `Aaron Person ${n}` : `Zed Person ${n}`,
      source: 'manual',
      created,
      updated: created,
    })),
  );
}

/// Sets the search box's text as one keystroke would, and returns the names in the list in
/// the first frame painted after it.
function typeAndReadFirstFrame(page, text) {
  return page.evaluate(
    (text) =>
      new Promise((resolve) => {
        const input = document.getElementById('search');
        input.value = text;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        requestAnimationFrame(() =>
          resolve([...document.querySelectorAll('ul[aria-label="People"] > li a.name')].map((a) => a.textContent)),
        );
      }),
    text,
  );
}

test('a search that replaces the list draws a screenful at once and the rest of the page after', async () => {
  const { app, page } = ctx;
  await twoCrowds(page);
  await app.open('#/network');
  const rows = page.getByRole('list', { name: 'People' }).getByRole('listitem');
  await page.getByText('300 people', { exact: true }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="People"] > li').length === 100);
  assert.match(await rows.first().locator('a.name').textContent(), /^Aaron/);

  const first = await typeAndReadFirstFrame(page, 'zed');
  // 900 px high: a screenful is 16 rows. Without the chunks, all 100 were drawn at once.
  assert.ok(first.length > 0 && first.length <= 16, `the first frame drew ${first.length} rows`);
  assert.ok(first.every((n) => n.startsWith('Zed')), 'no row of the old search is left');
  // The rest of the page follows.
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="People"] > li').length === 100);
  assert.deepEqual(
    [...new Set((await rows.locator('a.name').allTextContents()).map((n) => n.split(' ')[0]))],
    ['Zed'],
  );
  await page.getByText('150 of 300 people').waitFor();
  await app.screenshot('list-after-search');
});

test('a newer search drops the chunks of the older one', async () => {
  const { app, page } = ctx;
  await twoCrowds(page);
  await app.open('#/network');
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="People"] > li').length === 100);
  await typeAndReadFirstFrame(page, 'zed');
  const second = await typeAndReadFirstFrame(page, 'aaron');
  assert.ok(second.every((n) => n.startsWith('Aaron')), `the first frame of "aaron" shows ${second.join(', ')}`);
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="People"] > li').length === 100);
  const names = await page.getByRole('list', { name: 'People' }).locator('a.name').allTextContents();
  assert.equal(names.filter((n) => !n.startsWith('Aaron')).length, 0);
  // Still 100 after the old search's chunks would have come.
  await page.waitForTimeout(300);
  assert.equal(await page.getByRole('list', { name: 'People' }).getByRole('listitem').count(), 100);
});
