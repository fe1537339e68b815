// Portico patient portal: the router, the signed-in chrome, and session handling.
//
// Routes live in the URL fragment (#/home, #/profile, ...) and never carry personal information. An
// invitation link (#/invite/<token>) is read once and replaced in history at once.

import {
  ApiError, NetworkError, SessionEndedError, isSignedIn, logout, refreshSession, setSessionEndedHandler,
} from './api.js';
import { renderConsents } from './consents.js';
import { renderHome } from './home.js';
import { refreshUnread, renderMessages, showUnread } from './messages.js';
import { renderPreferences } from './preferences.js';
import { renderProfile } from './profile.js';
import { renderInvite, renderSignIn } from './sign-in.js';
import { clearAnnouncement, h, loading, replace } from './ui.js';

const APP_NAME = 'Patient portal';

/** Signed-in screens are cleared after this long without a tap or key press (the server's idle limit). */
const IDLE_MINUTES = 30;

/**
 * The signed-in sections, in navigation order. `render(main, ctx, rest)` gets what follows the section's
 * name in the address (#/messages/<rest>): only opaque ids, never personal information.
 */
const SECTIONS = {
  home: { title: 'Home', render: renderHome },
  messages: { title: 'Messages', render: renderMessages },
  profile: { title: 'Your details', render: renderProfile },
  consents: { title: 'Consents', render: renderConsents },
  preferences: { title: 'Contact preferences', render: renderPreferences },
};

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const signOutButton = /** @type {HTMLButtonElement} */ (document.getElementById('sign-out'));

/** Every screen render gets a generation; a newer route makes older renders stop touching the page. */
let generation = 0;
/** After "Sign out" in this tab, going back must not bring the session back from the cookie. */
let signedOutHere = false;
/** The section to return to after signing in again (a route name: never personal information). */
let returnTo = null;
let lastActivity = Date.now();

function newContext() {
  generation += 1;
  const mine = generation;
  return {
    alive: () => mine === generation,
    signedIn: () => afterSignIn(),
    signInWith: (notice) => showSignIn(notice),
    failed: (err, retry) => {
      if (mine === generation) showFailure(err, retry);
    },
  };
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const slash = raw.indexOf('/');
  return slash === -1 ? { name: raw, rest: '' } : { name: raw.slice(0, slash), rest: raw.slice(slash + 1) };
}

function setTitle(title) {
  document.title = title ? `${title} – ${APP_NAME}` : APP_NAME;
}

