// The patient portal in a real browser: sign-in by code (keyboard only, a reloaded tab, a cooldown),
// profile, consents, contact and alerts, sign-out; invitation links in both forms; messaging with a
// PDF both ways, read receipts, a new-message card on focus, drafts kept, STOP; closing a conversation
// and writing again to reopen it; the access log and signing out everywhere else; the bell and your
// activity; the budgets.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ANN, API_PATH, BEN, ORIGIN, PENDING_ROUTES, PNG_BYTES, SHOTS, apiDocument, apiSettled, assertCleanConsole, assertNoPhi, axe,
  assertRefreshCookie, assertStorageClean, close, codeFrom, downloadAttachment, enrolPatient, exactly, findPatient, gateway,
  FRONT_DESK, gzipSize, inviteLink, launch, nav, newPhone, outbox, outboxIds, runId, signInByLink, staffToken, tabTo, tinyPdf, typeInto,
  waitAttr, waitForFocus, waitForHeadingFocus, waitForMessage, waitText, watch, wrongCode,
} from './lib.mjs';

before(async () => {
  const res = await gateway('GET', '/');
  assert.equal(res.status, 200, `GET / answered ${res.status}: build the apps first (make web)`);
  assert.match(res.text, /<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/, 'GET / serves the built portal');
  await launch();
});
after(close);

/** Asks for a contact-change code, waiting out a cooldown (a code went there a minute ago) as a patient would. */
async function requestContactCode(page) {
  await page.getByTestId('contact-send').click();
  await page.locator('[data-testid="contact-code"], [data-testid="contact-wait"], [data-testid="contact-error"]').first().waitFor({ timeout: 20_000 });
  if (await page.getByTestId('contact-code').isVisible()) return false;
  await page.waitForFunction(() => !document.querySelector('[data-testid="contact-send"]')?.hasAttribute('disabled'), null, { timeout: 70_000 });
  await page.getByTestId('contact-send').click();
  await page.getByTestId('contact-code').waitFor({ timeout: 20_000 });
  return true;
}

/** The access tokens the page received, in the order of their answers; `latest()` once all are read. */
function captureTokens(page) {
  const tokens = [];
  const reading = [];
  page.on('response', (res) => {
    const { pathname } = new URL(res.url());
    if (res.status() === 200 && ['/auth/otp/verify', '/auth/refresh', '/auth/link'].includes(pathname)) {
      const at = reading.length;
      reading.push(res.json().then((body) => {
        if (body?.access_token) tokens[at] = body.access_token;
      }, () => {}));
    }
  });
  return {
    async latest() {
      await Promise.all(reading);
      const token = tokens.findLast(Boolean);
      assert.ok(token, 'the page received an access token');
      return token;
    },
  };
}

