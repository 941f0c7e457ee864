// The passphrase lock: everything stored is encrypted, a reload asks for the passphrase,
// a wrong one changes nothing, tampering is refused with a message, the passphrase can be
// changed (even when the change is cut short) and the lock turned off, Rapport locks after
// idle time, and backups can be encrypted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { journey, eventually } from './fixtures.mjs';

const ctx = journey();
const PASS = 'river lantern orbit';
const NEW_PASS = 'quiet maple harbour';

/// A network with a distinctive person, and every name, company, email and note stored.
async function network(app, page) {
  await app.open('#/network');
  await page.getByRole('button', { name: 'Try a sample network' }).click();
  await page.getByText('60 people').waitFor();
  await app.addPerson({
    Name: 'Zeynep Kaya',
    Company: 'Quillwork Labs',
    Email: 'zeynep@quillwork.example',
    Notes: 'Met at the Lisbon meetup; loves typography',
  });
  await page.getByRole('heading', { level: 1, name: 'Zeynep Kaya' }).waitFor();
  const stored = await app.stored();
  const secrets = new Set();
  for (const [key, text] of Object.entries(stored)) {
    const value = JSON.parse(text);
    if (key.startsWith('rapport.people.')) {
      for (const p of value.live ?? []) for (const f of ['name', 'company', 'email', 'notes']) if (p[f]?.length >= 4) secrets.add(p[f]);
    }
    if (key.startsWith('rapport.interactions.')) {
      for (const shard of Object.values(value)) for (const ix of shard.live ?? []) if (ix.notes?.length >= 4) secrets.add(ix.notes);
    }
    if (key === 'rapport.profile' && value.name) secrets.add(value.name);
  }
  assert.ok(secrets.has('Zeynep Kaya') && secrets.has('zeynep@quillwork.example') && secrets.size > 60, `found ${secrets.size} secrets`);
  return [...secrets];
}

/// Fills in and submits "Turn on the lock" in Settings; returns the lock's card.
async function submitTurnOn(app, page, passphrase = PASS) {
  await app.nav('Settings').click();
  const card = page.getByRole('region', { name: 'Passphrase lock' });
  await card.getByRole('button', { name: 'Turn on the lock…' }).click();
  const form = page.getByRole('region', { name: 'Turn on the lock' });
  await form.getByLabel('Passphrase (at least 8 characters)').fill(passphrase);
  await form.getByLabel('The same passphrase again').fill(passphrase);
  await form.getByLabel('I understand that a forgotten passphrase can\'t be recovered').check();
  await form.getByRole('button', { name: 'Turn on the lock' }).click();
  return card;
}

async function turnOn(app, page, passphrase = PASS) {
  const card = await submitTurnOn(app, page, passphrase);
  await card.getByRole('status').getByText('The lock is on.').waitFor();
}

