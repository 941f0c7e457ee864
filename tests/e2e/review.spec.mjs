// The review after an import: 5,000 LinkedIn connections, then "Who do you actually know?"
// one person at a time with the keyboard; Today, the list and Insights reflect exactly the
// choices made, and the review resumes where it stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/// A LinkedIn Connections.csv of `n` people in its real layout (notes first).
function connections(n) {
  const rows = ['Notes:', '"When exporting your connection data, you may notice that some of the email addresses are missing."', '', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On'];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const year = 2012 + (i % 14);
    rows.push(`Person${i},Review${i},https://www.linkedin.com/in/review-${i},,Company ${i % 400},Role ${i % 37},${day} ${MONTHS[i % 12]} ${year}`);
  }
  return rows.join('\n') + '\n';
}

const currentName = (page) => page.locator('#review-name').textContent();

async function choose(page, keys) {
  const before = await currentName(page);
  for (const key of keys) await page.keyboard.press(key);
  await page.waitForFunction((prev) => document.getElementById('review-name')?.textContent !== prev, before);
  return before;
}

test('import 5,000 connections, review 100 with the keyboard, and everything reflects it', async () => {
  const { app, page } = ctx;
  await app.importFile({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(connections(5000)) });
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.getByText('5000 new people, 0 matching people already here, 0 rows skipped.').waitFor();
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  const offer = page.getByRole('region', { name: 'Review who you know' });
  await offer.getByText('Imported 5000 people. Who do you actually know?').waitFor();

  // The list opens on everyone, never on an empty filter.
  await offer.getByRole('link', { name: 'See everyone' }).click();
  await page.getByText('5000 people', { exact: true }).waitFor();
  await page.getByRole('checkbox', { name: 'Select the 100 shown' }).check();
  await page.getByRole('button', { name: 'Select all 5000 that match' }).click();
  await page.getByText('All 5000 that match are selected, including those not drawn yet.').waitFor();
  await page.getByRole('checkbox', { name: 'Select the 100 shown' }).uncheck();

  // Today offers the review first: nothing else needs doing yet, and no backup nags on day one.
  await app.nav('Today').click();
  const items = page.getByRole('list', { name: 'To do today' }).getByRole('listitem');
  await items.first().getByText('Review 5000 imported people: who do you actually know?').waitFor();
  assert.equal(await page.getByText('Download a backup').count(), 0);
  await items.first().getByRole('link', { name: 'Review' }).click();
  await app.heading('Who do you actually know?').waitFor();
  await page.locator('#review-name').waitFor();
  await app.screenshot('review-desktop');
  // After choosing in a drop-down with the mouse, the keys work again at once.
  const firstName = await currentName(page);
  await page.getByLabel('How do you know each other?').selectOption({ label: 'Former colleague (1)' });
  await page.keyboard.press('y');
  await page.waitForFunction((prev) => document.getElementById('review-name')?.textContent !== prev, firstName);

  const kept = { warm: [], cold: [] };
  const archived = [];
  const skipped = [];
  for (let i = 0; i < 100; i++) {
    switch (i % 4) {
      case 0: kept.warm.push(await choose(page, ['1', 'y'])); break; // former colleague
      case 1: kept.cold.push(await choose(page, ['0', 'y'])); break; // cold / new
      case 2: archived.push(await choose(page, ['a'])); break;
      default: skipped.push(await choose(page, ['s']));
    }
  }
  // Undo the last choice: the same person is back; skip them again.
  const next = await currentName(page);
  await page.keyboard.press('u');
  await page.waitForFunction((name) => document.getElementById('review-name')?.textContent === name, skipped.at(-1));
  await page.getByRole('status').getByText(`Undone: ${skipped.at(-1)} is back in the queue.`).waitFor();
  await choose(page, ['s']);
  assert.equal(await currentName(page), next);
  // U again and again goes back one choice at a time (only the last one came back before):
  // the archived person two choices back is in the queue again, then chosen again.
  await page.keyboard.press('u');
  await page.waitForFunction((name) => document.getElementById('review-name')?.textContent === name, skipped.at(-1));
  await page.keyboard.press('u');
  await page.waitForFunction((name) => document.getElementById('review-name')?.textContent === name, archived.at(-1));
  await page.getByRole('status').getByText(`Undone: ${archived.at(-1)} is back in the queue.`).waitFor();
  await choose(page, ['a']);
  await choose(page, ['s']);
  assert.equal(await currentName(page), next);

  await page.getByText('Kept 51 you really know. Your goal: 50 genuine relationships.').waitFor();
  await page.getByText('25 archived for now · 4924 left to review').waitFor();

  // It resumes where it stopped.
  await page.reload();
  await page.locator('#review-name').waitFor();
  assert.equal(await currentName(page), next);

  // Today: the review is still offered, with what is left.
  await app.nav('Today').click();
  await page.getByText('Review 4924 imported people: who do you actually know?').waitFor();

  // The list: the archived are in "Archived", the kept carry how we know each other.
  await app.nav('Network').click();
  await page.getByText('4975 of 5000 people').waitFor();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Archived' });
  await page.getByText('25 of 5000 people').waitFor();
  await page.getByRole('link', { name: archived[3], exact: true }).waitFor();
  // The kept are among the people you know, before any interaction.
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'People you know' });
  await page.getByText('51 of 5000 people').waitFor();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Everyone' });
  await page.getByRole('button', { name: /^Filters/ }).click();
  await page.getByLabel('Origin').selectOption({ label: 'Former colleague' });
  await page.getByText('26 of 5000 people').waitFor();
  // The active filter stays in view as a chip, one tap from removed.
  await page.getByRole('button', { name: 'Filters (1)' }).click();
  await page.getByRole('list', { name: 'Active filters' }).getByText('Origin: Former colleague').waitFor();
  await page.getByRole('link', { name: kept.warm[7], exact: true }).waitFor();
  await page.getByRole('button', { name: 'Remove the filter Origin: Former colleague' }).click();
  await page.getByText('4975 of 5000 people').waitFor();

  // Insights counts exactly the warm and cold ties kept.
  await app.nav('Insights').click();
  await page.getByText('26 warm ties, 25 cold.').waitFor();
});