test('Ann signs in with an email code by keyboard, survives a reload at the code step, and manages her details, consents and alerts', { timeout: 300_000 }, async () => {
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const tokens = captureTokens(page);
  const requested = [];
  page.on('request', (req) => requested.push(req.url()));
  const newName = `Annie ${runId().replace(/\d/g, '').slice(0, 5) || 'test'}`;
  const expected = [
    ...PENDING_ROUTES,
    { path: '/auth/refresh', status: 401 },
    { path: '/auth/otp/verify', status: 401 },
    { path: '/auth/otp/start', status: 429 },
    { path: '/portal/me/contact/verify', status: 401 },
    { path: '/portal/me', status: 429 },
  ];

  try {
    // --- Sign in by keyboard only: the address, Enter; the code field has focus; the code, Enter.
    await page.goto(`${ORIGIN}/`);
    await page.getByTestId('signin-address').waitFor();
    assert.equal(await page.getByTestId('nav').count(), 0, 'no navigation before signing in');
    const seen = await outboxIds();
    // Tabbing starts where the page puts the focus on arrival: its heading.
    await waitForHeadingFocus(page);
    await tabTo(page, 'signin-address');
    await typeInto(page, 'signin-address', ANN.email);
    const started = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/otp/start');
    await page.keyboard.press('Enter');
    const resendAfter = (await (await started).json()).resend_after;
    assert.ok(Number.isInteger(resendAfter) && resendAfter > 0, `the code answer says when another may be asked for: ${resendAfter}`);
    await page.getByTestId('signin-code').waitFor({ timeout: 20_000 });
    await waitForFocus(page, 'signin-code'); // focus moves to the code field
    const code = codeFrom(await waitForMessage({ to: ANN.email, channel: 'email', seen }));
    await waitText(page.getByTestId('signin-sent'), /a•••@example\.com/);
    assert.equal(await page.getByTestId('signin-code').getAttribute('autocomplete'), 'one-time-code');

    // --- "Send a new code" waits for the server's resend_after: the button counts down from it, and
    //     nothing can be sent meanwhile (no error, no message: nothing was refused).
    const beforeResend = await outboxIds();
    const resend = page.getByTestId('signin-resend');
    const shown = Number(/wait (\d+) s/.exec(await waitText(resend, /wait \d+ s/))[1]);
    assert.ok(shown > 0 && shown <= resendAfter, `the countdown starts from resend_after (${resendAfter}), not another delay: ${shown}`);
    assert.ok(await resend.isDisabled());
    await page.waitForFunction((before) => {
      const m = /wait (\d+) s/.exec(document.querySelector('[data-testid="signin-resend"]')?.textContent ?? '');
      return m && Number(m[1]) < before;
    }, shown, { timeout: 5_000 });
    assert.equal(await page.getByTestId('signin-wait').count(), 0, 'a countdown on the button, not a message');
    assert.equal(await page.getByTestId('signin-error').count(), 0, 'no error box for a countdown');
    assert.deepEqual((await outbox()).filter((m) => !beforeResend.has(m.id) && m.to === ANN.email), [], 'no new code while asked to wait');

    // --- The tab is reloaded (a phone discarding it): the code step comes back, code not kept.
    await page.reload();
    await page.getByTestId('signin-restored').waitFor();
    await waitText(page.getByTestId('signin-sent'), /a•••@example\.com/);
    await waitText(page.getByTestId('signin-resend'), /wait \d+ s/);
    assert.ok(await page.getByTestId('signin-resend').isDisabled(), 'the countdown survives the reload');
    await assertStorageClean(page);
    await waitText(page.getByTestId('signin-help'), /No code\?/);
    await page.getByTestId('signin-help').locator('summary').click();
    await waitText(page.getByTestId('signin-help'), /spam.*text instead.*call/is);
    // The practice of this host names itself in the header, and the help gives its number to dial.
    const practice = (await gateway('GET', '/auth/practice')).body;
    await waitText(page.getByTestId('brand-name'), exactly(practice.name));
    assert.ok(practice.phone, 'the demo practice has a phone number');
    await waitText(page.getByTestId('signin-help-call'), new RegExp(`Call ${practice.name} at \\(\\d{3}\\) \\d{3}-\\d{4}:`));
    assert.equal(await page.getByTestId('signin-help-phone').getAttribute('href'), `tel:${practice.phone}`);

    // --- The code's length and pattern are the API document's: the field says how many digits, and a
    //     code of another length is refused next to the field before anything is sent.
    const codeRule = (await apiDocument()).components.schemas.VerifyCodeRequest.properties.code;
    assert.equal(codeRule.minLength, codeRule.maxLength, 'the document gives the code one length');
    const digits = codeRule.maxLength;
    assert.equal(code.length, digits, 'the code sent has the length the document gives');
    assert.equal(await page.getByTestId('signin-code').evaluate((el) => el.labels?.[0]?.textContent), `${digits}-digit code`);
    const verifies = () => requested.filter((u) => new URL(u).pathname === '/auth/otp/verify').length;
    await page.getByTestId('signin-code').fill(code.slice(1));
    await page.keyboard.press('Enter');
    await waitText(page.getByTestId('signin').locator('.field-error'), new RegExp(`^Please enter the ${digits} digits from your message\\.$`));
    assert.equal(await page.getByTestId('signin-code').getAttribute('aria-invalid'), 'true');
    assert.equal(verifies(), 0, 'a code of the wrong length is not sent');

    // --- A wrong code says how many tries are left; the right one signs in, focus on the greeting.
    await page.getByTestId('signin-code').fill(wrongCode(code));
    await page.keyboard.press('Enter');
    await waitText(page.getByTestId('signin-error'), /2 tries left/);
    assert.equal(await page.getByTestId('signin-code').inputValue(), '', 'the wrong code is cleared');
    await typeInto(page, 'signin-code', code); // the focus is back in the code field
    await page.keyboard.press('Enter');
    await waitText(page.getByTestId('home-greeting'), /^Hello, \S/);
    assert.equal(new URL(page.url()).pathname, '/home');
    await waitForFocus(page, 'home-greeting'); // focus is on the greeting after sign-in
    assert.ok(await page.getByTestId('nav').isVisible());
    await assertStorageClean(page);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('portico.pendingChallenge')), null, 'the challenge is forgotten once used');
    await assertRefreshCookie(context);

    // --- Consent counts. Home shows the server's count (its one read); the consents screen counts its
    //     documents, and the two agree: channel consents are decided with the alerts and neither counts
    //     them (need 25). (Other suites may have answered some already: the counts come from the API.)
    const needs = (n) => (n === 1 ? /One document needs your decision/ : new RegExp(`${n} documents need your decision`));
    await page.getByTestId('home-consents').waitFor();
    const homeCount = (await gateway('GET', '/portal/home', { token: await tokens.latest() })).body.consents_needing_decision;
    if (homeCount) {
      await waitText(page.getByTestId('home-consents-needed'), needs(homeCount));
      await waitText(page.getByTestId('home-consents-note'), new RegExp(`^${homeCount} needs? your decision$`));
    }
    const everything = (await gateway('GET', '/portal/consents', { token: await tokens.latest() })).body.consents;
    const documents = everything.filter((c) => !c.kind.endsWith('_messages'));
    const open = documents.filter((c) => (c.required ? c.status !== 'accepted' : ['not_given', 'outdated'].includes(c.status))).map((c) => c.kind);
    assert.equal(homeCount, open.length, 'home counts what the consents screen lists, no channel consent');
    await nav(page, 'consents');
    if (open.length) await waitText(page.getByTestId('consents-summary'), needs(open.length));
    assert.equal(await page.getByTestId('consent-sms_messages').count(), 0, 'channel consents live with the alerts');
    for (const kind of open) {
      await page.getByTestId(`consent-accept-${kind}`).click();
      await waitAttr(page.getByTestId(`consent-status-${kind}`), 'data-status', 'accepted');
      await waitText(page.getByTestId('app-status'), /You agreed/);
    }
    await waitText(page.getByTestId('consents-summary'), /Nothing needs your decision/);
    // Withdraw (after a cancelled confirmation) and agree again to an optional one; it persists.
    const tele = page.getByTestId('consent-status-telehealth');
    if ((await tele.getAttribute('data-status')) === 'not_given') await waitText(page.getByTestId('consent-telehealth'), /Optional: agree, or say no thanks/);
    if ((await tele.getAttribute('data-status')) !== 'accepted') await page.getByTestId('consent-accept-telehealth').click();
    await waitAttr(tele, 'data-status', 'accepted');
    await page.getByTestId('consent-revoke-telehealth').click();
    await page.getByTestId('consent-confirm-no').click();
    await page.getByTestId('consent-confirm').waitFor({ state: 'detached' });
    assert.equal(await tele.getAttribute('data-status'), 'accepted', 'cancelling changes nothing');
    await page.getByTestId('consent-revoke-telehealth').click();
    await page.getByTestId('consent-confirm-yes').click();
    await waitAttr(tele, 'data-status', 'revoked');
    await page.reload();
    await waitAttr(page.getByTestId('consent-status-telehealth'), 'data-status', 'revoked');
    await nav(page, 'home');
    await page.getByTestId('home-greeting').waitFor();
    await page.getByTestId('home-consents').waitFor();
    // The documents are decided: nothing waits, whether texts are on or not (their consent is no
    // decision home waits for).
    const left = (await gateway('GET', '/portal/home', { token: await tokens.latest() })).body.consents_needing_decision;
    assert.equal(left, 0, 'home counts no document once each is decided');
    await page.getByTestId('home-consents-needed').waitFor({ state: 'detached' }); // the reminder has cleared

    // --- Profile: the preferred name is saved and survives a reload (the refresh cookie restores it).
    await nav(page, 'profile');
    await waitText(page.getByTestId('profile-given-name'), exactly(ANN.given));
    await waitText(page.getByTestId('profile-email'), exactly(ANN.email));
    await waitText(page.getByTestId('profile-dob'), /1984/);
    await page.getByTestId('profile-edit').click();
    await page.getByTestId('profile-input-preferred-name').fill(newName);
    await page.getByTestId('profile-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);
    await waitText(page.getByTestId('profile-preferred-name'), exactly(newName));
    const restored = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/refresh');
    await page.reload();
    assert.equal((await restored).status(), 200);
    await waitText(page.getByTestId('profile-preferred-name'), exactly(newName));
    assert.equal(new URL(page.url()).pathname, '/profile', 'a deep link survives the reload');

    // --- A new mobile number needs the code sent to it; then the original is put back the same way.
    const otherPhone = `+1555555${2000 + Math.floor(Math.random() * 7000)}`;
    for (const [number, wrongFirst] of [[otherPhone, true], [ANN.phone, false]]) {
      const seenContact = await outboxIds();
      await page.getByTestId('contact-change-sms').click();
      await page.getByTestId('contact-input-sms').fill(number);
      await requestContactCode(page);
      await waitText(page.getByTestId('contact-dest'), new RegExp(number.slice(-4)));
      const contactCode = codeFrom(await waitForMessage({ to: number, channel: 'sms', seen: seenContact }));
      if (wrongFirst) {
        await page.getByTestId('contact-code').fill(wrongCode(contactCode));
        await page.getByTestId('contact-confirm').click();
        await waitText(page.getByTestId('contact-error'), /2 tries left/);
      }
      await page.getByTestId('contact-code').fill(contactCode);
      await page.getByTestId('contact-confirm').click();
      await waitText(page.getByTestId('app-status'), /mobile number was updated/i);
    }
    await waitText(page.getByTestId('profile-phone'), /\(555\) 555-0101/);

    // --- Contact and alerts: one model. Email notices need only the preference (the practice asks for
    //     no email consent); texts are off until agreed, and one tap turns them on and records the
    //     consent. Then the grid, quiet hours and time zone persist.
    await nav(page, 'preferences');
    const email = page.getByTestId('pref-channel-email');
    await waitAttr(email, 'data-reachable', 'yes');
    await waitText(page.getByTestId('pref-channel-email-state'), /On, to a•••@example\.com/);
    assert.equal(await page.getByTestId('pref-turn-on-email').count(), 0, 'nothing to agree to for email');
    const sms = page.getByTestId('pref-channel-sms');
    await waitAttr(sms, 'data-reachable', 'no');
    await waitText(page.getByTestId('pref-channel-sms-state'), /not agreed/);
    assert.ok(await page.getByTestId('pref-sms-messages').isDisabled(), 'a channel without consent shows off');
    await page.getByTestId('pref-turn-on-sms').click();
    await waitAttr(sms, 'data-reachable', 'yes');
    const annToken = await tokens.latest();
    const consents = await gateway('GET', '/portal/consents', { token: annToken });
    const status = (kind) => consents.body.consents.find((c) => c.kind === kind)?.status;
    assert.equal(status('sms_messages'), 'accepted', 'turning texts on recorded the consent');
    // Home's reminder stays away: turning texts on was never a decision it waited for.
    await nav(page, 'home');
    await page.getByTestId('home-consents').waitFor();
    await page.getByTestId('home-consents-needed').waitFor({ state: 'detached' }); // the reminder has cleared
    await nav(page, 'preferences');
    await page.getByTestId('pref-grid').waitFor();

    const marketing = page.getByTestId('pref-email-marketing');
    const marketingWas = await marketing.isChecked();
    await marketing.setChecked(!marketingWas);
    await page.getByTestId('pref-quiet-enabled').setChecked(true);
    await page.getByTestId('pref-quiet-start').fill('22:30');
    await page.getByTestId('pref-quiet-end').fill('07:15');
    await page.getByTestId('pref-time-zone').selectOption('America/Denver');
    await page.getByTestId('pref-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);
    await page.reload();
    await page.getByTestId('pref-grid').waitFor();
    assert.equal(await page.getByTestId('pref-email-marketing').isChecked(), !marketingWas);
    assert.equal((await page.getByTestId('pref-quiet-start').inputValue()).slice(0, 5), '22:30');
    assert.equal(await page.getByTestId('pref-time-zone').inputValue(), 'America/Denver');
    // Quiet hours off for the messaging test (a notice must go now).
    await page.getByTestId('pref-quiet-enabled').setChecked(false);
    await page.getByTestId('pref-save').click();
    await waitText(page.getByTestId('app-status'), /saved/i);
    await page.screenshot({ path: path.join(SHOTS, 'preferences.png'), fullPage: true });

    // --- Sign out: back to sign-in, nothing personal left, going back shows nothing either.
    const phi = [ANN.email, newName, `${ANN.given} ${ANN.family}`, ANN.family, ANN.phone.slice(2)];
    const loggedOut = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/logout');
    await page.getByTestId('sign-out').click();
    assert.equal((await loggedOut).status(), 204);
    await waitText(page.getByTestId('signin-notice'), /signed out/i);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await assertNoPhi(page, phi, 'after signing out');
    assert.ok(!(await context.cookies()).some((c) => c.name === '__Host-portico_refresh' && c.value), 'the refresh cookie is cleared');
    assert.equal((await gateway('GET', '/portal/me', { token: await tokens.latest() })).status, 401, 'the last token is refused');
    for (let i = 0; i < 4; i += 1) {
      await page.goBack({ waitUntil: 'load' }).catch(() => null);
      if (!page.url().startsWith(ORIGIN)) break;
      await page.getByTestId('signin-address').waitFor({ timeout: 15_000 });
      await assertNoPhi(page, phi, `after going back ${i + 1} time(s)`);
    }
    for (const url of requested) {
      for (const secret of [ANN.email, encodeURIComponent(ANN.email), code, newName]) {
        assert.ok(!url.includes(secret), `a request URL carries personal data or a code: ${url}`);
      }
    }
    assertCleanConsole(watched, expected, [...phi, code]);
  } finally {
    await context.close();
  }
});

