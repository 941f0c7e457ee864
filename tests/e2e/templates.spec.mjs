// The template sweep in the browser: every template, opened for sample people, filled from
// the network and my profile, is "Ready to send" once what only I can write (a link, the
// role, what happened) is filled in, with no check failing. The core sweep
// (core/tests/drafter.rs) covers every phrasing and channel for twelve people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey } from './fixtures.mjs';

const ctx = journey();

const KINDS = ['reconnect', 'info_request', 'connection_note', 'thank_you', 'follow_up', 'share_resource', 'congratulate', 'offer_intro', 'double_opt_in', 'update', 'referral'];
const STAND_INS = {
  '{how_we_know}': 'We met at the analytics meetup',
  '{advice}': 'build a small portfolio project',
  '{last_topic}': 'pricing experiments',
  '{other_name}': 'Jordan Lee',
  '{role}': 'analytics lead',
  '{company}': 'Cobalt',
  '[link]': 'https://example.com/report',
  '[role]': 'the Senior Analyst opening',
  '[what happened]': 'two teams asked to see the project',
  '[topic]': 'pricing experiments',
  '[their point]': 'testing prices with real customers',
};
const fillIn = (text) => Object.entries(STAND_INS).reduce((t, [from, to]) => t.split(from).join(to), text);

test('every template for sample people is ready to send once my own words are in', async () => {
  const { app, page } = ctx;
  await app.open('#/settings');
  const profile = page.getByRole('form', { name: 'My profile' });
  await profile.getByLabel('My name').fill('Sam Rivera');
  await profile.getByLabel('Target, narrowly').fill('product analytics at fintechs');
  await profile.getByLabel('Target, broadly').fill('data work in finance');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await app.listDrawn(60);
  const hrefs = await page.getByRole('list', { name: 'People' }).getByRole('link').evaluateAll((links) =>
    links.map((a) => a.getAttribute('href')).filter((h) => /^#\/people\/[^/]+$/.test(h)));
  const people = hrefs.filter((_, i) => i % 20 === 0).slice(0, 3).map((h) => h.split('/').pop());
  assert.equal(people.length, 3);
  const notReady = [];
  let checked = 0;
  for (const id of people) {
    for (const kind of KINDS) {
      await page.goto(`${app.url}#/outreach/${id}/${kind}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // A referral request waits for an established relationship: not offered, nothing to check.
      if (kind === 'referral' && (await page.getByRole('alert').count())) continue;
      const body = page.getByLabel('Message', { exact: true });
      await body.waitFor();
      await body.fill(fillIn(await body.inputValue()));
      const subject = page.getByLabel('Subject', { exact: true });
      if (await subject.count()) await subject.fill(fillIn(await subject.inputValue()));
      const checks = page.getByLabel('Checks', { exact: true });
      await checks.getByText(/Ready to send\.|to fix before sending\./).waitFor();
      checked++;
      if (!(await checks.getByText('Ready to send.').count())) {
        const failing = await checks.locator('li.fail').allTextContents();
        notReady.push(`${kind} for ${id}: ${failing.join(' | ')}\n${await body.inputValue()}`);
      }
    }
  }
  assert.ok(checked >= 30, `${checked} messages checked`);
  assert.deepEqual(notReady, []);
});
