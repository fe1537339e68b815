// The staff console in a real browser: the local stand-in sign-in, answering the inbox by keyboard,
// internal notes, soft delete, assignment and filters, patient search and chart, enrol, invite,
// disable and turn back on, templates in English and Spanish, tasks; colleagues by name; the team,
// disabling a member and turning them back on, inviting one and changing their roles; the idle limit;
// the audit trail, and a range too large for it prepared as a file; the practice's settings, their
// history and a consent version published; a text consent recorded and an email block lifted on a
// chart; a patient's details corrected; and what the front desk does not see.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, ANN, API_PATH, BILLING, FRONT_DESK, ORIGIN, PENDING_ROUTES, SHOTS, apiSettled, assertCleanConsole, axe, blockEmail, close,
  enrolPatient, practiceUpdate, putPracticeBack,
  consoleSignIn, exactly, findPatient, gateway, launch, newDesktop, outboxIds, patientToken, putStaffBack, runId, sleep, staffSession,
  saveAxe, staffToken, tabTo, tinyPdf, typeInto, waitAttr, waitForFocus, waitForHeadingFocus, waitForMessage, waitText, watch,
} from './lib.mjs';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The console's words for a notice's status (what NotificationView.status documents). */
const NOTICE_WORDS = {
  queued: 'Queued', sent: 'Sent', delivered: 'Delivered', undelivered: 'Not delivered', failed: 'Failed',
  skipped: 'Not sent', refused: 'Refused by the provider',
};

before(async () => {
  const res = await gateway('GET', '/console/');
  assert.equal(res.status, 200, 'GET /console/ serves the built console (make web)');
  await launch();
});
after(async () => {
  await saveAxe('console');
  await close();
});

