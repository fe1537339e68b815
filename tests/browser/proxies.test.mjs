// Acting for someone, in a real browser: an admin enrols a child and a parent and adds the parent as
// the child's proxy from the chart; the parent switches to the child in the portal. Ann invites a
// caregiver, who accepts from the emailed link with her code and date of birth, signs in and lands
// acting for Ann, until Ann ends it. A notice's single-use link (to an Ann of the test's own) asks a
// fresh browser for a code and then shows the conversation. axe on Who can act for you, the acceptance
// page, the link's page and the chart's Proxies section. Results: target/browser/axe-proxies.json.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ADMIN, ANN, ORIGIN, PENDING_ROUTES, assertCleanConsole, assertNoPhi, assertStorageClean, axe, close, codeFrom, consoleSignIn,
  enrolPatient, exactly, findPatient, gateway, inviteLink, launch, nav, newDesktop, newPhone, outboxIds, runId, saveAxe, signInByLink,
  staffToken, waitForMessage, waitText, watch,
} from './lib.mjs';

before(async () => {
  const res = await gateway('GET', '/');
  assert.equal(res.status, 200, `GET / answered ${res.status}: build the apps first (make web)`);
  await launch();
});
after(async () => {
  await saveAxe('proxies');
  await close();
});

/**
 * A client address of its own for each browser and API session of this suite (the local gateway takes
 * `X-Forwarded-For` from this machine): people on their own devices, so this suite's sign-ins do not
 * spend the per-client answer limit the other suites share from 127.0.0.1.
 */
function ownClient() {
  const octet = () => 1 + Math.floor(Math.random() * 250);
  return { 'X-Forwarded-For': `10.${octet()}.${octet()}.${octet()}` };
}
const phoneOfTheirOwn = () => newPhone({ extraHTTPHeaders: ownClient() });
const desktopOfTheirOwn = () => newDesktop({ extraHTTPHeaders: ownClient() });

/** A patient's own API session (as `patientToken`, from a client of its own). */
async function patientSession(person) {
  const token = await staffToken();
  const patient = person.patient_id ? person : await findPatient(token, person);
  const link = await inviteLink(token, patient);
  const redeemed = await gateway('POST', '/auth/link', { body: { token: link.split('/invite/')[1] }, headers: ownClient() });
  assert.equal(redeemed.status, 200, `POST /auth/link answered ${redeemed.status}`);
  return redeemed.body.access_token;
}

