// LinkedIn messages.csv: for people already in Rapport, one interaction per conversation per
// day; the text only when the box is ticked; read in slices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { journey, ROOT } from './fixtures.mjs';

const ctx = journey();
const FIXTURES = path.join(ROOT, 'core/tests/fixtures');

test('messages become LinkedIn-message interactions, with text only when asked', async () => {
  const { app, page } = ctx;
  await app.importFile(path.join(FIXTURES, 'linkedin-connections.csv'));
  const preview = page.getByRole('region', { name: 'Import preview' });
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Imported 4 new people').waitFor();

  await app.importFile(path.join(FIXTURES, 'linkedin-messages.csv'));
  await preview.getByText('6 messages read: 3 new interactions with 2 people already in Rapport; 0 conversation days already logged; 1 message with no one in Rapport; 1 row skipped.').waitFor();
  await preview.getByText('Only dates and who wrote first will be kept, not the text.').waitFor();
  await preview.getByText('Line 8: “not a date” is not a date.').waitFor();
  // Ticking the box reads the file again, keeping the text.
  await page.getByLabel(/Keep the text of LinkedIn messages/).check();
  await preview.getByText('The text of each message will be kept').waitFor();
  await preview.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByText('Added 3 LinkedIn message interactions.').waitFor();

  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Priya Raman' }).click();
  const timeline = page.getByRole('list', { name: 'Interactions' });
  await timeline.getByText(/Priya Raman \(16:02\): Thanks for the talk/).waitFor();
  await timeline.getByText('LinkedIn message', { exact: false }).first().waitFor();

  // The same file again adds nothing.
  await app.importFile(path.join(FIXTURES, 'linkedin-messages.csv'));
  await preview.getByText(/0 new interactions with 0 people already in Rapport; 3 conversation days already logged/).waitFor();
  assert.equal(await preview.getByRole('button', { name: 'Confirm import' }).isDisabled(), true);
});