test('an admin answers the inbox by keyboard, adds an internal note, removes a message, assigns and closes', { timeout: 240_000 }, async () => {
  const run = runId();
  const subject = `Prescription refill ${run}`;
  const { token: annToken } = await patientToken(ANN);
  const started = await gateway('POST', '/portal/threads', { token: annToken, body: { topic: 'clinical', subject, body: `Could you refill my inhaler? (${run})` } });
  assert.equal(started.status, 201);
  const threadId = started.body.thread.thread_id;
  const wrong = await gateway('POST', `/portal/threads/${threadId}/messages`, { token: annToken, body: { body: `Oops, wrong chat (${run})` } });
  assert.equal(wrong.status, 201);

  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  const requested = [];
  page.on('request', (req) => requested.push(`${req.method()} ${new URL(req.url()).pathname}`));
  try {
    // --- Sign in by keyboard: the stand-in says what it is.
    await page.goto(`${ORIGIN}/console/`);
    await page.getByTestId('staff-email').waitFor();
    await waitText(page.getByTestId('local-signin-note'), /Local development only/);
    await waitText(page.getByTestId('local-tag'), /Local stand-in/);
    // Tabbing starts where the page puts the focus on arrival: its heading.
    await waitForHeadingFocus(page);
    await tabTo(page, 'staff-email');
    await typeInto(page, 'staff-email', ADMIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('inbox').waitFor();
    await waitText(page.getByTestId('staff-role'), /Admin/);

    // --- The inbox row: patient name, subject, unread. Unread-only keeps it.
    const row = page.locator(`[data-testid="inbox-row"][data-thread-id="${threadId}"]`);
    await waitText(row.getByTestId('inbox-patient'), /^Ann Lee/);
    await waitText(row.getByTestId('inbox-unread'), /^2 unread$/);
    // Who wrote last, when, and how it began.
    await waitText(row.getByTestId('inbox-preview'), new RegExp(`^Patient, .+: ${escape(`Oops, wrong chat (${run})`)}$`));
    await page.getByTestId('filter-unread').check();
    await row.waitFor();

    // --- Keyboard only: to the thread, to the reply box, type, send.
    await row.getByTestId('inbox-open').focus();
    await page.keyboard.press('Enter');
    await waitText(page.getByTestId('thread-subject'), exactly(subject));
    await waitForFocus(page, 'thread-subject'); // the conversation opens with its heading focused
    await waitText(page.getByTestId('thread-patient'), /^Ann Lee/);
    // The rows and the thread carry the patient's name: no patient was looked up (an audited read each).
    assert.deepEqual(requested.filter((r) => /^GET \/staff\/patients\/[^/]+$/.test(r)), [], 'no lookup per patient');
    await tabTo(page, 'staff-reply-body');
    const reply = `Done: your refill is at the pharmacy (${run}).`;
    await typeInto(page, 'staff-reply-body', reply);
    await tabTo(page, 'staff-reply-send');
    await page.keyboard.press('Enter');
    await waitText(page.getByTestId('app-status'), /reply was sent/i);
    const sent = page.getByTestId('message').filter({ hasText: reply });
    await waitText(sent.getByTestId('message-receipt'), /Not read by the patient yet/);

    // The patient sees it, and the staff member sees the receipt once she reads it.
    const annView = await gateway('GET', `/portal/threads/${threadId}`, { token: annToken });
    assert.ok(annView.body.messages.some((m) => m.body === reply), 'Ann sees the reply');
    assert.equal((await gateway('POST', `/portal/threads/${threadId}/read`, { token: annToken })).status, 200);
    // Coming back to the tab refreshes the conversation (a staff session lives in memory: no reload).
    // A look already under way (the 20-second poll) would be joined: wait for it to end first.
    await apiSettled(page);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    await waitText(page.getByTestId('message').filter({ hasText: reply }).getByTestId('message-receipt'), /Read by the patient/);

    // --- A reply with a file: what the API would refuse is refused before any upload; a PDF is
    //     uploaded through the staff routes, checked, sent, and reaches the patient as the same bytes.
    const uploads = () => requested.filter((r) => /^POST \/staff\/patients\/[^/]+\/attachments$/.test(r)).length;
    await page.getByTestId('staff-reply-files').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    const txt = page.getByTestId('attachment-item').filter({ hasText: 'notes.txt' });
    await waitAttr(txt, 'data-state', 'refused');
    await waitText(txt.getByTestId('attachment-status'), /only PDF, JPEG, PNG and HEIC/);
    assert.equal(uploads(), 0, 'refused before any upload');
    await txt.getByTestId('attachment-remove').click();
    const planName = `care-plan-${run}.pdf`;
    const plan = tinyPdf(`plan ${run}`);
    await page.getByTestId('staff-reply-files').setInputFiles({ name: planName, mimeType: 'application/pdf', buffer: plan });
    await waitAttr(page.getByTestId('attachment-item').filter({ hasText: planName }), 'data-state', 'ready', 30_000);
    const withFile = `Your care plan is attached (${run}).`;
    await page.getByTestId('staff-reply-body').fill(withFile);
    await page.getByTestId('staff-reply-send').click();
    const sentWithFile = page.getByTestId('message').filter({ hasText: withFile });
    await waitText(sentWithFile.getByTestId('attachment-download'), new RegExp(escape(planName)));
    assert.equal(await page.getByTestId('attachment-item').count(), 0, 'the files went with the reply');
    const annSees = (await gateway('GET', `/portal/threads/${threadId}`, { token: annToken })).body.messages.find((m) => m.body === withFile);
    assert.equal(annSees?.attachments?.[0]?.file_name, planName, 'the patient sees the file');
    const annLink = await gateway('GET', `/portal/attachments/${annSees.attachments[0].attachment_id}`, { token: annToken });
    assert.equal(annLink.status, 200);
    assert.deepEqual((await gateway('GET', annLink.body.url)).raw, plan, 'the patient receives the same bytes');

    // --- An internal note, with a file: marked as such here; the patient never sees it or its file.
    const note = `Called the pharmacy, confirmed (${run}).`;
    const noteFile = `pharmacy-${run}.pdf`;
    await page.getByTestId('staff-reply-internal').check();
    await waitText(page.getByTestId('staff-note-files'), /the patient never sees them/);
    await page.getByTestId('staff-reply-body').fill(note);
    await page.getByTestId('staff-reply-files').setInputFiles({ name: noteFile, mimeType: 'application/pdf', buffer: tinyPdf(`note ${run}`) });
    await waitAttr(page.getByTestId('attachment-item').filter({ hasText: noteFile }), 'data-state', 'ready', 30_000);
    await page.getByTestId('staff-reply-send').click();
    const savedNote = page.getByTestId('message').filter({ hasText: note });
    await waitAttr(savedNote, 'data-internal', 'yes');
    await waitText(savedNote.getByTestId('attachment-download'), new RegExp(escape(noteFile)));
    const afterNote = await gateway('GET', `/portal/threads/${threadId}`, { token: annToken });
    assert.ok(!afterNote.text.includes(note), 'the patient never sees an internal note');
    assert.ok(!afterNote.text.includes(noteFile), 'nor the file of a note');
    const staffSide = await staffToken();
    const ann = await findPatient(staffSide, ANN);
    const staffView = await gateway('GET', `/staff/patients/${ann.patient_id}/threads/${threadId}`, { token: staffSide });
    const noteAttachment = staffView.body.messages.find((m) => m.body === note)?.attachments?.[0]?.attachment_id;
    assert.ok(noteAttachment, 'the note keeps its file for the care team');
    const fetchedByAnn = await gateway('GET', `/portal/attachments/${noteAttachment}`, { token: annToken });
    assert.equal(fetchedByAnn.status, 404, `the patient cannot fetch a note's file (answered ${fetchedByAnn.status})`);

    // --- Remove Ann's mistaken message from her view (after a confirmation); staff keep the text.
    const oops = page.getByTestId('message').filter({ hasText: `Oops, wrong chat (${run})` });
    await oops.getByTestId('message-delete').click();
    await page.getByTestId('delete-confirm-yes').click();
    await waitAttr(oops, 'data-deleted', 'yes');
    await waitText(oops.getByTestId('message-deleted'), /Removed from the patient's view by You/);
    const annAfter = await gateway('GET', `/portal/threads/${threadId}`, { token: annToken });
    assert.ok(annAfter.body.messages.some((m) => m.deleted && !m.body), 'the patient sees only that a message was removed');

    // --- Assign to me: the "Me" filter shows it. Close: the closed filter shows it.
    await page.getByTestId('thread-assign-me').click();
    await waitText(page.getByTestId('thread-assignee'), /Assigned to: You/);
    await page.getByTestId('thread-close').click();
    await waitText(page.getByTestId('thread-status'), /Closed/);
    await page.getByTestId('thread-back').click();
    await page.getByTestId('filter-status').selectOption('closed');
    await page.getByTestId('filter-assignee').selectOption('me');
    const closedRow = page.locator(`[data-testid="inbox-row"][data-thread-id="${threadId}"]`);
    await waitText(closedRow.getByTestId('inbox-assignee'), /^You$/);
    // The newest shared message is the reply with the care plan: the note after it is never a preview.
    await waitText(closedRow.getByTestId('inbox-preview'), new RegExp(`^Care team, .+: ${escape(withFile)}$`));
    await page.screenshot({ path: path.join(SHOTS, 'console-inbox.png'), fullPage: true });
    assertCleanConsole(watched, PENDING_ROUTES, []);
  } finally {
    await context.close();
  }
});

test('staff find a patient, read the chart, enrol a new patient, invite and disable them; templates and tasks', { timeout: 240_000 }, async () => {
  const run = runId().replace(/\d/g, 'x');
  const family = `Testperson${run}`;
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  const requested = [];
  page.on('request', (req) => requested.push(`${req.method()} ${new URL(req.url()).pathname}`));
  try {
    // A message from the care team, so Ann has a notice of this run on her chart (sent, or skipped with
    // a reason: the send gate decides). Urgent, so the gate decides now at any hour: a routine notice
    // waits out Ann's quiet hours (21:00-08:00 in New York) and leaves nothing on the chart until then.
    const token = await staffToken();
    const ann = await findPatient(token, ANN);
    const wrote = await gateway('POST', `/staff/patients/${ann.patient_id}/threads`, {
      token, body: { topic: 'other', subject: `Chart notices ${run}`, body: 'A note to check the chart.', urgent: true },
    });
    assert.equal(wrote.status, 201, `starting a thread answered ${wrote.status}`);
    for (let i = 0; i < 100; i += 1) {
      const contact = (await gateway('GET', `/staff/patients/${ann.patient_id}/contact`, { token })).body;
      if (contact.recent_notifications.some((n) => Date.parse(n.at) >= Date.parse(wrote.body.thread.last_activity_at))) break;
      await sleep(100);
    }

    await consoleSignIn(page, ADMIN);
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('patient-search').fill('Lee');
    await page.getByTestId('patient-search').press('Enter');
    await page.getByTestId('patient-result').filter({ hasText: 'Ann Lee' }).click();
    await waitText(page.getByTestId('chart-name'), /^Ann Lee/);
    await waitText(page.getByTestId('chart-email'), exactly(ANN.email));

    // --- The chart's communication facts are the API's (need 10): each channel's reach, and why not;
    //     the latest notices, newest first, with their status and reason.
    const answered = (await gateway('GET', `/staff/patients/${ann.patient_id}/contact`, { token })).body;
    for (const channel of ['email', 'sms']) {
      await waitAttr(page.getByTestId(`chart-reach-${channel}`), 'data-reachable', answered.notices[channel].reachable ? 'yes' : 'no');
      if (!answered.notices[channel].reachable) {
        assert.equal(await page.getByTestId(`chart-reach-${channel}`).getAttribute('data-blocked-by'), answered.notices[channel].blocked_by);
        await waitText(page.getByTestId(`chart-reach-${channel}`).getByTestId('chart-reach-why'), /\S/);
      }
    }
    assert.ok(answered.recent_notifications.length > 0, 'the message left a notice');
    const rows = page.getByTestId('chart-notice');
    await waitAttr(rows.first(), 'data-status', answered.recent_notifications[0].status);
    assert.equal(await rows.count(), answered.recent_notifications.length, 'every notice the API gives');
    for (const [i, n] of answered.recent_notifications.entries()) {
      const row = rows.nth(i);
      assert.equal(await row.getAttribute('data-status'), n.status);
      await waitText(row.getByTestId('chart-notice-status'), NOTICE_WORDS[n.status] ? exactly(NOTICE_WORDS[n.status]) : exactly(n.status));
      await waitText(row.getByTestId('chart-notice-channel'), exactly({ email: 'Email', sms: 'Text' }[n.channel] ?? 'No channel'));
      if (n.reason) await waitText(row.getByTestId('chart-notice-reason'), exactly(`Why: ${n.reason}`));
      else assert.equal(await row.getByTestId('chart-notice-reason').count(), 0);
    }
    await waitText(page.getByTestId('chart-consent-terms_of_use'), /^Portal terms of use/);

    // --- Enrol, invite by email (the link arrives), disable.
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('enrol-open').click();
    await page.getByTestId('enrol-given_name').fill('Cara');
    await page.getByTestId('enrol-family_name').fill(family);
    await page.getByTestId('enrol-date_of_birth').fill('1990-05-17');
    const email = `cara.${run}@example.com`;
    await page.getByTestId('enrol-email').fill(email);
    await page.getByTestId('enrol-language').selectOption('es');
    await page.getByTestId('enrol-submit').click();
    await waitText(page.getByTestId('chart-name'), new RegExp(`^Cara ${family}`));
    await waitText(page.getByTestId('app-status'), /is enrolled/);
    // No mobile number: the chart says plainly that texts cannot reach her, and why.
    const cara = page.getByTestId('chart-reach-sms');
    await waitAttr(cara, 'data-reachable', 'no');
    await waitText(cara.getByTestId('chart-reach-state'), /^Cannot be notified$/);
    await waitText(cara.getByTestId('chart-reach-why'), /^No mobile number on file\.$/);
    await page.getByTestId('chart-notices-none').waitFor();
    const seen = await outboxIds();
    await page.getByTestId('invite-channel').selectOption('email');
    await page.getByTestId('invite-send').click();
    await waitText(page.getByTestId('app-status'), /Invitation sent to/);
    await waitForMessage({ to: email, channel: 'email', seen, match: (m) => /invite\//.test(String(m.body)) });
    await waitText(page.getByTestId('chart-invitation'), /Sent, not used yet/);
    await page.getByTestId('disable-open').click();
    await page.getByTestId('disable-confirm-yes').click();
    await waitText(page.getByTestId('chart-status'), /Disabled/);
    // Turned back on (admins), after asking: she can sign in again.
    await page.getByTestId('enable-open').click();
    await waitText(page.getByTestId('enable-confirm'), /They can sign in again\./);
    await page.getByTestId('enable-confirm-yes').click();
    await page.getByTestId('enable-confirm').waitFor({ state: 'detached' });
    await waitText(page.getByTestId('chart-status'), /Active/);
    await waitText(page.getByTestId('app-status'), new RegExp(`^The portal account of Cara ${family} is active again: they can sign in\\.`));
    await page.getByTestId('disable-open').waitFor();

    // --- Templates: an admin rewords one in English and in Spanish (need 14), each language on its own,
    //     and puts them back.
    await page.getByTestId('nav-templates').click();
    await page.getByTestId('template-help_reply-es').waitFor();
    assert.equal(await page.getByText(/Spanish wording .* not available/).count(), 0, 'no "not available yet"');
    const adminToken = await staffToken();
    for (const [language, other, wording] of [
      ['en', 'es', `{practice_name}: call {practice_phone} (${run}).`],
      ['es', 'en', `{practice_name}: llame al {practice_phone} (${run}).`],
    ]) {
      const card = page.getByTestId(`template-help_reply-${language}`);
      const text = card.getByTestId('template-sms-text');
      const original = await text.textContent();
      const untouched = page.getByTestId(`template-help_reply-${other}`).getByTestId('template-sms-text');
      const otherBefore = await untouched.textContent();
      assert.equal(await text.getAttribute('lang'), language, 'each wording says its language');
      for (const [words, check] of [[wording, true], [original, false]]) {
        await card.getByTestId('template-edit').click();
        await waitForFocus(page, 'template-sms-input');
        await card.getByTestId('template-sms-input').fill(words);
        const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/staff/templates/help_reply');
        await card.getByTestId('template-save').click();
        const answer = await saved;
        assert.equal(answer.status(), 200);
        assert.equal(new URL(answer.url()).searchParams.get('language'), language, 'saved for its own language');
        await waitText(text, exactly(words));
        await waitForFocus(page, 'template-edit'); // back on its Edit button
        if (check) {
          await waitText(page.getByTestId('app-status'), new RegExp(`The ${language === 'es' ? 'Spanish' : 'English'} wording was saved`));
          assert.equal(await untouched.textContent(), otherBefore, `the ${other} wording is untouched`);
          const listed = (await gateway('GET', '/staff/templates', { token: adminToken })).body;
          assert.equal(listed.find((t) => t.kind === 'help_reply' && t.language === language)?.sms, words, 'the API holds the new wording');
          assert.equal(listed.find((t) => t.kind === 'help_reply' && t.language === other)?.sms, otherBefore, 'and the other language as it was');
        }
      }
    }

    // --- Tasks: the routes are in the API document; a gateway built before them answers 404 and the
    //     console says "not available yet". Where they exist, a task names its patient (from the task:
    //     no lookup) and can be taken on and done. Ann writes, so there is one about her.
    const { token: annToken } = await patientToken(ANN);
    const asked = await gateway('POST', '/portal/threads', { token: annToken, body: { topic: 'other', subject: `A question ${run}`, body: 'A quick question.' } });
    assert.equal(asked.status, 201);
    // The task is raised by a worker: wait for it, where the gateway has tasks at all.
    for (let i = 0; i < 100; i += 1) {
      const open = await gateway('GET', '/staff/tasks?status=open&mine=false', { token });
      if (open.status !== 200 || open.body.tasks.some((t) => t.subject === asked.body.thread.thread_id)) break;
      await sleep(100);
    }
    const fromTasks = requested.length;
    await page.getByTestId('nav-tasks').click();
    await page.locator('[data-testid="tasks-unavailable"], [data-testid="task-list"], [data-testid="tasks-none"]').first().waitFor();
    if (await page.getByTestId('task-list').count()) {
      const about = page.getByTestId('task-row').filter({ has: page.locator(`[data-testid="task-open"][href$="/${asked.body.thread.thread_id}"]`) });
      await waitText(about.getByTestId('task-patient'), /^Ann Lee/);
      assert.deepEqual(requested.slice(fromTasks).filter((r) => /^GET \/staff\/patients\/[^/]+$/.test(r)), [], 'no lookup per patient');
      const first = page.getByTestId('task-row').first();
      const id = await first.getAttribute('data-task-id');
      await first.getByTestId('task-claim').click();
      await waitText(page.getByTestId('app-status'), /The task is yours/);
      await page.getByTestId('task-filter-status').selectOption('claimed');
      await page.locator(`[data-testid="task-row"][data-task-id="${id}"]`).getByTestId('task-complete').click();
      await waitText(page.getByTestId('app-status'), /The task is done/);
    } else if (await page.getByTestId('tasks-unavailable').count()) {
      await waitText(page.getByTestId('tasks-unavailable'), /Not available yet/);
    }
    assertCleanConsole(watched, PENDING_ROUTES, []);
  } finally {
    await context.close();
  }
});

test('the front desk sees no removal, template editing or disabling; the API refuses them anyway', { timeout: 120_000 }, async () => {
  const { token: annToken } = await patientToken(ANN);
  const started = await gateway('POST', '/portal/threads', { token: annToken, body: { topic: 'scheduling', subject: `Move my visit ${runId()}`, body: 'Can we move it?' } });
  const threadId = started.body.thread.thread_id;
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await consoleSignIn(page, FRONT_DESK);
    await waitText(page.getByTestId('staff-role'), /Front desk/);
    await page.locator(`[data-testid="inbox-row"][data-thread-id="${threadId}"]`).getByTestId('inbox-open').click();
    await page.getByTestId('message-list').waitFor();
    assert.equal(await page.getByTestId('message-delete').count(), 0, 'no removal for the front desk');
    await page.getByTestId('nav-templates').click();
    await page.getByTestId('template-message_waiting').waitFor();
    assert.equal(await page.getByTestId('template-edit').count(), 0, 'no template editing for the front desk');
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('patient-search').fill('Lee');
    await page.getByTestId('patient-search').press('Enter');
    await page.getByTestId('patient-result').first().click();
    await page.getByTestId('invite-send').waitFor();
    assert.equal(await page.getByTestId('disable-open').count(), 0, 'no disabling for the front desk');

    const desk = await staffToken(FRONT_DESK);
    const ann = await findPatient(desk, ANN);
    const messages = (await gateway('GET', `/staff/patients/${ann.patient_id}/threads/${threadId}`, { token: desk })).body.messages;
    const refused = await gateway('DELETE', `/staff/patients/${ann.patient_id}/threads/${threadId}/messages/${messages[0].message_id}`, { token: desk });
    assert.equal(refused.status, 403, 'the API refuses a removal by the front desk');
    assertCleanConsole(watched, PENDING_ROUTES, []);
  } finally {
    await context.close();
  }
});

test('the console names colleagues: an assignee and an author are shown by their names from the team list', { timeout: 120_000 }, async () => {
  const run = runId();
  const desk = await staffSession(FRONT_DESK);
  const ann = await findPatient(desk.access_token, ANN);
  const started = await gateway('POST', `/staff/patients/${ann.patient_id}/threads`, {
    token: desk.access_token, body: { topic: 'scheduling', subject: `Visit moved ${run}`, body: `Your visit is now on Friday (${run}).` },
  });
  assert.equal(started.status, 201, `starting a thread answered ${started.status}`);
  const threadId = started.body.thread.thread_id;
  const assigned = await gateway('PATCH', `/staff/patients/${ann.patient_id}/threads/${threadId}`, { token: desk.access_token, body: { assignee: desk.staff_id } });
  assert.equal(assigned.status, 200, `assigning answered ${assigned.status}`);
  const deskName = (await gateway('GET', '/staff/me', { token: desk.access_token })).body.display_name;

  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await consoleSignIn(page, ADMIN);
    await waitText(page.getByTestId('staff-name'), /\S/);
    const row = page.locator(`[data-testid="inbox-row"][data-thread-id="${threadId}"]`);
    await waitText(row.getByTestId('inbox-assignee'), exactly(deskName));
    await row.getByTestId('inbox-open').click();
    await waitText(page.getByTestId('thread-assignee'), exactly(`Assigned to: ${deskName}`));
    await waitText(page.getByTestId('message').first().getByTestId('message-author'), exactly(deskName));
    assert.equal(await page.getByText(/Colleague /).count(), 0, 'no colleague is shown by id');
    assertCleanConsole(watched, PENDING_ROUTES, []);
  } finally {
    await context.close();
  }
});

test('an admin disables the billing member on the Team page after a confirmation; that member’s console gets 401 at its next request and is signed out; then turns the account back on', { timeout: 180_000 }, async () => {
  // The billing suites (portal-billing, console-billing) sign in with this member too; run.sh runs the
  // files one at a time, so none of them is signed in while it is off here. It ends as it began, active
  // (and the billing suites put it back on first, with putStaffBack, in case a run stopped midway).
  const billing = await gateway('POST', '/_local/staff/sign-in', { body: { email: BILLING } });
  assert.equal(billing.status, 200, `${BILLING} must be active for this test: ${billing.status}`);

  const theirs = await newDesktop();
  const billingPage = await theirs.newPage();
  const billingWatched = watch(billingPage);
  const ours = await newDesktop();
  const page = await ours.newPage();
  const watched = watch(page);
  try {
    // --- The billing member reads the team too (names, roles), with nothing to disable.
    await consoleSignIn(billingPage, BILLING);
    await waitText(billingPage.getByTestId('staff-role'), /^Billing$/);
    await billingPage.getByTestId('nav-team').click();
    await billingPage.getByTestId('team').waitFor();
    await waitText(billingPage.getByTestId('team-row').filter({ hasText: ADMIN }).getByTestId('team-roles'), /^Admin$/);
    assert.equal(await billingPage.getByTestId('team-disable').count(), 0, 'only admins disable');

    // --- The admin: everyone listed; no Disable on their own row.
    await consoleSignIn(page, ADMIN);
    await waitText(page.getByTestId('staff-role'), /^Admin$/);
    await page.getByTestId('nav-team').click();
    await waitText(page.locator('h1'), /^Team$/);
    const row = page.getByTestId('team-row').filter({ hasText: BILLING });
    await waitAttr(row, 'data-status', 'active');
    await waitText(row.getByTestId('team-roles'), /^Billing$/);
    await waitText(row.getByTestId('team-status'), /^Active$/);
    assert.equal(await page.getByTestId('team-row').filter({ hasText: ADMIN }).getByTestId('team-disable').count(), 0, 'no Disable for oneself');

    // --- Asked first, saying what it does; Escape changes nothing and goes back to the button.
    await row.getByTestId('team-disable').click();
    const dialog = page.getByTestId('team-disable-confirm');
    await waitText(dialog, /signed out everywhere at once, on every device, and cannot sign in/);
    await waitForFocus(page, 'team-disable-confirm-no');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await waitForFocus(page, 'team-disable');
    assert.equal(await row.getAttribute('data-status'), 'active');

    // --- Confirmed: the row and the status line say so.
    await row.getByTestId('team-disable').click();
    const answered = page.waitForResponse((r) => /^\/staff\/team\/[^/]+\/disable$/.test(new URL(r.url()).pathname));
    await page.getByTestId('team-disable-confirm-yes').click();
    assert.equal((await answered).status(), 200);
    await dialog.waitFor({ state: 'detached' });
    await waitAttr(row, 'data-status', 'disabled');
    await waitText(row.getByTestId('team-status'), /^Disabled$/);
    assert.equal(await row.getByTestId('team-disable').count(), 0);
    await waitText(page.getByTestId('app-status'), /^The account of billing is disabled: they were signed out everywhere\./);
    await page.screenshot({ path: path.join(SHOTS, 'console-team.png'), fullPage: true });

    // --- The billing member's very next request is refused, and their console says the session ended.
    const refused = billingPage.waitForResponse((r) => API_PATH.test(new URL(r.url()).pathname));
    await billingPage.getByTestId('nav-patients').click();
    await billingPage.getByTestId('patient-search').fill('Lee');
    await billingPage.getByTestId('patient-search').press('Enter');
    assert.equal((await refused).status(), 401, 'the disabled member’s next request is refused');
    await waitText(billingPage.getByTestId('signin-notice'), /Your session has ended/);
    assert.equal(await billingPage.getByTestId('nav').count(), 0, 'signed out');
    const again = await gateway('POST', '/_local/staff/sign-in', { body: { email: BILLING } });
    assert.equal(again.status, 401, 'a disabled member cannot sign in again');

    // --- Turned back on (need 22): asked first, saying they can sign in again (not a danger); the row
    //     and the status line say so, and the member signs in again with the roles the account had.
    await row.getByTestId('team-enable').click();
    const enableDialog = page.getByTestId('team-enable-confirm');
    await waitText(enableDialog, /billing can sign in again, with the roles the account had/);
    await waitForFocus(page, 'team-enable-confirm-no');
    await page.keyboard.press('Escape');
    await enableDialog.waitFor({ state: 'detached' });
    await waitForFocus(page, 'team-enable');
    assert.equal(await row.getAttribute('data-status'), 'disabled', 'Escape changes nothing');
    await row.getByTestId('team-enable').click();
    const enabled = page.waitForResponse((r) => /^\/staff\/team\/[^/]+\/enable$/.test(new URL(r.url()).pathname));
    await page.getByTestId('team-enable-confirm-yes').click();
    assert.equal((await enabled).status(), 200);
    await enableDialog.waitFor({ state: 'detached' });
    await waitAttr(row, 'data-status', 'active');
    await waitText(row.getByTestId('team-status'), /^Active$/);
    await waitText(page.getByTestId('app-status'), /^The account of billing is active again: they can sign in\./);
    assert.equal(await row.getByTestId('team-disable').count(), 1, 'it can be disabled again');
    await consoleSignIn(billingPage, BILLING);
    await waitText(billingPage.getByTestId('staff-role'), /^Billing$/);

    assertCleanConsole(watched, PENDING_ROUTES, []);
    assertCleanConsole(billingWatched, [...PENDING_ROUTES, { path: '/staff/patients', status: 401 }], []);
  } finally {
    await theirs.close();
    await ours.close();
    await putStaffBack(BILLING);
  }
});

test('a console left alone past the idle limit GET /staff/me gives signs out, and says how long it was', { timeout: 120_000 }, async () => {
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    // The page's clock is the test's: no quarter-hour wait. The limit is the server's (need 24).
    await page.clock.install();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/staff/me');
    await consoleSignIn(page, FRONT_DESK);
    const limit = (await (await answered).json()).idle_timeout_seconds;
    assert.ok(Number.isInteger(limit) && limit > 60, `GET /staff/me gives the session's idle limit: ${limit}`);
    // A page that does not poll, so only the idle check's timer runs (and no request finds the token old).
    await page.getByTestId('nav-team').click();
    await page.getByTestId('team').waitFor();

    // A minute short of the limit: still signed in.
    await page.clock.fastForward((limit - 60) * 1000);
    assert.ok(await page.getByTestId('nav').isVisible(), 'signed in a minute before the limit');
    assert.equal(await page.getByTestId('signin-notice').count(), 0);
    // Past it: signed out, and told after how long.
    await page.clock.fastForward(120_000);
    await waitText(page.getByTestId('signin-notice'), new RegExp(`^You were signed out after ${Math.round(limit / 60)} minutes without activity\\.$`));
    assert.equal(await page.getByTestId('nav').count(), 0, 'signed out');
    assertCleanConsole(watched, PENDING_ROUTES, []);
  } finally {
    await context.close();
  }
});

test('an admin reviews the audit trail: the last day by keyboard, narrowed to a patient and an action (never in the address), more on request, and saved as a file; others are not offered it', { timeout: 180_000 }, async () => {
  const token = await staffToken();
  const ann = await findPatient(token, ANN); // an audited read of Ann's record, by the admin, this minute
  const context = await newDesktop({ acceptDownloads: true });
  const page = await context.newPage();
  const watched = watch(page);
  const exports = [];
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/staff/audit/export') exports.push(req);
  });
  try {
    await consoleSignIn(page, ADMIN);
    await page.getByTestId('nav-audit').click();
    await waitText(page.locator('h1'), /^Audit trail$/);
    await waitForHeadingFocus(page);
    // The last day, newest first: the admin's own read of Ann's record is there.
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor();
    await page.locator(`[data-testid="audit-row"][data-action="patient.read"]`).first().waitFor();
    // Times in the practice's zone, from its settings; a gateway built before that route says whose.
    const settings = await gateway('GET', '/staff/practice', { token });
    await waitText(page.getByTestId('audit-zone'), settings.status === 200
      ? exactly(`Times are in the practice’s time zone (${settings.body.default_time_zone.replace(/_/g, ' ')}).`)
      : /^Times are in this device’s time zone \(America\/Chicago\): the practice’s is not known here\.$/);

    // --- Narrowed by keyboard to Ann and one action: the API call carries them, the address does not.
    await tabTo(page, 'audit-filter-patient-id');
    await typeInto(page, 'audit-filter-patient-id', ann.patient_id);
    await tabTo(page, 'audit-filter-action');
    await typeInto(page, 'audit-filter-action', 'patient.read');
    const searched = page.waitForResponse((r) => new URL(r.url()).pathname === '/staff/audit' && new URL(r.url()).searchParams.get('action') === 'patient.read');
    await page.keyboard.press('Enter');
    const asked = new URL((await searched).url());
    assert.equal(asked.searchParams.get('patient_id'), ann.patient_id, 'the patient id goes in the API call');
    assert.ok(!page.url().includes(ann.patient_id), `the page address holds no patient id: ${page.url()}`);
    await waitAttr(rows.first(), 'data-action', 'patient.read');
    for (const row of await rows.all()) {
      assert.equal(await row.getAttribute('data-action'), 'patient.read');
      await waitText(row.getByTestId('audit-patient'), exactly(ann.patient_id));
    }
    const admin = page.locator('[data-testid="audit-row"]').filter({ has: page.locator('[data-testid="audit-actor-id"]', { hasText: 'staff-riverside-admin' }) }).first();
    await waitText(admin.getByTestId('audit-actor'), /^Staff You/);
    await waitText(admin.getByTestId('audit-outcome'), /^Succeeded$/);

    // --- More on request: pages may be short or empty while the server has more (the day before).
    //     The whole day holds what every suite before this one did (a11y's two passes included), so
    //     the bound is generous: it only stops a page that never ends.
    await page.getByTestId('audit-clear').click();
    await rows.first().waitFor();
    for (let i = 0; i < 40 && (await page.getByTestId('audit-more').count()); i += 1) {
      const shown = await rows.count();
      const more = page.waitForResponse((r) => new URL(r.url()).pathname === '/staff/audit' && new URL(r.url()).searchParams.has('cursor'));
      await page.getByTestId('audit-more').click();
      assert.equal((await more).status(), 200);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="audit-row"]').length >= n
        && !document.querySelector('[data-testid="audit-more"][aria-busy]'), shown);
    }
    await waitText(page.getByTestId('audit-end'), /^That is every event these filters match\.$/);
    await axe(page, 'console: audit trail', 'desktop');

    // --- Saved as a file: fetched by the page with the token in a header, named as the server says.
    await page.getByTestId('audit-filter-patient-id').fill(ann.patient_id);
    await page.getByTestId('audit-search').click();
    await page.locator('[data-testid="audit-row"] [data-testid="audit-patient"]').first().waitFor();
    await page.getByTestId('audit-format').selectOption('csv');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('audit-download').click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /^audit-\d{8}-\d{8}\.csv$/);
    assert.match(download.url(), /^blob:/, 'saved by the page from what it fetched');
    const csv = (await readFile(await download.path())).toString('utf8');
    assert.match(csv.split('\n')[0], /^at,actor_kind,actor_id,action,/);
    assert.ok(csv.includes(ann.patient_id), 'the file holds Ann’s trail');
    const sent = exports.at(-1);
    assert.match((await sent.allHeaders()).authorization ?? '', /^Bearer \S+$/, 'the token goes in a header');
    assert.ok(!/token|bearer/i.test(sent.url()), `no token in the address: ${sent.url()}`);
    assert.equal(new URL(sent.url()).searchParams.get('patient_id'), ann.patient_id);
    await waitText(page.getByTestId('app-status'), /^audit-\d{8}-\d{8}\.csv downloaded\./);

    // --- A range too long for one file: the server's refusal, next to "From".
    const fortyDaysAgo = new Date(Date.now() - 40 * 86_400_000);
    const local = new Date(fortyDaysAgo.getTime() - fortyDaysAgo.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByTestId('audit-filter-from').fill(local);
    await page.getByTestId('audit-search').click();
    await page.locator('[data-testid="audit-row"], [data-testid="audit-empty"]').first().waitFor();
    const refused = page.waitForResponse((r) => new URL(r.url()).pathname === '/staff/audit/export');
    await page.getByTestId('audit-download').click();
    assert.equal((await refused).status(), 400);
    await waitAttr(page.getByTestId('audit-filter-from'), 'aria-invalid', 'true');
    await waitText(page.getByTestId('audit-filters').locator('.field-error'), /^An export covers at most 31 days\.$/);
    await page.getByTestId('audit-export-error').waitFor();
    await axe(page, 'console: audit trail, an export refused', 'desktop');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/staff/audit/export', status: 400 }], [ANN.email]);
  } finally {
    await context.close();
  }

  // The front desk is not offered it, and the API refuses it anyway.
  const desk = await newDesktop();
  try {
    const deskPage = await desk.newPage();
    await consoleSignIn(deskPage, FRONT_DESK);
    await deskPage.getByTestId('nav-team').waitFor();
    assert.equal(await deskPage.getByTestId('nav-audit').count(), 0, 'no audit trail for the front desk');
    const refused = await gateway('GET', '/staff/audit', { token: await staffToken(FRONT_DESK) });
    assert.equal(refused.status, 403, `the API refuses the front desk the trail (${refused.status})`);
  } finally {
    await desk.close();
  }
});