async function unlock(page, passphrase) {
  await page.getByRole('heading', { level: 1, name: 'Rapport is locked' }).waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

function assertSealed(stored, secrets, version = 1) {
  for (const [key, value] of Object.entries(stored)) {
    for (const s of secrets) assert.ok(!value.includes(s), `${key} holds "${s}" in plain text`);
    if (!['rapport.meta', 'rapport.lock', 'rapport.journal'].includes(key)) {
      assert.ok(value.startsWith(`~${version}~`), `${key} is sealed under key ${version}: ${value.slice(0, 20)}`);
    }
  }
}

test('the lock encrypts every key; a reload asks; a wrong passphrase changes nothing', async () => {
  const { app, page } = ctx;
  const secrets = await network(app, page);
  await app.nav('Settings').click();
  const card = page.getByRole('region', { name: 'Passphrase lock' });
  await card.getByRole('button', { name: 'Turn on the lock…' }).click();
  const form = page.getByRole('region', { name: 'Turn on the lock' });
  // The warning and the export come before anything else.
  await form.getByText('If you forget the passphrase, your data can\'t be recovered').waitFor();
  const backup = await app.download(() => form.getByRole('button', { name: 'Export a backup first (JSON)' }).click());
  assert.ok(backup.text.includes('Zeynep Kaya'));
  // Bad input: each says why, and nothing is encrypted.
  const check = async (first, again, tick, message) => {
    await form.getByLabel('Passphrase (at least 8 characters)').fill(first);
    await form.getByLabel('The same passphrase again').fill(again);
    await form.getByLabel('I understand that a forgotten passphrase can\'t be recovered').setChecked(tick);
    await form.getByRole('button', { name: 'Turn on the lock' }).click();
    await card.getByRole('alert').getByText(message).waitFor();
    assert.equal((await app.stored())['rapport.lock'], undefined);
  };
  await check('short', 'short', true, 'Use at least 8 characters');
  await check(PASS, PASS + 'x', true, 'don\'t match');
  await check(PASS, PASS, false, 'Tick the box');
  await form.getByLabel('I understand that a forgotten passphrase can\'t be recovered').check();
  await form.getByRole('button', { name: 'Turn on the lock' }).click();
  await card.getByRole('status').getByText('The lock is on.').waitFor();

  const locked = await app.storedRaw();
  assertSealed(locked, secrets);
  assert.equal(JSON.parse(locked['rapport.lock']).state, 'locked');
  assert.equal(JSON.parse(locked['rapport.lock']).iterations, 600000);

  // An edit while unlocked is stored sealed too.
  await app.addPerson({ Name: 'Oluwaseun Bello', Notes: 'Introduced by Zeynep' });
  await page.getByRole('heading', { level: 1, name: 'Oluwaseun Bello' }).waitFor();
  assertSealed(await app.storedRaw(), [...secrets, 'Oluwaseun', 'Introduced by']);

  await page.reload();
  const before = await app.stored();
  await unlock(page, 'not the passphrase');
  await page.getByRole('alert').getByText('That passphrase is wrong, so it doesn\'t unlock Rapport. Nothing was changed.').waitFor();
  assert.deepEqual(await app.stored(), before, 'a wrong passphrase changes nothing');
  await app.screenshot('lock-unlock-screen');
  await unlock(page, PASS);
  await app.nav('Network').click();
  await page.getByText('62 people').waitFor();
  await page.getByRole('list', { name: 'People' }).getByText('Zeynep Kaya').waitFor();

  // Lock on demand, from the navigation.
  await page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rapport is locked' }).waitFor();
  assert.equal(await page.getByText('Zeynep Kaya').count(), 0, 'nothing decrypted is left on screen');
});

test('tampered values and an altered header are refused with a message', async () => {
  const { app, page } = ctx;
  await network(app, page);
  await turnOn(app, page);
  const stored = await app.stored();
  const key = Object.keys(stored).find((k) => k.startsWith('rapport.people.'));
  const original = stored[key];
  const flipped = original.slice(0, -3) + (original.at(-3) === 'A' ? 'B' : 'A') + original.slice(-2);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, flipped]);
  await page.reload();
  await unlock(page, PASS);
  await page.getByRole('heading', { level: 1, name: 'Rapport couldn\'t read your saved data' }).waitFor();
  await page.getByText(`The stored value of “${key}” was changed outside Rapport`).waitFor();
  assert.equal((await app.stored())[key], flipped, 'nothing is written over a value that does not open');

  // Put it back; then alter the header's state.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, original]);
  const header = JSON.parse(stored['rapport.lock']);
  await page.evaluate((h) => localStorage.setItem('rapport.lock', JSON.stringify({ ...h, state: 'removing' })), header);
  await page.reload();
  await unlock(page, PASS);
  await page.getByRole('alert').getByText('The lock record (rapport.lock) was changed outside Rapport').waitFor();
  // And a header this version can't trust at all.
  await page.evaluate((h) => localStorage.setItem('rapport.lock', JSON.stringify({ ...h, iterations: 1000 })), header);
  await page.reload();
  await page.getByText('fewer than the 600000 Rapport requires').waitFor();
  // With the header restored, everything opens again.
  await page.evaluate((h) => localStorage.setItem('rapport.lock', JSON.stringify(h)), header);
  await page.reload();
  await unlock(page, PASS);
  await app.nav('Network').click();
  await page.getByText('61 people').waitFor();
});

