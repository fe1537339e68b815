// End-to-end test of the patient portal in a real browser (Debian's Chromium through playwright-core).
//
//   cd tests/browser && npm ci          # once: installs playwright-core (no browser download)
//   node --test tests/browser/          # from the project root, with portico-local running
//   node tests/browser/portal.test.mjs  # the same, without the test runner's discovery
//
// Environment: PORTICO_URL (default http://riverside.localhost:3000), CHROMIUM (default
// /usr/bin/chromium). Needs the seeded demo practice "riverside" with Ann Lee and Ben Ortiz, and the
// gateway's workers running (portico-local runs them) for the messaging test's notification.
//
// Node's resolver does not resolve *.localhost (Chromium does), so the test's own calls to the gateway
// (outbox, staff helpers) connect to 127.0.0.1 and send the practice's host name in the Host header.

import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const BASE = new URL(process.env.PORTICO_URL || 'http://riverside.localhost:3000');
const ORIGIN = BASE.origin;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = path.join(ROOT, 'target', 'browser');
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

const ANN = { given: 'Ann', family: 'Lee', email: 'ann@example.com', phone: '+15555550101' };
const BEN = { given: 'Ben', family: 'Ortiz', email: 'ben@example.com', phone: '+15555550102' };
const STAFF_EMAIL = 'admin@riverside.example';

