// The console's waitlist in a real browser against the local gateway: a service of its own with a
// waitlist (through the staff API), a patient of its own enrolled and waiting on it (through the portal
// API, with the patient's own session); the front desk opens the waitlist from the navigation, sees the
// place under its service with the patient's name, raises its priority (the server keeps it), and axe
// checks the screen. Then a clinician joins their own video visit from the schedule: the local video
// page opens in a new tab. Dates come from the real clock, never fixed ones; the clinician's weekly
// hours the second test sets are put back after it, and its visit is cancelled.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, FRONT_DESK, SHOTS, axe, close, consoleSignIn, enrolPatient, gateway, inviteLink, launch, newDesktop, runId,
  saveAxe, sleep, staffSession, staffToken, waitAttr, waitText, waitForHeadingFocus,
} from './lib.mjs';

const CLINICIAN = 'clinician@riverside.example';

before(async () => {
  const res = await gateway('GET', '/console/');
  assert.equal(res.status, 200, 'GET /console/ serves the built console (make web)');
  await launch();
});
after(async () => {
  await saveAxe('console-waitlist');
  await close();
});

/** `YYYY-MM-DD`, `days` from today (UTC). */
const dayFromNow = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A fixed-offset zone where it is now about midday, so the day's hours do not end within the hour. */
function middayZone() {
  const offset = (12 - new Date().getUTCHours() + 24) % 24;
  const east = offset > 12 ? offset - 24 : offset;
  // Etc/GMT-9 is nine hours east of UTC.
  return east === 0 ? 'UTC' : `Etc/GMT${east > 0 ? '-' : '+'}${Math.abs(east)}`;
}

test('the front desk sees a patient waiting and raises their priority', { timeout: 180_000 }, async () => {
  const run = runId();
  const serviceName = `Waitlist check-up ${run}`;
  const admin = await staffToken(ADMIN);
  // The team knows a clinician once they have signed in.
  const clinician = await staffSession(CLINICIAN);

  // --- A service of this test's own, with a waitlist.
  const service = await gateway('POST', '/staff/services', {
    token: admin,
    body: {
      name: serviceName, duration_minutes: 30, buffer_before_minutes: 0, buffer_after_minutes: 0, mode: 'in_person',
      booking: 'patients', min_notice_minutes: 0, horizon_days: 60, cancel_notice_hours: 0, reschedule_notice_hours: 0,
      late_cancel: 'allow_as_late', waitlist: true, clinicians: [clinician.staff_id], active: true,
    },
  });
  assert.equal(service.status, 201, `adding the service answered ${service.status}: ${service.text.slice(0, 200)}`);
  const serviceId = service.body.service_id;

  // --- A patient of this test's own, waiting on it (their own session, through an invitation).
  const patient = await enrolPatient(admin, { given: 'Wren', family: `Waits${run}` });
  const link = await inviteLink(admin, patient);
  const redeemed = await gateway('POST', '/auth/link', { body: { token: link.split('/invite/')[1] } });
  assert.equal(redeemed.status, 200, `redeeming the invitation answered ${redeemed.status}`);
  const joined = await gateway('POST', '/portal/waitlist', {
    token: redeemed.body.access_token,
    body: {
      service_id: serviceId, from: dayFromNow(1), to: dayFromNow(30), days: ['mon', 'wed'], parts_of_day: ['morning'],
      clinicians: [clinician.staff_id],
    },
  });
  assert.equal(joined.status, 201, `joining the waitlist answered ${joined.status}: ${joined.text.slice(0, 200)}`);
  const entryId = joined.body.entry_id;
  assert.equal(joined.body.priority, 'normal');

  const desk = await newDesktop();
  const page = await desk.newPage();
  try {
    // --- The front desk opens the waitlist from the navigation, next to the schedule.
    await consoleSignIn(page, FRONT_DESK);
    await page.getByTestId('nav-waitlist').click();
    await waitForHeadingFocus(page);
    const line = page.locator(`[data-testid="waitlist-line"][data-service-id="${serviceId}"]`);
    await waitText(line.locator('h2'), new RegExp(`^${serviceName}: 1 waiting$`));
    const place = line.locator(`[data-testid="waitlist-place"][data-entry-id="${entryId}"]`);
    await waitText(place.getByTestId('waitlist-patient'), new RegExp(`^Wren Waits${run}$`));
    assert.equal(await place.getByTestId('waitlist-patient').getAttribute('href'), `/console/patients/${patient.patient_id}`);
    await waitText(place.getByTestId('waitlist-days'), /^Monday, Wednesday$/);
    await waitText(place.getByTestId('waitlist-parts'), /^Morning$/);
    await waitText(place.getByTestId('waitlist-clinicians'), /\S/);
    await waitText(place.getByTestId('waitlist-wants'), /^A new appointment$/);
    await page.getByTestId('waitlist-report-openings').waitFor();
    await axe(page, 'console waitlist', 'desktop');
    await page.screenshot({ path: path.join(SHOTS, 'console-waitlist.png'), fullPage: true });

    // --- Raise the place's priority: said, shown, and kept by the server.
    await place.getByTestId('waitlist-priority').click();
    await waitText(page.getByTestId('app-status'), new RegExp(`^Wren Waits${run}: now high priority for ${serviceName}\\.`));
    await waitAttr(place, 'data-priority', 'high');
    await waitText(place.getByTestId('waitlist-high'), /^High priority$/);
    await waitText(place.getByTestId('waitlist-priority'), new RegExp(`^Normal priority for Wren Waits${run}$`));
    // The focus stays on the same place's button after the lines are read again.
    await page.waitForFunction((id) => document.activeElement?.closest('[data-entry-id]')?.getAttribute('data-entry-id') === id && document.activeElement?.getAttribute('data-testid') === 'waitlist-priority', entryId, { timeout: 15_000 });
    const read = await gateway('GET', '/staff/appointments/waitlist', { token: await staffToken(FRONT_DESK) });
    assert.equal(read.status, 200);
    assert.equal(read.body.places.find((p) => p.entry_id === entryId)?.priority, 'high');

    // --- The report for another period, read again.
    await page.getByTestId('waitlist-period-7').click();
    await waitAttr(page.getByTestId('waitlist-period-7'), 'aria-pressed', 'true');
    await waitText(page.getByTestId('waitlist-report-accept-rate'), /%$/);
    await axe(page, 'console waitlist: last 7 days', 'desktop');
  } finally {
    await desk.close();
  }
});

