// The waitlist and video visits in a real browser against the local gateway. An admin adds a service
// with a waitlist (through the API: the console's own screens are another suite's); Ann books a time;
// Ben, finding nothing that suits, joins the waitlist from the portal; Ann cancels; the gateway's
// workers offer the freed time to Ben, who claims it on the Appointments page and sees it booked. Then
// a video visit starting within minutes: "Join video visit" opens the local video page, with no token
// in its query. axe on the booking form, the waitlist and the live offer. Times come from what the API
// offers (the gateway's clock is the real one), never from fixed dates. Its patients are its own
// (enrolled here), so the seeded patients' sign-in limits stay for the other suites.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, ORIGIN, SHOTS, axe, close, enrolPatient, gateway, inviteLink, launch, newPhone, runId, saveAxe, signInByLink,
  sleep, staffSession, staffToken, waitText, waitForHeadingFocus,
} from './lib.mjs';

const CLINICIAN = 'clinician@riverside.example';
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * A client address of its own for each browser and API session of this suite (the local gateway takes
 * `X-Forwarded-For` from this machine), as proxies.test.mjs does: its sign-ins and reads do not spend
 * the per-client answer limit the other suites share from 127.0.0.1.
 */
function ownClient() {
  const octet = () => 1 + Math.floor(Math.random() * 250);
  return { 'X-Forwarded-For': `10.${octet()}.${octet()}.${octet()}` };
}
const phoneOfTheirOwn = () => newPhone({ extraHTTPHeaders: ownClient() });

/** A patient's own API session, from a client of its own: `{ token, headers }` for `gateway`. */
async function patientSession(admin, patient) {
  const headers = ownClient();
  const link = await inviteLink(admin, patient);
  const redeemed = await gateway('POST', '/auth/link', { body: { token: link.split('/invite/')[1] }, headers });
  assert.equal(redeemed.status, 200, `POST /auth/link answered ${redeemed.status}`);
  return { token: redeemed.body.access_token, headers };
}

before(async () => {
  const res = await gateway('GET', '/');
  assert.equal(res.status, 200, 'GET / serves the built portal (make web)');
  await launch();
});
after(async () => {
  await saveAxe('waitlist');
  await close();
});

/** A service of the seeded clinician's, with no notice rules in the way. */
async function addService(token, clinicianId, { name, mode = 'in_person', waitlist = true }) {
  const res = await gateway('POST', '/staff/services', {
    token,
    body: {
      name, mode, waitlist, active: true, booking: 'patients', clinicians: [clinicianId], duration_minutes: 30,
      buffer_before_minutes: 0, buffer_after_minutes: 0, horizon_days: 30, min_notice_minutes: 0,
      cancel_notice_hours: 0, reschedule_notice_hours: 0, late_cancel: 'allow',
    },
  });
  assert.ok(res.status === 201 || res.status === 200, `POST /staff/services answered ${res.status}: ${res.text.slice(0, 300)}`);
  return res.body.service_id;
}

/**
 * A fixed-offset zone where it is now the middle of the day: the waitlist offers times only in the
 * visit's zone's daytime, and the suite runs at any hour.
 */
function middayZone() {
  const offset = (12 - new Date().getUTCHours() + 24) % 24;
  const east = offset > 12 ? offset - 24 : offset;
  // Etc/GMT-9 is nine hours east of UTC.
  return east === 0 ? 'UTC' : `Etc/GMT${east > 0 ? '-' : '+'}${Math.abs(east)}`;
}

/** The clinician's hours: every day, all day in `zone`, on `grid` minutes (the version read, so it saves). */
async function everyHour(token, clinicianId, grid, zone = 'UTC') {
  const read = await gateway('GET', `/staff/schedule/${clinicianId}`, { token });
  const version = read.status === 200 ? read.body.version : undefined;
  const res = await gateway('PUT', `/staff/schedule/${clinicianId}`, {
    token,
    body: {
      time_zone: zone, grid_minutes: grid, blocks: [], ...(version === undefined ? {} : { version }),
      windows: DAYS.map((day) => ({ day, start: '00:00', end: '23:55' })),
    },
  });
  assert.equal(res.status, 200, `PUT /staff/schedule answered ${res.status}: ${res.text.slice(0, 300)}`);
}

/** The clinician's hours as they are now, to put back with `restoreHours`. */
async function readHours(token, clinicianId) {
  const read = await gateway('GET', `/staff/schedule/${clinicianId}`, { token });
  assert.ok([200, 404].includes(read.status), `GET /staff/schedule answered ${read.status}`);
  return read.status === 200 ? read.body : null;
}

/** Puts the clinician's hours back as `readHours` found them (none: no hours). */
async function restoreHours(token, clinicianId, original) {
  const now = await gateway('GET', `/staff/schedule/${clinicianId}`, { token });
  const back = original
    ? { time_zone: original.time_zone, grid_minutes: original.grid_minutes, windows: original.windows, blocks: original.blocks ?? [] }
    : { time_zone: 'UTC', grid_minutes: 15, windows: [], blocks: [] };
  const res = await gateway('PUT', `/staff/schedule/${clinicianId}`, {
    token, body: { ...back, ...(now.status === 200 ? { version: now.body.version } : {}) },
  });
  assert.equal(res.status, 200, `putting the clinician's hours back answered ${res.status}: ${res.text.slice(0, 200)}`);
}

