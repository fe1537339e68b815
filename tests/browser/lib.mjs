// Shared helpers of the browser suites (Debian's Chromium through playwright-core, axe-core).
//
// Environment: PORTICO_URL (default http://riverside.localhost:3000), CHROMIUM (default
// /usr/bin/chromium). Needs the seeded demo practice "riverside" (Ann Lee, Ben Ortiz, an admin and a
// front-desk member) and the gateway's workers running (portico-local runs them).
//
// Node's resolver does not resolve *.localhost (Chromium does), so the tests' own calls to the
// gateway (outbox, staff helpers) connect to 127.0.0.1 and send the practice's host name as Host.

import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

export const BASE = new URL(process.env.PORTICO_URL || 'http://riverside.localhost:3000');
export const ORIGIN = BASE.origin;
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = path.join(ROOT, 'target', 'browser');
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export const ANN = { given: 'Ann', family: 'Lee', email: 'ann@example.com', phone: '+15555550101' };
export const BEN = { given: 'Ben', family: 'Ortiz', email: 'ben@example.com', phone: '+15555550102' };
export const ADMIN = 'admin@riverside.example';
export const FRONT_DESK = 'frontdesk@riverside.example';
/** The demo's billing member: disabled and turned back on by the Team test, so no other test uses it. */
export const BILLING = 'billing@riverside.example';

/** The API's prefixes: every request under them is an API call. */
export const API_PATH = /^\/(auth|portal|staff|webhooks|email|_local)(\/|$)/;

/** The API document (infra/openapi.json), which the apps read their limits and roles from. */
export async function apiDocument() {
  return JSON.parse(await readFile(path.join(ROOT, 'infra', 'openapi.json'), 'utf8'));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// The tests' own HTTP calls to the gateway.

/** One JSON request to the gateway with the practice's Host header (and any `headers` given). */
export function gateway(method, pathAndQuery, { token, body, headers: extra = {} } = {}) {
  const url = new URL(pathAndQuery, ORIGIN);
  const local = url.hostname === 'localhost' || url.hostname.endsWith('.localhost');
  const secure = url.protocol === 'https:';
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers = { Host: url.host, Accept: 'application/json, application/problem+json' };
  if (payload) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = payload.length;
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  Object.assign(headers, extra);
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
        const raw = Buffer.concat(chunks);
        const text = raw.toString('utf8');
        let parsed = null;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed, text, raw });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function outbox() {
  const res = await gateway('GET', '/_local/outbox');
  assert.equal(res.status, 200, `GET /_local/outbox answered ${res.status}`);
  return res.body;
}

export async function outboxIds() {
  return new Set((await outbox()).map((m) => m.id));
}

/** Waits for a message not in `seen`, to `to` on `channel`. */
export async function waitForMessage({ to, channel, seen, match = () => true, timeout = 20_000 }) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = (await outbox()).find((m) => !seen.has(m.id) && m.channel === channel
      && String(m.to).toLowerCase() === to.toLowerCase() && match(m));
    if (found) return found;
    await sleep(200);
  }
  throw new Error(`no new ${channel} message to ${to} arrived in the outbox within ${timeout} ms`);
}