test('a clinician joins their own video visit from the schedule', { timeout: 180_000 }, async () => {
  const run = runId();
  const admin = await staffToken(ADMIN);
  const clinician = await staffSession(CLINICIAN);
  const schedulePath = `/staff/schedule/${clinician.staff_id}`;
  const original = await gateway('GET', schedulePath, { token: admin });
  assert.ok([200, 404].includes(original.status), `reading the clinician's hours answered ${original.status}`);

  // --- Hours around the clock, every 5 minutes, in a zone where it is now about midday (so the day's
  // last start and the next day's first are hours away): a visit can always start within its join window.
  const allDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({ day, start: '00:00', end: '23:55' }));
  const hours = await gateway('PUT', schedulePath, {
    token: admin,
    body: {
      time_zone: middayZone(), grid_minutes: 5, windows: allDay, blocks: [],
      ...(original.status === 200 ? { version: original.body.version } : {}),
    },
  });
  assert.equal(hours.status, 200, `setting the hours answered ${hours.status}: ${hours.text.slice(0, 200)}`);
  let appointmentId = null;
  const desk = await newDesktop();
  try {
    const service = await gateway('POST', '/staff/services', {
      token: admin,
      body: {
        name: `Video follow-up ${run}`, duration_minutes: 15, buffer_before_minutes: 0, buffer_after_minutes: 0,
        mode: 'telehealth', booking: 'patients', min_notice_minutes: 0, horizon_days: 7, cancel_notice_hours: 0,
        reschedule_notice_hours: 0, late_cancel: 'allow_as_late', waitlist: false, clinicians: [clinician.staff_id],
        active: true,
      },
    });
    assert.equal(service.status, 201, `adding the video service answered ${service.status}: ${service.text.slice(0, 200)}`);
    const serviceId = service.body.service_id;
    // The first free time starting in 1 to 14 minutes (polled: another suite may hold the nearest ones).
    // Not sooner: a time that starts while it is being booked is refused.
    let slot = null;
    const deadline = Date.now() + 60_000;
    while (!slot) {
      const now = Date.now();
      const free = await gateway('GET', `/staff/availability?${new URLSearchParams({
        service: serviceId, clinician: clinician.staff_id, from: new Date(now).toISOString(),
        to: new Date(now + 3 * 3_600_000).toISOString(),
      })}`, { token: admin });
      assert.equal(free.status, 200, `the free times answered ${free.status}`);
      slot = free.body.slots.find((s) => Date.parse(s.start) - Date.now() >= 60_000 && Date.parse(s.start) - Date.now() < 14 * 60_000) ?? null;
      if (!slot) {
        assert.ok(Date.now() < deadline, 'a free time starts within 14 minutes');
        await sleep(5_000);
      }
    }

    const patient = await enrolPatient(admin, { given: 'Vid', family: `Visit${run}` });
    const booked = await gateway('POST', '/staff/appointments', {
      token: admin,
      body: { patient_id: patient.patient_id, service_id: serviceId, clinician_id: clinician.staff_id, start: slot.start },
    });
    assert.ok([200, 201].includes(booked.status), `booking the visit answered ${booked.status}: ${booked.text.slice(0, 200)}`);
    appointmentId = booked.body.appointment_id;

    // --- The clinician's schedule marks the video visit and offers them to join it.
    const page = await desk.newPage();
    await consoleSignIn(page, CLINICIAN);
    await page.getByTestId('nav-schedule').click();
    await waitForHeadingFocus(page);
    const chicagoDay = (at) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(at);
    if (chicagoDay(new Date(slot.start)) !== chicagoDay(new Date())) await page.getByTestId('schedule-next').click();
    const entry = page.locator(`[data-testid="schedule-appointment"][data-appointment-id="${appointmentId}"]`);
    await waitText(entry.getByTestId('schedule-video'), /^Video visit$/);
    await axe(page, 'console schedule: a video visit', 'desktop');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/staff/appointments/${appointmentId}/join`)),
      entry.getByTestId('schedule-join-button').click(),
    ]);
    const seat = await answer.json();
    assert.ok(seat.join_url, 'the local gateway serves a video page');
    // The attendee's token never travels in a query string (the local page reads it from the fragment).
    assert.ok(!new URL(seat.join_url).search.includes(seat.attendee.join_token), 'no token in the query');
    // The seat is offered as a link (a tab opened after an answer would be blocked), never said to be open.
    const link = entry.getByTestId('schedule-join-link');
    await waitText(link, /^Open the video visit$/);
    assert.doesNotMatch(await entry.getByTestId('schedule-join-opened').innerText(), /opened/);
    assert.equal(await link.getAttribute('href'), seat.join_url, 'the link is the video page the server gave, as given');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    const [popup] = await Promise.all([page.waitForEvent('popup', { timeout: 15_000 }), link.click()]);
    await popup.waitForLoadState('domcontentloaded').catch(() => {});
    assert.equal(popup.url(), new URL(seat.join_url).href, 'the new tab opens the video page the server gave, as given');
    await popup.close();
    // Once used, the link goes.
    await link.waitFor({ state: 'detached', timeout: 15_000 });
  } finally {
    await desk.close();
    if (appointmentId) {
      const booked = await gateway('GET', `/staff/appointments?${new URLSearchParams({
        from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      })}`, { token: admin });
      const visit = booked.body?.appointments?.find((a) => a.appointment_id === appointmentId);
      if (visit) {
        await gateway('POST', `/staff/appointments/${appointmentId}/status`, {
          token: admin, body: { patient_id: visit.patient_id, status: 'cancelled' },
        });
      }
    }
    const now = await gateway('GET', schedulePath, { token: admin });
    const back = original.status === 200
      ? { time_zone: original.body.time_zone, grid_minutes: original.body.grid_minutes, windows: original.body.windows, blocks: original.body.blocks ?? [] }
      : { time_zone: 'UTC', grid_minutes: 15, windows: [], blocks: [] };
    const restored = await gateway('PUT', schedulePath, { token: admin, body: { ...back, version: now.body?.version } });
    assert.equal(restored.status, 200, `putting the clinician's hours back answered ${restored.status}: ${restored.text.slice(0, 200)}`);
  }
});