test('“No thanks” to an optional document: offered for optional documents only, recorded, shown as declined, and it can still be agreed to', { timeout: 120_000 }, async () => {
  // A patient of this test's own: every document still unanswered.
  const token = await staffToken();
  const gil = await enrolPatient(token, { given: 'Gil', family: 'Declines' });
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await signInByLink(page, gil, token);
    const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/portal/consents' && r.request().method() === 'GET');
    await nav(page, 'consents');
    const { consents } = await (await listed).json();
    await page.getByTestId('consent-list').waitFor();
    const shown = consents.filter((c) => !c.kind.endsWith('_messages'));
    const optional = shown.filter((c) => !c.required);
    assert.ok(optional.length > 0 && optional.length < shown.length, 'the demo practice has required and optional documents');
    for (const c of shown) {
      assert.equal(await page.getByTestId(`consent-decline-${c.kind}`).count(), c.required ? 0 : 1, `"No thanks" for ${c.kind} only if optional`);
    }
    const kind = optional[0].kind;
    await page.getByTestId(`consent-decline-${kind}`).click();
    await waitAttr(page.getByTestId(`consent-status-${kind}`), 'data-status', 'declined');
    await waitText(page.getByTestId(`consent-status-${kind}`), /You said no thanks$/);
    await waitText(page.getByTestId('app-status'), /You said no thanks to/);
    await waitText(page.getByTestId(`consent-decided-${kind}`), /^You said no thanks on /);
    assert.equal(await page.getByTestId(`consent-decline-${kind}`).count(), 0, 'no second “No thanks”');
    await axe(page, 'portal: consents, an optional one declined', 'phone');
    await page.reload();
    await waitAttr(page.getByTestId(`consent-status-${kind}`), 'data-status', 'declined');
    await page.getByTestId('consent-history').locator('summary').click();
    await waitText(page.getByTestId('consent-history'), /Said no thanks to/);
    // A change of mind: agreed after all.
    await page.getByTestId(`consent-accept-${kind}`).click();
    await waitAttr(page.getByTestId(`consent-status-${kind}`), 'data-status', 'accepted');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }], [gil.email]);
  } finally {
    await context.close();
  }
});

test('an invitation link signs Ben in once, in the old #/invite form and the new /invite form, leaving no token behind', { timeout: 120_000 }, async () => {
  const token = await staffToken();
  const ben = await findPatient(token, BEN);
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const addressWhenRedeeming = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/auth/link') addressWhenRedeeming.push(page.url());
  });
  try {
    const link = await inviteLink(token, ben);
    assert.equal(new URL(link).origin, ORIGIN, 'the invitation points at this practice');
    const secret = link.split('/invite/')[1];
    await page.goto(link);
    await waitText(page.getByTestId('home-greeting'), /^Hello, Ben/);
    assert.equal(addressWhenRedeeming.length, 1, 'redeemed once');
    assert.ok(!addressWhenRedeeming[0].includes(secret), 'the token left the address bar before it was sent');
    assert.ok(!page.url().includes(secret));
    await assertStorageClean(page);

    // Used again: refused, in words, with the way to sign in by code.
    const second = await context.newPage();
    const watchedSecond = watch(second);
    await second.goto(link);
    await waitText(second.getByTestId('signin-notice'), /no longer valid|could not open/i);
    assert.ok(!second.url().includes(secret));
    await second.close();

    // The path form works too.
    await page.getByTestId('sign-out').click();
    await page.getByTestId('signin-address').waitFor();
    const fresh = await inviteLink(token, ben);
    const pathForm = `${ORIGIN}/invite/${fresh.split('/invite/')[1]}`;
    await page.goto(pathForm);
    await waitText(page.getByTestId('home-greeting'), /^Hello, Ben/);
    assert.equal(new URL(page.url()).pathname, '/home');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }]);
    assertCleanConsole(watchedSecond, [...PENDING_ROUTES, { path: '/auth/link', status: 401 }, { path: '/auth/refresh', status: 401 }]);
  } finally {
    await context.close();
  }
});