test('changing the passphrase, cut short and finished at the next start; then the lock turned off', async () => {
  const { app, page } = ctx;
  const secrets = await network(app, page);
  await turnOn(app, page);
  const card = page.getByRole('region', { name: 'Passphrase lock' });
  await card.getByRole('button', { name: 'Change passphrase…' }).click();
  const form = page.getByRole('region', { name: 'Change passphrase' });
  await form.getByLabel('Current passphrase').fill('wrong passphrase');
  await form.getByLabel('New passphrase (at least 8 characters)').fill(NEW_PASS);
  await form.getByLabel('The new passphrase again').fill(NEW_PASS);
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await card.getByRole('alert').getByText('That isn\'t the current passphrase. Nothing was changed.').waitFor();

  // The tab "closes" part way: storage refuses writes after the header and ten keys.
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    let writes = 0;
    Storage.prototype.setItem = function (k, v) {
      if (k.startsWith('rapport.') && ++writes > 11) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  await form.getByLabel('Current passphrase').fill(PASS);
  await form.getByRole('button', { name: 'Change passphrase' }).click();
  await card.getByRole('alert').getByText('The new passphrase is in use, but sealing everything again stopped part way').waitFor();
  const half = await app.stored();
  const versions = new Set(Object.entries(half).filter(([, v]) => v.startsWith('~')).map(([, v]) => v.split('~')[1]));
  assert.deepEqual([...versions].sort(), ['1', '2'], 'keys are under both versions');
  assert.equal(JSON.parse(half['rapport.lock']).state, 'rekeying');

  await page.reload();
  await page.getByText('Rapport was closed while changing the passphrase').waitFor();
  await unlock(page, PASS);
  await page.getByRole('alert').getByText('doesn\'t unlock').waitFor();
  await unlock(page, NEW_PASS);
  await app.nav('Network').click();
  await page.getByText('61 people').waitFor();
  const done = await app.storedRaw();
  assertSealed(done, secrets, 2);
  assert.equal(JSON.parse(done['rapport.lock']).state, 'locked');
  assert.equal(JSON.parse(done['rapport.lock']).previous, undefined, 'the old key is gone');

  // Turn the lock off: plain text again, and no unlock screen.
  await app.nav('Settings').click();
  await card.getByRole('button', { name: 'Turn the lock off…' }).click();
  const off = page.getByRole('region', { name: 'Turn the lock off' });
  await off.getByLabel('Current passphrase').fill(NEW_PASS);
  await off.getByRole('button', { name: 'Turn the lock off' }).click();
  await card.getByRole('status').getByText('The lock is off.').waitFor();
  const plain = await app.stored();
  assert.equal(plain['rapport.lock'], undefined);
  assert.ok(Object.values(plain).some((v) => v.includes('Zeynep Kaya')));
  await page.reload();
  await app.nav('Network').click();
  await page.getByText('61 people').waitFor();
});

test('storage that fills up while the lock is turned on leaves everything as it was', async () => {
  const { app, page } = ctx;
  await network(app, page);
  const before = await app.stored();
  await page.evaluate(() => {
    const set = Storage.prototype.setItem;
    let sealed = 0;
    Storage.prototype.setItem = function (k, v) {
      if (k.startsWith('rapport.') && v.startsWith('~') && ++sealed > 5) throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, k, v);
    };
  });
  const card = await submitTurnOn(app, page);
  await card.getByRole('alert').getByText('The lock was not turned on, and everything is stored as before').waitFor();
  assert.deepEqual(await app.stored(), before);
  await page.reload();
  await app.nav('Network').click();
  await page.getByText('61 people').waitFor();
});

test('Rapport locks itself after the idle time set in Settings', async () => {
  const { app, page } = ctx;
  await page.clock.install();
  await network(app, page);
  await turnOn(app, page);
  await page.getByLabel('Lock after this long without use').selectOption({ label: '5 minutes' });
  await page.clock.fastForward('04:00');
  await page.getByRole('region', { name: 'Passphrase lock' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Rapport is locked' }).count(), 0, 'not yet');
  await page.clock.fastForward('01:30');
  await page.getByRole('heading', { level: 1, name: 'Rapport is locked' }).waitFor();
});

test('an encrypted backup round trip; a wrong passphrase or a changed file is refused', async () => {
  const { app, page } = ctx;
  const secrets = await network(app, page);
  await app.open('#/import-export');
  const exportCard = page.getByRole('region', { name: 'Export' });
  await exportCard.getByLabel('Encrypt the backup with a passphrase').check();
  await exportCard.getByLabel('Backup passphrase (at least 8 characters)').fill(PASS);
  await exportCard.getByLabel('The same passphrase again').fill('different passphrase');
  await exportCard.getByRole('button', { name: 'Download everything, encrypted (JSON)' }).click();
  await exportCard.getByRole('alert').getByText('don\'t match').waitFor();
  await exportCard.getByLabel('The same passphrase again').fill(PASS);
  const file = await app.download(() => exportCard.getByRole('button', { name: 'Download everything, encrypted (JSON)' }).click());
  assert.match(file.name, /^rapport-backup-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
  const sealed = JSON.parse(file.text);
  assert.equal(sealed.format, 'rapport-encrypted-backup');
  assert.equal(sealed.kdf, 'PBKDF2-SHA256');
  for (const s of secrets) assert.ok(!file.text.includes(s), `the file holds "${s}"`);

  const importIt = async (text, passphrase, message) => {
    await app.importFile({ name: 'backup.encrypted.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    const form = page.getByRole('region', { name: 'Encrypted backup' });
    await form.getByLabel('Backup passphrase').fill(passphrase);
    await form.getByRole('button', { name: 'Open backup' }).click();
    if (message) await page.getByRole('alert').getByText(message).waitFor();
  };
  const refused = 'doesn\'t open with that passphrase, or the file was changed after it was exported. Nothing was imported.';
  await importIt(file.text, 'wrong passphrase', refused);
  const body = sealed.ciphertext;
  const flipped = { ...sealed, ciphertext: body.slice(0, 5) + (body[5] === 'A' ? 'B' : 'A') + body.slice(6) };
  await importIt(JSON.stringify(flipped), PASS, refused);
  await importIt(JSON.stringify({ ...sealed, nonce: 'AAAAAAAAAAAAAAAA' }), PASS, refused);
  await app.importFile({ name: 'weak.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...sealed, iterations: 10 })) });
  await page.getByRole('alert').getByText('fewer than the 600000 Rapport requires').waitFor();

  await importIt(file.text, PASS);
  const preview = page.getByRole('region', { name: 'Restore preview' });
  await preview.getByText(/with 61 people/).waitFor();
  await eventually(async () => (await preview.count()) === 1, 'the restore preview shows');
});