/** A date `years` years and `days` days before today, as `YYYY-MM-DD`. */
function yearsAgo(years, days = 0) {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Signs in on the portal's sign-in page with a code emailed to `email` (read from the local outbox). */
async function signInByCode(page, email) {
  await page.getByTestId('signin-address').waitFor({ timeout: 20_000 });
  const seen = await outboxIds();
  await page.getByTestId('signin-address').fill(email);
  await page.getByTestId('signin-send').click();
  await page.getByTestId('signin-code').waitFor({ timeout: 20_000 });
  const code = codeFrom(await waitForMessage({ to: email, channel: 'email', seen }));
  await page.getByTestId('signin-code').fill(code);
  await page.getByTestId('signin-verify').click();
}

/** Enrols a patient from the console's Patients page and waits for their chart. */
async function enrol(page, { given, family, dob, email }) {
  await page.getByTestId('nav-patients').click();
  await page.getByTestId('enrol-open').click();
  await page.getByTestId('enrol-given_name').fill(given);
  await page.getByTestId('enrol-family_name').fill(family);
  await page.getByTestId('enrol-date_of_birth').fill(dob);
  await page.getByTestId('enrol-email').fill(email);
  await page.getByTestId('enrol-submit').click();
  await waitText(page.getByTestId('chart-name'), new RegExp(`^${given} ${family}`));
}

test('an admin adds a parent as a child’s proxy from the chart; the parent switches to the child in the portal', { timeout: 240_000 }, async () => {
  const run = runId().replace(/\d/g, 'x');
  const family = `Proxyfam${run}`;
  const child = { given: 'Kit', family, dob: yearsAgo(10, 30), email: `kit.${run}@example.com` };
  const parent = { given: 'Pat', family, dob: '1985-04-20', email: `pat.${run}@example.com` };
  const desk = await desktopOfTheirOwn();
  const staffPage = await desk.newPage();
  const watchedStaff = watch(staffPage);
  const phone = await phoneOfTheirOwn();
  const page = await phone.newPage();
  const watched = watch(page);
  try {
    // --- The console: enrol both, then add the parent from the child's chart.
    await consoleSignIn(staffPage, ADMIN);
    await enrol(staffPage, parent);
    await enrol(staffPage, child);
    const section = staffPage.getByTestId('chart-proxies');
    await staffPage.getByTestId('proxies-for-patient-empty').waitFor();
    await axe(staffPage, 'console: chart, Proxies section (empty)', 'desktop');
    await section.getByTestId('proxy-add-open').click();
    await section.getByTestId('proxy-search').fill(family);
    await section.getByTestId('proxy-search-submit').click();
    const results = section.getByTestId('proxy-search-result');
    await results.first().waitFor();
    // The child is not offered as their own proxy.
    assert.deepEqual(await results.allTextContents(), [`Choose Pat ${family}`]);
    await results.first().click();
    await section.getByTestId('proxy-add-form').waitFor();
    assert.equal(await section.getByTestId('proxy-relationship').inputValue(), 'parent');
    await axe(staffPage, 'console: chart, Proxies section (adding)', 'desktop');
    await section.getByTestId('proxy-add-save').click();
    await waitText(staffPage.getByTestId('app-status'), new RegExp(`Pat ${family} can now act for Kit ${family}`));
    const grant = section.getByTestId('proxies-for-patient').getByTestId('proxy-grant');
    await waitText(grant.getByTestId('proxy-grant-name'), exactly(`Pat ${family}`));
    await axe(staffPage, 'console: chart, Proxies section (a grant)', 'desktop');

    // --- The portal: the parent signs in, switches to the child, and sees the child's home.
    const token = await staffToken();
    const kit = await findPatient(token, child);
    await page.goto(`${ORIGIN}/`);
    await signInByCode(page, parent.email);
    await waitText(page.getByTestId('home-greeting'), /^Hello, Pat/);
    const switcher = page.getByTestId('person-switcher');
    await switcher.waitFor();
    assert.deepEqual(await switcher.locator('option').allTextContents(), ['You (Pat)', 'Kit']);
    await switcher.selectOption(kit.patient_id);
    await waitText(page.getByTestId('acting-banner'), /You're viewing Kit's account\./);
    await page.getByTestId('home').and(page.locator('[data-interactive="true"]')).waitFor();
    await page.getByTestId('nav-messages').waitFor();
    assert.equal(await switcher.inputValue(), kit.patient_id);
    await assertStorageClean(page);
    assertCleanConsole(watchedStaff, PENDING_ROUTES);
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }]);
  } finally {
    await desk.close();
    await phone.close();
  }
});

