// Invalid input is refused with a clear message, and nothing is stored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('a person without a name, or with a bad email, is refused', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: '   ', Email: 'ada.example.com', 'Keep in touch every (days)': 'soon' });
  await page.getByText('Fix the 3 fields marked below; nothing was saved.').waitFor();
  await page.getByText('Enter a name.').waitFor();
  await page.getByText('That doesn’t look like an email address').waitFor();
  assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), 'true');
  // Focus moves to the first marked field (it stayed on "Save person").
  await page.waitForFunction(() => document.activeElement?.id === document.querySelector('[aria-invalid="true"]')?.id);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true');
  const stored = await app.stored();
  assert.deepEqual(Object.keys(stored).filter((k) => k.startsWith('rapport.people.')), []);

  await app.fillPerson({ Name: 'Esi Mensah', Email: 'esi@example.com', 'Keep in touch every (days)': '30' });
  await page.getByRole('button', { name: 'Save person' }).click();
  await app.heading('Esi Mensah').waitFor();
});

test('an interaction dated years ahead is refused', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Farah Haddad' });
  await app.heading('Farah Haddad').waitFor();
  await app.logInteraction({ Date: '2099-01-01', 'Topic (optional)': 'Typo year' });
  await page.getByText('That date is more than a year ahead; check the year.').waitFor();
  const stored = await app.stored();
  assert.deepEqual(Object.keys(stored).filter((k) => k.startsWith('rapport.interactions.')), []);
});