/** Consents the test may withdraw and give again without getting in the way of sign-in messages. */
const SAFE_CONSENTS = ['telehealth', 'terms_of_use', 'privacy_notice'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// The test's own HTTP calls to the gateway (outbox and staff helpers).

/**
 * One JSON request to the gateway with the practice's Host header.
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, body: any, text: string }>}
 */
function gateway(method, pathAndQuery, { token, body } = {}) {
  const url = new URL(pathAndQuery, ORIGIN);
  const local = url.hostname === 'localhost' || url.hostname.endsWith('.localhost');
  const secure = url.protocol === 'https:';
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  /** @type {Record<string, string | number>} */
  const headers = { Host: url.host, Accept: 'application/json, application/problem+json' };
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = payload.length;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({
      host: local ? '127.0.0.1' : url.hostname,
      servername: url.hostname,
      port: url.port || (secure ? 443 : 80),
      method,
      path: `${url.pathname}${url.search}`,
      headers,
      timeout: 20_000,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** The local outbox, newest first. */
async function outbox() {
  const res = await gateway('GET', '/_local/outbox');
  assert.equal(res.status, 200, `GET /_local/outbox answered ${res.status}: ${res.text.slice(0, 300)}`);
  assert.ok(Array.isArray(res.body), 'the outbox is a JSON array');
  return res.body;
}

async function outboxIds() {
  return new Set((await outbox()).map((m) => m.id));
}

/** Waits for a message that was not in the outbox before (`seen`), to `to` on `channel`. */
async function waitForMessage({ to, channel, seen, match = () => true, timeout = 20_000 }) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = (await outbox()).find((m) => !seen.has(m.id)
      && m.channel === channel
      && String(m.to).toLowerCase() === to.toLowerCase()
      && match(m));
    if (found) return found;
    await sleep(250);
  }
  throw new Error(`no new ${channel} message to ${to} arrived in the outbox within ${timeout} ms`);
}

function codeFrom(message) {
  const body = String(message.body);
  const m = /code is (\d{6})\b/.exec(body) || /(?<![\d#:.-])(\d{6})(?![\d])/.exec(body);
  assert.ok(m, `no 6-digit code in the message: ${body.slice(0, 200)}`);
  return m[1];
}

/** A different 6-digit code. */
function wrongCode(code) {
  return `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
}

/** A staff access token from the local sign-in helper. */
async function staffSignIn() {
  const staff = await gateway('POST', '/_local/staff/sign-in', { body: { email: STAFF_EMAIL } });
  assert.equal(staff.status, 200, `staff sign-in answered ${staff.status}: ${staff.text.slice(0, 300)}`);
  assert.ok(staff.body.access_token, 'staff sign-in returns an access token');
  return staff.body.access_token;
}

/** The staff view of a seeded patient ({patient_id, email, ...}), found by family name. */
async function findPatient(staffToken, person) {
  const found = await gateway('GET', `/staff/patients?query=${encodeURIComponent(person.family)}`, { token: staffToken });
  assert.equal(found.status, 200, `patient search answered ${found.status}: ${found.text.slice(0, 300)}`);
  const hit = found.body.patients.find((p) => p.given_name === person.given && p.family_name === person.family);
  assert.ok(hit, `${person.given} ${person.family} is found by staff search`);
  const record = await gateway('GET', `/staff/patients/${encodeURIComponent(hit.patient_id)}`, { token: staffToken });
  assert.equal(record.status, 200, `patient lookup answered ${record.status}: ${record.text.slice(0, 300)}`);
  return { ...record.body, patient_id: hit.patient_id };
}

/** Sends the patient a new invitation link by email and returns the link. */
async function inviteLink(staffToken, patient) {
  const seen = await outboxIds();
  const invited = await gateway('POST', `/staff/patients/${encodeURIComponent(patient.patient_id)}/invite`, {
    token: staffToken,
    body: { channel: 'email' },
  });
  assert.equal(invited.status, 202, `invite answered ${invited.status}: ${invited.text.slice(0, 300)}`);
  const message = await waitForMessage({ to: patient.email, channel: 'email', seen, match: (m) => /#\/invite\//.test(String(m.body)) });
  return inviteLinkFrom(message);
}

/** A small PDF made here (the server checks the first bytes: `%PDF-`). */
function tinyPdf(note) {
  return Buffer.from([
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
    `% ${note}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n'), 'latin1');
}

/** A 1×1 PNG: the bytes of a PNG, whatever name it is given. */
const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a448000000' +
  '0049454e44ae426082', 'hex');

function inviteLinkFrom(message) {
  const m = /(https?:\/\/[^\s"'<>]+#\/invite\/[A-Za-z0-9_\-.~%]+)/.exec(String(message.body));
  assert.ok(m, `no invitation link in the message: ${String(message.body).slice(0, 300)}`);
  return m[1];
}

// ---------------------------------------------------------------------------------------------------
// Browser helpers.

/** Collects console errors, uncaught exceptions, and every console text (to check for PHI). */
function watch(page) {
  const watched = { errors: [], texts: [] };
  page.on('console', (msg) => {
    watched.texts.push(msg.text());
    if (msg.type() === 'error') watched.errors.push({ text: msg.text(), url: msg.location()?.url || '' });
  });
  page.on('pageerror', (err) => watched.errors.push({ text: `uncaught: ${err.message}`, url: '' }));
  return watched;
}

/**
 * No console errors, except Chromium's own "Failed to load resource" line for API answers the test
 * provoked on purpose (by path and status): Chromium logs every 4xx answer to fetch() that way.
 */
function assertCleanConsole(watched, expected, phi) {
  const unexpected = watched.errors.filter((e) => {
    if (!e.text.startsWith('Failed to load resource')) return true;
    let pathname = '';
    try {
      pathname = new URL(e.url, ORIGIN).pathname;
    } catch {
      return true;
    }
    return !expected.some((x) => x.path === pathname && e.text.includes(`status of ${x.status}`));
  });
  assert.deepEqual(unexpected.map((e) => `${e.text} (${e.url})`), [], 'the page logged unexpected console errors');
  for (const text of watched.texts) {
    for (const secret of phi) assert.ok(!text.includes(secret), `a console message contains personal information: ${text}`);
  }
}

/** Waits until the locator's text matches. */
async function waitText(locator, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last = '(never found)';
  while (Date.now() < deadline) {
    try {
      const text = await locator.textContent({ timeout: 1_000 });
      last = (text ?? '').trim();
      if (pattern.test(last)) return last;
    } catch {
      // Not there yet.
    }
    await sleep(100);
  }
  throw new Error(`expected ${locator} to match ${pattern}; last text: ${JSON.stringify(last)}`);
}

/** Waits until the locator's attribute has the value. */
async function waitAttr(locator, name, value, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    try {
      last = await locator.getAttribute(name, { timeout: 1_000 });
      if (last === value) return;
    } catch {
      // Not there yet.
    }
    await sleep(100);
  }
  throw new Error(`expected ${locator} to have ${name}="${value}"; last: ${JSON.stringify(last)}`);
}

function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

async function assertStorageEmpty(page) {
  const state = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
  }));
  assert.equal(state.local, 0, 'localStorage must stay empty');
  assert.equal(state.session, 0, 'sessionStorage must stay empty');
  assert.ok(!/portico_refresh/i.test(state.cookie), 'the refresh cookie must not be readable from JavaScript');
}

async function assertRefreshCookie(context) {
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-portico_refresh' && c.domain === BASE.hostname);
  assert.ok(cookie, 'the server set the __Host-portico_refresh cookie (and the browser kept it)');
  assert.equal(cookie.httpOnly, true, 'the refresh cookie is HttpOnly');
  assert.equal(cookie.sameSite, 'Strict', 'the refresh cookie is SameSite=Strict');
}

/** Nothing personal in the page text, the title or the address. */
async function assertNoPhi(page, phi, where) {
  const text = await page.evaluate(() => document.body.innerText);
  const title = await page.title();
  for (const secret of phi) {
    assert.ok(!text.includes(secret), `${where}: the page still shows "${secret}"`);
    assert.ok(!title.includes(secret), `${where}: the title shows "${secret}"`);
    assert.ok(!page.url().includes(secret), `${where}: the address shows "${secret}"`);
  }
}

/**
 * Presses "Send me a code" on the contact-change form. If the server asks to wait (a code went to that
 * number less than a minute ago, e.g. in a previous run), waits it out as a patient would and presses
 * again. Returns true if it had to wait.
 */
async function requestContactCode(page) {
  await page.getByTestId('contact-send').click();
  await page.locator('[data-testid="contact-code"]:visible, [data-testid="contact-error"]:visible').first().waitFor({ timeout: 20_000 });
  if (await page.getByTestId('contact-code').isVisible()) return false;
  const said = await waitText(page.getByTestId('contact-error'), /wait \d+ (seconds?|minutes?)/i);
  if (/minute/i.test(said)) throw new Error(`The portal asks to wait minutes before sending a confirmation code ("${said}"): the hourly limit is used up.`);
  const seconds = Number(/wait (\d+) second/i.exec(said)?.[1] ?? 60);
  await page.waitForFunction(() => !document.querySelector('[data-testid="contact-send"]')?.hasAttribute('disabled'), null, { timeout: (seconds + 5) * 1000 });
  await page.getByTestId('contact-send').click();
  await page.getByTestId('contact-code').waitFor({ timeout: 20_000 });
  return true;
}

/** "(555) 555-0101" for "+15555550101", as the profile shows it. */
function shownPhone(e164) {
  return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
}

/** Remembers the access tokens the page receives, to check from outside that sign-out ends them. */
function captureTokens(page) {
  const tokens = [];
  page.on('response', (res) => {
    const { pathname } = new URL(res.url());
    if (res.status() === 200 && ['/auth/otp/verify', '/auth/refresh', '/auth/link'].includes(pathname)) {
      res.json().then((body) => {
        if (body && typeof body.access_token === 'string') tokens.push(body.access_token);
      }, () => {});
    }
  });
  return tokens;
}

async function newPhone() {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'America/Chicago',
  });
}

