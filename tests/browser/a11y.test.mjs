// axe-core on every screen of both apps, at a phone (390×844) and a desktop (1280×800) viewport:
// no critical or serious WCAG 2.1 A/AA violation. Results: target/browser/axe-a11y.json.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  ANN, DESKTOP, FRONT_DESK, ORIGIN, PENDING_ROUTES, PHONE, assertCleanConsole, axe, axeResults, close, consoleSignIn, findPatient, gateway,
  inviteLink, launch, nav, newDesktop, newPhone, putStaffBack, runId, saveAxe, showEmailBlocked, signInByLink, staffToken, tinyPdf,
  watch,
} from './lib.mjs';

before(launch);
after(async () => {
  await saveAxe('a11y');
  await close();
});

for (const [label, viewport, open] of [['phone', PHONE, newPhone], ['desktop', DESKTOP, newDesktop]]) {
  test(`portal screens pass axe at the ${label} viewport (${viewport.width}×${viewport.height})`, { timeout: 240_000 }, async () => {
    const context = await open();
    const page = await context.newPage();
    const watched = watch(page);
    const check = (screen) => axe(page, `portal: ${screen}`, label);
    try {
      // Signed out: the sign-in page, its errors, the code step (an unknown address answers alike).
      await page.goto(`${ORIGIN}/`);
      await page.getByTestId('signin-address').waitFor();
      await check('sign-in');
      await page.getByTestId('signin-send').click();
      await page.locator('.field-error').waitFor();
      await check('sign-in, invalid address');
      await page.getByTestId('signin-address').fill(`nobody-${label}-${runId()}@example.com`);
      await page.getByTestId('signin-send').click();
      await page.getByTestId('signin-code').waitFor();
      await page.getByTestId('signin-help').locator('summary').click();
      await check('sign-in, code step with help open');
      await page.getByTestId('language-switcher').selectOption('es');
      await page.locator('h1', { hasText: 'Iniciar sesión' }).waitFor();
      await check('sign-in in Spanish');
      await page.getByTestId('language-switcher').selectOption('en');
      await page.getByTestId('signin-change').click();

      // A used invitation link: the error notice.
      const token = await staffToken();
      const ann = await findPatient(token, ANN);
      const link = await inviteLink(token, ann);
      await page.goto(link);
      await page.getByTestId('home-greeting').waitFor();
      await check('home');
      if (label === 'phone') {
        await page.getByTestId('nav-more').click();
        await page.getByTestId('nav-profile').waitFor();
        await check('navigation, "More" open');
        await page.getByTestId('nav-more').click();
      }
      await nav(page, 'messages');
      await page.locator('[data-testid="thread-list"], [data-testid="messages-empty"]').first().waitFor();
      await check('messages');
      await page.getByTestId('messages-new').click();
      await page.getByTestId('compose-send').click();
      await page.getByTestId('compose-error').first().waitFor();
      await page.getByTestId('compose-files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
      await page.getByTestId('attachment-item').waitFor();
      await check('new message, with errors and a refused file');
      await page.getByTestId('attachment-remove').click();
      await page.getByTestId('compose-topic').selectOption('other');
      await page.getByTestId('compose-subject').fill(`Axe ${label}`);
      await page.getByTestId('compose-body').fill('Checking the conversation screen.');
      await page.getByTestId('compose-send').click();
      await page.getByTestId('reply-form').waitFor();
      await page.getByTestId('reach-notice').waitFor();
      await check('conversation');
      await page.getByTestId('thread-close').click();
      await page.getByTestId('thread-close-confirm').waitFor();
      await check('conversation, close confirmation');
      await page.getByTestId('thread-close-confirm-yes').click();
      await page.getByTestId('thread-closed-note').waitFor();
      await check('conversation, closed');
      await nav(page, 'messages');
      await page.getByTestId('thread-closed').first().waitFor();
      await check('messages, a closed conversation');
      await nav(page, 'profile');
      await page.getByTestId('profile-edit').waitFor();
      await check('your details');
      await page.getByTestId('profile-edit').click();
      await page.getByTestId('profile-form').waitFor();
      await check('your details, editing');
      await page.getByTestId('profile-cancel').click();
      await page.getByTestId('contact-change-email').click();
      await page.getByTestId('contact-input-email').waitFor();
      await check('contact change');
      await page.getByTestId('contact-cancel').click();
      await page.getByTestId('profile-access-link').click();
      await page.getByTestId('access-entry').first().waitFor();
      await check('sign-ins and access');
      await page.getByTestId('access-end-others').click();
      await page.getByTestId('access-end-others-confirm').waitFor();
      await check('sign out everywhere else, confirmation');
      await page.getByTestId('access-end-others-confirm-no').click();
      await page.getByTestId('access-end-others-confirm').waitFor({ state: 'detached' });
      await nav(page, 'consents');
      await page.getByTestId('consent-list').waitFor();
      await check('consents');
      // The optional telehealth consent, agreed then withdrawn again (others' suites count the required ones).
      const tele = page.getByTestId('consent-status-telehealth');
      if ((await tele.getAttribute('data-status')) !== 'accepted') await page.getByTestId('consent-accept-telehealth').click();
      await page.getByTestId('consent-revoke-telehealth').click();
      await page.getByTestId('consent-confirm').waitFor();
      await check('consents, withdraw confirmation');
      await page.getByTestId('consent-confirm-yes').click();
      await page.locator('[data-testid="consent-status-telehealth"][data-status="revoked"]').waitFor();
      await nav(page, 'preferences');
      await page.getByTestId('pref-grid').waitFor();
      await check('contact and alerts');
      // The bell's screen with an unread item (the care team writes first), and your activity: no
      // violation at all, not only no serious one.
      const clean = async (screen) => {
        await check(screen);
        assert.deepEqual(axeResults.at(-1).violations, [], `${screen} (${label}): axe found violations`);
      };
      const written = await gateway('POST', `/staff/patients/${ann.patient_id}/threads`, {
        token, body: { topic: 'other', subject: `Axe bell ${label}`, body: 'Checking the bell.' },
      });
      assert.equal(written.status, 201);
      await page.getByTestId('bell').click();
      await page.locator('[data-testid="notification"][data-unread="yes"]').first().waitFor();
      await clean('notifications');
      await nav(page, 'activity');
      await page.getByTestId('activity-entry').first().waitFor();
      await clean('your activity');
      await page.goto(`${ORIGIN}/no-such-page`);
      await page.getByTestId('not-found').waitFor();
      await check('page not found');
      await page.goto(`${ORIGIN}/messages/th_00000000000000000000000000`);
      await page.getByTestId('thread-missing').waitFor();
      await check('conversation not found');
      await page.getByTestId('sign-out').click();
      await page.getByTestId('signin-notice').waitFor();
      await check('signed out');
      assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: /^\/portal\/threads\/th_0+$/, status: 404 }]);
    } finally {
      await context.close();
    }
  });

  test(`console screens pass axe at the ${label} viewport (${viewport.width}×${viewport.height})`, { timeout: 240_000 }, async () => {
    const context = await open();
    const page = await context.newPage();
    const watched = watch(page);
    const check = (screen) => axe(page, `console: ${screen}`, label);
    try {
      // A thread to look at, and a colleague on the team list (a staff record starts at first sign-in).
      await staffToken(FRONT_DESK);
      const token = await staffToken();
      const ann = await findPatient(token, ANN);
      const started = await gateway('POST', `/staff/patients/${ann.patient_id}/threads`, {
        token, body: { topic: 'other', subject: `Axe console ${label}`, body: 'A message from the care team.' },
      });
      assert.equal(started.status, 201);
      await gateway('POST', `/staff/patients/${ann.patient_id}/threads/${started.body.thread.thread_id}/messages`, {
        token, body: { body: 'A note for colleagues.', internal: true },
      });

      // The sign-in host in AWS (one callback for every practice), as a settings document naming this
      // host as the sign-in host would make it: its signed-out page, and a sign-in link it refuses.
      const signInHost = (route) => route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ auth: {
          mode: 'cognito', domain: 'https://auth.portico.example', clientId: 'axe',
          redirectUri: `https://${new URL(ORIGIN).host}/console/callback`, logoutUri: `https://${new URL(ORIGIN).host}/console/signed-out`,
        } }),
      });
      await page.route('**/console/settings.json', signInHost);
      await page.goto(`${ORIGIN}/console/signed-out`);
      await page.getByTestId('signin-host-signed-out').waitFor();
      await check('sign-in host, signed out');
      await page.goto(`${ORIGIN}/console/callback?code=c1&state=r.evil.example`);
      await page.getByTestId('signin-host-invalid').waitFor();
      await check('sign-in host, a sign-in link that is not valid');
      await page.unroute('**/console/settings.json', signInHost);

      await page.goto(`${ORIGIN}/console/`);
      await page.getByTestId('staff-email').waitFor();
      await check('sign-in');
      await consoleSignIn(page);
      await page.getByTestId('inbox').waitFor();
      await check('inbox');
      await page.locator(`[data-thread-id="${started.body.thread.thread_id}"]`).getByTestId('inbox-open').click();
      await page.getByTestId('message-list').waitFor();
      await check('conversation');
      // A file on its way with a note (the note says its files stay with the care team).
      await page.getByTestId('staff-reply-internal').check();
      await page.getByTestId('staff-reply-files').setInputFiles({ name: `axe-${label}.pdf`, mimeType: 'application/pdf', buffer: tinyPdf(`axe ${label}`) });
      await page.locator('[data-testid="attachment-item"][data-state="ready"]').waitFor({ timeout: 30_000 });
      await page.getByTestId('staff-note-files').waitFor();
      await check('conversation, a file attached to a note');
      await page.getByTestId('attachment-remove').click();
      await page.getByTestId('staff-reply-internal').uncheck();
      await page.getByTestId('message-delete').first().click();
      await page.getByTestId('delete-confirm').waitFor();
      await check('conversation, removal confirmation');
      await page.getByTestId('delete-confirm-no').click();
      await page.getByTestId('nav-patients').click();
      await page.getByTestId('patient-search').fill('Lee');
      await page.getByTestId('patient-search').press('Enter');
      await page.getByTestId('patient-results').waitFor();
      await check('patient search');
      // Ann's address shown blocked to the chart's read (never blocked for real: the other suites mail her).
      await showEmailBlocked(page, ann.patient_id);
      await page.getByTestId('patient-result').first().click();
      await page.getByTestId('chart-demographics').waitFor();
      await page.getByTestId('chart-reach-email').waitFor();
      await page.getByTestId('chart-consents').waitFor();
      await page.getByTestId('unblock-form').waitFor();
      await check('patient chart, with a consent to record and an email block to lift');
      // Asked without an answer: each question says so. Then the confirmations (both cancelled).
      await page.getByTestId('sms-consent-record').click();
      await page.getByTestId('sms-consent-decision').locator('.field-error').waitFor();
      await check('patient chart, a consent to record left unanswered');
      await page.getByTestId('sms-consent-decision-accept').check();
      await page.getByTestId('sms-consent-method-verbal').check();
      await page.getByTestId('sms-consent-record').click();
      await page.getByTestId('sms-consent-confirm').waitFor();
      await check('patient chart, recording a consent to texts, confirmation');
      await page.getByTestId('sms-consent-confirm-no').click();
      await page.getByTestId('sms-consent-confirm').waitFor({ state: 'detached' });
      await page.getByTestId('unblock-reason-provider_error').check();
      await page.getByTestId('unblock-open').click();
      await page.getByTestId('unblock-confirm').waitFor();
      await check('patient chart, lifting an email block, confirmation');
      await page.getByTestId('unblock-confirm-no').click();
      await page.getByTestId('unblock-confirm').waitFor({ state: 'detached' });
      // Correcting Ann's details: the form, a refused field (nothing is saved), the confirmation before
      // a new email, and someone else's save first (answered as the server does: Ann stays as she is).
      await page.getByTestId('patient-edit-open').click();
      await page.getByTestId('patient-edit-form').waitFor();
      await check('patient chart, editing details');
      await page.getByTestId('patient-edit-given_name').fill('');
      await page.getByTestId('patient-edit-save').click();
      await page.locator('[data-testid="patient-edit-given_name"][aria-invalid="true"]').waitFor();
      await check('patient chart, editing details, a refused field');
      await page.getByTestId('patient-edit-given_name').fill(ANN.given);
      await page.getByTestId('patient-edit-email').fill(`ann.${label}@example.com`);
      await page.getByTestId('patient-edit-save').click();
      await page.getByTestId('patient-edit-confirm').waitFor();
      await check('patient chart, a new email address, confirmation');
      const record = `**/staff/patients/${ann.patient_id}`;
      const savedFirst = (route) => (route.request().method() === 'PATCH' ? route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'https://portico.health/problems/conflict', title: 'This changed since you last looked', status: 409, detail: "The patient's record changed since you opened it; reload and try again." }),
      }) : route.continue());
      await page.route(record, savedFirst);
      await page.getByTestId('patient-edit-confirm-yes').click();
      await page.getByTestId('patient-edit-stale').waitFor();
      await check('patient chart, editing details, saved by someone else first');
      await page.unroute(record, savedFirst);
      await page.getByTestId('patient-edit-cancel').click();
      await page.getByTestId('patient-edit-open').waitFor();
      await page.getByTestId('nav-patients').click();
      await page.getByTestId('enrol-open').click();
      await page.getByTestId('enrol-submit').click();
      await page.getByTestId('enrol-error').waitFor();
      await check('enrol, with errors');
      await page.getByTestId('nav-tasks').click();
      await page.locator('[data-testid="tasks-unavailable"], [data-testid="task-list"], [data-testid="tasks-none"]').first().waitFor();
      await check('tasks');
      await page.getByTestId('nav-templates').click();
      await page.getByTestId('template-message_waiting-es').getByTestId('template-edit').click();
      await page.getByTestId('template-sms-input').waitFor();
      await check('templates, editing the Spanish wording');
      await page.getByTestId('language-switcher').selectOption('es');
      await page.locator('h1', { hasText: 'Plantillas de avisos' }).waitFor();
      await check('templates in Spanish');
      await page.getByTestId('language-switcher').selectOption('en');
      await page.locator('h1', { hasText: 'Notification templates' }).waitFor();

      // The team, the confirmation to disable a colleague, and a refusal in it (the server is made to
      // refuse: nobody is disabled here).
      await page.getByTestId('nav-team').click();
      await page.getByTestId('team').waitFor();
      await check('team');
      await page.getByTestId('team-row').filter({ hasText: FRONT_DESK }).getByTestId('team-disable').click();
      await page.getByTestId('team-disable-confirm').waitFor();
      await check('team, disable confirmation');
      await page.route('**/staff/team/*/disable', (route) => route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'https://portico.health/problems/conflict', title: 'Conflict', status: 409, detail: 'You cannot disable your own account; ask another administrator.' }),
      }));
      await page.getByTestId('team-disable-confirm-yes').click();
      await page.getByTestId('team-disable-error').waitFor();
      await check('team, disable refused');
      await page.getByTestId('team-disable-confirm-no').click();
      await page.getByTestId('team-disable-confirm').waitFor({ state: 'detached' });
      await page.unroute('**/staff/team/*/disable');
      // Turning a colleague back on: the front desk is disabled for real and turned back on at once
      // (the confirmation, and the row after it), so nobody stays disabled.
      const desk = page.getByTestId('team-row').filter({ hasText: FRONT_DESK });
      await desk.getByTestId('team-disable').click();
      await page.getByTestId('team-disable-confirm-yes').click();
      await desk.getByTestId('team-enable').click();
      await page.getByTestId('team-enable-confirm').waitFor();
      await check('team, turn-back-on confirmation');
      await page.getByTestId('team-enable-confirm-yes').click();
      await page.getByTestId('team-enable-confirm').waitFor({ state: 'detached' });
      await desk.getByTestId('team-disable').waitFor();
      await check('team, a colleague turned back on');

      // Inviting (a refused one: nothing filled in), and changing roles: the editor, and the confirmation
      // when a role is taken away (cancelled: nobody's roles change here).
      await page.getByTestId('invite-open').click();
      await page.getByTestId('invite-form').waitFor();
      await check('team, invitation form');
      await page.getByTestId('invite-send').click();
      await page.getByTestId('invite-error').waitFor();
      await page.locator('[data-testid="invite-email"][aria-invalid="true"]').waitFor();
      await check('team, invitation refused');
      await page.getByTestId('invite-cancel').click();
      await desk.getByTestId('team-roles-edit').click();
      await desk.getByTestId('roles-editor').waitFor();
      await check('team, changing roles');
      await desk.getByTestId('roles-front-desk').uncheck();
      await desk.getByTestId('roles-clinician').check();
      await desk.getByTestId('roles-save').click();
      await page.getByTestId('roles-confirm').waitFor();
      await check('team, taking a role away, confirmation');
      await page.getByTestId('roles-confirm-no').click();
      await page.getByTestId('roles-confirm').waitFor({ state: 'detached' });
      await desk.getByTestId('roles-cancel').click();
      await desk.getByTestId('team-roles-edit').waitFor();

      // The practice's settings (admins): the form, a refused value by its field (nothing is saved), and
      // the confirmation before publishing a required document (cancelled: nothing is published).
      await page.getByTestId('nav-practice').click();
      await page.getByTestId('practice-form').waitFor();
      await page.getByTestId('practice-care-member').first().waitFor();
      await page.locator('[data-testid="practice-change"], [data-testid="practice-history-none"]').first().waitFor();
      await check('practice settings');
      await page.getByTestId('practice-message_retention_days').fill('1');
      await page.getByTestId('practice-save').click();
      await page.locator('[data-testid="practice-message_retention_days"][aria-invalid="true"]').waitFor();
      await check('practice settings, a refused field');
      await page.getByTestId('publish-kind').selectOption('terms_of_use');
      await page.getByTestId('publish-open').click();
      await page.getByTestId('publish-confirm').waitFor();
      await check('practice settings, publishing a required document, confirmation');
      await page.getByTestId('publish-confirm-no').click();
      await page.getByTestId('publish-confirm').waitFor({ state: 'detached' });

      // The audit trail (admins): the last day's table, and a file refused for its range next to "From".
      await page.getByTestId('nav-audit').click();
      await page.getByTestId('audit-row').first().waitFor();
      await check('audit trail');
      await page.getByTestId('audit-filter-from').fill('2020-01-01T00:00');
      await page.getByTestId('audit-search').click();
      await page.locator('[data-testid="audit-row"], [data-testid="audit-empty"]').first().waitFor();
      await page.getByTestId('audit-download').click();
      await page.getByTestId('audit-export-error').waitFor();
      await page.locator('[data-testid="audit-filter-from"][aria-invalid="true"]').waitFor();
      await page.getByTestId('audit-file-offer').waitFor();
      await check('audit trail, a file refused, a file for a large range offered');
      // A range the direct export refuses for its size (answered as the server does: the local trail
      // holds far fewer than 10,000 events), prepared as a file by the real route.
      await page.getByTestId('audit-clear').click();
      await page.getByTestId('audit-row').first().waitFor();
      const tooMany = (route) => route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'https://portico.health/problems/invalid-request', title: 'Your request could not be read', status: 400, detail: 'The request has invalid fields.', errors: [{ field: 'from', detail: 'the range holds more than 10000 events: ask for it as a file (POST /staff/audit/exports), or export a shorter one' }] }),
      });
      await page.route((url) => url.pathname === '/staff/audit/export', tooMany, { times: 1 });
      await page.getByTestId('audit-download').click();
      await page.getByTestId('audit-file-prepare').click();
      await page.getByTestId('audit-file-link').waitFor();
      await check('audit trail, a file ready to download');
      assertCleanConsole(watched, [
        ...PENDING_ROUTES, { path: '/staff/patients', status: 400 }, { path: /^\/staff\/team\/[^/]+\/disable$/, status: 409 },
        { path: /^\/staff\/patients\/[^/]+$/, status: 400 }, { path: /^\/staff\/patients\/[^/]+$/, status: 409 },
        { path: '/staff/audit/exports', status: 400 },
        { path: '/staff/audit/export', status: 400 }, { path: '/staff/team', status: 400 }, { path: '/staff/practice', status: 400 },
      ]);
    } finally {
      await context.close();
      await putStaffBack(FRONT_DESK);
    }
  });
}
