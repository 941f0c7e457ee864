// Typed text survives leaving a screen: a person form, the message editor and the prep sheet;
// the network list comes back as it was left. Found by a hostile review: each was lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('a half-typed person, message and prep sheet are still there after leaving', async () => {
  const { app, page } = ctx;
  // A person form, left for Today, then Back.
  await app.open('#/people/new');
  await page.getByLabel('Name', { exact: true }).fill('Half Typed');
  await page.getByLabel('Notes', { exact: true }).fill('Met at the meetup; follow up about the data team.');
  await app.nav('Today').click();
  await app.heading('Today').waitFor();
  await page.goBack();
  await app.heading('Add a person').waitFor();
  await page.getByText('What you typed here before is back.').waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Half Typed');
  await page.getByRole('button', { name: 'Save person' }).click();
  await app.heading('Half Typed').waitFor();
  // Saved: a new form starts empty.
  await app.open('#/people/new');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), '');

  // The message editor: edited, left; the draft is kept and opens again as edited.
  await app.open('#/network');
  await page.getByRole('link', { name: 'Half Typed', exact: true }).click();
  await page.getByRole('link', { name: 'Write a message' }).click();
  await page.getByRole('link', { name: 'Thank-you after a conversation' }).click();
  const body = page.getByLabel('Message', { exact: true });
  await body.fill('Thank you for the long chat about the data team.');
  await page.waitForTimeout(1200);
  await app.nav('Today').click();
  await page.getByText('Finish your message to Half Typed').waitFor();
  await page.goBack();
  await page.getByLabel('Message', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Message', { exact: true }).inputValue(), 'Thank you for the long chat about the data team.');

  // The prep sheet saves itself.
  await app.open('#/network');
  await page.getByRole('link', { name: 'Half Typed', exact: true }).click();
  await page.getByRole('button', { name: 'Plan an informational interview' }).click();
  await page.getByRole('link', { name: 'Prep sheet' }).click();
  await page.getByLabel('Research notes').fill('Runs the data platform team; wrote about pricing.');
  await page.waitForTimeout(1000);
  await page.getByRole('link', { name: 'Back to the interview' }).click();
  await page.getByRole('link', { name: 'Prep sheet' }).click();
  assert.equal(await page.getByLabel('Research notes').inputValue(), 'Runs the data platform team; wrote about pricing.');
});

test('the network list comes back as it was left: search, view and sort', async () => {
  const { app, page } = ctx;
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await page.getByLabel('Search').fill('fernwood');
  await page.getByLabel('Sort by').selectOption({ label: 'Tie strength' });
  const shown = await page.getByText(/^\d+ of 60 people$/).textContent();
  await page.getByRole('list', { name: 'People' }).getByRole('link').first().click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.goBack();
  await page.getByText(shown).waitFor();
  assert.equal(await page.getByLabel('Search').inputValue(), 'fernwood');
  assert.equal(await page.getByLabel('Sort by').inputValue(), 'strength');
});