/**
 * Books the first free time at least `leadMinutes` ahead (and, given `withinMinutes`, starting within
 * that many minutes of now: polled for a minute, as another suite may hold the nearest times) for a
 * patient through the API (held, then booked).
 */
async function bookFirst({ token, headers }, serviceId, leadMinutes = 0, withinMinutes = Number.POSITIVE_INFINITY) {
  const deadline = Date.now() + 60_000;
  let slot = null;
  while (!slot) {
    const free = await gateway('GET', `/portal/availability?service=${encodeURIComponent(serviceId)}`, { token, headers });
    assert.equal(free.status, 200, `GET /portal/availability answered ${free.status}`);
    const now = Date.now();
    slot = free.body.slots.find((s) => Date.parse(s.start) >= now + leadMinutes * 60_000 && Date.parse(s.start) - now < withinMinutes * 60_000) ?? null;
    if (!slot) {
      assert.ok(Date.now() < deadline && Number.isFinite(withinMinutes), 'the service offers a time');
      await sleep(5_000);
    }
  }
  const body = { service_id: serviceId, clinician_id: slot.clinician_id, start: slot.start };
  const hold = await gateway('POST', '/portal/holds', { token, body, headers });
  assert.equal(hold.status, 201, `POST /portal/holds answered ${hold.status}: ${hold.text.slice(0, 200)}`);
  const booked = await gateway('POST', '/portal/appointments', { token, body, headers: { ...headers, 'Idempotency-Key': `wl-${runId()}` } });
  assert.equal(booked.status, 201, `POST /portal/appointments answered ${booked.status}: ${booked.text.slice(0, 200)}`);
  return booked.body;
}

test('Ben joins the waitlist from the portal, Ann cancels, Ben claims the freed time', { timeout: 300_000 }, async () => {
  const admin = await staffToken(ADMIN);
  const clinician = await staffSession(CLINICIAN);
  const serviceName = `Waitlist check-up ${runId()}`;
  const serviceId = await addService(admin, clinician.staff_id, { name: serviceName });
  const original = await readHours(admin, clinician.staff_id);
  await everyHour(admin, clinician.staff_id, 30, middayZone());
  try {
    const [annRecord, benRecord] = [
      await enrolPatient(admin, { given: 'Ann', family: `Early${runId()}` }),
      await enrolPatient(admin, { given: 'Ben', family: `Wait${runId()}` }),
    ];

    // --- Ann takes a time a few hours ahead (a freed time is offered only up to two hours before it).
    const ann = await patientSession(admin, annRecord);
    const annBooking = await bookFirst(ann, serviceId, 3 * 60);

    const phone = await phoneOfTheirOwn();
    const page = await phone.newPage();
    try {
      // --- Ben finds no time that suits him and joins the waitlist, any day, any time, the next two weeks.
      await signInByLink(page, benRecord, admin);
      await page.goto(`${ORIGIN}/appointments/book`);
      await waitForHeadingFocus(page);
      await page.locator(`[data-testid="service-option"][data-service-id="${serviceId}"]`).check();
      await page.getByTestId('waitlist-join').click();
      const form = page.getByTestId('waitlist-form');
      await form.waitFor();
      await axe(page, 'portal waitlist: join', 'phone');
      await page.screenshot({ path: path.join(SHOTS, 'waitlist-join.png'), fullPage: true });
      await page.getByTestId('waitlist-submit').click();
      await page.waitForURL(`${ORIGIN}/appointments`);
      await waitText(page.getByTestId('app-status'), new RegExp(`You are on the waitlist for ${serviceName}\\.`));
      const place = page.getByTestId('waitlist-place').filter({ hasText: serviceName });
      await place.waitFor({ timeout: 20_000 });
      await axe(page, 'portal waitlist: places', 'phone');

      // --- Ann cancels; the workers offer the freed time to Ben (the gateway runs them on its own).
      const cancelled = await gateway('POST', `/portal/appointments/${annBooking.appointment_id}/cancel`, { ...ann, body: {} });
      assert.equal(cancelled.status, 200, `Ann's cancel answered ${cancelled.status}`);
      const offer = page.locator('[data-testid="waitlist-offer"][data-status="offered"]').filter({ hasText: serviceName });
      const deadline = Date.now() + 90_000;
      // Reload until the offer shows: each load waits for the page's own read of the waitlist, then
      // for the offer (a loaded 2-core machine may take a while to render it).
      while (!(await offer.isVisible())) {
        assert.ok(Date.now() < deadline, 'the freed time was offered to Ben within 90 s');
        const read = page.waitForResponse((r) => new URL(r.url()).pathname === '/portal/waitlist', { timeout: 20_000 });
        await page.goto(`${ORIGIN}/appointments`);
        await read.catch(() => {});
        await offer.waitFor({ timeout: 5_000 }).catch(() => {});
      }
      await waitText(offer.getByTestId('offer-deadline'), /^Claim by .+ left\)\. The first person to claim it gets it\.$/);
      assert.equal(await offer.locator('time').getAttribute('datetime').then((t) => Date.parse(t ?? '')), Date.parse(annBooking.start));
      await axe(page, 'portal waitlist: offer', 'phone');
      await page.screenshot({ path: path.join(SHOTS, 'waitlist-offer.png'), fullPage: true });

      // --- Ben claims it: the page says so, and the appointment is among his upcoming ones.
      await offer.getByTestId('offer-claim').click();
      await waitText(page.getByTestId('offer-claimed-appointment'), new RegExp(`^${serviceName} on `));
      const booked = page.locator('[data-testid="appointment"]').filter({ hasText: serviceName });
      await booked.waitFor({ timeout: 20_000 });
      assert.equal(Date.parse(await booked.getByTestId('appointment-when').locator('time').getAttribute('datetime') ?? ''), Date.parse(annBooking.start));
      await waitText(booked.getByTestId('appointment-status'), /^Booked$/);
      await axe(page, 'portal waitlist: claimed', 'phone');
    } finally {
      await phone.close();
    }
  } finally {
    await restoreHours(admin, clinician.staff_id, original);
  }
});