function setChrome(signedIn, current) {
  nav.hidden = !signedIn;
  if (!signedIn) showUnread(0);
  signOutButton.hidden = !signedIn;
  document.body.classList.toggle('signed-in', signedIn);
  for (const link of nav.querySelectorAll('a[data-route]')) {
    if (signedIn && link.getAttribute('data-route') === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading instanceof HTMLElement) heading.focus({ preventScroll: false });
}

/** Goes to a route; `replace` rewrites the current history entry instead of adding one. */
function go(name, replaceEntry) {
  const hash = `#/${name}`;
  if (replaceEntry || location.hash === hash) {
    history.replaceState(null, '', hash);
    run();
  } else {
    location.hash = hash;
  }
}

function run() {
  route().catch((err) => showFailure(err, run));
}

async function route() {
  clearAnnouncement();
  const { name, rest } = parseHash();

  if (name === 'invite') {
    // Take the token out of the address bar and history before anything else happens.
    history.replaceState(null, '', `${location.pathname}${location.search}#/sign-in`);
    if (rest) {
      let token = rest;
      try {
        token = decodeURIComponent(rest);
      } catch {
        // Leave it as it came; the server will refuse it.
      }
      if (isSignedIn()) await logout();
      setChrome(false);
      setTitle('Welcome');
      returnTo = null;
      const ctx = newContext();
      await renderInvite(main, ctx, token);
      return;
    }
  }

  if (Object.hasOwn(SECTIONS, name)) {
    if (!isSignedIn()) {
      if (signedOutHere) {
        showSignIn();
        return;
      }
      const ctx = newContext();
      setChrome(false);
      setTitle('');
      replace(main, loading('Loading…'));
      let ok;
      try {
        ok = await refreshSession();
      } catch (err) {
        if (ctx.alive()) showFailure(err, run);
        return;
      }
      if (!ctx.alive()) return;
      if (!ok) {
        returnTo = name;
        showSignIn({ tone: 'info', text: SESSION_ENDED });
        return;
      }
    }
    await showSection(name, rest);
    return;
  }

  // The sign-in screen, the bare address, or an unknown route.
  if (isSignedIn()) {
    go('home', true);
    return;
  }
  if (!signedOutHere) {
    const ctx = newContext();
    replace(main, loading('Loading…'));
    let ok = false;
    try {
      ok = await refreshSession();
    } catch {
      ok = false;
    }
    if (!ctx.alive()) return;
    if (ok) {
      go(returnTo || 'home', true);
      returnTo = null;
      return;
    }
  }
  showSignIn();
}

async function showSection(name, rest = '') {
  const section = SECTIONS[name];
  setChrome(true, name);
  // The section's name only: never a subject or anything else from the screen.
  setTitle(section.title);
  const ctx = newContext();
  const rendering = section.render(main, ctx, rest);
  focusHeading();
  // Home and messages keep the unread badge up to date themselves; elsewhere it is refreshed here.
  if (name !== 'home' && name !== 'messages') refreshUnread();
  await rendering;
}

/**
 * Shows the sign-in screen (and forgets any session in this tab's memory).
 * @param {{ tone: 'info' | 'error', text: string }} [notice]
 */
function showSignIn(notice) {
  closeDialogs();
  setChrome(false);
  setTitle('Sign in');
  if (parseHash().name !== 'sign-in') history.replaceState(null, '', `${location.pathname}${location.search}#/sign-in`);
  const ctx = newContext();
  renderSignIn(main, ctx, { notice });
  focusHeading();
}

function closeDialogs() {
  for (const dialog of document.querySelectorAll('dialog')) dialog.remove();
}

function afterSignIn() {
  signedOutHere = false;
  lastActivity = Date.now();
  const target = returnTo && Object.hasOwn(SECTIONS, returnTo) ? returnTo : 'home';
  returnTo = null;
  go(target, true);
}

function showFailure(err, retry) {
  if (err instanceof SessionEndedError) return; // The sign-in screen is already showing.
  const message = err instanceof NetworkError || err instanceof ApiError
    ? err.message
    : 'Something went wrong. Please try again.';
  const again = h('button', { type: 'button', class: 'button', testid: 'retry', text: 'Try again' });
  again.addEventListener('click', () => retry());
  replace(main,
    h('h1', { tabindex: '-1', text: 'Sorry, that did not load' }),
    h('div', { class: 'alert alert-error', role: 'alert', testid: 'load-error' }, h('p', { text: message })),
    h('div', { class: 'actions' }, again));
}

let signingOut = false;

async function signOut(reason) {
  if (signingOut) return;
  signingOut = true;
  signedOutHere = true;
  returnTo = null;
  generation += 1; // Stop every screen still loading from painting personal information.
  closeDialogs();
  setChrome(false);
  replace(main, loading('Signing you out…'));
  setTitle('Sign in');
  await logout();
  signingOut = false;
  showSignIn({
    tone: 'info',
    text: reason === 'idle'
      ? `For your privacy, you were signed out after ${IDLE_MINUTES} minutes without activity. Please sign in again.`
      : 'You have signed out. If this is a shared device, you can now close this window.',
  });
}

setSessionEndedHandler(() => {
  const { name } = parseHash();
  returnTo = Object.hasOwn(SECTIONS, name) ? name : null;
  showSignIn({ tone: 'info', text: SESSION_ENDED });
});

signOutButton.addEventListener('click', () => {
  signOutButton.disabled = true;
  signOut('button').finally(() => {
    signOutButton.disabled = false;
  });
});

document.getElementById('skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

for (const type of ['pointerdown', 'keydown', 'touchstart', 'wheel']) {
  window.addEventListener(type, () => {
    lastActivity = Date.now();
  }, { capture: true, passive: true });
}

function checkIdle() {
  if (isSignedIn() && Date.now() - lastActivity > IDLE_MINUTES * 60_000) signOut('idle');
}
window.setInterval(checkIdle, 30_000);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') checkIdle();
});

// A page restored from the back/forward cache after signing out must not show what it showed before.
window.addEventListener('pageshow', (event) => {
  if (event.persisted && !isSignedIn() && document.body.classList.contains('signed-in')) run();
});

window.addEventListener('hashchange', run);
run();
