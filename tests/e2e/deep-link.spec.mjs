// Every screen has its own address; opening it directly, and reloading, shows the same screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('deep links open the same screen, also after reload', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Jamal Bakr' });
  await app.heading('Jamal Bakr').waitFor();
  const personUrl = page.url();
  assert.match(personUrl, /\/some\/path\/#\/people\/[A-Za-z0-9_-]{12}$/);

  const other = await ctx.context.newPage();
  await other.goto(personUrl);
  await other.getByRole('heading', { level: 1, name: 'Jamal Bakr' }).waitFor();
  await other.reload();
  await other.getByRole('heading', { level: 1, name: 'Jamal Bakr' }).waitFor();
  assert.equal(await other.title(), 'Jamal Bakr · Rapport');

  for (const [hash, title] of [
    ['#/network', 'Network'],
    ['#/interviews', 'Interviews'],
    ['#/outreach', 'Outreach'],
    ['#/insights', 'Insights'],
    ['#/settings', 'Settings'],
    ['#/today', 'Today'],
  ]) {
    await other.goto(ctx.url + hash);
    await other.getByRole('heading', { level: 1, name: title }).waitFor();
    await other.reload();
    await other.getByRole('heading', { level: 1, name: title }).waitFor();
    const current = other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: title, exact: true });
    assert.equal(await current.getAttribute('aria-current'), 'page');
  }
  // "#/people", a person's address cut short, is the list of people (it was "no such screen").
  await other.goto(ctx.url + '#/people');
  await other.getByRole('heading', { level: 1, name: 'Network' }).waitFor();
  await other.goto(ctx.url + '#/people/AAAAAAAAAAAA');
  await other.getByRole('heading', { name: 'This person is not in your network' }).waitFor();
  await other.goto(ctx.url + '#/no/such/screen');
  await other.getByRole('heading', { name: 'There is no such screen' }).waitFor();
  // Back and forward move between screens.
  await other.goBack();
  await other.getByRole('heading', { name: 'This person is not in your network' }).waitFor();
});
