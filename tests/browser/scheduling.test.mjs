// Scheduling in a real browser against the local gateway: an admin adds a service for the seeded
// clinician and sets the clinician's weekly hours in the console; Ann books the first time the portal
// offers (held, then booked); the console's schedule shows it; Ann moves it and cancels it. axe on the
// portal's Appointments screen and the console's Schedule screen. Times come from what the API offers
// (the gateway's clock is the real one), never from fixed dates.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, ANN, ORIGIN, SHOTS, axe, close, consoleSignIn, gateway, launch, newDesktop, newPhone, patientToken, runId, saveAxe, signInByLink,
  staffSession, staffToken, waitAttr, waitText, waitForHeadingFocus,
} from './lib.mjs';

const CLINICIAN = 'clinician@riverside.example';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

before(async () => {
  const res = await gateway('GET', '/console/');
  assert.equal(res.status, 200, 'GET /console/ serves the built console (make web)');
  await launch();
});
after(async () => {
  await saveAxe('scheduling');
  await close();
});

test('a service and hours in the console; Ann books, moves and cancels; the console sees it', { timeout: 300_000 }, async () => {
  const run = runId();
  const serviceName = `Check-up ${run}`;
  // The team knows a clinician once they have signed in.
  const clinician = await staffSession(CLINICIAN);
  assert.ok(clinician.staff_id, 'the local sign-in names the clinician');

  const desk = await newDesktop();
  const admin = await desk.newPage();
  const phone = await newPhone();
  const ann = await phone.newPage();
  try {
    // --- The admin adds the service, seen by the clinician, with no notice rules in the way.
    await consoleSignIn(admin, ADMIN);
    await admin.getByTestId('nav-services').click();
    await admin.getByTestId('service-new').click();
    await admin.getByTestId('service-field-name').fill(serviceName);
    await admin.getByTestId('service-field-duration_minutes').fill('30');
    await admin.getByTestId('service-field-min_notice_minutes').fill('10');
    await admin.getByTestId('service-field-cancel_notice_hours').fill('0');
    await admin.getByTestId('service-field-reschedule_notice_hours').fill('0');
    await admin.locator(`[data-testid="service-clinician"][data-staff-id="${clinician.staff_id}"]`).check();
    await admin.getByTestId('service-save').click();
    await waitText(admin.getByTestId('app-status'), new RegExp(`“${serviceName}” was added`));
    const row = admin.getByTestId('service-row').filter({ hasText: serviceName });
    const serviceId = await row.getAttribute('data-service-id');
    assert.ok(serviceId, 'the new service is listed');

    // --- Its hours: Monday to Friday, 09:00 to 17:00 in New York, on a 30-minute grid.
    await admin.getByTestId('nav-clinician-schedules').click();
    await waitForHeadingFocus(admin);
    await admin.getByTestId('clinician-schedule-picker').selectOption(clinician.staff_id);
    const form = admin.getByTestId('clinician-schedule-form');
    await form.waitFor();
    while (await form.getByTestId('window-remove').count()) await form.getByTestId('window-remove').first().click();
    await form.getByTestId('clinician-schedule-zone').fill('America/New_York');
    await form.getByTestId('clinician-schedule-grid').fill('30');
    for (const day of WEEKDAYS) {
      const dayRows = form.locator(`[data-testid="clinician-schedule-day"][data-day="${day}"]`);
      await dayRows.getByTestId('window-add').click();
      await dayRows.getByTestId('window-start').fill('09:00');
      await dayRows.getByTestId('window-end').fill('17:00');
    }
    await form.getByTestId('clinician-schedule-save').click();
    await waitText(admin.getByTestId('app-status'), /The schedule was saved\./);
    const saved = await gateway('GET', `/staff/schedule/${clinician.staff_id}`, { token: await staffToken(ADMIN) });
    assert.equal(saved.status, 200);
    assert.equal(saved.body.time_zone, 'America/New_York');
    assert.equal(saved.body.grid_minutes, 30);
    assert.deepEqual(saved.body.windows.map((w) => `${w.day} ${w.start}-${w.end}`), WEEKDAYS.map((d) => `${d} 09:00-17:00`));

    // --- Ann books the first time offered: held for her, then booked.
    await signInByLink(ann, ANN);
    await ann.goto(`${ORIGIN}/appointments`);
    await ann.getByTestId('appointments').waitFor({ timeout: 20_000 });
    await waitForHeadingFocus(ann);
    await axe(ann, 'portal appointments', 'phone');
    await ann.getByTestId('appointments-book').click();
    await ann.locator(`[data-testid="service-option"][data-service-id="${serviceId}"]`).check();
    const firstSlot = ann.getByTestId('slot').first();
    await firstSlot.waitFor({ timeout: 20_000 });
    await axe(ann, 'portal booking: times', 'phone');
    await ann.screenshot({ path: path.join(SHOTS, 'appointments-times.png'), fullPage: true });
    const bookedStart = await firstSlot.getAttribute('data-start');
    assert.ok(bookedStart, 'a time is offered');
    await firstSlot.focus();
    await ann.keyboard.press('Enter');
    await waitText(ann.getByTestId('hold-until'), /^This time is held for you until \d{1,2}:\d{2}\s?[AP]M\.$/);
    await ann.getByTestId('booking-submit').click();
    await waitText(ann.getByTestId('booking-done-title'), /^Booked$/);
    const mine = await gateway('GET', '/portal/appointments', { token: await annToken() });
    const booked = mine.body.upcoming.find((a) => a.service_id === serviceId);
    assert.ok(booked, 'the booking is among Ann’s upcoming appointments');
    assert.equal(Date.parse(booked.start), Date.parse(bookedStart));
    assert.equal(booked.status, 'booked');

    // --- The console's schedule shows it (this week or the next).
    await admin.getByTestId('nav-schedule').click();
    await waitForHeadingFocus(admin);
    // One read per view: the week's read says whether the booking is in it, else the next week's.
    const seen = new Set();
    let week = await weekRead(admin, seen, () => admin.getByTestId('schedule-view-week').click());
    for (let n = 0; n < 2 && !week.ids.includes(booked.appointment_id); n += 1) {
      week = await weekRead(admin, seen, () => admin.getByTestId('schedule-next').click());
    }
    assert.ok(week.ids.includes(booked.appointment_id), 'the schedule read holds the booking');
    const entry = admin.locator(`[data-testid="schedule-appointment"][data-appointment-id="${booked.appointment_id}"]`);
    await waitText(entry.getByTestId('schedule-patient'), /^Ann Lee/);
    await waitText(entry.getByTestId('schedule-service'), new RegExp(`^${serviceName} with `));
    await waitText(entry.getByTestId('schedule-status'), /^Booked$/);
    await axe(admin, 'console schedule', 'desktop');
    await admin.screenshot({ path: path.join(SHOTS, 'console-schedule.png'), fullPage: true });

    // --- Ann moves it to another time.
    await ann.getByTestId('booking-done-list').click();
    const card = ann.locator(`[data-testid="appointment"][data-appointment-id="${booked.appointment_id}"]`);
    await ann.screenshot({ path: path.join(SHOTS, 'appointments.png'), fullPage: true });
    await card.getByTestId('appointment-reschedule').click();
    await ann.getByTestId('slot').first().waitFor({ timeout: 20_000 });
    const other = ann.locator(`[data-testid="slot"]:not([data-start="${bookedStart}"])`).first();
    const newStart = await other.getAttribute('data-start');
    await other.click();
    await ann.getByTestId('reschedule-submit').click();
    await waitText(ann.getByTestId('app-status'), new RegExp(`Your ${serviceName} appointment was moved\\.`));
    await waitAttr(card.getByTestId('appointment-when').locator('time'), 'datetime', newStart);

    // --- And cancels it, with a reason.
    await card.getByTestId('appointment-cancel').click();
    await ann.getByTestId('appointment-cancel-reason').fill('Feeling better');
    await ann.getByTestId('appointment-cancel-dialog-yes').click();
    await waitText(ann.getByTestId('app-status'), new RegExp(`Your ${serviceName} appointment is cancelled\\.`));
    await card.waitFor({ state: 'detached' });
    const after = await gateway('GET', '/portal/appointments', { token: await annToken() });
    const cancelled = after.body.past.find((a) => a.appointment_id === booked.appointment_id);
    assert.equal(cancelled?.status, 'cancelled');
    assert.equal(cancelled?.cancel_reason, 'Feeling better');
  } finally {
    await desk.close();
    await phone.close();
  }
});

/** Does `act` and waits for the week's read it causes (one not seen before); answers its appointment ids. */
async function weekRead(page, seen, act) {
  const read = page.waitForResponse((r) => {
    const url = new URL(r.url());
    if (url.pathname !== '/staff/appointments' || seen.has(url.search)) return false;
    const span = Date.parse(url.searchParams.get('to') ?? '') - Date.parse(url.searchParams.get('from') ?? '');
    return span > 6 * 86_400_000;
  });
  await act();
  const response = await read;
  seen.add(new URL(response.url()).search);
  assert.equal(response.status(), 200, `the schedule's read answered ${response.status()}`);
  const ids = (await response.json()).appointments.map((a) => a.appointment_id);
  await page.locator(`[data-testid="schedule-days"][data-count="${ids.length}"]`).waitFor();
  return { ids };
}

let annSession = null;
/** A session of Ann's own for the test's API reads (a fresh invitation link, redeemed once). */
async function annToken() {
  annSession ??= (await patientToken(ANN)).token;
  return annSession;
}