// ---------------------------------------------------------------------------------------------------

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  try {
    const res = await gateway('GET', '/');
    assert.equal(res.status, 200, `GET / answered ${res.status}`);
    assert.match(res.text, /<script type="module" src="\/app\.js">/, 'GET / serves web/index.html');
  } catch (err) {
    throw new Error(`The portal is not reachable at ${ORIGIN}: ${err.message}. Start portico-local first (or set PORTICO_URL).`);
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
});

test('Ann signs in with an email code, edits her profile, consents and preferences, and signs out', { timeout: 300_000 }, async () => {
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const tokens = captureTokens(page);
  const requested = [];
  page.on('request', (req) => requested.push(req.url()));
  const newName = `Annie ${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 5) || 'test'}`;
  const expected = [
    { path: '/auth/refresh', status: 401 }, // the first visit: no session to restore yet
    { path: '/auth/otp/verify', status: 401 }, // the wrong code, on purpose
    { path: '/auth/otp/start', status: 429 }, // "send a new code" too soon, on purpose
    { path: '/portal/me/contact/verify', status: 401 }, // the wrong confirmation code, on purpose
  ];

  try {
    // --- Sign in: ask for a code by email.
    await page.goto(`${ORIGIN}/`);
    await page.getByTestId('signin-address').waitFor();
    assert.equal(await page.getByTestId('nav').isVisible(), false, 'no navigation before signing in');
    const seen = await outboxIds();
    await page.getByTestId('signin-channel-email').check();
    await page.getByTestId('signin-address').fill(ANN.email);
    await page.getByTestId('signin-send').click();

    await page.locator('[data-testid="signin-code"]:visible, [data-testid="signin-error"]:visible').first().waitFor({ timeout: 20_000 });
    if (!(await page.getByTestId('signin-code').isVisible())) {
      // A run less than a minute ago already sent Ann a code: the portal says how long to wait and
      // counts down on the button. Wait as a patient would, then ask again.
      const said = await waitText(page.getByTestId('signin-error'), /wait \d+ (seconds?|minutes?)/i);
      assert.ok(await page.getByTestId('signin-send').isDisabled(), 'the send button waits out Retry-After');
      if (/minute/i.test(said)) {
        throw new Error(`The portal asks to wait minutes ("${said}"): Ann has probably used up this hour's sign-in codes (5 per address per hour). Try again later or reset the local store.`);
      }
      const seconds = Number(/wait (\d+) second/i.exec(said)?.[1] ?? 60);
      await page.waitForFunction(() => !document.querySelector('[data-testid="signin-send"]')?.hasAttribute('disabled'), null, { timeout: (seconds + 5) * 1000 });
      expected.push({ path: '/auth/otp/start', status: 429 });
      await page.getByTestId('signin-send').click();
      await page.getByTestId('signin-code').waitFor({ timeout: 20_000 });
    }
    const code = codeFrom(await waitForMessage({ to: ANN.email, channel: 'email', seen }));
    await waitText(page.getByTestId('signin-sent'), /ann@example\.com/);
    const codeInput = page.getByTestId('signin-code');
    assert.equal(await codeInput.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await codeInput.getAttribute('inputmode'), 'numeric');

    // --- A wrong code says how many tries are left.
    await codeInput.fill(wrongCode(code));
    await page.getByTestId('signin-verify').click();
    await waitText(page.getByTestId('signin-error'), /2 tries left/);
    assert.equal(await codeInput.inputValue(), '', 'the wrong code is cleared');

    // --- "Send a new code" right away respects Retry-After.
    const beforeResend = await outboxIds();
    await page.getByTestId('signin-resend').click();
    await waitText(page.getByTestId('signin-error'), /wait \d+ (seconds?|minutes?)/i);
    assert.ok(await page.getByTestId('signin-resend').isDisabled(), 'the resend button is disabled during the wait');
    await waitText(page.getByTestId('signin-resend'), /wait \d+ s/);
    const resent = (await outbox()).filter((m) => !beforeResend.has(m.id) && String(m.to).toLowerCase() === ANN.email);
    assert.deepEqual(resent, [], 'no new code is sent while the server asks to wait');

    // --- The right code signs in.
    await codeInput.fill(code);
    await page.getByTestId('signin-verify').click();
    await waitText(page.getByTestId('home-greeting'), /^Hello, \S/);
    assert.match(page.url(), /#\/home$/);
    assert.ok(await page.getByTestId('nav').isVisible(), 'navigation shows once signed in');
    await assertStorageEmpty(page);
    await assertRefreshCookie(context);

    // --- Profile: see it, change the preferred name, and find it again after a reload.
    await page.getByTestId('nav-profile').click();
    await waitText(page.getByTestId('profile-given-name'), exactly(ANN.given));
    await waitText(page.getByTestId('profile-family-name'), exactly(ANN.family));
    await waitText(page.getByTestId('profile-email'), exactly(ANN.email));
    await waitText(page.getByTestId('profile-dob'), /\d{4}/);
    assert.equal(await page.getByTestId('nav-profile').getAttribute('aria-current'), 'page');
    await page.getByTestId('profile-edit').click();
    await page.getByTestId('profile-input-preferred-name').fill(newName);
    await page.getByTestId('profile-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);
    await waitText(page.getByTestId('profile-preferred-name'), exactly(newName));

    const restored = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/refresh' && r.request().method() === 'POST');
    await page.reload();
    assert.equal((await restored).status(), 200, 'the reload restores the session through the refresh cookie');
    await waitText(page.getByTestId('profile-preferred-name'), exactly(newName));
    assert.match(page.url(), /#\/profile$/);
    assert.equal(await page.getByTestId('signin-address').count(), 0, 'no sign-in screen after the reload');
    await assertStorageEmpty(page);
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'profile.png'), fullPage: true });

    // --- A new mobile number needs the code sent to it; a wrong code says so and keeps the session.
    //     Then the original number is put back the same way.
    const otherPhone = `+1555555${2000 + Math.floor(Math.random() * 7000)}`;
    for (const [number, wrongFirst] of [[otherPhone, true], [ANN.phone, false]]) {
      const seenContact = await outboxIds();
      await page.getByTestId('contact-change-sms').click();
      await page.getByTestId('contact-input-sms').fill(number);
      if (await requestContactCode(page)) expected.push({ path: '/portal/me', status: 429 });
      await waitText(page.getByTestId('contact-dest'), new RegExp(number.slice(-4)));
      const contactCode = codeFrom(await waitForMessage({ to: number, channel: 'sms', seen: seenContact }));
      if (wrongFirst) {
        await page.getByTestId('contact-code').fill(wrongCode(contactCode));
        await page.getByTestId('contact-confirm').click();
        await waitText(page.getByTestId('contact-error'), /2 tries left/);
        assert.ok(await page.getByTestId('nav').isVisible(), 'a wrong confirmation code does not end the session');
      }
      await page.getByTestId('contact-code').fill(contactCode);
      await page.getByTestId('contact-confirm').click();
      await waitText(page.getByTestId('app-status'), /mobile number was updated/i);
      await waitText(page.getByTestId('profile-phone'), exactly(shownPhone(number)));
    }

    await page.getByTestId('nav-home').click();
    await waitText(page.getByTestId('home-greeting'), exactly(`Hello, ${newName}`));

    // --- Consents: accept, withdraw (after a cancelled confirmation), accept again; it persists.
    await page.getByTestId('nav-consents').click();
    await page.getByTestId('consent-list').waitFor();
    const kinds = await page.locator('[data-testid^="consent-status-"]')
      .evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') || '').replace('consent-status-', '')));
    assert.ok(kinds.length > 0, 'the practice publishes at least one consent document');
    const kind = SAFE_CONSENTS.find((k) => kinds.includes(k)) ?? kinds.find((k) => !k.endsWith('_messages')) ?? kinds[0];
    const status = page.getByTestId(`consent-status-${kind}`);
    if ((await status.getAttribute('data-status')) !== 'accepted') {
      await page.getByTestId(`consent-accept-${kind}`).click();
      await waitAttr(status, 'data-status', 'accepted');
      await waitText(status, /You agreed/);
    }
    await page.getByTestId(`consent-revoke-${kind}`).click();
    await page.getByTestId('consent-confirm').waitFor();
    await page.getByTestId('consent-confirm-no').click();
    await page.getByTestId('consent-confirm').waitFor({ state: 'detached' });
    assert.equal(await status.getAttribute('data-status'), 'accepted', 'cancelling the confirmation changes nothing');
    await page.getByTestId(`consent-revoke-${kind}`).click();
    await page.getByTestId('consent-confirm-yes').click();
    await waitAttr(status, 'data-status', 'revoked');
    await waitText(status, /withdrew/i);
    await page.getByTestId(`consent-accept-${kind}`).click();
    await waitAttr(status, 'data-status', 'accepted');
    await waitText(page.getByTestId('app-status'), /agreed/i);
    await page.reload();
    await page.getByTestId('consent-list').waitFor();
    await waitAttr(page.getByTestId(`consent-status-${kind}`), 'data-status', 'accepted');
    await waitText(page.getByTestId(`consent-status-${kind}`), /You agreed/);

    // --- Preferences: change a channel × category box, quiet hours and time zone; they persist.
    await page.getByTestId('nav-preferences').click();
    await page.getByTestId('pref-grid').waitFor();
    const marketing = page.getByTestId('pref-email-marketing');
    const smsBilling = page.getByTestId('pref-sms-billing');
    const marketingWas = await marketing.isChecked();
    const smsBillingWas = await smsBilling.isChecked();
    await marketing.setChecked(!marketingWas);
    await smsBilling.setChecked(!smsBillingWas);
    await page.getByTestId('pref-quiet-enabled').setChecked(true);
    const startWas = await page.getByTestId('pref-quiet-start').inputValue();
    const newStart = startWas === '22:30' ? '21:45' : '22:30';
    await page.getByTestId('pref-quiet-start').fill(newStart);
    await page.getByTestId('pref-quiet-end').fill('07:15');
    const zoneWas = await page.getByTestId('pref-time-zone').inputValue();
    const newZone = zoneWas === 'America/Denver' ? 'America/Phoenix' : 'America/Denver';
    await page.getByTestId('pref-time-zone').selectOption(newZone);
    await page.getByTestId('pref-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);

    await page.reload();
    await page.getByTestId('pref-grid').waitFor();
    assert.equal(await page.getByTestId('pref-email-marketing').isChecked(), !marketingWas, 'email × marketing persisted');
    assert.equal(await page.getByTestId('pref-sms-billing').isChecked(), !smsBillingWas, 'text × billing persisted');
    assert.equal(await page.getByTestId('pref-quiet-enabled').isChecked(), true, 'quiet hours stay on');
    assert.equal((await page.getByTestId('pref-quiet-start').inputValue()).slice(0, 5), newStart, 'quiet hours start persisted');
    assert.equal((await page.getByTestId('pref-quiet-end').inputValue()).slice(0, 5), '07:15', 'quiet hours end persisted');
    assert.equal(await page.getByTestId('pref-time-zone').inputValue(), newZone, 'time zone persisted');

    // Quiet hours off, then on again.
    await page.getByTestId('pref-quiet-enabled').setChecked(false);
    assert.equal(await page.getByTestId('pref-quiet-start').isVisible(), false, 'the times hide when quiet hours are off');
    await page.getByTestId('pref-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);
    await page.reload();
    await page.getByTestId('pref-grid').waitFor();
    assert.equal(await page.getByTestId('pref-quiet-enabled').isChecked(), false, 'quiet hours off persisted');
    await page.getByTestId('pref-quiet-enabled').setChecked(true);
    await page.getByTestId('pref-quiet-start').fill('21:00');
    await page.getByTestId('pref-quiet-end').fill('08:00');
    await page.getByTestId('pref-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);
    await assertStorageEmpty(page);

    // --- Sign out: back to sign-in, nothing personal left, and going back shows nothing either.
    const phi = [ANN.email, newName, `${ANN.given} ${ANN.family}`, ANN.family, ANN.phone, ANN.phone.slice(2)];
    const loggedOut = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/logout');
    await page.getByTestId('sign-out').click();
    assert.equal((await loggedOut).status(), 204);
    await page.getByTestId('signin-address').waitFor();
    await waitText(page.getByTestId('signin-notice'), /signed out/i);
    assert.equal(await page.getByTestId('signin-address').inputValue(), '', 'the address is not kept');
    assert.match(page.url(), /#\/sign-in$/);
    assert.equal(await page.getByTestId('nav').isVisible(), false);
    await assertNoPhi(page, phi, 'after signing out');
    assert.ok(!(await context.cookies()).some((c) => c.name === '__Host-portico_refresh' && c.value), 'the refresh cookie is cleared');
    assert.ok(tokens.length > 0, 'the test saw the session answers');
    const afterLogout = await gateway('GET', '/portal/me', { token: tokens[tokens.length - 1] });
    assert.equal(afterLogout.status, 401, 'the last access token is refused after signing out');

    for (let i = 0; i < 6; i += 1) {
      await page.goBack({ waitUntil: 'load' }).catch(() => null);
      if (!page.url().startsWith(ORIGIN)) break;
      await page.getByTestId('signin-address').waitFor({ timeout: 15_000 });
      await sleep(300); // Anything a stale screen might still paint.
      await assertNoPhi(page, phi, `after going back ${i + 1} time(s) (${new URL(page.url()).hash})`);
      assert.equal(await page.getByTestId('nav').isVisible(), false, 'no navigation after going back');
    }

    for (const url of requested) {
      for (const secret of [ANN.email, encodeURIComponent(ANN.email), code, newName, encodeURIComponent(newName)]) {
        assert.ok(!url.includes(secret), `a request URL carries personal data or a code: ${url}`);
      }
    }
    assertCleanConsole(watched, expected, [...phi, code]);
  } finally {
    await context.close();
  }
});

test('an invitation link signs Ben in once and leaves no token behind', { timeout: 120_000 }, async () => {
  // Staff invite Ben (local helpers, same Host as the portal).
  const staff = await gateway('POST', '/_local/staff/sign-in', { body: { email: STAFF_EMAIL } });
  assert.equal(staff.status, 200, `staff sign-in answered ${staff.status}: ${staff.text.slice(0, 300)}`);
  const staffToken = staff.body.access_token;
  assert.ok(staffToken, 'staff sign-in returns an access token');
  const found = await gateway('GET', '/staff/patients?query=Ortiz', { token: staffToken });
  assert.equal(found.status, 200, `patient search answered ${found.status}: ${found.text.slice(0, 300)}`);
  const ben = found.body.patients.find((p) => p.given_name === BEN.given && p.family_name === BEN.family);
  assert.ok(ben, 'Ben Ortiz is found by staff search');
  const record = await gateway('GET', `/staff/patients/${encodeURIComponent(ben.patient_id)}`, { token: staffToken });
  assert.equal(record.status, 200, `patient lookup answered ${record.status}: ${record.text.slice(0, 300)}`);
  const benEmail = record.body.email;
  assert.ok(benEmail, 'Ben has an email address on file');
  const seen = await outboxIds();
  const invited = await gateway('POST', `/staff/patients/${encodeURIComponent(ben.patient_id)}/invite`, {
    token: staffToken,
    body: { channel: 'email' },
  });
  assert.equal(invited.status, 202, `invite answered ${invited.status}: ${invited.text.slice(0, 300)}`);
  const message = await waitForMessage({ to: benEmail, channel: 'email', seen, match: (m) => /#\/invite\//.test(String(m.body)) });
  const link = inviteLinkFrom(message);
  const token = link.slice(link.indexOf('#/invite/') + '#/invite/'.length);
  assert.equal(new URL(link).origin, ORIGIN, 'the invitation points at this practice\'s portal');

  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const second = await context.newPage();
  const watchedSecond = watch(second);
  const phi = [benEmail, `${BEN.given} ${BEN.family}`, BEN.family, BEN.phone];
  // The address bar as it was when the page sent the token: the token must already be gone from it.
  const addressWhenRedeeming = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/auth/link') addressWhenRedeeming.push(page.url());
  });
  try {
    await page.goto(link);
    await waitText(page.getByTestId('home-greeting'), /^Hello, \S/);
    assert.equal(addressWhenRedeeming.length, 1, 'the page redeems the link once');
    assert.ok(!addressWhenRedeeming[0].includes(token), `the token was still in the address bar while redeeming: ${addressWhenRedeeming[0]}`);
    assert.ok(!page.url().includes(token), 'the token is gone from the address bar');
    assert.match(page.url(), /#\/home$/);
    assert.ok(!(await page.title()).includes(BEN.given), 'no name in the title');
    await assertStorageEmpty(page);
    await assertRefreshCookie(context);
    await page.getByTestId('nav-profile').click();
    await waitText(page.getByTestId('profile-given-name'), exactly(BEN.given));
    await waitText(page.getByTestId('profile-family-name'), exactly(BEN.family));

    // The link works once.
    await second.goto(link);
    await waitText(second.getByTestId('signin-notice'), /no longer valid/i);
    assert.ok(!second.url().includes(token), 'the used token is gone from the address bar too');
    await second.getByTestId('signin-address').waitFor();
    await assertNoPhi(second, phi, 'a used invitation link');

    // The session cannot be restored any more (cookie gone): a friendly "session ended" message.
    await context.clearCookies();
    await page.reload();
    await waitText(page.getByTestId('signin-notice'), /session has ended/i);
    await assertNoPhi(page, phi, 'after the session ended');

    assertCleanConsole(watched, [{ path: '/auth/refresh', status: 401 }], phi);
    assertCleanConsole(watchedSecond, [{ path: '/auth/link', status: 401 }], phi);
  } finally {
    await context.close();
  }
});

test('Ann writes to her care team with a PDF, reads the reply, downloads the file, and texts STOP', { timeout: 300_000 }, async () => {
  const run = Math.random().toString(36).replace(/[^a-z0-9]/g, '').slice(0, 8) || 'run';
  const subject = `Knee follow-up ${run}`;
  const firstText = `My left knee still hurts after Sunday's walk (${run}).`;
  const careReply = `Please book a visit this week and bring your scan (${run}).`;
  const annReply = `Thank you, I will call to book (${run}).`;
  const pdfName = 'knee-scan.pdf';
  const pdf = tinyPdf(run);

  // Staff sign Ann in with an invitation link (no sign-in code limits in the way of the earlier test).
  const staffToken = await staffSignIn();
  const ann = await findPatient(staffToken, ANN);
  const link = await inviteLink(staffToken, ann);

  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const requested = [];
  page.on('request', (req) => requested.push({ method: req.method(), url: req.url() }));
  const expected = [{ path: '/auth/refresh', status: 401 }];
  page.on('response', (res) => {
    const { pathname } = new URL(res.url());
    // The refusal of the fake PDF (422), and "still scanning" (409) where a scanner runs.
    if (/^\/portal\/attachments\/at_[0-9A-Z]+\/complete$/.test(pathname) && [409, 422].includes(res.status())) {
      expected.push({ path: pathname, status: res.status() });
    }
  });
  const posts = (pathname) => requested.filter((r) => r.method === 'POST' && new URL(r.url).pathname === pathname).length;

  try {
    await page.goto(link);
    await waitText(page.getByTestId('home-greeting'), /^Hello, \S/);
    assert.ok(await page.getByTestId('home-messages').isVisible(), 'home offers Messages');
    assert.ok(await page.getByTestId('nav-messages').isVisible(), 'the navigation offers Messages');

    // --- So that Ann can be told of a reply now: she agrees to email notices and turns quiet hours off.
    await page.getByTestId('nav-consents').click();
    await page.getByTestId('consent-list').waitFor();
    const emailConsent = page.getByTestId('consent-status-email_messages');
    if ((await emailConsent.getAttribute('data-status')) !== 'accepted') {
      await page.getByTestId('consent-accept-email_messages').click();
      await waitAttr(emailConsent, 'data-status', 'accepted');
    }
    await page.getByTestId('nav-preferences').click();
    await page.getByTestId('pref-grid').waitFor();
    await page.getByTestId('pref-email-messages').setChecked(true);
    await page.getByTestId('pref-quiet-enabled').setChecked(false);
    await page.getByTestId('pref-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);

    // --- Messages: the list (or the empty state) says it is not for emergencies.
    await page.getByTestId('nav-messages').click();
    await page.locator('[data-testid="messages-empty"], [data-testid="thread-list"]').first().waitFor();
    assert.equal(await page.getByTestId('nav-messages').getAttribute('aria-current'), 'page');
    await waitText(page.getByTestId('messages-emergency'), /In an emergency, call 911/);
    if (await page.getByTestId('messages-empty').isVisible()) {
      await waitText(page.getByTestId('messages-empty'), /not for emergencies/i);
    }

    // --- A new message: what the form refuses before sending anything.
    await page.getByTestId('messages-new').click();
    await page.getByTestId('compose-form').waitFor();
    assert.match(await page.title(), /^Messages/);
    await page.getByTestId('compose-send').click();
    await page.getByTestId('compose-error').waitFor();
    assert.equal(await page.getByTestId('compose-topic').getAttribute('aria-invalid'), 'true', 'a topic is required');
    assert.equal(await page.getByTestId('compose-subject').getAttribute('aria-invalid'), 'true', 'a subject is required');
    assert.equal(posts('/portal/threads'), 0, 'nothing is sent while the form is incomplete');

    const uploadsBefore = posts('/portal/attachments');
    await page.getByTestId('compose-files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    const txt = page.getByTestId('attachment-item').filter({ hasText: 'notes.txt' });
    await waitAttr(txt, 'data-state', 'refused');
    await waitText(txt.getByTestId('attachment-status'), /only PDF, JPEG, PNG and HEIC/);
    assert.equal(posts('/portal/attachments'), uploadsBefore, 'a file of the wrong type is refused before any upload');
    await txt.getByTestId('attachment-remove').click();
    assert.equal(await page.getByTestId('attachment-item').count(), 0, 'the refused file is removed');

    // --- A clinical question with a PDF.
    await page.getByTestId('compose-topic').selectOption('clinical');
    await page.getByTestId('compose-subject').fill(subject);
    await page.getByTestId('compose-body').fill(firstText);
    await waitText(page.getByTestId('compose-count'), /characters left/);
    await page.getByTestId('compose-files').setInputFiles({ name: pdfName, mimeType: 'application/pdf', buffer: pdf });
    const pdfItem = page.getByTestId('attachment-item').filter({ hasText: pdfName });
    await waitAttr(pdfItem, 'data-state', 'ready', 30_000);
    await waitText(pdfItem.getByTestId('attachment-status'), /Ready to send/);
    assert.equal(await page.getByTestId('compose-send').isDisabled(), false, 'send is possible once the file is ready');
    await page.getByTestId('compose-send').click();

    await page.waitForURL(/#\/messages\/th_[0-9A-Z]{26}$/, { timeout: 20_000 });
    const threadId = /#\/messages\/(th_[0-9A-Z]{26})$/.exec(page.url())[1];
    await waitText(page.getByTestId('thread-subject'), exactly(subject));
    await waitText(page.getByTestId('app-status'), /sent/i);
    const mine = page.getByTestId('message').filter({ hasText: firstText });
    await waitAttr(mine, 'data-from', 'patient');
    await waitText(mine.getByTestId('message-author'), /^You$/);
    assert.equal(await mine.getByTestId('attachment-download').count(), 1, 'the message carries its attachment');
    assert.ok(!(await page.title()).includes(run), 'the subject is not in the title');

    // In the list, with its topic, and nothing unread.
    await page.getByTestId('thread-back').click();
    const item = page.locator(`[data-testid="thread-item"][data-thread-id="${threadId}"]`);
    await waitText(item.getByTestId('thread-subject'), exactly(subject));
    await waitText(item.getByTestId('thread-topic'), /^Medical question$/);
    assert.equal(await item.getByTestId('thread-unread').count(), 0, 'nothing unread in a thread Ann started');

    // --- The care team replies (staff API); Ann is told something is waiting, and nothing more.
    const seen = await outboxIds();
    const replied = await gateway('POST', `/staff/patients/${encodeURIComponent(ann.patient_id)}/threads/${threadId}/messages`, {
      token: staffToken,
      body: { body: careReply },
    });
    assert.equal(replied.status, 201, `staff reply answered ${replied.status}: ${replied.text.slice(0, 300)}`);
    let notice = null;
    const deadline = Date.now() + 20_000;
    while (!notice && Date.now() < deadline) {
      notice = (await outbox()).find((m) => !seen.has(m.id)
        && ((m.channel === 'email' && String(m.to).toLowerCase() === String(ann.email).toLowerCase())
          || (m.channel === 'sms' && m.to === ANN.phone)));
      if (!notice) await sleep(250);
    }
    assert.ok(notice, 'Ann is notified (by email or text) that a message is waiting');
    const noticeText = `${notice.subject ?? ''}\n${notice.body}`;
    assert.match(noticeText, /message/i, 'the notification says a message is waiting');
    for (const secret of [careReply, firstText, subject, run, pdfName]) {
      assert.ok(!noticeText.includes(secret), `the notification must not contain "${secret}": ${noticeText}`);
    }
    const leaks = (await outbox()).filter((m) => `${m.subject ?? ''}\n${m.body}`.includes(run));
    assert.deepEqual(leaks, [], 'no email or text ever carries the subject or the text of a message');

    // --- Ann reloads: one unread, in the list and the navigation; opening the thread clears it.
    await page.reload();
    await waitAttr(item, 'data-unread', '1');
    await waitText(item.getByTestId('thread-unread'), /^1 unread$/);
    await waitText(page.getByTestId('nav-messages-unread'), /^1\b/);
    const markedRead = page.waitForResponse((r) => new URL(r.url()).pathname === `/portal/threads/${threadId}/read`);
    await item.getByTestId('thread-link').click();
    const theirs = page.getByTestId('message').filter({ hasText: careReply });
    await waitAttr(theirs, 'data-from', 'care_team');
    await waitText(theirs.getByTestId('message-author'), /^Care team$/);
    assert.equal((await markedRead).status(), 200, 'opening the thread marks it read');
    await page.getByTestId('nav-messages-unread').waitFor({ state: 'hidden' });
    const order = await page.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-from')));
    assert.deepEqual(order.slice(-2), ['patient', 'care_team'], 'messages run oldest to newest');

    // --- The attachment downloads, served as an attachment.
    const linkAnswer = page.waitForResponse((r) => /^\/portal\/attachments\/at_[0-9A-Z]+$/.test(new URL(r.url()).pathname) && r.request().method() === 'GET');
    const downloading = page.waitForEvent('download');
    const downloadButton = page.getByTestId('message').filter({ hasText: firstText }).getByTestId('attachment-download');
    assert.ok((await downloadButton.textContent()).includes(pdfName), 'the download button names the file, after a reload too');
    await downloadButton.click();
    const answer = await linkAnswer;
    assert.equal(answer.status(), 200);
    const { url } = await answer.json();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), pdfName, 'the download keeps the file name');
    assert.deepEqual(await readFile(await download.path()), pdf, 'the downloaded bytes are the uploaded ones');
    const served = await gateway('GET', url);
    assert.equal(served.status, 200, `the download link answered ${served.status}`);
    assert.match(String(served.headers['content-disposition']), /^attachment\b/, 'the file is served as an attachment');
    assert.ok(served.text.startsWith('%PDF-'), 'the link serves the PDF');

    // --- The reply box: the count and the limit, a fake PDF refused, then a reply.
    const replyPath = `/portal/threads/${threadId}/messages`;
    const repliesBefore = posts(replyPath);
    await page.getByTestId('reply-body').fill('x'.repeat(10_001));
    await waitText(page.getByTestId('reply-count'), /1 character too many/);
    await page.getByTestId('reply-send').click();
    await page.getByTestId('reply-error').waitFor();
    assert.equal(await page.getByTestId('reply-body').getAttribute('aria-invalid'), 'true');
    assert.equal(posts(replyPath), repliesBefore, 'a message over 10,000 characters is not sent');

    await page.getByTestId('reply-body').fill(annReply);
    await page.getByTestId('reply-files').setInputFiles({ name: 'photo.pdf', mimeType: 'application/pdf', buffer: PNG_BYTES });
    const fake = page.getByTestId('attachment-item').filter({ hasText: 'photo.pdf' });
    await waitAttr(fake, 'data-state', 'refused', 30_000);
    await waitText(fake.getByTestId('attachment-status'), /refused.*image\/png/i);
    await page.getByTestId('reply-send').click();
    await waitText(page.getByTestId('reply-error'), /check/i);
    await waitAttr(page.getByTestId('reply-files'), 'aria-invalid', 'true');
    assert.equal(posts(replyPath), repliesBefore, 'nothing is sent while a refused file is still attached');
    await fake.getByTestId('attachment-remove').click();
    await page.getByTestId('reply-send').click();
    const sentReply = page.getByTestId('message').filter({ hasText: annReply });
    await waitAttr(sentReply, 'data-from', 'patient');
    await waitText(page.getByTestId('app-status'), /reply was sent/i);
    assert.equal(await page.getByTestId('reply-body').inputValue(), '', 'the reply box is emptied');

    await assertStorageEmpty(page);
    for (const r of requested) {
      for (const secret of [subject, encodeURIComponent(subject), firstText, careReply, annReply, run]) {
        assert.ok(!r.url.includes(secret), `a request URL carries message content: ${r.url}`);
      }
    }
    assertCleanConsole(watched, expected, [subject, firstText, careReply, annReply, run]);
    await page.screenshot({ path: path.join(SHOTS, 'messages.png'), fullPage: true });
  } finally {
    await context.close();
  }

  // --- Ann texts STOP: Twilio is answered that texts stop. START puts texts back for the next run.
  try {
    const stop = await gateway('POST', '/_local/twilio/inbound', { body: { from: ANN.phone, body: 'STOP' } });
    assert.equal(stop.status, 200, `the inbound text answered ${stop.status}: ${stop.text.slice(0, 300)}`);
    assert.match(String(stop.body.twiml), /<Response>.*<Message>/s, 'the answer is TwiML with a reply');
    assert.match(String(stop.body.twiml), /no longer receive texts|texts? (will )?stop/i, 'the reply says texts stop');
  } finally {
    const start = await gateway('POST', '/_local/twilio/inbound', { body: { from: ANN.phone, body: 'START' } });
    assert.equal(start.status, 200, `START answered ${start.status}: ${start.text.slice(0, 300)}`);
  }
});