test('an admin edits a practice setting by keyboard and sees it in the history; a refused value is named by its field; a colleague who saved first is said, and the edit survives a reload', { timeout: 180_000 }, async () => {
  const token = await staffToken();
  const read = await gateway('GET', '/staff/practice', { token });
  assert.equal(read.status, 200, `GET /staff/practice answered ${read.status}`);
  const original = read.body;
  const hours = original.invite_ttl_hours === 48 ? 47 : 48;
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  const hoursField = page.getByTestId('practice-invite_ttl_hours');
  const valueOf = (testid, value) => page.waitForFunction(
    ([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.value === v, [testid, value]);
  try {
    await consoleSignIn(page, ADMIN);
    await page.getByTestId('nav-practice').click();
    await waitText(page.locator('h1'), /^Practice settings$/);
    await waitForHeadingFocus(page);
    await waitText(page.getByTestId('practice-version'), exactly(`Version ${original.version}`));
    await valueOf('practice-invite_ttl_hours', String(original.invite_ttl_hours));
    await page.getByTestId('practice-care-member').first().waitFor();

    // --- By keyboard: to the field, a new value, to Save. The history names the change and who made it.
    await tabTo(page, 'practice-invite_ttl_hours');
    await page.keyboard.press('ControlOrMeta+A');
    await typeInto(page, 'practice-invite_ttl_hours', String(hours));
    await tabTo(page, 'practice-save', 120);
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/staff/practice');
    await page.keyboard.press('Enter');
    assert.equal((await saved).status(), 200);
    await waitText(page.getByTestId('app-status'), new RegExp(`^The settings were saved \\(version ${original.version + 1}\\)\\.`));
    const latest = page.getByTestId('practice-change').first();
    await waitAttr(latest, 'data-version', String(original.version + 1));
    await waitText(latest.getByTestId('practice-change-fields'), /^Changed: Invitation lifetime \(hours\)$/);
    await waitText(latest.getByTestId('practice-change-who'), /^You$/);
    assert.equal((await gateway('GET', '/staff/practice', { token })).body.invite_ttl_hours, hours, 'the API holds the new lifetime');

    // --- A value the server refuses: named next to its field in the server's words, and nothing saved.
    const retention = page.getByTestId('practice-message_retention_days');
    await retention.fill('10');
    const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/staff/practice');
    await page.getByTestId('practice-save').click();
    assert.equal((await refused).status(), 400);
    await waitAttr(retention, 'aria-invalid', 'true');
    const retentionError = await retention.evaluate((el) => el.getAttribute('aria-describedby').split(' ')
      .map((id) => document.getElementById(id)?.textContent).join(' | '));
    assert.match(retentionError, /Must be at least \d+ days/, 'the server’s words, next to the field');
    await page.getByTestId('practice-error').waitFor();
    await axe(page, 'console: practice settings, a refused field', 'desktop');
    await retention.fill(String(original.message_retention_days));

    // --- Someone else saves first (another session, through the API): the page says so and keeps the
    //     edit; the reload takes their change and keeps this one on top; saving again works.
    const now = (await gateway('GET', '/staff/practice', { token })).body;
    const codes = now.sign_in_codes_per_hour === 301 ? 302 : 301;
    const colleague = await gateway('PUT', '/staff/practice', { token, body: { ...practiceUpdate(now), sign_in_codes_per_hour: codes } });
    assert.equal(colleague.status, 200, `the colleague's save answered ${colleague.status}`);
    await hoursField.fill(String(hours - 1));
    const stale = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/staff/practice');
    await page.getByTestId('practice-save').click();
    assert.equal((await stale).status(), 409);
    await waitText(page.getByTestId('practice-stale'), /^Someone else saved the settings after you opened them, so yours were not saved\./);
    await waitForFocus(page, 'practice-stale');
    assert.equal(await hoursField.inputValue(), String(hours - 1), 'the edit is still there');
    await page.getByTestId('practice-reload').click();
    await waitText(page.getByTestId('practice-version'), exactly(`Version ${colleague.body.version}`));
    await valueOf('practice-sign_in_codes_per_hour', String(codes));
    assert.equal(await hoursField.inputValue(), String(hours - 1), 'the edit is kept on top of theirs');
    await page.getByTestId('practice-save').click();
    await waitText(page.getByTestId('app-status'), new RegExp(`^The settings were saved \\(version ${colleague.body.version + 1}\\)\\.`));
    const after = (await gateway('GET', '/staff/practice', { token })).body;
    assert.equal(after.invite_ttl_hours, hours - 1);
    assert.equal(after.sign_in_codes_per_hour, codes, 'the colleague’s change was not undone');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/staff/practice', status: 400 }, { path: '/staff/practice', status: 409 }]);
  } finally {
    await context.close();
    await putPracticeBack(original);
  }
});

test('an admin publishes a new version of a consent document, after a confirmation that says what it does to patients; the history names it', { timeout: 120_000 }, async () => {
  const token = await staffToken();
  const before = (await gateway('GET', '/staff/practice', { token })).body;
  // An optional document: a required one would ask every patient again (the other suites sign Ann in).
  const tele = before.consent_documents.find((d) => d.kind === 'telehealth');
  assert.ok(tele && !tele.required, 'the demo practice has an optional telehealth document');
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  const published = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/staff/practice/consents') published.push(req);
  });
  try {
    await consoleSignIn(page, ADMIN);
    await page.getByTestId('nav-practice').click();
    await page.getByTestId('publish-form').waitFor();
    const document = page.locator('[data-testid="practice-consent"][data-kind="telehealth"]');
    await waitAttr(document, 'data-version', String(tele.version));

    // --- A required document: the confirmation says every patient is asked again. Escape: nothing sent.
    await page.getByTestId('publish-kind').selectOption('terms_of_use');
    await page.getByTestId('publish-open').click();
    const dialog = page.getByTestId('publish-confirm');
    await waitText(dialog, /It is required: every patient is asked to accept it again at their next sign-in\./);
    await waitForFocus(page, 'publish-confirm-no');
    await axe(page, 'console: practice settings, publishing a required document', 'desktop');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // --- The optional one, as worded now: said to be optional, published when confirmed.
    await page.getByTestId('publish-kind').selectOption('telehealth');
    assert.equal(await page.getByTestId('publish-title').inputValue(), tele.title, 'the form holds the document’s words');
    await page.getByTestId('publish-open').click();
    await waitText(dialog, new RegExp(`^Publish version ${tele.version + 1} of “${tele.title}”\\?`));
    await waitText(dialog, /It is optional: patients who answered an earlier version are offered the new one/);
    assert.equal(published.length, 0, 'nothing is published before the confirmation');
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/staff/practice/consents');
    await page.getByTestId('publish-confirm-yes').click();
    assert.equal((await answered).status(), 201);
    await dialog.waitFor({ state: 'detached' });
    await waitText(page.getByTestId('app-status'), new RegExp(`^Version ${tele.version + 1} of “${tele.title}” is published\\.`));
    await waitAttr(document, 'data-version', String(tele.version + 1));
    await waitText(page.getByTestId('practice-change').first().getByTestId('practice-change-fields'), /^Changed: Consent documents$/);
    const after = (await gateway('GET', '/staff/practice', { token })).body.consent_documents.find((d) => d.kind === 'telehealth');
    assert.deepEqual({ ...after, version: tele.version }, tele, 'the same words, as the next version');
    assert.equal(after.version, tele.version + 1);
    assertCleanConsole(watched, PENDING_ROUTES);
  } finally {
    await context.close();
  }
});

