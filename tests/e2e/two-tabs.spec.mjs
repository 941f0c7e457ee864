// Two tabs of Rapport: edits to different records are both kept, and each tab sees the other's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, App } from './fixtures.mjs';

const ctx = journey();

test('two tabs adding and logging at once keep every edit', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Kalani Kealoha' });
  await app.heading('Kalani Kealoha').waitFor();
  const kalani = page.url();

  const second = await ctx.context.newPage();
  const other = new App(second, ctx.url);
  await second.goto(kalani);
  await other.heading('Kalani Kealoha').waitFor();

  // Both tabs log an interaction with the same person: one shard key, two records.
  await app.logInteraction({ 'Topic (optional)': 'From the first tab' });
  await page.getByRole('heading', { name: 'From the first tab' }).waitFor();
  await other.logInteraction({ 'Topic (optional)': 'From the second tab' });
  await second.getByRole('heading', { name: 'From the second tab' }).waitFor();
  // The first tab sees the second tab's interaction without a reload.
  await page.getByRole('heading', { name: 'From the second tab' }).waitFor({ timeout: 1000 });

  // Each tab adds a different person.
  await app.addPerson({ Name: 'Léa Dubois' });
  await other.addPerson({ Name: 'Mateo García' });
  await other.heading('Mateo García').waitFor();
  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Mateo García' }).waitFor({ timeout: 1000 });

  for (const p of [page, second]) {
    await p.goto(kalani);
    await p.reload();
    await p.getByRole('heading', { name: 'From the first tab' }).waitFor();
    await p.getByRole('heading', { name: 'From the second tab' }).waitFor();
  }
  await page.goto(ctx.url + '#/network');
  await page.getByText('3 people').waitFor();
  assert.equal(await page.getByRole('list', { name: 'People' }).getByRole('listitem').count(), 3);
});
