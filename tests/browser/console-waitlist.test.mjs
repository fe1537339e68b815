// The console's waitlist in a real browser against the local gateway: a service of its own with a
// waitlist (through the staff API), a patient of its own enrolled and waiting on it (through the portal
// API, with the patient's own session); the front desk opens the waitlist from the navigation, sees the
// place under its service with the patient's name, raises its priority (the server keeps it), and axe
// checks the screen. Dates come from the real clock, never fixed ones.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, FRONT_DESK, SHOTS, axe, close, consoleSignIn, enrolPatient, gateway, inviteLink, launch, newDesktop, runId,
  saveAxe, staffSession, staffToken, waitAttr, waitText, waitForHeadingFocus,
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
    await waitText(place.getByTestId('waitlist-priority'), /^Normal priority$/);
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