test('Ann writes with a PDF, is told how she will hear back, sees the reply arrive on focus, reads receipts, downloads, keeps a draft, and texts STOP', { timeout: 300_000 }, async () => {
  const run = runId();
  const subject = `Knee follow-up ${run}`;
  const firstText = `My left knee still hurts after Sunday's walk (${run}).`;
  const careReply = `Please book a visit this week and bring your scan (${run}).`;
  const annReply = `Thank you, I will call to book (${run}).`;
  const pdfName = 'knee-scan.pdf';
  const pdf = tinyPdf(run);
  const token = await staffToken();

  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const requested = [];
  page.on('request', (req) => requested.push({ method: req.method(), url: req.url() }));
  const expected = [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: /^\/portal\/attachments\/at_\w+\/complete$/, status: 422 }, { path: /^\/portal\/attachments\/at_\w+\/complete$/, status: 409 }];
  const posts = (pathname) => requested.filter((r) => r.method === 'POST' && new URL(r.url).pathname === pathname).length;

  try {
    const ann = await signInByLink(page, ANN, token);
    // Email alerts on (consent and preference), quiet hours off: a notice can go now.
    await nav(page, 'preferences');
    await page.getByTestId('pref-channel-email').waitFor();
    if ((await page.getByTestId('pref-channel-email').getAttribute('data-reachable')) !== 'yes') {
      await page.getByTestId('pref-turn-on-email').click();
      await waitAttr(page.getByTestId('pref-channel-email'), 'data-reachable', 'yes');
    }
    if (await page.getByTestId('pref-quiet-enabled').isChecked()) {
      await page.getByTestId('pref-quiet-enabled').setChecked(false);
      await page.getByTestId('pref-save').click();
      await waitText(page.getByTestId('app-status'), /saved/i);
    }

    // --- A new message: what the form refuses before sending anything.
    await nav(page, 'messages');
    await waitText(page.getByTestId('messages-emergency'), /In an emergency, call 911/);
    await page.getByTestId('messages-new').click();
    await page.getByTestId('compose-form').waitFor();
    await page.getByTestId('compose-send').click();
    await page.getByTestId('compose-error').first().waitFor();
    assert.equal(await page.getByTestId('compose-topic').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('compose-subject').getAttribute('aria-invalid'), 'true');
    assert.equal(posts('/portal/threads'), 0);
    await page.getByTestId('compose-files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    const txt = page.getByTestId('attachment-item').filter({ hasText: 'notes.txt' });
    await waitAttr(txt, 'data-state', 'refused');
    await waitText(txt.getByTestId('attachment-status'), /only PDF, JPEG, PNG and HEIC/);
    assert.equal(posts('/portal/attachments'), 0, 'refused before any upload');
    await txt.getByTestId('attachment-remove').click();

    await page.getByTestId('compose-topic').selectOption('clinical');
    await page.getByTestId('compose-subject').fill(subject);
    await page.getByTestId('compose-body').fill(firstText);
    await page.getByTestId('compose-files').setInputFiles({ name: pdfName, mimeType: 'application/pdf', buffer: pdf });
    const pdfItem = page.getByTestId('attachment-item').filter({ hasText: pdfName });
    await waitAttr(pdfItem, 'data-state', 'ready', 30_000);
    await waitText(pdfItem.getByTestId('attachment-status'), /Ready to send/);
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/messages\/th_[0-9A-Z]{26}$/, { timeout: 20_000 });
    const threadId = /\/messages\/(th_[0-9A-Z]{26})$/.exec(page.url())[1];
    await waitText(page.getByTestId('thread-subject'), exactly(subject));
    await waitText(page.getByTestId('app-status'), /sent/i);
    await waitText(page.getByTestId('reach-notice'), /We will email a•••@example\.com/);
    const mine = page.getByTestId('message').filter({ hasText: firstText });
    await waitText(mine.getByTestId('message-receipt'), /not read yet/);
    assert.ok(!(await page.title()).includes(run), 'the subject is not in the title');

    // --- A draft is kept while Ann looks elsewhere.
    await page.getByTestId('reply-body').fill('half a thought');
    await page.getByTestId('thread-back').click();
    await page.getByTestId('thread-list').waitFor();
    // The conversation's row: who wrote last and how it began.
    const listed = page.locator(`[data-thread-id="${threadId}"]`);
    await waitText(listed.getByTestId('thread-preview'), exactly(`You: ${firstText}`));
    await listed.getByTestId('thread-link').click();
    await page.getByTestId('reply-body').waitFor();
    assert.equal(await page.getByTestId('reply-body').inputValue(), 'half a thought', 'the draft survived');
    await page.getByTestId('reply-body').fill('');

    // --- On Home. The care team reads and replies; coming back to the tab shows a clear card.
    await nav(page, 'home');
    await page.getByTestId('home-greeting').waitFor();
    await page.getByTestId('home-messages').waitFor();
    // Other suites may have left Ann unread messages: count from here (from an answer, not a
    // count the cache held while asking again).
    const badge = page.getByTestId('nav-messages-unread');
    await page.locator('[data-testid="nav"][data-unread]').waitFor();
    await apiSettled(page);
    const baseline = Number(await page.getByTestId('nav').getAttribute('data-unread'));
    const seen = await outboxIds();
    const read = await gateway('PATCH', `/staff/patients/${ann.patient_id}/threads/${threadId}`, { token, body: { read: true } });
    assert.equal(read.status, 200);
    const replied = await gateway('POST', `/staff/patients/${ann.patient_id}/threads/${threadId}/messages`, { token, body: { body: careReply } });
    assert.equal(replied.status, 201);
    // Coming back to the tab: the page looks again (a look already under way would be joined, and it
    // may have left before the reply: wait for it to end first).
    await apiSettled(page);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await waitText(page.getByTestId('home-new-message'), /You have (a|\d+) new messages?/);
    await waitText(page.getByTestId('home-new-message-subject'), exactly(subject));
    await waitText(page.getByTestId('home-new-message-preview'), exactly(careReply));
    await waitText(badge, new RegExp(`^${baseline + 1}\\b`));

    // By email or by text: the send gate picks the channel (both are on now).
    const notice = await Promise.any([
      waitForMessage({ to: ANN.email, channel: 'email', seen, timeout: 20_000 }),
      waitForMessage({ to: ANN.phone, channel: 'sms', seen, timeout: 20_000 }),
    ]);
    const noticeText = `${notice.subject ?? ''}\n${notice.body}`;
    assert.match(noticeText, /message/i);
    for (const secret of [careReply, firstText, subject, run, pdfName]) assert.ok(!noticeText.includes(secret), `the notice leaks "${secret}"`);

    // --- Opening it marks it read; Ann's message shows it was read by the care team.
    const markedRead = page.waitForResponse((r) => new URL(r.url()).pathname === `/portal/threads/${threadId}/read`);
    await page.getByTestId('home-new-message-open').click();
    const theirs = page.getByTestId('message').filter({ hasText: careReply });
    await waitAttr(theirs, 'data-from', 'care_team');
    await waitText(theirs.getByTestId('message-author'), /^Care team$/);
    assert.equal((await markedRead).status(), 200);
    if (baseline) await waitText(badge, new RegExp(`^${baseline}\\b`));
    else await badge.waitFor({ state: 'detached' });
    await waitText(page.getByTestId('message').filter({ hasText: firstText }).getByTestId('message-receipt'), /Read by your care team/);
    const staffView = await gateway('GET', `/staff/patients/${ann.patient_id}/threads/${threadId}`, { token });
    assert.ok(staffView.body.messages.find((m) => m.body === careReply).read_at, 'the care team sees that Ann read the reply');

    // --- The attachment downloads as the same bytes. The stored object has no name (it is served as
    //     exactly `attachment`): the page saves it under the name it knows.
    const { download, file } = await downloadAttachment(
      page, page.getByTestId('message').filter({ hasText: firstText }).getByTestId('attachment-download'), /^\/portal\/attachments\/[^/]+$/);
    assert.equal(file.status, 200);
    assert.equal(file.headers['content-disposition'], 'attachment', 'the file is served with no name of its own');
    assert.equal(download.suggestedFilename(), pdfName);
    assert.match(download.url(), /^blob:/, 'saved by the page, under the name it knows (the stored object has none)');
    assert.deepEqual(await readFile(await download.path()), pdf);

    // --- The reply box: the limit, a fake PDF refused by the server, then a reply with a PDF.
    const replyPath = `/portal/threads/${threadId}/messages`;
    const before = posts(replyPath);
    await page.getByTestId('reply-body').fill('x'.repeat(10_001));
    await waitText(page.getByTestId('reply-count'), /1 character too many/);
    await page.getByTestId('reply-send').click();
    await page.getByTestId('reply-error').waitFor();
    assert.equal(posts(replyPath), before, 'over the limit is not sent');
    await page.getByTestId('reply-body').fill(annReply);
    await page.getByTestId('reply-files').setInputFiles({ name: 'photo.pdf', mimeType: 'application/pdf', buffer: PNG_BYTES });
    const fake = page.getByTestId('attachment-item').filter({ hasText: 'photo.pdf' });
    await waitAttr(fake, 'data-state', 'refused', 30_000);
    await waitText(fake.getByTestId('attachment-status'), /image\/png/i);
    await page.getByTestId('reply-send').click();
    await waitAttr(page.getByTestId('reply-files'), 'aria-invalid', 'true');
    assert.equal(posts(replyPath), before, 'nothing sent with a refused file attached');
    await fake.getByTestId('attachment-remove').click();
    await page.getByTestId('reply-files').setInputFiles({ name: 'second.pdf', mimeType: 'application/pdf', buffer: tinyPdf(`${run}-2`) });
    await waitAttr(page.getByTestId('attachment-item').filter({ hasText: 'second.pdf' }), 'data-state', 'ready', 30_000);
    await page.getByTestId('reply-send').click();
    await waitAttr(page.getByTestId('message').filter({ hasText: annReply }), 'data-from', 'patient');
    await waitText(page.getByTestId('app-status'), /reply was sent/i);
    assert.equal(await page.getByTestId('reply-body').inputValue(), '');

    // --- Keyboard only: from the heading to the reply box, type, to the send button, Enter.
    const byKeyboard = `Sent with the keyboard (${run}).`;
    await page.getByTestId('thread-subject').focus();
    await waitForFocus(page, 'thread-subject');
    await tabTo(page, 'reply-body');
    await typeInto(page, 'reply-body', byKeyboard);
    await tabTo(page, 'reply-send');
    await page.keyboard.press('Enter');
    await waitAttr(page.getByTestId('message').filter({ hasText: byKeyboard }), 'data-from', 'patient');

    // --- Signing out with an unsent message asks first; staying keeps it.
    await page.getByTestId('reply-body').fill('not finished');
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-out-confirm').waitFor();
    await page.getByTestId('sign-out-confirm-no').click();
    assert.equal(await page.getByTestId('reply-body').inputValue(), 'not finished', 'the draft is still there');
    await page.getByTestId('reply-body').fill('');

    // The care team can download the patient's file.
    const staffThread = await gateway('GET', `/staff/patients/${ann.patient_id}/threads/${threadId}`, { token });
    const sent = staffThread.body.messages.find((m) => m.body === annReply);
    assert.equal(sent.attachments[0].file_name, 'second.pdf');
    const link = await gateway('GET', `/staff/patients/${ann.patient_id}/attachments/${sent.attachments[0].attachment_id}`, { token });
    assert.equal(link.status, 200);
    const served = await gateway('GET', link.body.url);
    assert.ok(served.text.startsWith('%PDF-'), 'staff receive the PDF');
    assert.equal(served.headers['content-disposition'], 'attachment', 'the stored object carries no file name');

    await assertStorageClean(page);
    for (const r of requested) {
      for (const secret of [subject, encodeURIComponent(subject), firstText, careReply, annReply, run]) {
        assert.ok(!r.url.includes(secret), `a request URL carries message content: ${r.url}`);
      }
    }
    assertCleanConsole(watched, expected, [subject, firstText, careReply, annReply, run]);
    await page.screenshot({ path: path.join(SHOTS, 'thread.png'), fullPage: true });
  } finally {
    await context.close();
  }

  // --- Ann texts STOP; START puts texts back.
  try {
    const stop = await gateway('POST', '/_local/twilio/inbound', { body: { from: ANN.phone, body: 'STOP' } });
    assert.equal(stop.status, 200);
    assert.match(String(stop.body.twiml), /no longer receive texts|texts? (will )?stop/i);
  } finally {
    const start = await gateway('POST', '/_local/twilio/inbound', { body: { from: ANN.phone, body: 'START' } });
    assert.equal(start.status, 200);
  }
});

