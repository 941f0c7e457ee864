// The first run: three short questions (my name, what I am looking for, how to start), each
// skippable, answered with the keyboard alone; the answers fill the templates and can be
// changed later in Settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('three questions on first run, by keyboard, and the answers land in my profile', async () => {
  const { app, page } = ctx;
  await app.open('#/today');
  const welcome = page.getByRole('region', { name: 'Welcome to Rapport' });
  await welcome.getByText('Welcome to Rapport · 1 of 3').waitFor();
  await app.screenshot('first-run-1');
  // Tab reaches the field (after the skip link and the tabs), Enter goes on; the next
  // question then takes focus.
  for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.id)) !== 'welcome-name'; i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.type('Sam Rivera');
  await page.keyboard.press('Enter');
  await welcome.getByRole('heading', { name: 'What are you looking for?' }).waitFor();
  await welcome.getByLabel('Narrowly').fill('product analytics at fintechs');
  await welcome.getByLabel('Broadly').fill('data work in finance');
  await welcome.getByLabel('Broadly').press('Enter');
  await welcome.getByRole('heading', { name: 'How do you want to start?' }).waitFor();
  await app.screenshot('first-run-3');
  await page.setViewportSize({ width: 360, height: 740 });
  await app.screenshot('first-run-3-phone', { fullPage: true });
  await page.setViewportSize({ width: 1200, height: 900 });
  const profile = JSON.parse((await app.stored())['rapport.profile']);
  assert.deepEqual([profile.name, profile.target_narrow, profile.target_broad], ['Sam Rivera', 'product analytics at fintechs', 'data work in finance']);

  await welcome.getByRole('button', { name: 'Import your LinkedIn connections' }).click();
  await app.heading('Import & export').waitFor();
  // Asked once: Today now offers the ways to start, LinkedIn among them.
  await app.nav('Today').click();
  await page.getByRole('link', { name: 'Import your LinkedIn connections' }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Welcome to Rapport' }).count(), 0);
  // Editable later.
  await app.nav('Settings').click();
  assert.equal(await page.getByLabel('My name').inputValue(), 'Sam Rivera');
  assert.equal(await page.getByLabel('Target, narrowly').inputValue(), 'product analytics at fintechs');
});

test('the questions can be skipped, and are not asked again', async () => {
  const { app, page } = ctx;
  await app.open('#/today');
  await page.getByRole('button', { name: 'Skip the questions' }).click();
  await page.getByText('Start with the people you already know').waitFor();
  await page.reload();
  await page.getByText('Start with the people you already know').waitFor();
  assert.equal(await page.getByRole('region', { name: 'Welcome to Rapport' }).count(), 0);
  assert.equal((await app.stored())['rapport.profile'], undefined, 'nothing asked, nothing stored in the profile');
});

test('starting with the sample network from the first run', async () => {
  const { app, page } = ctx;
  await app.open('#/today');
  const welcome = page.getByRole('region', { name: 'Welcome to Rapport' });
  await welcome.getByRole('button', { name: 'Next' }).click();
  await welcome.getByRole('button', { name: 'Not sure yet' }).click();
  await welcome.getByRole('button', { name: 'Explore a sample network' }).click();
  await page.getByRole('list', { name: 'To do today' }).getByRole('listitem').first().waitFor();
});

test('on a phone, the sample network from the first run opens Today at its top', async () => {
  const { app, page } = ctx;
  await page.setViewportSize({ width: 360, height: 740 });
  await app.open('#/today');
  const welcome = page.getByRole('region', { name: 'Welcome to Rapport' });
  await welcome.getByRole('button', { name: 'Next' }).click();
  await welcome.getByRole('heading', { name: 'What are you looking for?' }).waitFor();
  await welcome.getByRole('button', { name: 'Next' }).click();
  await welcome.getByRole('heading', { name: 'How do you want to start?' }).waitFor();
  // The last choice is below the fold on a phone: the page is scrolled to reach it.
  const sample = welcome.getByRole('button', { name: 'Explore a sample network' });
  await sample.scrollIntoViewIfNeeded();
  assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'scrolled to the choice');
  await sample.click();
  await page.getByText('Loaded the sample network').first().waitFor();
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'Today starts at its top (it opened 264 px down)');
  await app.heading('Today').waitFor();
});