test('the review on a phone: thumb-sized choices, and the summary at the end', async () => {
  const { app, page } = ctx;
  await page.setViewportSize({ width: 360, height: 740 });
  await app.importFile({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(connections(21)) });
  await page.getByRole('region', { name: 'Import preview' }).getByRole('button', { name: 'Confirm import' }).click();
  await page.getByRole('region', { name: 'Review who you know' }).getByRole('link', { name: 'Start the review' }).click();
  await page.locator('#review-name').waitFor();
  await app.screenshot('review-phone', { fullPage: true });
  for (const name of ['Keep', 'Not now', 'Skip']) {
    const box = await page.getByRole('button', { name: new RegExp(`^${name}`) }).boundingBox();
    assert.ok(box.height >= 44 && box.width >= 44, `${name} is ${box.width}×${box.height}`);
  }
  // By touch: keep one with a cadence, put the rest aside.
  await page.getByLabel('How do you know each other?').selectOption({ label: 'Classmate / alumni (4)' });
  await page.getByLabel('Keep in touch').selectOption({ label: 'Every 3 months' });
  await page.getByRole('button', { name: /^Keep/ }).click();
  for (let i = 0; i < 20; i++) {
    const before = await currentName(page);
    await page.getByRole('button', { name: /^Not now/ }).click();
    if (i < 19) await page.waitForFunction((prev) => document.getElementById('review-name')?.textContent !== prev, before);
  }
  const summary = page.getByRole('region', { name: 'Review summary' });
  await summary.getByText('You kept 1 person, put 20 people aside for now, and left 0 people for later.').waitFor();
  await app.screenshot('review-done-phone');
  const stored = (await app.people()).filter((p) => p.reviewed);
  assert.equal(stored.length, 21);
  const keptOne = stored.find((p) => p.reviewed.choice === 'kept');
  assert.equal(keptOne.origin, 'classmate');
  assert.equal(keptOne.cadence_days, 90);
  assert.equal(stored.filter((p) => p.archived).length, 20);
});