test('a patient closes a conversation she started, after a confirmation; it shows as closed in the list and the thread, writing again reopens it, and one the care team started offers no Close', { timeout: 180_000 }, async () => {
  const run = runId();
  const token = await staffToken();
  const fay = await enrolPatient(token, { given: 'Fay', family: `Close${run.replace(/\d/g, 'x')}` });
  const theirs = await gateway('POST', `/staff/patients/${fay.patient_id}/threads`, {
    token, body: { topic: 'other', subject: `From the care team ${run}`, body: 'Your forms are ready.' },
  });
  assert.equal(theirs.status, 201, `starting a thread answered ${theirs.status}`);
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const subject = `A quick question ${run}`;
  try {
    await signInByLink(page, fay, token);
    await nav(page, 'messages');
    await page.getByTestId('messages-new').click();
    await page.getByTestId('compose-topic').selectOption('scheduling');
    await page.getByTestId('compose-subject').fill(subject);
    await page.getByTestId('compose-body').fill('Can I come in on Friday instead?');
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/messages\/th_[0-9A-Z]{26}$/, { timeout: 20_000 });
    const threadId = /\/messages\/(th_[0-9A-Z]{26})$/.exec(page.url())[1];

    // --- Asked first, saying the care team can still read it and that writing again reopens it;
    //     No changes nothing.
    await page.getByTestId('thread-close').click();
    const dialog = page.getByTestId('thread-close-confirm');
    await waitText(dialog, /^Close this conversation\?Your care team can still read it\.If you write again, it reopens\./);
    await waitForFocus(page, 'thread-close-confirm-no');
    await page.getByTestId('thread-close-confirm-no').click();
    await dialog.waitFor({ state: 'detached' });
    await waitAttr(page.getByTestId('thread-status'), 'data-status', 'open');

    // --- Closed: the thread says so (and how to reopen it), the list shows it, the care team still reads it.
    await page.getByTestId('thread-close').click();
    const closed = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/portal/threads/${threadId}/close`);
    await page.getByTestId('thread-close-confirm-yes').click();
    assert.equal((await closed).status(), 200);
    await dialog.waitFor({ state: 'detached' });
    await waitAttr(page.getByTestId('thread-status'), 'data-status', 'closed');
    await waitText(page.getByTestId('thread-closed-note'), /^This conversation is closed\. Write again to reopen it\.$/);
    await waitForFocus(page, 'thread-closed-note');
    await waitText(page.getByTestId('app-status'), /^The conversation is closed\. Write again to reopen it\./);
    await waitText(page.locator('#reply-title'), /^Write again to reopen$/);
    assert.equal(await page.getByTestId('thread-close').count(), 0, 'nothing left to close');
    const staffView = await gateway('GET', `/staff/patients/${fay.patient_id}/threads/${threadId}`, { token });
    assert.equal(staffView.status, 200, 'the care team still reads it');
    assert.equal(staffView.body.thread.status, 'closed');
    await page.getByTestId('thread-back').click();
    await waitText(page.locator(`[data-thread-id="${threadId}"]`).getByTestId('thread-closed'), /^Closed$/);
    assert.equal(await page.locator(`[data-thread-id="${theirs.body.thread.thread_id}"]`).getByTestId('thread-closed').count(), 0);

    // --- Writing again reopens it (and it can be closed again).
    await page.locator(`[data-thread-id="${threadId}"]`).getByTestId('thread-link').click();
    await page.getByTestId('reply-body').fill('Actually, one more thing.');
    await page.getByTestId('reply-send').click();
    await waitAttr(page.getByTestId('thread-status'), 'data-status', 'open');
    await page.getByTestId('thread-close').waitFor();
    await waitText(page.locator('#reply-title'), /^Reply$/);

    // --- The care team's conversation is theirs to close: no Close here (the API answers 409 anyway).
    await page.getByTestId('thread-back').click();
    await page.locator(`[data-thread-id="${theirs.body.thread.thread_id}"]`).getByTestId('thread-link').click();
    await waitText(page.getByTestId('thread-subject'), exactly(`From the care team ${run}`));
    await page.getByTestId('reply-form').waitFor();
    assert.equal(await page.getByTestId('thread-close').count(), 0, 'no Close on the care team’s conversation');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }], [fay.email, subject]);
  } finally {
    await context.close();
  }
});

test('a signed-in portal left alone past the idle limit signs out and shows nothing personal', { timeout: 120_000 }, async () => {
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  // Every API request, in the order it left the page, and the idle time it reported.
  const sent = [];
  const idle = [];
  page.on('request', (req) => {
    const { pathname } = new URL(req.url());
    if (!API_PATH.test(pathname)) return;
    sent.push(`${req.method()} ${pathname}`);
    idle.push(req.headers()['x-portico-idle']);
  });
  try {
    // The page's clock is the test's: no half-hour wait. The limit is the server's, from the session's
    // own answer.
    await page.clock.install();
    const linked = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/link');
    await signInByLink(page, BEN);
    const idleLimit = (await (await linked).json()).idle_timeout_seconds;
    assert.ok(Number.isInteger(idleLimit) && idleLimit > 0, `the session answer gives its idle limit: ${idleLimit}`);
    await nav(page, 'profile');
    await waitText(page.getByTestId('profile-family-name'), exactly(BEN.family));
    // The unread count's poll has started: its timer is due at the same moment as the idle check.
    await page.locator('[data-testid="nav"][data-unread]').waitFor();
    const loggedOut = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/logout');
    await page.clock.fastForward((idleLimit + 60) * 1000);
    await waitText(page.getByTestId('signin-notice'), new RegExp(`signed out after ${Math.round(idleLimit / 60)} minutes without activity`));
    assert.equal((await loggedOut).status(), 204, 'the idle sign-out ends the session on the server');
    // Signing out stops the polls first: nothing signed-in leaves once the sign-out has begun.
    const after = sent.slice(sent.indexOf('POST /auth/logout') + 1);
    assert.deepEqual(after.filter((r) => / \/portal\//.test(r)), [], `signed-in requests after the sign-out: ${sent.join(', ')}`);
    // Each request said how long Ben had been idle; what left after the half hour (the poll that was
    // due, the sign-out) says so, so the server does not take a poll for Ben.
    assert.ok(idle.every((s) => /^\d+$/.test(s ?? '')), `every API request carries X-Portico-Idle: ${idle.join(', ')}`);
    assert.ok(Number(idle[sent.indexOf('POST /auth/logout')]) >= idleLimit, `the sign-out reports the idle time: ${idle.join(', ')}`);
    await assertNoPhi(page, [BEN.family, BEN.email], 'after the idle sign-out');
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }], [BEN.family]);
  } finally {
    await context.close();
  }
});

test('a sign-out the server cannot confirm is not called one: nothing personal stays, and trying again finishes it', { timeout: 120_000 }, async () => {
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await signInByLink(page, BEN);
    await nav(page, 'profile');
    await waitText(page.getByTestId('profile-family-name'), exactly(BEN.family));

    // The sign-out alone fails on its way (a server error), until it is let through again.
    await page.route('**/auth/logout', (route) => route.fulfill({ status: 503, body: '' }));
    await page.getByTestId('sign-out').click();
    await waitText(page.locator('h1'), /^We could not confirm that you signed out$/);
    await waitForHeadingFocus(page);
    await waitText(page.getByTestId('signout-unconfirmed'), /close every window of this browser/);
    assert.equal(await page.getByTestId('signin-notice').count(), 0, 'no "signed out" notice');
    assert.equal(await page.getByTestId('nav').count(), 0, 'no signed-in navigation');
    await assertNoPhi(page, [BEN.family, BEN.email], 'after an unconfirmed sign-out');
    await axe(page, 'portal: sign-out not confirmed', 'phone');
    await page.getByTestId('signout-retry').click();
    await waitText(page.getByTestId('signout-still-unconfirmed'), /still not confirmed/);

    await page.unroute('**/auth/logout');
    const loggedOut = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/logout' && r.status() !== 401);
    await page.getByTestId('signout-retry').click();
    assert.equal((await loggedOut).status(), 204);
    await waitText(page.getByTestId('signin-notice'), /You have signed out/);
    assert.ok(!(await context.cookies()).some((c) => c.name === '__Host-portico_refresh' && c.value), 'the refresh cookie is cleared');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: '/auth/logout', status: 503 }], [BEN.family]);
  } finally {
    await context.close();
  }
});

test('changing a sign-in address when the server wants a recent sign-in: Ben confirms it is him by a text to his number on file, and the change goes through', { timeout: 120_000 }, async () => {
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const patches = [];
  page.on('request', (req) => {
    if (req.method() === 'PATCH' && new URL(req.url()).pathname === '/portal/me') patches.push(req.headers().authorization);
  });
  try {
    await signInByLink(page, BEN);
    await nav(page, 'profile');
    await waitText(page.getByTestId('profile-email'), exactly(BEN.email));
    // Ben signed in a moment ago, so the server would take the change: its first answer is made to say
    // what it says once a sign-in is more than five minutes old (a wait the suite cannot make).
    let asked = false;
    await page.route('**/portal/me', (route) => {
      if (route.request().method() !== 'PATCH' || asked) return route.fallback();
      asked = true;
      return route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'https://portico.health/problems/recent-sign-in-required', title: 'Recent sign-in required', status: 403 }),
      });
    });

    const seen = await outboxIds();
    await page.getByTestId('contact-change-email').click();
    await page.getByTestId('contact-input-email').fill(`ben-${runId()}@example.com`);
    await page.getByTestId('contact-send').click();
    await waitText(page.getByTestId('reauth'), /For your security, confirm it’s you/);
    await waitForFocus(page, 'reauth-send-email');
    await waitText(page.getByTestId('reauth-send-sms'), /Text a code to •••• 0102/);
    await axe(page, 'portal: confirm it is you', 'phone');

    await page.getByTestId('reauth-send-sms').click();
    await waitForFocus(page, 'reauth-code');
    const code = codeFrom(await waitForMessage({ to: BEN.phone, channel: 'sms', seen }));
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');

    await page.getByTestId('contact-code').waitFor();
    await waitForFocus(page, 'contact-code');
    assert.equal(await page.getByTestId('reauth').count(), 0, 'the dialog has closed');
    await waitText(page.getByTestId('contact-dest'), /^If \S+ can receive messages, a 6-digit code is on its way/);
    assert.equal(patches.length, 2, 'the change was retried once');
    assert.notEqual(patches[1], patches[0], 'the retry went with the new session');
    await page.getByTestId('contact-different').click();
    await waitForFocus(page, 'contact-input-email');
    assert.equal(await page.getByTestId('contact-input-email').inputValue(), '');
    await page.getByTestId('contact-cancel').click();
    await waitText(page.getByTestId('profile-email'), exactly(BEN.email));
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: '/portal/me', status: 403 }], [BEN.family]);
  } finally {
    await context.close();
  }
});

test('signing out takes only the refresh cookie: one request without an access token, the cookie cleared, the old cookie and token refused; another site cannot sign anyone out', { timeout: 120_000 }, async () => {
  // Through the gateway: with nothing to end it still answers 204 and clears the cookie; a request
  // from another site's page is refused.
  const bare = await gateway('POST', '/auth/logout');
  assert.equal(bare.status, 204, `a sign-out without a cookie answered ${bare.status}`);
  assert.match(String(bare.headers['set-cookie']), /^__Host-portico_refresh=;.*Max-Age=0/, 'the cookie is cleared anyway');
  const foreign = await gateway('POST', '/auth/logout', { headers: { Origin: 'https://elsewhere.example' } });
  assert.equal(foreign.status, 403, `a sign-out from another site answered ${foreign.status}`);

  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const tokens = captureTokens(page);
  const signOuts = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/auth/logout') signOuts.push(req);
  });
  try {
    await signInByLink(page, ANN);
    const cookie = await assertRefreshCookie(context);
    const token = await tokens.latest();

    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/logout');
    await page.getByTestId('sign-out').click();
    assert.equal((await answered).status(), 204);
    await waitText(page.getByTestId('signin-notice'), /You have signed out/);
    assert.equal(signOuts.length, 1, `one sign-out request, not ${signOuts.length}`);
    const sent = await signOuts[0].allHeaders();
    assert.equal(sent.authorization, undefined, 'the sign-out carries no access token');
    assert.match(sent.cookie ?? '', /__Host-portico_refresh=/, 'the sign-out carries the refresh cookie');
    assert.ok(!(await context.cookies()).some((c) => c.name === '__Host-portico_refresh' && c.value), 'the refresh cookie is cleared');

    // The session is over on the server: its cookie renews nothing, its last token reads nothing.
    const renewed = await gateway('POST', '/auth/refresh', { headers: { Cookie: `__Host-portico_refresh=${cookie.value}`, Origin: ORIGIN } });
    assert.equal(renewed.status, 401, `refreshing with the old cookie answered ${renewed.status}: ${renewed.text.slice(0, 200)}`);
    const read = await gateway('GET', '/portal/me', { token });
    assert.equal(read.status, 401, `the old access token read /portal/me with ${read.status}`);
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }]);
  } finally {
    await context.close();
  }
});

test('an address that is someone else’s is answered like a free one: the same words, no code to its owner, the same wait, and an empty field for another', { timeout: 180_000 }, async () => {
  // Someone else: a patient of this test's own. (Ben would do, but asking for a code to an address starts
  // its one-minute cooldown and counts against its hourly cap alike for every asker, and the Spanish
  // suite signs Ben in by code.)
  const token = await staffToken();
  const eve = await enrolPatient(token, { given: 'Eve', family: 'Other' });
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await signInByLink(page, ANN, token);
    await nav(page, 'profile');
    await waitText(page.getByTestId('profile-email'), exactly(ANN.email));
    const seen = await outboxIds();
    await page.getByTestId('contact-change-email').click();
    await page.getByTestId('contact-input-email').fill(eve.email);
    await requestContactCode(page);
    await waitText(page.getByTestId('contact-dest'), /^If e•••@example\.com can receive messages, a 6-digit code is on its way/);
    await waitForFocus(page, 'contact-code');

    // Asking again at once: the same countdown as for any address (the answer's resend_after, on the
    // button), and nothing sent.
    await waitText(page.getByTestId('contact-resend'), /wait \d+ s/);
    assert.ok(await page.getByTestId('contact-resend').isDisabled());
    assert.equal(await page.getByTestId('contact-wait').count(), 0, 'a countdown on the button, not a message');
    assert.equal(await page.getByTestId('contact-error').count(), 0, 'no error box for a countdown');

    // Another address instead: an empty field, with the focus in it.
    await waitText(page.getByTestId('contact-different'), /^Use a different email address$/);
    await page.getByTestId('contact-different').click();
    await waitForFocus(page, 'contact-input-email');
    assert.equal(await page.getByTestId('contact-input-email').inputValue(), '');

    // Eve was sent nothing. (A contact code leaves within the request that asks for it, so one would be
    // in the outbox by now.)
    const toEve = (await outbox()).filter((m) => !seen.has(m.id) && String(m.to).toLowerCase() === eve.email);
    assert.deepEqual(toEve, [], 'no code reached the address’s owner');
    await page.getByTestId('contact-cancel').click();
    await waitText(page.getByTestId('profile-email'), exactly(ANN.email));
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: '/portal/me', status: 429 }], [ANN.family]);
  } finally {
    await context.close();
  }
});

test('a new mobile number abroad is refused next to the field, in English and in Spanish', { timeout: 120_000 }, async () => {
  // A patient of this test's own (language, contact changes), so no other test sees the changes.
  const token = await staffToken();
  const dana = await enrolPatient(token, { given: 'Dana', family: 'Abroad' });
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const abroad = '+447700900123';

  async function askForNumberAbroad(fieldError, alert) {
    await page.getByTestId('contact-change-sms').click();
    const input = page.getByTestId('contact-input-sms');
    await input.fill(abroad);
    const answered = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === '/portal/me');
    await page.getByTestId('contact-send').click();
    assert.equal((await answered).status(), 422);
    await waitAttr(input, 'aria-invalid', 'true');
    const error = page.getByTestId('profile-contact').locator('.field-error');
    await waitText(error, fieldError);
    const id = await error.getAttribute('id');
    assert.ok((await input.getAttribute('aria-describedby') ?? '').split(' ').includes(id), 'the error is tied to the field');
    await waitForFocus(page, 'contact-input-sms');
    assert.equal(await input.inputValue(), abroad, 'what was typed stays, to be corrected');
    await waitText(page.getByTestId('contact-error'), alert);
    assert.equal(await page.getByTestId('contact-error').getAttribute('role'), 'alert');
    assert.equal(await page.getByTestId('contact-code').count(), 0, 'no code step');
  }

  try {
    await signInByLink(page, dana, token);
    await nav(page, 'profile');
    await page.getByTestId('profile-contact').waitFor();
    await askForNumberAbroad(/^This mobile number is in a country the practice does not text\.$/, /cannot text numbers in that country/);
    await axe(page, 'portal: a new number refused', 'phone');
    await page.getByTestId('contact-cancel').click();

    // Dana reads the portal in Spanish: the server's detail is English (need 12), the catalog words it.
    await page.getByTestId('profile-edit').click();
    await page.getByTestId('profile-input-language').selectOption('es');
    await page.getByTestId('profile-save').click();
    await waitText(page.getByTestId('app-status'), /Se guardaron sus datos/);
    await askForNumberAbroad(/^No podemos usar este número de celular\. Revíselo o use otro\.$/, /^Eso no funcionó/);
    await axe(page, 'portal: a new number refused, in Spanish', 'phone');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: '/portal/me', status: 422 }], [dana.email]);
  } finally {
    await context.close();
  }
});

test('a patient reads their access log (their sign-ins, and who at the practice opened their record) and signs out everywhere else; the other browser is signed out at its next request', { timeout: 180_000 }, async () => {
  // A patient of this test's own, so the log holds only what this test does.
  const token = await staffToken();
  const hal = await enrolPatient(token, { given: 'Hal', family: 'Access' });
  const other = await newPhone();
  const otherPage = await other.newPage();
  const otherWatched = watch(otherPage);
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const requested = [];
  page.on('request', (req) => requested.push(req.url()));
  try {
    await signInByLink(otherPage, hal, token); // another device
    await signInByLink(page, hal, token);
    // Someone at the front desk opens Hal's record now.
    const read = await gateway('GET', `/staff/patients/${hal.patient_id}`, { token: await staffToken(FRONT_DESK) });
    assert.equal(read.status, 200);

    // --- From the profile, by keyboard: the log, newest first, in Hal's words.
    await nav(page, 'profile');
    await page.getByTestId('profile-access-link').focus();
    await page.keyboard.press('Enter');
    await waitText(page.locator('h1'), /^Sign-ins and access to your record$/);
    await waitForHeadingFocus(page);
    assert.equal(new URL(page.url()).pathname, '/profile/access-log');
    const entries = page.getByTestId('access-entry');
    await waitAttr(entries.first(), 'data-action', 'patient.read');
    await waitText(entries.first().getByTestId('access-what'), /^Someone at the practice \(front desk\) opened your record$/);
    const mine = entries.nth(1);
    await waitText(mine.getByTestId('access-what'), /^You signed in with a link$/);
    await waitText(mine.getByTestId('access-where'), /^· Chrome on Linux, from \S+$/);
    assert.equal(await page.locator('[data-testid="access-entry"][data-action="auth.sign_in.link"]').count(), 2, 'both sign-ins');
    await waitText(page.locator('[data-testid="access-entry"][data-action="patient.invite"]').first().getByTestId('access-what'),
      /^Someone at the practice \(administrator\) sent you an invitation to the portal$/);
    await axe(page, 'portal: sign-ins and access', 'phone');

    // --- Sign out everywhere else: asked first (Escape changes nothing), then the result in words.
    await page.getByTestId('access-end-others').click();
    const dialog = page.getByTestId('access-end-others-confirm');
    await waitText(dialog, /You stay signed in here\./);
    await waitForFocus(page, 'access-end-others-confirm-no');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitForFocus(page, 'access-end-others');
    const ending = page.waitForResponse((r) => new URL(r.url()).pathname === '/portal/sessions/end-others');
    await page.getByTestId('access-end-others').click();
    await page.getByTestId('access-end-others-confirm-yes').click();
    const answer = await ending;
    assert.equal(answer.status(), 200);
    const { ended } = await answer.json();
    assert.ok(ended >= 1, `the other browser's session is among those ended (${ended})`);
    await waitText(page.getByTestId('app-status'), new RegExp(`^You were signed out on ${ended} other devices?\\.`));
    await waitText(entries.first().getByTestId('access-what'), /^You signed out everywhere else$/);
    await waitForFocus(page, 'access-end-others');

    // This page stays signed in; the other browser is signed out at its next request.
    await nav(page, 'home');
    await page.getByTestId('home-greeting').waitFor();
    await nav(otherPage, 'messages');
    await waitText(otherPage.getByTestId('signin-notice'), /^Your session has ended/);
    assert.equal(await otherPage.getByTestId('nav').count(), 0, 'the other browser is signed out');
    for (const url of requested) assert.ok(!url.includes(hal.email) && !url.includes(encodeURIComponent(hal.email)), `a request URL carries an address: ${url}`);
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }], [hal.email]);
    assertCleanConsole(otherWatched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: /^\/portal\//, status: 401 }], [hal.email]);
  } finally {
    await context.close();
    await other.close();
  }
});

