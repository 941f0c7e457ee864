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

test('two tabs editing the same person: the latest edit wins, nothing else is lost', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Ana Lima', Company: 'Acme' });
  await app.heading('Ana Lima').waitFor();
  await app.addPerson({ Name: 'Bo Ek' });
  await app.heading('Bo Ek').waitFor();
  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Ana Lima' }).click();
  const ana = page.url();
  const second = await ctx.context.newPage();
  const other = new App(second, ctx.url);
  await second.goto(ana);
  await other.heading('Ana Lima').waitFor();

  // Both open the edit form on the same record; the first saves, then the second.
  await page.getByRole('link', { name: 'Edit' }).click();
  await second.getByRole('link', { name: 'Edit' }).click();
  await app.fillPerson({ Company: 'Globex' });
  await page.getByRole('button', { name: 'Save person' }).click();
  await app.heading('Ana Lima').waitFor();
  await other.fillPerson({ Company: 'Initech' });
  await second.getByRole('button', { name: 'Save person' }).click();
  await other.heading('Ana Lima').waitFor();
  // Within a second, the first tab shows the later edit.
  await page.getByText('Initech').first().waitFor({ timeout: 1000 });
  for (const p of [page, second]) {
    await p.reload();
    await p.getByText('Initech').first().waitFor();
    await p.goto(ctx.url + '#/network');
    await p.getByRole('link', { name: 'Bo Ek' }).waitFor();
    await p.getByText('2 people').waitFor();
  }
});
