// Insights: logging a give moves the give:ask ratio and the person's stage on screen;
// every panel has content with the sample network; the empty network gets its offer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, seedPeople } from './fixtures.mjs';

const ctx = journey();

test('logging a give moves the ratio and the stage', async () => {
  const { app, page } = ctx;
  await app.open('#/insights');
  await page.getByText('Start with the people you already know').waitFor();

  await app.addPerson({ Name: 'Nadia Nowak', 'How we know each other': 'Former colleague' });
  await app.heading('Nadia Nowak').waitFor();
  await app.logInteraction({ Purpose: 'Ask: advice', 'Topic (optional)': 'Advice on analytics roles' });
  await page.getByRole('heading', { name: 'Advice on analytics roles' }).waitFor();
  await app.logInteraction({ Purpose: 'Catch-up', 'Started by': 'Them', 'Topic (optional)': 'They called about a meetup' });
  await page.getByRole('heading', { name: 'They called about a meetup' }).waitFor();
  const card = page.getByLabel('Strength and stage', { exact: true });
  await card.getByText('Acquaintance').waitFor();
  await card.getByText('Asked before giving').waitFor();

  await app.nav('Insights').click();
  await page.getByText(/^0 relationships of your goal of 50/).waitFor();
  await page.getByText('no gives yet, 1 ask').waitFor();
  // With little data, Insights says what would fill it, and never contradicts itself.
  await page.getByText('Log 1 more genuine interaction with Nadia Nowak to make your first relationship.').waitFor();
  await page.getByText('0 gives and 1 ask in all.').waitFor();
  assert.equal(await page.getByText('you gave before every first ask').count(), 0);

  await page.goBack();
  await app.heading('Nadia Nowak').waitFor();
  await app.logInteraction({ Purpose: 'Give: shared a resource', 'Topic (optional)': 'Sent the salary survey' });
  await page.getByRole('heading', { name: 'Sent the salary survey' }).waitFor();
  await card.getByText('Relationship', { exact: true }).waitFor();

  await app.nav('Insights').click();
  await page.getByText(/^1 relationship of your goal of 50/).waitFor();
  await page.getByText('1.0 gives per ask').waitFor();
  await app.nav('Network').click();
  const row = page.getByRole('list', { name: 'People' }).getByRole('listitem').filter({ hasText: 'Nadia Nowak' });
  await row.getByText('Relationship', { exact: true }).waitFor();
});

test('every panel has content with the sample network', async () => {
  const { app, page } = ctx;
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await app.nav('Insights').click();
  await app.heading('Insights').waitFor();
  for (const panel of ['Headline', 'This week', 'Warm and cold', 'Give first', 'Maintenance', 'Dormant ties', 'Dunbar layers', 'Diversity and reach']) {
    const region = page.getByLabel(panel, { exact: true });
    await region.waitFor();
    assert.ok((await region.getByText('How is this computed?').count()) === 1, `${panel} explains itself`);
  }
  assert.ok((await page.getByRole('list', { name: 'Suggested actions' }).getByRole('listitem').count()) > 0);
  await page.getByLabel('Dormant ties', { exact: true }).getByRole('link').first().waitFor();
  await page.getByLabel('Give first', { exact: true }).getByRole('link').first().waitFor();
  await page.getByRole('img', { name: /Genuine interactions per day/ }).waitFor();
  await page.getByText('How is this computed?').first().click();
  await app.screenshot('insights-sample');
  await app.screenshot('insights-full', { fullPage: true });

  // A suggestion is one click from doing it.
  await page.getByRole('button', { name: /^Log interaction: / }).first().click();
  await page.getByRole('form', { name: 'Log interaction' }).waitFor();

  // Today carries suggestions too, in its one ranked list.
  await app.nav('Today').click();
  await page.getByRole('list', { name: 'To do today' }).getByRole('listitem').first().waitFor();

  // The heatmap's marks have at least 3:1 contrast with the card in both themes, and a legend.
  const contrast = () => page.evaluate(() => {
    const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
    const card = lum(rgb(getComputedStyle(document.querySelector('[aria-label="Maintenance"]')).backgroundColor));
    return ['l1', 'l2', 'l3', 'l4'].map((l) => {
      const fill = lum(rgb(getComputedStyle(document.querySelector(`.heatmap-legend .day.${l}`)).fill));
      return (Math.max(fill, card) + 0.05) / (Math.min(fill, card) + 0.05);
    });
  });
  await app.nav('Insights').click();
  await page.locator('.heatmap-legend').waitFor();
  for (const c of await contrast()) assert.ok(c >= 3, `light: ${c.toFixed(2)}:1`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.nav('Insights').click();
  await page.locator('.heatmap-legend').waitFor();
  for (const c of await contrast()) assert.ok(c >= 3, `dark: ${c.toFixed(2)}:1`);
  await app.screenshot('insights-dark');
  await page.setViewportSize({ width: 360, height: 780 });
  await app.screenshot('insights-phone', { fullPage: true });
});

// Regression: Insights drew every hidden "Show all" item (thousands in a big network, 320 ms
// at 5,000 people); the rest of a long list is drawn when it is opened, and only then.
test('a long list draws the rest only when it is opened', async () => {
  const { app, page } = ctx;
  const created = '2025-01-01T10:00:00Z';
  await seedPeople(
    page,
    Array.from({ length: 60 }, (_, n) => ({ id: `DUE${String(n).padStart(9, '0')}`, name: `Due Person ${n}`, cadence_days: 30, source: 'manual', created, updated: created })),
    'seeded-long',
  );
  await app.open('#/insights');
  const panel = page.getByLabel('Maintenance', { exact: true });
  await panel.getByRole('list', { name: 'Overdue' }).waitFor();
  assert.equal(await panel.getByRole('list', { name: 'Overdue' }).getByRole('listitem').count(), 10);
  const more = panel.locator('details.more');
  assert.equal(await more.locator('li').count(), 0, 'nothing hidden is drawn');
  await more.getByText('Show all 60').click();
  await more.getByRole('link', { name: /^Due Person/ }).nth(49).waitFor();
  assert.equal(await more.locator('li').count(), 50);
});