test('the bell and your activity: the care team writes to Ann, the bell counts it, opening it goes to the conversation and the count drops, and her activity shows the message and her sign-in', { timeout: 180_000 }, async () => {
  // An Ann of this test's own, so the counts hold only what this test does.
  const run = runId();
  const token = await staffToken();
  const ann = await enrolPatient(token, { given: 'Ann', family: `Bell${run.replace(/\d/g, 'x')}` });
  const context = await newPhone();
  const page = await context.newPage();
  const watched = watch(page);
  const subject = `Your results ${run}`;
  try {
    await signInByLink(page, ann, token);
    const bell = page.getByTestId('bell');
    await waitAttr(bell, 'data-unread', '0');
    assert.equal(await bell.getAttribute('aria-label'), 'Notifications');

    // --- The care team writes; home (one read) brings the count.
    const started = await gateway('POST', `/staff/patients/${ann.patient_id}/threads`, {
      token, body: { topic: 'other', subject, body: 'Your results are in and look normal.' },
    });
    assert.equal(started.status, 201, `starting a thread answered ${started.status}`);
    const threadId = started.body.thread.thread_id;
    await page.reload();
    await page.getByTestId('home-greeting').waitFor();
    await waitAttr(bell, 'data-unread', '1');
    await waitText(page.getByTestId('bell-count'), /^1$/);
    assert.equal(await bell.getAttribute('aria-label'), 'Notifications, 1 unread');

    // --- The bell, by keyboard: the notifications, the new one marked "New".
    await bell.focus();
    await page.keyboard.press('Enter');
    await waitText(page.locator('h1'), /^Notifications$/);
    await waitForHeadingFocus(page);
    assert.equal(new URL(page.url()).pathname, '/notifications');
    const item = page.getByTestId('notification').first();
    await waitAttr(item, 'data-unread', 'yes');
    await waitText(item.getByTestId('notification-new'), /^New$/);
    await waitText(item.getByTestId('notification-open'), exactly(subject));

    // --- Opening it goes to the conversation, marks it read, and the count drops.
    const marking = page.waitForResponse((r) => /^\/portal\/notifications\/[^/]+\/read$/.test(new URL(r.url()).pathname));
    await item.getByTestId('notification-open').click();
    assert.equal((await marking).status(), 200);
    await page.waitForURL(new RegExp(`/messages/${threadId}$`));
    await waitText(page.getByTestId('thread-subject'), exactly(subject));
    await waitAttr(bell, 'data-unread', '0');
    assert.equal(await page.getByTestId('bell-count').count(), 0, 'no badge once read');

    // A deep link to the notifications: read now.
    await page.goto(`${ORIGIN}/notifications`);
    await waitAttr(page.getByTestId('notification').first(), 'data-unread', 'no');
    assert.equal(await page.getByTestId('notifications-read-all').count(), 0, 'nothing left to mark');

    // --- Your activity: the message (with the way to its conversation) and her sign-in.
    await nav(page, 'activity');
    await waitText(page.locator('h1'), /^Your activity$/);
    assert.equal(new URL(page.url()).pathname, '/activity');
    const message = page.locator('[data-testid="activity-entry"][data-kind="message_from_care_team"]').first();
    await waitText(message.getByTestId('activity-what'), exactly(`Your care team wrote to you in “${subject}”`));
    assert.equal(await message.getByTestId('activity-open').getAttribute('href'), `/messages/${threadId}`);
    const signIn = page.locator('[data-testid="activity-entry"][data-kind="signed_in"]').first();
    await waitText(signIn.getByTestId('activity-what'), /^You signed in$/);
    await page.getByTestId('activity-day-heading').first().waitFor();
    assertCleanConsole(watched, PENDING_ROUTES, [ann.email]);
  } finally {
    await context.close();
  }
});

