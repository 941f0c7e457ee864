// With localStorage full, a change shows a lasting banner, stays on screen, is offered as a
// download, and is stored once there is room again. Nothing stored before changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('a full quota loses nothing', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Hiroshi Tanaka' });
  await app.heading('Hiroshi Tanaka').waitFor();
  const before = await app.stored();
  const fillers = await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let n = 0;
    for (;;) {
      try {
        localStorage.setItem(`filler-${n}`, chunk);
        n++;
      } catch {
        if (chunk.length <= 8) return n;
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
  assert.ok(fillers > 0);

  await app.addPerson({ Name: 'Ines Ferreira', Notes: 'Met at the climate meetup; wants an intro to Hiroshi.' });
  await app.heading('Ines Ferreira').waitFor();
  const banner = page.getByRole('alert').filter({ hasText: 'Your last change is not saved.' });
  await banner.waitFor();
  await banner.getByText('storage for Rapport is full').waitFor();
  assert.deepEqual(await app.stored(), before, 'what was stored before is untouched');

  // The banner stays while moving around, and the person is still in memory.
  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Ines Ferreira' }).waitFor();
  await banner.waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download everything (JSON)' }).click(),
  ]);
  const backup = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  assert.equal(backup.format, 'rapport-backup');
  assert.deepEqual(backup.people.map((p) => p.name).sort(), ['Hiroshi Tanaka', 'Ines Ferreira']);

  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
  });
  await banner.getByRole('button', { name: 'Try saving again' }).click();
  await page.getByText('Everything is saved now.').waitFor();
  assert.equal(await banner.count(), 0);
  await page.reload();
  await page.getByRole('link', { name: 'Ines Ferreira' }).waitFor();
});

// Issue 15, defect 3: closing or reloading a tab while a save had failed lost the change
// without a word. Now the browser asks first; once everything is saved, it doesn't.
test('leaving with an unsaved change asks first', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Saved First' });
  await app.heading('Saved First').waitFor();
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.type());
    await d.dismiss();
  });
  // Saved: a reload goes ahead without asking.
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  assert.deepEqual(dialogs, []);
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let n = 0; ; n++) {
      try {
        localStorage.setItem(`filler-${n}`, chunk);
      } catch {
        if (chunk.length <= 8) return;
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
  await app.addPerson({ Name: 'Not Saved Yet' });
  await page.getByRole('alert').filter({ hasText: 'Your last change is not saved.' }).waitFor();
  // Dismissing the browser's "Leave site?" keeps the page, and the change on it.
  await page.reload({ timeout: 2000 }).catch(() => {});
  assert.deepEqual(dialogs, ['beforeunload']);
  await app.heading('Not Saved Yet').waitFor();
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('filler-')) localStorage.removeItem(k);
  });
  await page.getByRole('button', { name: 'Try saving again' }).click();
  await page.getByText('Everything is saved now.').waitFor();
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  assert.deepEqual(dialogs, ['beforeunload'], 'saved again: no question');
});

// Issue 15, defect 2: with the origin's storage completely full before Rapport starts, the
// start-up probe failed and Rapport opened an empty network whose download held 0 people.
test('completely full storage at start shows every person, read-only, and downloads them all', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Hiroshi Tanaka' });
  await app.heading('Hiroshi Tanaka').waitFor();
  await app.addPerson({ Name: 'Ines Ferreira' });
  await app.heading('Ines Ferreira').waitFor();
  const before = await app.stored();
  // Another app on the same origin fills it.
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    for (let n = 0; ; n++) {
      try {
        localStorage.setItem(`other-app-${n}`, chunk);
      } catch {
        if (chunk.length <= 1) return;
        chunk = chunk.slice(0, Math.floor(chunk.length / 2));
      }
    }
  });
  await page.goto(app.url + '#/network');
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: "Rapport can't save changes right now." });
  await banner.waitFor();
  await banner.getByText('full').waitFor();
  await page.getByRole('link', { name: 'Hiroshi Tanaka' }).waitFor();
  await page.getByRole('link', { name: 'Ines Ferreira' }).waitFor();
  const download = await app.download(() => banner.getByRole('button', { name: 'Download everything (JSON)' }).click());
  assert.deepEqual(JSON.parse(download.text).people.map((p) => p.name).sort(), ['Hiroshi Tanaka', 'Ines Ferreira']);
  assert.deepEqual(await app.stored(), before, 'nothing stored changed');
});
