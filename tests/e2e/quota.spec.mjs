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