test('budgets: first load within 150 KB of compressed JavaScript and 300 KB in all; home usable, and complete, after 2 API calls', { timeout: 120_000 }, async () => {
  const context = await newPhone();
  const page = await context.newPage();
  watch(page);
  const bodies = [];
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (url.origin !== ORIGIN || API_PATH.test(url.pathname)) return;
    try {
      bodies.push({ path: url.pathname, type: res.request().resourceType(), bytes: await res.body() });
    } catch {
      // A redirect or an aborted load has no body.
    }
  });
  try {
    await page.goto(`${ORIGIN}/`, { waitUntil: 'networkidle' });
    await page.getByTestId('signin-address').waitFor();
    const js = bodies.filter((b) => b.type === 'script' || b.path.endsWith('.js'));
    const jsGz = js.reduce((n, b) => n + gzipSize(b.bytes), 0);
    const allGz = bodies.reduce((n, b) => n + gzipSize(b.bytes), 0);
    console.log(`# first load: ${js.length} scripts, ${(jsGz / 1024).toFixed(1)} KB gzip JS; ${bodies.length} files, ${(allGz / 1024).toFixed(1)} KB gzip in all`);
    assert.ok(jsGz <= 150 * 1024, `first-load JavaScript is ${(jsGz / 1024).toFixed(1)} KB compressed (budget 150 KB)`);
    assert.ok(allGz <= 300 * 1024, `first load is ${(allGz / 1024).toFixed(1)} KB compressed in all (budget 300 KB)`);

    // Home, opened fresh with a session: the API calls started before it could be used.
    await signInByLink(page, BEN);
    await page.goto(`${ORIGIN}/home`);
    await page.locator('[data-testid="home"][data-interactive="true"]').waitFor();
    // The mark is set by an effect, just after the render that made home usable.
    await page.waitForFunction(() => performance.getEntriesByName('portico:home-interactive').length > 0);
    const calls = await page.evaluate((apiSource) => {
      const api = new RegExp(apiSource);
      const mark = performance.getEntriesByName('portico:home-interactive')[0];
      return performance.getEntriesByType('resource')
        .filter((e) => api.test(new URL(e.name).pathname) && e.startTime <= mark.startTime)
        .map((e) => new URL(e.name).pathname);
    }, API_PATH.source);
    console.log(`# home interactive after ${calls.length} API calls: ${calls.join(', ')}`);
    assert.ok(calls.length <= 2, `home was usable only after ${calls.length} API calls: ${calls.join(', ')}`);

    // And complete with them: the practice's name, the unread count and the reminder come with home's
    // one read (GET /portal/home); nothing else is read.
    const practice = (await gateway('GET', '/auth/practice')).body;
    await waitText(page.getByTestId('brand-name'), exactly(practice.name));
    await page.locator('[data-testid="nav"][data-unread]').waitFor();
    await apiSettled(page);
    const all = await page.evaluate((apiSource) => {
      const api = new RegExp(apiSource);
      return performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => api.test(p));
    }, API_PATH.source);
    console.log(`# home complete after ${all.length} API calls: ${all.join(', ')}`);
    assert.deepEqual(all, ['/auth/refresh', '/portal/home'], 'home reads the session and its summary, and nothing else');
  } finally {
    await context.close();
  }
});