test('a video visit starting within minutes: "Join video visit" opens the local video page', { timeout: 180_000 }, async () => {
  const admin = await staffToken(ADMIN);
  const clinician = await staffSession(CLINICIAN);
  const serviceName = `Video visit ${runId()}`;
  const serviceId = await addService(admin, clinician.staff_id, { name: serviceName, mode: 'telehealth', waitlist: false });
  const original = await readHours(admin, clinician.staff_id);
  // Every five minutes, in a zone where it is now about midday: the day's last start and the next
  // day's first are hours away, so a time starting within the join window exists at any hour.
  await everyHour(admin, clinician.staff_id, 5, middayZone());
  let phone = null;
  try {
    const annRecord = await enrolPatient(admin, { given: 'Ann', family: `Video${runId()}` });
    const ann = await patientSession(admin, annRecord);
    const visit = await bookFirst(ann, serviceId, 1, 14);
    assert.ok(Date.parse(visit.start) - Date.now() < 15 * 60_000, 'the first time starts within 15 minutes');

    phone = await phoneOfTheirOwn();
    const page = await phone.newPage();
    await signInByLink(page, annRecord, admin);
    await page.goto(`${ORIGIN}/appointments`);
    const card = page.locator(`[data-testid="appointment"][data-appointment-id="${visit.appointment_id}"]`);
    const join = card.getByTestId('video-join');
    await waitText(join, /^Join video visit$/);
    await axe(page, 'portal appointments: video visit', 'phone');
    // The join answer, read as it passes (the page navigates away at once, taking its body with it).
    const joinPath = `/portal/appointments/${visit.appointment_id}/join`;
    let answered;
    const answer = new Promise((resolve) => {
      answered = resolve;
    });
    await page.route('**/portal/appointments/*/join', async (route) => {
      if (new URL(route.request().url()).pathname !== joinPath) return route.continue();
      // Asked of the gateway by the test's own client (the browser's host name is not Node's to resolve).
      const request = route.request();
      const sent = await request.allHeaders();
      const headers = Object.fromEntries(
        ['authorization', 'x-forwarded-for', 'idempotency-key', 'x-csrf-token'].filter((h) => sent[h]).map((h) => [h, sent[h]]),
      );
      const res = await gateway('POST', joinPath, { headers, body: request.postDataJSON() ?? {} });
      answered({ status: res.status, body: res.text });
      await route.fulfill({ status: res.status, contentType: res.headers['content-type'] ?? 'application/json', body: res.text });
    });
    await join.click();
    const got = await Promise.race([answer, sleep(20_000).then(() => null)]);
    assert.ok(got, 'the portal asked to join');
    assert.equal(got.status, 200, 'the join window is open');
    const seat = JSON.parse(got.body);
    assert.ok(seat.join_url, 'the local gateway serves a video page');
    const joinUrl = new URL(seat.join_url);
    // The portal opens exactly the page the server gave, and the attendee's token is not in its query.
    await page.waitForURL(joinUrl.href, { timeout: 20_000 });
    assert.equal(page.url(), joinUrl.href, 'the page is the video page the server gave, as given');
    assert.ok(!joinUrl.search.includes(seat.attendee.join_token), `no token in the video page's query: ${joinUrl.search}`);
    assert.ok(!new URL(page.url()).search.includes(seat.attendee.join_token), 'no token in the address query');
    // The local stand-in lets the attendee in.
    await page.getByText('You are in the visit').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(SHOTS, 'video-visit.png'), fullPage: true });
  } finally {
    await phone?.close();
    await restoreHours(admin, clinician.staff_id, original);
  }
});