test('an admin invites a staff member and changes their roles: adding one asks nothing, taking one away asks first and ends their session at once; the server keeps an admin’s own admin role', { timeout: 180_000 }, async () => {
  const run = runId();
  const email = `tess.${run}@riverside.example`;
  const name = `Tess ${run}`;
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await consoleSignIn(page, ADMIN);
    await page.getByTestId('nav-team').click();
    await page.getByTestId('team').waitFor();

    // --- Invited: on the list at once, not signed in yet.
    await page.getByTestId('invite-open').click();
    await waitForFocus(page, 'invite-title'); // the form's heading takes the focus
    await page.getByTestId('invite-email').fill(email);
    await page.getByTestId('invite-name').fill(name);
    await page.getByTestId('invite-role-front-desk').check();
    const invited = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/staff/team');
    await page.getByTestId('invite-send').click();
    assert.equal((await invited).status(), 201);
    const row = page.getByTestId('team-row').filter({ hasText: email });
    await waitText(row.getByTestId('team-roles'), /^Front desk$/);
    await waitText(row.getByTestId('team-last-sign-in'), /^Not yet$/);
    await waitText(page.getByTestId('app-status'), new RegExp(`^${name} is invited: an email with a temporary password is on its way to ${email.replace(/\./g, '\\.')}\\.`));
    // They sign in (the local stand-in), so what a change of roles does to a session can be seen.
    const theirs = await staffSession(email);
    const theirMe = async () => (await gateway('GET', '/staff/me', { token: theirs.access_token })).status;

    // --- A role added: saved without asking, and their session goes on.
    await row.getByTestId('team-roles-edit').click();
    await waitText(row.getByTestId('roles-hint'), new RegExp(`^Taking a role away signs ${name} out at once, on every device\\.$`));
    await row.getByTestId('roles-billing').check();
    await row.getByTestId('roles-save').click();
    await waitText(row.getByTestId('team-roles'), /^Front desk, Billing$/);
    assert.equal(await page.getByTestId('roles-confirm').count(), 0, 'adding a role asks nothing');
    await waitText(page.getByTestId('app-status'), new RegExp(`^The roles of ${name} are now: Front desk, Billing\\.`));
    assert.equal(await theirMe(), 200, 'adding a role does not sign them out');

    // --- A role taken away: asked first, saying they are signed out at once; then their session ends.
    await row.getByTestId('team-roles-edit').click();
    await row.getByTestId('roles-front-desk').uncheck();
    await row.getByTestId('roles-save').click();
    const dialog = page.getByTestId('roles-confirm');
    await waitText(dialog, new RegExp(`Take Front desk away from ${name}\\?`));
    await waitText(dialog, new RegExp(`${name} is signed out at once, on every device\\.They sign in again with: Billing\\.`));
    await waitForFocus(page, 'roles-confirm-no');
    const narrowed = page.waitForResponse((r) => r.request().method() === 'PUT' && /^\/staff\/team\/[^/]+\/roles$/.test(new URL(r.url()).pathname));
    await page.getByTestId('roles-confirm-yes').click();
    assert.equal((await narrowed).status(), 200);
    await dialog.waitFor({ state: 'detached' });
    await waitText(row.getByTestId('team-roles'), /^Billing$/);
    await waitText(page.getByTestId('app-status'), /They were signed out, and sign in again with these\./);
    assert.equal(await theirMe(), 401, 'taking a role away ended their session');

    // --- An admin's own admin role: the server refuses, and its answer is shown in the dialog.
    const mine = page.getByTestId('team-row').filter({ hasText: ADMIN });
    await mine.getByTestId('team-roles-edit').click();
    await mine.getByTestId('roles-clinician').check();
    await mine.getByTestId('roles-admin').uncheck();
    await mine.getByTestId('roles-save').click();
    await waitText(dialog, /^Take Admin away from your account\?/);
    await waitText(dialog, /You are signed out at once, on every device\./);
    const kept = page.waitForResponse((r) => r.request().method() === 'PUT' && /^\/staff\/team\/[^/]+\/roles$/.test(new URL(r.url()).pathname));
    await page.getByTestId('roles-confirm-yes').click();
    assert.equal((await kept).status(), 409);
    await waitText(page.getByTestId('roles-error'), /^You cannot remove your own admin role/);
    await waitForFocus(page, 'roles-error');
    await page.getByTestId('roles-confirm-no').click();
    await dialog.waitFor({ state: 'detached' });
    await mine.getByTestId('roles-cancel').click();
    await waitText(mine.getByTestId('team-roles'), /^Admin$/);
    await waitForFocus(page, 'team-roles-edit');
    const me = await gateway('GET', '/staff/me', { token: await staffToken(ADMIN) });
    assert.deepEqual(me.body.roles, ['admin'], 'still an admin');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: /^\/staff\/team\/[^/]+\/roles$/, status: 409 }]);
  } finally {
    await context.close();
  }
});

