// Spanish end to end: the switcher on the sign-in page (a choice this device keeps), the patient's
// language from the session picking the portal's language where nothing was chosen, a message with an
// attachment the care team saves, the answer from a console in Spanish.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  BEN, ORIGIN, PENDING_ROUTES, SHOTS, apiSettled, assertCleanConsole, close, codeFrom, consoleSignIn, downloadAttachment, exactly,
  gateway, launch, nav, newDesktop, newPhone, outboxIds, patientToken, runId, signInByLink, staffToken, tinyPdf, waitAttr,
  waitForMessage, waitText, watch,
} from './lib.mjs';

before(launch);
after(close);

test('Ben uses the portal in Spanish and the care team answers from a console in Spanish', { timeout: 300_000 }, async () => {
  const run = runId();
  const subject = `Cita del martes ${run}`;
  const phone = await newPhone();
  const page = await phone.newPage();
  const watched = watch(page);
  const desk = await newDesktop();
  const staffPage = await desk.newPage();
  const staffWatched = watch(staffPage);
  let english = true; // Ben's language preference, as this test leaves it
  try {
    // --- The switcher on the sign-in page: everything in Spanish, and the choice is remembered.
    await page.goto(`${ORIGIN}/`);
    await page.getByTestId('language-switcher').selectOption('es');
    await waitText(page.locator('h1'), /^Iniciar sesión$/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
    await waitText(page.getByTestId('footer'), /llame al 911/);
    await page.reload();
    await waitText(page.locator('h1'), /^Iniciar sesión$/);

    // --- Sign in by code, in Spanish. (A code to Ben's address in the last minute, from another test,
    //     makes him wait for the countdown, as anyone would.)
    const seen = await outboxIds();
    await page.getByTestId('signin-address').fill(BEN.email);
    await page.getByTestId('signin-send').click();
    await page.locator('[data-testid="signin-code"], [data-testid="signin-wait"]').first().waitFor({ timeout: 20_000 });
    if (!(await page.getByTestId('signin-code').isVisible())) {
      await page.waitForFunction(() => !document.querySelector('[data-testid="signin-send"]')?.hasAttribute('disabled'), null, { timeout: 70_000 });
      await page.getByTestId('signin-send').click();
    }
    await page.getByTestId('signin-code').waitFor({ timeout: 20_000 });
    await waitText(page.getByTestId('signin-sent'), /le enviamos por correo un código de 6 dígitos/);
    const code = codeFrom(await waitForMessage({ to: BEN.email, channel: 'email', seen }));
    await page.getByTestId('signin-code').fill(code);
    await page.getByTestId('signin-verify').click();
    // Ben's profile says English, but Spanish was chosen on this device: the choice stands.
    await waitText(page.getByTestId('home-greeting'), /^Hola, Ben/);
    assert.equal(await page.evaluate(() => localStorage.getItem('portico.language')), 'es');

    // --- Ben chooses Spanish in his profile: the portal follows at once.
    await nav(page, 'profile');
    await page.getByTestId('profile-edit').click();
    await page.getByTestId('profile-input-language').selectOption('es');
    await page.getByTestId('profile-save').click();
    english = false;
    await waitText(page.getByTestId('app-status'), /Se guardaron sus datos/);
    await waitText(page.getByTestId('profile-dob'), /^23 de noviembre de 1979$/);

    // --- His access log, in Spanish: the sign-in by code a moment ago, in his words.
    await page.getByTestId('profile-access-link').click();
    await waitText(page.locator('h1'), /^Inicios de sesión y acceso a su expediente$/);
    await waitText(page.locator('[data-testid="access-entry"][data-action="auth.sign_in.code"]').first().getByTestId('access-what'),
      /^Usted inició sesión con un código$/);
    await waitText(page.locator('[data-testid="access-entry"][data-action="auth.sign_in.code"]').first().getByTestId('access-where'),
      /^· Chrome en Linux, desde \S+$/);
    await waitText(page.getByTestId('access-end-others'), /^Cerrar sesión en todos los demás sitios$/);

    // --- A message with a PDF, in Spanish.
    await nav(page, 'messages');
    await page.getByTestId('messages-new').click();
    await waitText(page.locator('h1'), /^Mensaje nuevo$/);
    await page.getByTestId('compose-topic').selectOption('scheduling');
    await page.getByTestId('compose-subject').fill(subject);
    await page.getByTestId('compose-body').fill(`¿Puedo cambiar la cita? (${run})`);
    await waitText(page.getByTestId('compose-count'), /Quedan [\d,.\s]+ caracteres/);
    await page.getByTestId('compose-files').setInputFiles({ name: 'receta.pdf', mimeType: 'application/pdf', buffer: tinyPdf(run) });
    await waitText(page.getByTestId('attachment-item').getByTestId('attachment-status'), /^Listo para enviar$/, 30_000);
    await page.getByTestId('compose-send').click();
    await page.waitForURL(/\/messages\/th_[0-9A-Z]{26}$/);
    const threadId = /\/messages\/(th_[0-9A-Z]{26})$/.exec(page.url())[1];
    await waitText(page.getByTestId('app-status'), /Su mensaje se envió/);
    await waitText(page.getByTestId('message').first().getByTestId('message-author'), /^Usted$/);

    // --- The care team answers from the console, in Spanish.
    await consoleSignIn(staffPage);
    await staffPage.getByTestId('language-switcher').selectOption('es');
    await waitText(staffPage.locator('h1'), /^Bandeja de entrada$/);
    const row = staffPage.locator(`[data-testid="inbox-row"][data-thread-id="${threadId}"]`);
    await waitText(row.getByTestId('inbox-patient'), /^Ben Ortiz/);
    await waitText(row.getByTestId('inbox-unread'), /sin leer/);
    await row.getByTestId('inbox-open').click();
    await waitText(staffPage.getByTestId('thread-subject'), exactly(subject));
    // Ben's file is saved by the page under its own name (the stored object carries none).
    const { download, file } = await downloadAttachment(
      staffPage, staffPage.getByTestId('attachment-download').first(), /^\/staff\/patients\/[^/]+\/attachments\/[^/]+$/);
    assert.equal(file.headers['content-disposition'], 'attachment', 'the file is served with no name of its own');
    assert.equal(download.suggestedFilename(), 'receta.pdf');
    assert.match(download.url(), /^blob:/);
    assert.ok((await readFile(await download.path())).toString('latin1').startsWith('%PDF-'), 'the care team saves the PDF');
    await waitText(staffPage.getByTestId('attachment-download-status'), /^Se descargó receta\.pdf\.$/);
    await staffPage.getByTestId('staff-reply-body').fill(`Sí, el jueves a las 10 (${run}).`);
    await staffPage.getByTestId('staff-reply-send').click();
    await waitText(staffPage.getByTestId('app-status'), /Se envió su respuesta/);
    await staffPage.screenshot({ path: path.join(SHOTS, 'console-es.png'), fullPage: true });

    // --- Ben sees it arrive, in Spanish, with his message marked read. (A look already under way,
    //     the 20-second poll, would be joined: wait for it to end first.)
    await apiSettled(page);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
    const theirs = page.getByTestId('message').filter({ hasText: `Sí, el jueves a las 10 (${run}).` });
    await waitText(theirs.getByTestId('message-author'), /^Equipo de atención$/, 30_000);
    await waitText(page.getByTestId('message').first().getByTestId('message-receipt'), /Leído por su equipo de atención el \d+ de/);
    await page.screenshot({ path: path.join(SHOTS, 'thread-es.png'), fullPage: true });

    // --- Signed out, the sign-in page stays in Spanish; a fresh English browser, with no language
    //     chosen, follows the language of his session (his preference), before any other read.
    await page.getByTestId('sign-out').click();
    await waitText(page.getByTestId('signin-notice'), /Cerró la sesión/);
    const fresh = await newPhone();
    const other = await fresh.newPage();
    const linked = other.waitForResponse((r) => new URL(r.url()).pathname === '/auth/link');
    await signInByLink(other, BEN, await staffToken());
    assert.equal((await (await linked).json()).language, 'es', 'the session answer carries his language');
    await waitText(other.getByTestId('home-greeting'), /^Hola, Ben/);
    await waitAttr(other.locator('html'), 'lang', 'es');
    assert.equal(await other.evaluate(() => localStorage.getItem('portico.language')), null, 'followed, not kept as a choice');
    // Back to English for whoever runs next.
    await nav(other, 'profile');
    await other.getByTestId('profile-edit').click();
    await other.getByTestId('profile-input-language').selectOption('en');
    await other.getByTestId('profile-save').click();
    await waitText(other.getByTestId('app-status'), /Your details were saved/);
    english = true;
    await fresh.close();

    assertCleanConsole(watched, [...PENDING_ROUTES, { path: '/auth/refresh', status: 401 }, { path: '/auth/otp/start', status: 429 }], [subject]);
    assertCleanConsole(staffWatched, PENDING_ROUTES, []);
  } finally {
    await phone.close();
    await desk.close();
    // Stopped half-way: Ben goes back to English through the API, so the next suites find him as usual.
    if (!english) {
      const { token } = await patientToken(BEN);
      const reset = await gateway('PATCH', '/portal/me', { token, body: { language: 'en' } });
      assert.equal(reset.status, 200, `putting Ben back in English answered ${reset.status}`);
    }
  }
});
