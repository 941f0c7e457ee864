// Everything from the keyboard: the skip link, shortcuts (ignored in text fields, can be
// turned off), and a help dialog that traps focus, closes on Escape and returns focus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, App, hold } from './fixtures.mjs';

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

test('without the mouse: add a person, log an interaction, find them with the palette', async () => {
  const { app, page } = ctx;
  await app.open('#/today');
  await page.locator('body').focus();
  // n: the form opens with the cursor in its first field.
  await page.keyboard.press('n');
  await app.heading('Add a person').waitFor();
  await page.waitForFunction(() => document.activeElement?.id && document.activeElement.closest('form'));
  assert.equal(await page.evaluate(() => document.activeElement.labels?.[0]?.textContent?.trim()), 'Name');
  await page.keyboard.type('Keya Board');
  await page.keyboard.press('Enter');
  await app.heading('Keya Board').waitFor();
  // Bug: saving took the focused form away and focus fell back to the page's start, so the
  // next Tab went to the skip link and the tabs. It now lands on the new screen's content.
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)), 'Tab goes on inside the page');
  // l: the interaction form, cursor in its first field; Enter saves it.
  await page.locator('body').focus();
  await page.keyboard.press('l');
  const form = page.getByRole('form', { name: 'Log interaction' });
  await form.waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('form.interaction-form'));
  await page.keyboard.press('Enter');
  await page.getByRole('list', { name: 'Interactions' }).getByRole('listitem').first().waitFor();

  // The palette: Ctrl+K, a few letters of the name, Enter.
  await app.open('#/today');
  await page.keyboard.press('Control+k');
  await page.waitForFunction(() => document.activeElement?.id === 'palette-input');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.waitFor();
  await page.keyboard.type('keya');
  await palette.getByRole('option', { name: 'Keya Board' }).waitFor();
  assert.equal(await palette.getByRole('combobox').getAttribute('aria-activedescendant'), 'palette-0');
  await page.keyboard.press('Enter');
  await app.heading('Keya Board').waitFor();
  // An action: "log keya" opens the interaction form on her page.
  await page.keyboard.press('Control+k');
  await page.waitForFunction(() => document.activeElement?.id === 'palette-input');
  await page.keyboard.type('log keya');
  await palette.getByRole('option', { name: 'Log interaction with Keya Board' }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('form', { name: 'Log interaction' }).waitFor();
  // The cursor is in the form; Escape closes it.
  await page.waitForFunction(() => document.activeElement?.closest('form.interaction-form'));
  await page.keyboard.press('Escape');
  await page.getByRole('form', { name: 'Log interaction' }).waitFor({ state: 'detached' });
  // Screens, and Escape gives focus back.
  await page.locator('body').focus();
  await page.keyboard.press('Control+k');
  await page.waitForFunction(() => document.activeElement?.id === 'palette-input');
  await page.keyboard.type('insig');
  await page.keyboard.press('Enter');
  await app.heading('Insights').waitFor();
  await page.keyboard.press('Control+k');
  await page.waitForFunction(() => document.activeElement?.id === 'palette-input');
  await page.keyboard.press('Escape');
  await palette.waitFor({ state: 'detached' });
});

test('triage twenty people with j, k and x, and search then ↓', async () => {
  const { app, page } = ctx;
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await page.locator('body').focus();
  const rows = page.getByRole('list', { name: 'People' }).getByRole('listitem');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('j');
    await page.keyboard.press('x');
  }
  await page.getByRole('heading', { name: '20 selected' }).waitFor();
  // k goes back up: the 19th row; x unselects it, and x again selects it.
  await page.keyboard.press('k');
  const focusedRow = await page.evaluate(() => document.activeElement.closest('li')?.textContent);
  assert.equal(focusedRow, await rows.nth(18).textContent());
  await page.keyboard.press('x');
  await page.getByRole('heading', { name: '19 selected' }).waitFor();
  await page.keyboard.press('x');
  await page.getByRole('heading', { name: '20 selected' }).waitFor();
  // The bulk bar, by keyboard.
  await page.getByRole('button', { name: 'Archive', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('40 of 60 people').waitFor();

  // "/" focuses the search, ↓ moves into the results, Enter opens.
  await page.locator('body').focus();
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement?.id === 'search');
  await page.keyboard.type('a');
  await page.keyboard.press('ArrowDown');
  const name = await page.evaluate(() => document.activeElement?.textContent);
  await page.keyboard.press('Enter');
  await app.heading(name).waitFor();
});

test('a new screen starts at the top, and Back returns to where you were', async () => {
  const { app, page } = ctx;
  await page.setViewportSize({ width: 1200, height: 700 });
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await page.evaluate(() => window.scrollTo(0, 1500));
  await page.waitForFunction(() => window.scrollY >= 1400);
  const before = await page.evaluate(() => window.scrollY);
  const link = page.getByRole('list', { name: 'People' }).getByRole('listitem').nth(25).getByRole('link').first();
  const name = await link.textContent();
  // Clicked where it is (a Playwright click would scroll it into view first).
  await link.evaluate((a) => a.click());
  await app.heading(name).waitFor();
  await page.waitForFunction(() => window.scrollY === 0);
  await page.goBack();
  await app.heading('Network').waitFor();
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, before);
  await page.goForward();
  await app.heading(name).waitFor();
  await page.waitForFunction(() => window.scrollY === 0);
});

// A person's page is lazily loaded (module `people`): the palette's "log" waits for the page's
// button instead of a fixed time. It pressed it 60 ms after navigating, and on a page still
// saying "Opening…" nothing opened and the cursor went nowhere.
test("the palette's 'log' on a person whose page is still loading opens the form when it comes", async () => {
  const fresh = await ctx.browser.newContext({ viewport: { width: 1200, height: 900 }, serviceWorkers: 'block' });
  try {
    const page = await fresh.newPage();
    const app = new App(page, ctx.url);
    await app.addPerson({ Name: 'Keya Board' });
    await app.heading('Keya Board').waitFor();
    const release = await hold(page, /\/split_people-[0-9a-f]{16}\.wasm$/);
    // A new page load (not a hash change), so the module is fetched again and held.
    await page.goto('about:blank');
    await app.open('#/today');
    await page.keyboard.press('Control+k');
    await page.waitForFunction(() => document.activeElement?.id === 'palette-input');
    await page.keyboard.type('log keya');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('option', { name: 'Log interaction with Keya Board' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('main').getByRole('status').filter({ hasText: 'Opening…' }).waitFor();
    await page.waitForTimeout(400);
    release();
    await page.getByRole('form', { name: 'Log interaction' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('form.interaction-form'));
  } finally {
    await fresh.close();
  }
});