test('the front desk lifts a patient’s email block and records their consent to texts given by phone, each after a confirmation; the chart is read again and shows it', { timeout: 180_000 }, async () => {
  const token = await staffToken();
  const family = `Consent${runId().replace(/\d/g, 'x')}`;
  const dora = await enrolPatient(token, { given: 'Dora', family });
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await consoleSignIn(page, FRONT_DESK);
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('patient-search').fill(family);
    await page.getByTestId('patient-search').press('Enter');
    // The address bounced (for real where the gateway can say so, else as the chart's next read shows it).
    const bounced = await blockEmail(page, dora);
    await page.getByTestId('patient-result').filter({ hasText: `Dora ${family}` }).click();
    await waitText(page.getByTestId('chart-name'), new RegExp(`^Dora ${family}`));

    // --- The block: a reason from the list, a confirmation, and the chart read again.
    const email = page.getByTestId('chart-reach-email');
    await waitAttr(email, 'data-blocked-by', 'suppressed');
    await page.getByTestId('unblock-reason-patient_confirmed_address').check();
    await page.getByTestId('unblock-open').click();
    const unblock = page.getByTestId('unblock-confirm');
    await waitText(unblock, new RegExp(`^Email Dora ${family} again\\?`));
    await waitText(unblock, /Why: The patient confirmed the address works/);
    const lifted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/email-suppression/clear'));
    const reread = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/staff/patients/${dora.patient_id}/contact`);
    await page.getByTestId('unblock-confirm-yes').click();
    const answer = await lifted;
    assert.equal(answer.status(), 200);
    assert.equal((await answer.json()).cleared, bounced, bounced ? 'the block was lifted' : 'there was no real block to lift here');
    await unblock.waitFor({ state: 'detached' });
    await waitText(page.getByTestId('app-status'), bounced
      ? new RegExp(`^The block is lifted: notices can be emailed to Dora ${family} again\\.`)
      : new RegExp(`^The address of Dora ${family} was not blocked: nothing changed\\.`));
    assert.equal((await reread).status(), 200, 'the chart reads its facts again');
    await waitAttr(email, 'data-reachable', 'yes');
    assert.equal(await page.getByTestId('unblock').count(), 0, 'nothing left to lift');

    // --- A consent to texts given by phone: what and how, a confirmation, and the chart read again.
    const consent = page.getByTestId('chart-consent-sms_messages');
    assert.notEqual(await consent.getAttribute('data-status'), 'accepted');
    await page.getByTestId('sms-consent-decision-accept').check();
    await page.getByTestId('sms-consent-method-verbal').check();
    await page.getByTestId('sms-consent-record').click();
    const record = page.getByTestId('sms-consent-confirm');
    await waitText(record, new RegExp(`^Record that Dora ${family} agreed to texts\\?`));
    await waitText(record, /It is kept as their own decision, given verbally, with the time\./);
    const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/sms-consent'));
    await page.getByTestId('sms-consent-confirm-yes').click();
    assert.equal((await recorded).status(), 200);
    await record.waitFor({ state: 'detached' });
    await waitText(page.getByTestId('app-status'), new RegExp(`^Recorded: Dora ${family} agreed to texts\\.`));
    await waitAttr(consent, 'data-status', 'accepted');
    const facts = (await gateway('GET', `/staff/patients/${dora.patient_id}/contact`, { token })).body;
    assert.equal(facts.consents.consents.find((c) => c.kind === 'sms_messages')?.status, 'accepted');
    // What was sent shows in what the API holds: an acceptance, recorded as given to staff.
    const latest = facts.consents.history.find((e) => e.kind === 'sms_messages');
    assert.deepEqual([latest?.decision, latest?.actor], ['accept', 'staff'], 'recorded as given to staff');
    assertCleanConsole(watched, PENDING_ROUTES, [dora.email]);
  } finally {
    await context.close();
  }
});

test('the front desk corrects a patient’s details: only what changed is sent; a change of email is asked first and the old address told; a refused field is named by it; a colleague who saved first is said, and the edit survives a reload', { timeout: 180_000 }, async () => {
  const token = await staffToken();
  const family = `Edit${runId().replace(/\d/g, 'x')}`;
  const eve = await enrolPatient(token, { given: 'Eve', family });
  const record = `/staff/patients/${eve.patient_id}`;
  const context = await newDesktop();
  const page = await context.newPage();
  const watched = watch(page);
  const patched = () => page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname === record);
  const newEmail = `eve.${runId()}@example.com`;
  try {
    await consoleSignIn(page, FRONT_DESK);
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('patient-search').fill(family);
    await page.getByTestId('patient-search').press('Enter');
    await page.getByTestId('patient-result').filter({ hasText: `Eve ${family}` }).click();
    await waitText(page.getByTestId('chart-email'), exactly(eve.email));

    // --- A preferred name and pronouns: nothing about signing in changes, so saved without asking;
    //     only what changed is sent, with the version read; the status line names what changed.
    await page.getByTestId('patient-edit-open').click();
    await waitForFocus(page, 'patient-edit-title');
    await page.getByTestId('patient-edit-preferred_name').fill('Evie');
    await page.getByTestId('patient-edit-pronouns').fill('she/her');
    let answer = patched();
    await page.getByTestId('patient-edit-save').click();
    let answered = await answer;
    assert.equal(answered.status(), 200);
    // (The page's requests carry their bodies as streams, which the browser does not show: the server's
    // answer names what it was sent to change; the component tests hold the request itself.)
    assert.deepEqual((await answered.json()).changed, ['preferred_name', 'pronouns']);
    await waitText(page.getByTestId('app-status'), new RegExp(`^The details of Eve ${family} \\(Evie\\) are saved\\. Changed: Preferred name, Pronouns\\.`));
    await waitText(page.getByTestId('chart-pronouns'), /^she\/her$/);
    await waitText(page.getByTestId('chart-name'), new RegExp(`^Eve ${family} \\(Evie\\)$`));
    await waitForFocus(page, 'patient-edit-open');

    // --- A colleague saves first (an admin, through the API): the page says so in the server's words and
    //     keeps the edit; Reload takes the colleague's change and keeps this one on top; saving works.
    await page.getByTestId('patient-edit-open').click();
    await page.getByTestId('patient-edit-pronouns').fill('they/them');
    const read = (await gateway('GET', record, { token })).body;
    const colleague = await gateway('PATCH', record, { token, body: { version: read.version, time_zone: 'America/Chicago' } });
    assert.equal(colleague.status, 200, `the colleague's save answered ${colleague.status}`);
    answer = patched();
    await page.getByTestId('patient-edit-save').click();
    assert.equal((await answer).status(), 409);
    await waitText(page.getByTestId('patient-edit-stale'), /^The patient's record changed since you opened it; reload and try again\.Your changes are still in the form\./);
    await waitForFocus(page, 'patient-edit-stale');
    assert.equal(await page.getByTestId('patient-edit-pronouns').inputValue(), 'they/them', 'the edit is still there');
    await page.getByTestId('patient-edit-reload').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="patient-edit-time_zone"]')?.value === 'America/Chicago');
    assert.equal(await page.getByTestId('patient-edit-pronouns').inputValue(), 'they/them', 'the edit is kept on top of theirs');
    answer = patched();
    await page.getByTestId('patient-edit-save').click();
    answered = await answer;
    assert.equal(answered.status(), 200, 'saved on the version reloaded');
    assert.deepEqual((await answered.json()).changed, ['pronouns']);
    const after = (await gateway('GET', record, { token })).body;
    assert.deepEqual([after.pronouns, after.time_zone], ['they/them', 'America/Chicago'], 'the colleague’s change was not undone');

    // --- Removing her only address: asked first; the server refuses it, named next to "Email".
    await page.getByTestId('patient-edit-open').click();
    await page.getByTestId('patient-edit-email').fill('');
    await page.getByTestId('patient-edit-save').click();
    const dialog = page.getByTestId('patient-edit-confirm');
    await waitText(dialog, new RegExp(`${eve.email.replace(/\./g, '\\.')} is told that it no longer signs them in\\.`));
    answer = patched();
    await page.getByTestId('patient-edit-confirm-yes').click();
    assert.equal((await answer).status(), 400);
    await dialog.waitFor({ state: 'detached' });
    const email = page.getByTestId('patient-edit-email');
    await waitAttr(email, 'aria-invalid', 'true');
    const said = await email.evaluate((el) => el.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.textContent).join(' | '));
    assert.match(said, /Cannot be removed with the phone number: the patient needs one to sign in\./, 'the server’s words, next to the field');

    // --- A new email: asked first, saying what follows; the old address is told, the new one signs in.
    const seen = await outboxIds();
    await email.fill(newEmail);
    await page.getByTestId('patient-edit-save').click();
    await waitText(dialog, new RegExp(`^Change how Eve ${family} \\(Evie\\) signs in\\?`));
    await waitText(dialog, /Their current sessions end, and an invitation link they have not used stops working\./);
    await waitText(dialog, new RegExp(`${newEmail.replace(/\./g, '\\.')} signs them in from now on: check it with them\\.`));
    await waitForFocus(page, 'patient-edit-confirm-no');
    answer = patched();
    await page.getByTestId('patient-edit-confirm-yes').click();
    assert.equal((await answer).status(), 200);
    await dialog.waitFor({ state: 'detached' });
    await waitText(page.getByTestId('chart-email'), exactly(newEmail));
    await waitText(page.getByTestId('app-status'), /Changed: Email\./);
    await waitForMessage({ to: eve.email, channel: 'email', seen, match: (m) => /no longer signs you in/.test(String(m.body)) });
    await waitForMessage({ to: newEmail, channel: 'email', seen, match: (m) => /updated the details it keeps for you/.test(String(m.body)) });

    // --- An address that is another patient's: the server's words, and the edit stays.
    await page.getByTestId('patient-edit-open').click();
    await email.fill(ANN.email);
    await page.getByTestId('patient-edit-save').click();
    answer = patched();
    await page.getByTestId('patient-edit-confirm-yes').click();
    assert.equal((await answer).status(), 409);
    await waitText(page.getByTestId('patient-edit-stale'), /^Another patient of this practice already uses that email address\./);
    assert.equal(await email.inputValue(), ANN.email);
    await page.getByTestId('patient-edit-cancel').click();
    await waitText(page.getByTestId('chart-email'), exactly(newEmail));
    assert.equal((await gateway('GET', record, { token })).body.email, newEmail, 'nothing was saved');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: record, status: 409 }, { path: record, status: 400 }], [eve.email, newEmail, ANN.email]);
  } finally {
    await context.close();
  }
});