export function codeFrom(message) {
  const body = String(message.body);
  const m = /code is (\d{6})\b/.exec(body) || /(?<![\d#:.-])(\d{6})(?![\d])/.exec(body);
  assert.ok(m, `no 6-digit code in the message: ${body.slice(0, 200)}`);
  return m[1];
}

export function wrongCode(code) {
  return `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;
}

export async function staffToken(email = ADMIN) {
  return (await staffSession(email)).access_token;
}

/** A staff member's session through the local stand-in: `{ access_token, staff_id }`. */
export async function staffSession(email = ADMIN) {
  const staff = await gateway('POST', '/_local/staff/sign-in', { body: { email } });
  assert.equal(staff.status, 200, `staff sign-in of ${email} answered ${staff.status}: ${staff.text.slice(0, 200)}`);
  return staff.body;
}

/**
 * Turns a staff member's account back on through the API if a test stopped with it disabled, so the
 * next test (or the next run against the same gateway) finds it as the demo seeds it.
 */
export async function putStaffBack(email) {
  const token = await staffToken(ADMIN);
  let cursor = '';
  do {
    const page = await gateway('GET', `/staff/team${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    assert.equal(page.status, 200, `GET /staff/team answered ${page.status}`);
    const member = page.body.staff.find((m) => m.email === email);
    if (member) {
      if (member.status === 'active') return;
      const enabled = await gateway('POST', `/staff/team/${encodeURIComponent(member.staff_id)}/enable`, { token });
      assert.equal(enabled.status, 200, `turning ${email} back on answered ${enabled.status}`);
      return;
    }
    cursor = page.body.next_cursor ?? '';
  } while (cursor);
}

export async function findPatient(token, person) {
  const found = await gateway('GET', `/staff/patients?query=${encodeURIComponent(person.family)}`, { token });
  assert.equal(found.status, 200, `patient search answered ${found.status}`);
  const hit = found.body.patients.find((p) => p.given_name === person.given && p.family_name === person.family);
  assert.ok(hit, `${person.given} ${person.family} is found by staff search`);
  const record = await gateway('GET', `/staff/patients/${encodeURIComponent(hit.patient_id)}`, { token });
  assert.equal(record.status, 200);
  return { ...record.body, patient_id: hit.patient_id };
}

/** A new patient of the practice, enrolled through the staff API, with an address of their own. */
export async function enrolPatient(token, { given, family, language = 'en' }) {
  const email = `${given}.${family}.${runId()}@example.com`.toLowerCase();
  const enrolled = await gateway('POST', '/staff/patients', {
    token, body: { given_name: given, family_name: family, date_of_birth: '1991-03-14', email, phone: null, language },
  });
  assert.equal(enrolled.status, 201, `enrolling ${given} ${family} answered ${enrolled.status}: ${enrolled.text.slice(0, 200)}`);
  return { ...enrolled.body, email, given, family };
}

export function inviteLinkFrom(message) {
  const m = /(https?:\/\/[^\s"'<>]+(?:#\/invite\/|\/invite\/)[A-Za-z0-9_\-.~%]+)/.exec(String(message.body));
  assert.ok(m, `no invitation link in the message: ${String(message.body).slice(0, 300)}`);
  return m[1];
}

/** A new invitation link for the patient, sent by email through the staff API. */
export async function inviteLink(token, patient) {
  const seen = await outboxIds();
  const invited = await gateway('POST', `/staff/patients/${encodeURIComponent(patient.patient_id)}/invite`, {
    token, body: { channel: 'email' },
  });
  assert.equal(invited.status, 202, `invite answered ${invited.status}: ${invited.text.slice(0, 200)}`);
  return inviteLinkFrom(await waitForMessage({ to: patient.email, channel: 'email', seen, match: (m) => /invite\//.test(String(m.body)) }));
}

/** A small PDF (the server checks the first bytes: `%PDF-`). */
export function tinyPdf(note) {
  return Buffer.from(['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj', `% ${note}`, 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n'), 'latin1');
}

/** A 1×1 PNG: the bytes of a PNG, whatever name it is given. */
export const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000'
  + '1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a448000000'
  + '0049454e44ae426082', 'hex');

export function runId() {
  return Math.random().toString(36).replace(/[^a-z0-9]/g, '').slice(0, 8) || 'run';
}

// ---------------------------------------------------------------------------------------------------
// The browser.

let browser;

export async function launch() {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  await mkdir(SHOTS, { recursive: true });
  return browser;
}

export async function close() {
  await browser?.close();
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export async function newPhone(options = {}) {
  return browser.newContext({
    viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'America/Chicago', ...options,
  });
}

export async function newDesktop(options = {}) {
  return browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'America/Chicago', ...options });
}

/** A patient's own session, by redeeming an invitation link through the API (no browser). */
export async function patientToken(person) {
  const token = await staffToken();
  const patient = await findPatient(token, person);
  const seen = await outboxIds();
  await gateway('POST', `/staff/patients/${patient.patient_id}/invite`, { token, body: { channel: 'email' } });
  const link = inviteLinkFrom(await waitForMessage({ to: patient.email, channel: 'email', seen, match: (m) => /invite\//.test(String(m.body)) }));
  const redeemed = await gateway('POST', '/auth/link', { body: { token: link.split('/invite/')[1] } });
  assert.equal(redeemed.status, 200);
  return { token: redeemed.body.access_token, patient };
}

// API requests of each watched page that have not had their answer yet.
const apiOut = new WeakMap();

/**
 * Resolves once no API request of the page is waiting for its answer. Before a test changes data
 * behind the page's back and then asks the page to look again (a focus event), so the page's look
 * cannot be a request that left before the change (TanStack Query joins a refetch already under way).
 */
export async function apiSettled(page, timeout = 15_000) {
  const out = apiOut.get(page);
  assert.ok(out, 'apiSettled needs watch(page) first');
  const deadline = Date.now() + timeout;
  while (out.size) {
    if (Date.now() > deadline) throw new Error(`API requests still waiting after ${timeout} ms: ${[...out].map((r) => r.url()).join(', ')}`);
    await sleep(20);
  }
}

/** Console errors, uncaught exceptions, CSP refusals, and every console text (to check for PHI). */
export function watch(page) {
  const out = new Set();
  apiOut.set(page, out);
  page.on('request', (req) => {
    if (API_PATH.test(new URL(req.url()).pathname)) out.add(req);
  });
  page.on('requestfinished', (req) => out.delete(req));
  page.on('requestfailed', (req) => out.delete(req));
  const watched = { errors: [], texts: [] };
  page.on('console', (msg) => {
    watched.texts.push(msg.text());
    if (msg.type() === 'error') watched.errors.push({ text: msg.text(), url: msg.location()?.url || '' });
  });
  page.on('pageerror', (err) => watched.errors.push({ text: `uncaught: ${err.message}`, url: '' }));
  return watched;
}

/**
 * No console errors (a CSP refusal is one), except Chromium's "Failed to load resource" line for API
 * answers the test provoked on purpose or that mean "not in this deployment yet" (listed paths).
 */
export function assertCleanConsole(watched, expected, phi = []) {
  const unexpected = watched.errors.filter((e) => {
    if (!e.text.startsWith('Failed to load resource')) return true;
    let pathname = '';
    try {
      pathname = new URL(e.url, ORIGIN).pathname;
    } catch {
      return true;
    }
    return !expected.some((x) => (x.path instanceof RegExp ? x.path.test(pathname) : x.path === pathname) && e.text.includes(`status of ${x.status}`));
  });
  assert.deepEqual(unexpected.map((e) => `${e.text} (${e.url})`), [], 'the page logged unexpected console errors');
  for (const text of watched.texts) {
    for (const secret of phi) assert.ok(!text.includes(secret), `a console message contains personal information: ${text}`);
  }
}

/**
 * Routes BACKEND-NEEDS.md asks for, or that the API document has and a gateway built before them lacks
 * (the practice's settings, read by the audit trail for the practice's time zone): such a gateway
 * answers 404, and the apps degrade.
 */
export const PENDING_ROUTES = [
  { path: '/staff/tasks', status: 404 },
  { path: '/staff/practice', status: 404 },
  { path: '/console/settings.json', status: 404 },
];

/**
 * Answers the page's next read of a patient's communication facts as the server does, but with their
 * email address blocked after a bounce: the local gateway cannot make SES report one (BACKEND-NEEDS.md
 * §29 asks for `POST /_local/ses/bounce`). Only that one read; the page's later reads are the server's.
 */
export async function showEmailBlocked(page, patientId) {
  const route = `**/staff/patients/${patientId}/contact`;
  await page.route(route, async (intercepted) => {
    // Read through the tests' own client (Node does not resolve *.localhost), with the page's token.
    const request = intercepted.request();
    const token = (request.headers().authorization ?? '').replace(/^Bearer /, '');
    const real = await gateway('GET', new URL(request.url()).pathname, { token });
    if (real.status !== 200) {
      await intercepted.continue();
      return;
    }
    real.body.notices.email = { reachable: false, blocked_by: 'suppressed' };
    await intercepted.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(real.body) });
  }, { times: 1 });
}

/**
 * Blocks a patient's email address for real, as a bounce reported by SES would, where the gateway can
 * (BACKEND-NEEDS.md §29); otherwise shows it blocked to the page's next read (`showEmailBlocked`).
 * True when the block is real.
 */
export async function blockEmail(page, patient) {
  const bounced = await gateway('POST', '/_local/ses/bounce', { body: { email: patient.email, kind: 'bounce' } });
  if (bounced.status >= 200 && bounced.status < 300) return true;
  await showEmailBlocked(page, patient.patient_id);
  return false;
}

/** What `PUT /staff/practice` takes, from what `GET /staff/practice` gave. */
export function practiceUpdate(view) {
  const keys = ['version', 'contact_phone', 'contact_email', 'logo_url', 'invite_ttl_hours', 'message_retention_days',
    'allowed_origins', 'default_time_zone', 'care_teams', 'sign_in_codes_per_hour', 'sms_countries'];
  return Object.fromEntries(keys.map((k) => [k, view[k] ?? null]));
}

/** Puts the practice's editable settings back as `original` had them, on the version there is now. */
export async function putPracticeBack(original) {
  const token = await staffToken(ADMIN);
  const now = await gateway('GET', '/staff/practice', { token });
  assert.equal(now.status, 200, `GET /staff/practice answered ${now.status}`);
  const put = await gateway('PUT', '/staff/practice', { token, body: { ...practiceUpdate(original), version: now.body.version } });
  assert.equal(put.status, 200, `putting the settings back answered ${put.status}: ${put.text.slice(0, 200)}`);
}

export async function waitText(locator, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last = '(never found)';
  while (Date.now() < deadline) {
    try {
      last = ((await locator.textContent({ timeout: 1_000 })) ?? '').trim();
      if (pattern.test(last)) return last;
    } catch {
      // Not there yet.
    }
    await sleep(100);
  }
  throw new Error(`expected ${locator} to match ${pattern}; last text: ${JSON.stringify(last)}`);
}

export async function waitAttr(locator, name, value, timeout = 15_000) {
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

export function exactly(text) {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Goes to a portal section through the navigation, opening "More" when the phone hides it there. */
export async function nav(page, name) {
  // The navigation first (it comes with the session): before it, every link would look hidden.
  await page.getByTestId('nav').waitFor();
  const link = page.getByTestId(`nav-${name}`);
  if (!(await link.isVisible())) await page.getByTestId('nav-more').click();
  await link.click();
}

/**
 * Clicks an attachment's download button and waits for the file: the page asks the API for a link
 * (`linkPath`), fetches the file from it, and saves it under the name it knows. Returns the download
 * and the answer the file came with (its headers say what the blob store serves).
 */
export async function downloadAttachment(page, button, linkPath) {
  const answers = [];
  const keep = (res) => answers.push(res);
  page.on('response', keep);
  try {
    const linked = page.waitForResponse((r) => linkPath.test(new URL(r.url()).pathname) && r.request().method() === 'GET');
    const downloading = page.waitForEvent('download');
    await button.click();
    const link = await linked;
    assert.equal(link.status(), 200, `the download link answered ${link.status()}`);
    const { url } = await link.json();
    const download = await downloading;
    const file = answers.find((r) => r.url() === new URL(url, ORIGIN).href);
    assert.ok(file, `the page fetched the file from its link (${url})`);
    return { download, file: { status: file.status(), headers: await file.allHeaders() } };
  } finally {
    page.off('response', keep);
  }
}

// ---------------------------------------------------------------------------------------------------
// The keyboard. Each step waits for the focus it needs instead of for time: a key pressed before the
// page has put focus where it goes would land somewhere else.

export async function focusedTestId(page) {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
}

/** Waits until the element with this test id has the focus. */
export async function waitForFocus(page, testid, timeout = 15_000) {
  try {
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, testid, { timeout });
  } catch {
    throw new Error(`expected ${testid} to have the focus; it is on ${await focusedTestId(page)}`);
  }
}

/** Waits until the page's main heading has the focus, as every screen does when it opens. */
export async function waitForHeadingFocus(page, timeout = 15_000) {
  try {
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout });
  } catch {
    throw new Error(`expected the page's heading to have the focus; it is on ${await focusedTestId(page)}`);
  }
}

/** Presses Tab until the element with this test id has focus: it is reachable by keyboard. */
export async function tabTo(page, testid, max = 40) {
  for (let i = 0; i < max; i += 1) {
    if ((await focusedTestId(page)) === testid) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${testid} was not reached with the Tab key (the focus is on ${await focusedTestId(page)})`);
}

/** Types into the focused, empty field with this test id, and waits until the page has every key. */
export async function typeInto(page, testid, text) {
  await waitForFocus(page, testid);
  await page.keyboard.type(text);
  const field = page.getByTestId(testid);
  const deadline = Date.now() + 15_000;
  while ((await field.inputValue()) !== text) {
    if (Date.now() > deadline) throw new Error(`${testid} holds ${JSON.stringify(await field.inputValue())}, not what was typed`);
    await sleep(20);
  }
}

/** Nothing in storage but the two pieces of UI state the portal may keep (never a token or code). */
export async function assertStorageClean(page) {
  const state = await page.evaluate(() => ({
    local: Object.keys(localStorage),
    session: Object.entries(sessionStorage),
    cookie: document.cookie,
  }));
  assert.ok(state.local.every((k) => k === 'portico.language'), `localStorage holds only the language: ${state.local}`);
  for (const [key, value] of state.session) {
    assert.ok(['portico.pendingChallenge', 'portico.returnTo', 'portico.actingFor', 'portico.actingChosen'].includes(key), `unexpected sessionStorage key ${key}`);
    assert.ok(!/token|"code"|[\w.-]+@example\.com|\+1555/.test(value), `sessionStorage ${key} holds no token, code or full address: ${value}`);
  }
  assert.ok(!/portico_refresh/i.test(state.cookie), 'the refresh cookie must not be readable from JavaScript');
}

export async function assertRefreshCookie(context) {
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-portico_refresh' && c.domain === BASE.hostname);
  assert.ok(cookie, 'the server set the __Host-portico_refresh cookie');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  // A browser-session cookie (no Max-Age or Expires): closing the browser ends the sign-in.
  assert.equal(cookie.expires, -1, `the refresh cookie is a browser-session cookie, yet it expires at ${cookie.expires}`);
  return cookie;
}

export async function assertNoPhi(page, phi, where) {
  const text = await page.evaluate(() => document.body.innerText);
  const title = await page.title();
  for (const secret of phi) {
    assert.ok(!text.includes(secret), `${where}: the page still shows "${secret}"`);
    assert.ok(!title.includes(secret), `${where}: the title shows "${secret}"`);
    assert.ok(!page.url().includes(secret), `${where}: the address shows "${secret}"`);
  }
}

/**
 * Signs a patient in on `page` with a fresh invitation link (no sign-in code limits in the way).
 * `person` is one of the seeded patients, or a record from `enrolPatient`.
 */
export async function signInByLink(page, person, token) {
  const patient = person.patient_id ? person : await findPatient(token ?? await staffToken(), person);
  const link = await inviteLink(token ?? await staffToken(), patient);
  await page.goto(link);
  await page.getByTestId('home-greeting').waitFor({ timeout: 20_000 });
  return patient;
}

export async function consoleSignIn(page, email = ADMIN) {
  await page.goto(`${ORIGIN}/console/`);
  await page.getByTestId('staff-email').fill(email);
  await page.getByTestId('staff-signin-submit').click();
  await page.getByTestId('nav-inbox').waitFor();
}

// ---------------------------------------------------------------------------------------------------
// Accessibility: axe-core in the page, WCAG 2.1 A and AA rules.

const require = createRequire(import.meta.url);
let axeSource;
export const axeResults = [];

/**
 * Runs axe on the page as it is. Injected through the DevTools protocol (page.evaluate), which the
 * page's CSP does not govern, so the app itself still runs under its real policy.
 */
export async function axe(page, screen, viewport) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const count = (impact) => result.filter((v) => v.impact === impact).length;
  axeResults.push({ screen, viewport, critical: count('critical'), serious: count('serious'), moderate: count('moderate'), minor: count('minor'), violations: result });
  const bad = result.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  assert.deepEqual(bad, [], `${screen} (${viewport}): axe found critical or serious WCAG 2.1 A/AA violations`);
}

/** Writes the axe results gathered by one suite to target/browser/axe-<suite>.json. */
export async function saveAxe(suite) {
  await writeFile(path.join(SHOTS, `axe-${suite}.json`), JSON.stringify(axeResults, null, 2));
}

export function gzipSize(buffer) {
  return gzipSync(buffer, { level: 9 }).length;
}
