// When the browser refuses localStorage, Rapport still works, says plainly that nothing is
// kept, and offers a download of everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('disabled storage shows a lasting warning and loses nothing on screen', async () => {
  const { app, page } = ctx;
  await ctx.context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The user denied storage', 'SecurityError');
      },
    });
  });
  await app.open('#/network');
  const banner = page.getByRole('alert').filter({ hasText: "Rapport can't save in this browser." });
  await banner.waitFor();
  await app.addPerson({ Name: 'Olu Adeyemi' });
  await app.heading('Olu Adeyemi').waitFor();
  await banner.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Download everything (JSON)' }).click()]);
  const backup = JSON.parse(await fs.readFile(await download.path(), 'utf8'));
  assert.deepEqual(backup.people.map((p) => p.name), ['Olu Adeyemi']);
});
