// Invitation links: `/invite/<token>` today, and `/#/invite/<token>` in emails already sent.

/** The token of an invitation link in this address, or null. */
export function inviteToken(loc: { pathname: string; hash: string }): string | null {
  const fromHash = /^#\/invite\/([^/?#]+)/.exec(loc.hash);
  const fromPath = /^\/invite\/([^/?#]+)\/?$/.exec(loc.pathname);
  const raw = fromHash?.[1] ?? fromPath?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The old hash routes (`#/messages/...`) as paths, so old bookmarks still land. */
export function legacyHashPath(hash: string): string | null {
  const m = /^#\/(home|messages(?:\/[A-Za-z0-9_-]+)?|profile|consents|preferences|sign-in)$/.exec(hash);
  return m ? `/${m[1]}` : null;
}

/** The token of an invitation to act for someone (`/#/proxy-invitation/<token>`), or null. */
export function proxyInvitationToken(loc: { pathname: string; hash: string }): string | null {
  const raw =
    /^#\/proxy-invitation\/([^/?#]+)/.exec(loc.hash)?.[1] ??
    /^\/proxy-invitation\/([^/?#]+)\/?$/.exec(loc.pathname)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The token of a notice's single-use link (`/#/open/<token>`), or null. */
export function openLinkToken(loc: { pathname: string; hash: string }): string | null {
  const raw = /^#\/open\/([^/?#]+)/.exec(loc.hash)?.[1] ?? /^\/open\/([^/?#]+)\/?$/.exec(loc.pathname)?.[1];
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
