// Everything from the keyboard: the skip link, shortcuts (ignored in text fields, can be
// turned off), and a help dialog that traps focus, closes on Escape and returns focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();
const focused = (page) => page.evaluate(() => document.activeElement?.textContent?.trim() || document.activeElement?.id);

test('the skip link moves focus to the content', async () => {
  const { app, page } = ctx;
  await app.open('#/today');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.keyboard.press('Tab');
  assert.notEqual(await focused(page), 'Skip to content');
});

test('shortcuts go to screens, and the help dialog traps and returns focus', async () => {
  const { app, page } = ctx;
  await app.open('#/today');
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await app.heading('Insights').waitFor();
  await page.keyboard.press('n');
  await app.heading('Add a person').waitFor();
  // In a text field, keys are text.
  await page.getByLabel('Name', { exact: true }).focus();
  await page.keyboard.type('gin');
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'gin');
  await app.heading('Add a person').waitFor();
  await page.getByRole('button', { name: 'Save person' }).click();
  await page.getByText('Added gin.').waitFor();
  await page.locator('body').focus();

  await page.keyboard.press('/');
  await app.heading('Network').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'search');

  await page.locator('body').focus();
  await page.getByRole('link', { name: 'Add a person' }).first().focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await dialog.waitFor();
  await app.screenshot('shortcut-help');
  assert.equal(await focused(page), 'Close');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Close', 'focus stays in the dialog');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), 'Close');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'Add a person', 'focus returns where it was');
});

test('single-key shortcuts can be turned off', async () => {
  const { app, page } = ctx;
  await app.open('#/settings');
  await page.getByLabel(/Single-key keyboard shortcuts/).uncheck();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('n');
  await page.keyboard.press('?');
  await page.waitForTimeout(300);
  await app.heading('Settings').waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0);
  await page.reload();
  await app.heading('Settings').waitFor();
  assert.equal(await page.getByLabel(/Single-key keyboard shortcuts/).isChecked(), false, 'remembered');
});

test('a manual theme overrides the system one and is remembered', async () => {
  const { app, page } = ctx;
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.open('#/settings');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(17, 21, 27)', 'dark follows the system');
  await page.getByLabel('Theme').selectOption({ label: 'Light' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.equal(await bg(), 'rgb(246, 247, 249)');
  await page.reload();
  await app.heading('Settings').waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByLabel('Theme').selectOption({ label: 'Dark' });
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.equal(await bg(), 'rgb(17, 21, 27)');
});

test('the delete confirmation takes focus, keeps it, and Escape closes it', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Kofi Mensah' });
  await app.heading('Kofi Mensah').waitFor();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Confirm deletion' });
  await dialog.waitFor();
  assert.equal(await focused(page), 'Cancel', 'the safe choice has focus');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Delete', 'Tab wraps inside the dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await focused(page), 'Delete', 'focus returns to the button that opened it');
  const id = page.url().split('/').pop();
  assert.ok((await app.people()).some((p) => p.id === id), 'the person is still stored');
});
