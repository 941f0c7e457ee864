// The outreach drafter: draft an informational request, fix failing checks, copy it, open it
// in email, mark it sent, and find it on the person's timeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

test('draft, fix, copy, send and find it on the timeline', async () => {
  const { app, page } = ctx;
  await ctx.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ctx.url).origin });
  await app.open('#/settings');
  const profile = page.getByRole('form', { name: 'My profile' });
  await profile.getByLabel('Target, narrowly').fill('product analytics');
  await profile.getByLabel('Target, broadly').fill('data work in finance');
  await profile.getByRole('button', { name: 'Save profile' }).click();

  await app.addPerson({
    Name: 'Ada Okafor',
    Company: 'Cobalt',
    'Role or title': 'Head of Data',
    'How we know each other': 'Former colleague',
    Email: 'ada@example.com',
    'Profile URL': 'https://www.linkedin.com/in/ada-example',
  });
  await app.heading('Ada Okafor').waitFor();
  await page.getByRole('link', { name: 'Write a message' }).click();
  // The referral request waits for an established relationship.
  await page.getByText('Referral request — not yet').waitFor();
  await page.getByRole('link', { name: 'Informational-interview request' }).click();
  await app.heading('Informational-interview request to Ada Okafor').waitFor();

  // My name is not in my profile yet: the field is highlighted, sending waits, and the
  // name can be filled in right here (and is saved to my profile).
  const checks = page.getByLabel('Checks', { exact: true });
  await page.getByText('Fill in or remove these before sending:').waitFor();
  await checks.getByLabel('Nothing left to fill in fails').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Copy' }).isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Mark as sent' }).isDisabled(), true);
  const body = page.getByLabel('Message', { exact: true });
  const mine = page.getByRole('group', { name: 'About you' });
  await mine.getByLabel('Your name').fill('Sam');
  await mine.getByRole('button', { name: 'Fill in and save to my profile' }).click();
  await checks.getByText('Ready to send.').waitFor();
  assert.match(await body.inputValue(), /Thank you,\nSam$/);
  assert.equal(JSON.parse((await app.stored())['rapport.profile']).name, 'Sam');

  // A job word fails a check; removing it passes again.
  await body.fill((await body.inputValue()).replace('insight and advice', 'insight, and any job openings'));
  await checks.getByLabel('Advice, not a job fails').waitFor();
  await checks.getByText('1 to fix before sending.').waitFor();
  await body.fill((await body.inputValue()).replace('insight, and any job openings', 'insight and advice'));
  await checks.getByLabel('Advice, not a job passes').waitFor();
  await checks.getByLabel('About them passes').waitFor();
  await checks.getByLabel('Word count passes').waitFor();
  await app.screenshot('compose');

  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByText('Copied to the clipboard.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Your experience at Cobalt\n\nHi Ada,\n\nWe worked together\./);

  const mail = await page.getByRole('link', { name: 'Open in email' }).getAttribute('href');
  assert.ok(mail.startsWith('mailto:ada@example.com?subject=Your%20experience%20at%20Cobalt&body=Hi%20Ada%2C%0A%0AWe%20worked%20together.'), mail);
  assert.equal(await page.getByRole('link', { name: 'Open profile' }).getAttribute('href'), 'https://www.linkedin.com/in/ada-example');
  assert.equal(await page.getByRole('link', { name: 'Open profile' }).getAttribute('rel'), 'noopener noreferrer');

  // The draft waits on Today until sent.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await app.nav('Today').click();
  const draftItem = page.getByRole('list', { name: 'To do today' }).getByRole('listitem').filter({ hasText: 'Finish your message to Ada Okafor' });
  await draftItem.getByText('Informational-interview request, last edited today.').waitFor();
  await draftItem.getByRole('link', { name: 'Continue draft' }).click();
  // Sent from Today: back to Today.
  await page.getByRole('button', { name: 'Mark as sent' }).click();
  await app.heading('Today').waitFor();
  await app.nav('Network').click();
  await page.getByRole('link', { name: 'Ada Okafor', exact: true }).click();
  await app.heading('Ada Okafor').waitFor();
  const timeline = page.getByRole('list', { name: 'Interactions' });
  await timeline.getByRole('heading', { name: 'Asked for an informational interview' }).waitFor();
  await timeline.getByText('Subject: Your experience at Cobalt').waitFor();
  await timeline.getByText('Not counted').waitFor();
  await page.reload();
  // count() does not wait: wait for the timeline to render after the reload first.
  await timeline.getByRole('heading', { name: 'Asked for an informational interview' }).waitFor();
  assert.equal(await timeline.getByRole('listitem').count(), 1, 'logged exactly once');
  await app.nav('Interviews').click();
  await page.getByRole('list', { name: 'Interviews in the pipeline' }).getByText('Outreach sent').waitFor();
  await app.nav('Today').click();
  await page.getByText(/things? to do|Nothing needs you today/).first().waitFor();
  assert.equal(await page.getByText('Finish your message to Ada Okafor').count(), 0, 'the draft left Today once sent');
});

test('a bracketed placeholder holds back sending until it is replaced', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Zoë Ngata', 'How we know each other': 'Former colleague' });
  await app.heading('Zoë Ngata').waitFor();
  await page.getByRole('link', { name: 'Write a message' }).click();
  await page.getByRole('link', { name: 'Give first: share a resource' }).click();
  const body = page.getByLabel('Message', { exact: true });
  await body.fill('Hi Zoë,\n\nThis reminded me of you and your work: [link]. No need to reply; I hope you find it useful.\n\nSam');
  await page.locator('mark', { hasText: '[link]' }).waitFor();
  const checks = page.getByLabel('Checks', { exact: true });
  await checks.getByLabel('Nothing left to fill in fails').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Mark as sent' }).isDisabled(), true);
  await body.fill((await body.inputValue()).replace('[link]', 'https://example.com/report'));
  await checks.getByLabel('Nothing left to fill in passes').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Mark as sent' }).isDisabled(), false);
  // Sent from the person's page: back to it.
  await page.getByRole('button', { name: 'Mark as sent' }).click();
  await app.heading('Zoë Ngata').waitFor();
});

test('a connection note counts characters as LinkedIn does', async () => {
  const { app, page } = ctx;
  await app.addPerson({ Name: 'Zoë Ngata' });
  await app.heading('Zoë Ngata').waitFor();
  await page.getByRole('link', { name: 'Write a message' }).click();
  await page.getByRole('link', { name: 'LinkedIn connection note' }).click();
  const body = page.getByLabel('Message', { exact: true });
  const checks = page.getByLabel('Checks', { exact: true });
  const start = 'We met at the meetup. Would you connect? ';
  await body.fill(start + 'é'.repeat(200 - start.length));
  await checks.getByText('200 of 200 characters.').waitFor();
  // The emoji is two UTF-16 code units, as the browser's maxlength counts it.
  await body.fill(start + 'é'.repeat(199 - start.length) + '🌿');
  await checks.getByText('201 characters: LinkedIn allows 200. Cut 1.').waitFor();
});