test('Ann invites a caregiver by email; the caregiver accepts with the code and dates of birth, signs in acting for Ann, until Ann ends it', { timeout: 300_000 }, async () => {
  const run = runId().replace(/\d/g, 'x');
  const caregiver = { given: 'Cora', family: `Giver${run}`, email: `cora.${run}@example.com` };
  const token = await staffToken();
  const ann = await findPatient(token, ANN);
  // As the portal names her (the portal suite renames her).
  const annName = ann.preferred_name?.trim() || ann.given_name;
  const annContext = await phoneOfTheirOwn();
  const annPage = await annContext.newPage();
  const watchedAnn = watch(annPage);
  const coraContext = await phoneOfTheirOwn();
  const coraPage = await coraContext.newPage();
  const watchedCora = watch(coraPage);
  try {
    // --- Ann: Who can act for you, an invitation, the code shown once.
    await signInByLink(annPage, ann, token);
    await nav(annPage, 'profile');
    await annPage.getByTestId('profile-proxies-link').click();
    await annPage.getByTestId('proxy-invite-form').waitFor();
    await axe(annPage, 'portal: who can act for you', 'phone');
    const seen = await outboxIds();
    await annPage.getByTestId('proxy-given').fill(caregiver.given);
    await annPage.getByTestId('proxy-family').fill(caregiver.family);
    await annPage.getByTestId('proxy-address').fill(caregiver.email);
    await annPage.getByTestId('proxy-invite-send').click();
    const code = await waitText(annPage.getByTestId('proxy-invite-code'), /^\d{6}$/);
    await waitText(annPage.getByTestId('proxy-invite-instructions'), /c•••@example\.com/);
    // Not accepted yet: listed as pending, with where it went.
    const pending = annPage.getByTestId('pending').filter({ hasText: caregiver.family });
    await waitText(pending.getByTestId('pending-destination'), exactly('c•••@example.com'));
    await axe(annPage, 'portal: who can act for you, code shown and an invitation pending', 'phone');

    // --- The caregiver: the emailed link, the code and Ann's date of birth, then her own.
    const mail = await waitForMessage({ to: caregiver.email, channel: 'email', seen, match: (m) => /proxy-invitation\//.test(String(m.body)) });
    const link = /(https?:\/\/\S+#\/proxy-invitation\/[A-Za-z0-9_\-.~%]+)/.exec(String(mail.body))?.[1];
    assert.ok(link, `an acceptance link in the email: ${String(mail.body).slice(0, 300)}`);
    await coraPage.goto(link);
    await coraPage.getByTestId('accept').waitFor();
    assert.ok(!coraPage.url().includes(link.split('/proxy-invitation/')[1]), 'the token left the address bar');
    await axe(coraPage, 'portal: accepting an invitation', 'phone');
    await coraPage.getByTestId('accept-code').fill(code);
    await coraPage.getByTestId('accept-patient-dob').fill(ann.date_of_birth);
    await coraPage.getByTestId('accept-submit').click();
    await coraPage.getByTestId('accept-your-dob').waitFor();
    await axe(coraPage, 'portal: accepting an invitation, your date of birth asked', 'phone');
    await coraPage.getByTestId('accept-your-dob').fill('1970-03-04');
    await coraPage.getByTestId('accept-submit').click();
    await waitText(coraPage.getByTestId('accept-done-body'), /^You can now act for .+\. Sign in with c•••@example\.com\.$/);
    await coraPage.getByTestId('accept-sign-in').click();
    await signInByCode(coraPage, caregiver.email);

    // An account made only to act for others opens on Ann; the switcher names the account as such.
    await waitText(coraPage.getByTestId('acting-banner'), new RegExp(`You're viewing ${annName}'s account\\.`));
    const switcher = coraPage.getByTestId('person-switcher');
    assert.deepEqual(await switcher.locator('option').allTextContents(), ['Your account (Cora)', annName]);
    assert.equal(await switcher.inputValue(), ann.patient_id);
    await coraPage.getByTestId('nav-messages').waitFor();

    // --- Ann ends it (asked first); Cora's next read finds the access gone.
    await annPage.reload();
    const row = annPage.getByTestId('proxies-for-you').getByTestId('grant').filter({ hasText: caregiver.family });
    await row.getByTestId('grant-revoke').click();
    await annPage.getByTestId('grant-confirm').waitFor();
    await annPage.getByTestId('grant-confirm-yes').click();
    await waitText(annPage.getByTestId('app-status'), /Cora can no longer act for you\./);
    await row.waitFor({ state: 'detached' });

    await coraPage.reload();
    await coraPage.getByTestId('acting-ended').waitFor({ timeout: 20_000 });
    await waitText(coraPage.getByTestId('home-proxy-only-none'), /has ended/);
    assert.equal(await coraPage.getByTestId('acting-banner').count(), 0);
    await assertStorageClean(coraPage);
    assertCleanConsole(watchedAnn, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }]);
    assertCleanConsole(watchedCora, [
      ...PENDING_ROUTES,
      { path: '/auth/refresh', status: 401 },
      { path: '/portal/proxies/accept', status: 400 },
      { path: '/portal/home', status: 403 },
    ]);
  } finally {
    await annContext.close();
    await coraContext.close();
  }
});

test('a notice link opened in a fresh browser asks for a code, shows nothing of the message until then, then the conversation', { timeout: 180_000 }, async () => {
  const run = runId();
  const token = await staffToken();
  // An Ann of this test's own (as the bell test has): a code to the seeded Ann's address in the last
  // minute, from another suite, would make the link's code wait (BACKEND-NEEDS.md §33).
  const ann = await enrolPatient(token, { given: 'Ann', family: `Notice${run.replace(/\d/g, 'x')}` });
  const subject = `Your lab results ${run}`;
  const text = `The results are back ${run}.`;
  // Notices wait out quiet hours: this Ann has none.
  const annToken = await patientSession(ann);
  const prefs = (await gateway('GET', '/portal/preferences', { token: annToken })).body;
  const put = await gateway('PUT', '/portal/preferences', {
    token: annToken, body: { ...prefs, quiet_hours: null, email: { ...prefs.email, messages: true } },
  });
  assert.equal(put.status, 200, `PUT /portal/preferences answered ${put.status}: ${put.text.slice(0, 200)}`);
  const context = await phoneOfTheirOwn();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    const seen = await outboxIds();
    const started = await gateway('POST', `/staff/patients/${ann.patient_id}/threads`, {
      token, body: { topic: 'other', subject, body: text },
    });
    assert.equal(started.status, 201, `starting a thread answered ${started.status}`);
    const notice = await waitForMessage({ to: ann.email, channel: 'email', seen, match: (m) => /#\/open\//.test(String(m.body)) });
    assert.ok(!String(notice.body).includes(subject), 'the notice says nothing of the message');
    const link = /(https?:\/\/\S+#\/open\/[A-Za-z0-9_\-.~%]+)/.exec(String(notice.body))?.[1];
    assert.ok(link, `a link in the notice: ${String(notice.body).slice(0, 300)}`);
    const secret = link.split('#/open/')[1];

    const codeSeen = await outboxIds();
    await page.goto(link);
    // The code step, or whatever the page says instead (named in the failure).
    await page.locator('[data-testid="signin-code"], [data-testid="open-expired"], [data-testid="open-link"][data-phase="signIn"]')
      .first().waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('signin-code').count(), 1, `the code step, not: ${await page.getByTestId('main').innerText()}`);
    assert.ok(!page.url().includes(secret), 'the token left the address bar');
    await waitText(page.getByTestId('open-title'), /^You have a new message from Riverside Family Practice$/);
    await waitText(page.getByTestId('signin-sent'), /^We sent a code to a•••@example\.com\./);
    await assertNoPhi(page, [subject, text], 'before the code');
    await axe(page, 'portal: a notice link, code step', 'phone');

    const code = codeFrom(await waitForMessage({ to: ann.email, channel: 'email', seen: codeSeen }));
    await page.getByTestId('signin-code').fill(code);
    await page.getByTestId('signin-verify').click();
    await waitText(page.getByTestId('thread-subject'), exactly(subject));
    assert.equal(new URL(page.url()).pathname, `/messages/${started.body.thread.thread_id}`);
    await page.getByText(text).waitFor();

    // Spent: the same link again says so, with the way to sign in.
    const again = await context.newPage();
    const watchedAgain = watch(again);
    await again.goto(link);
    await waitText(again.getByTestId('open-expired'), /This link has expired or was already used/);
    await axe(again, 'portal: a notice link, spent', 'phone');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }]);
    assertCleanConsole(watchedAgain, [...PENDING_ROUTES, { path: '/auth/open', status: 401 }]);
  } finally {
    await context.close();
  }
});