/** The direct export's refusal of a range holding more than 10,000 events, as the server words it. */
const TOO_MANY_EVENTS = {
  type: 'https://portico.health/problems/invalid-request',
  title: 'Your request could not be read',
  status: 400,
  detail: 'The request has invalid fields.',
  instance: '/staff/audit/export',
  request_id: 'browser-suite',
  errors: [{ field: 'from', detail: 'the range holds more than 10000 events: ask for it as a file (POST /staff/audit/exports), or export a shorter one' }],
};

test('an admin has a range too large to download directly prepared as a file, and downloads it from its link', { timeout: 120_000 }, async () => {
  const token = await staffToken();
  const ann = await findPatient(token, ANN); // an event of this minute, for the file to hold
  const context = await newDesktop({ acceptDownloads: true });
  const page = await context.newPage();
  const watched = watch(page);
  try {
    await consoleSignIn(page, ADMIN);
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-row').first().waitFor();

    // The local trail holds far fewer events than the direct export answers (10,000): its refusal of a
    // larger range is answered here once, as the server words it; the file is the real route's.
    await page.route((url) => url.pathname === '/staff/audit/export', (route) => route.fulfill({
      status: 400, contentType: 'application/problem+json', body: JSON.stringify(TOO_MANY_EVENTS),
    }), { times: 1 });
    await page.getByTestId('audit-format').selectOption('csv');
    await page.getByTestId('audit-download').click();
    await waitText(page.getByTestId('audit-file-offer'), /^This range cannot be downloaded directly\. It can be prepared as a file instead/);
    await waitAttr(page.getByTestId('audit-filter-from'), 'aria-invalid', 'true');

    const prepared = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/staff/audit/exports');
    await page.getByTestId('audit-file-prepare').click();
    const answer = await prepared;
    assert.equal(answer.status(), 200);
    const file = await answer.json();
    assert.match(file.file_name, /^audit-\d{8}-\d{8}\.csv$/, 'a CSV file of the range');
    await waitForFocus(page, 'audit-file-link');
    await waitText(page.getByTestId('audit-file-summary'), new RegExp(`^${file.file_name.replace(/\./g, '\\.')}: [\\d,]+ events?, .+\\.$`));
    await waitText(page.getByTestId('audit-file-expiry'), /^The link works for 5 minutes, until .+\. After that, prepare the file again\.$/);
    await waitText(page.getByTestId('app-status'), new RegExp(`^${file.file_name.replace(/\./g, '\\.')} is ready to download\\.`));

    // The link itself: no token in it or with it, and the file saved under the name the server gives.
    const link = page.getByTestId('audit-file-link');
    assert.ok(!/token|bearer/i.test(await link.getAttribute('href')), 'no token in the link');
    const downloading = page.waitForEvent('download');
    await link.click();
    const download = await downloading;
    assert.equal(download.url(), new URL(file.url, ORIGIN).href, 'downloaded from the link itself (its signature is the permission)');
    assert.equal(download.suggestedFilename(), file.file_name);
    const csv = (await readFile(await download.path())).toString('utf8').trim().split('\n');
    assert.match(csv[0], /^at,actor_kind,actor_id,action,/);
    assert.equal(csv.length - 1, file.events, 'the file holds the events the answer counts');
    assert.ok(csv.some((row) => row.includes(ann.patient_id)), 'the admin’s read of Ann is in it');
    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/staff/audit/export', status: 400 }], [ANN.email]);
  } finally {
    await context.close();
  }
});
