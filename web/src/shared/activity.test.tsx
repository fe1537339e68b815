import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ActivityTracker, useIdleSignOut } from './activity';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-01T09:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('ActivityTracker', () => {
  it('counts whole seconds from the page opening until the first input', () => {
    const tracker = new ActivityTracker(new EventTarget());
    expect(tracker.idleSeconds()).toBe(0);
    vi.advanceTimersByTime(59_999);
    expect(tracker.idleSeconds()).toBe(59);
  });

  it.each(['keydown', 'pointerdown', 'touchstart', 'wheel'])('starts again from a %s', (input) => {
    const page = new EventTarget();
    const tracker = new ActivityTracker(page);
    vi.advanceTimersByTime(90_000);
    page.dispatchEvent(new Event(input));
    expect(tracker.idleSeconds()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(tracker.idleSeconds()).toBe(5);
  });

  it.each(['focus', 'visibilitychange', 'pointermove', 'scroll'])(
    'does not take a %s for a person (a refetch on focus is not activity)',
    (notInput) => {
      const page = new EventTarget();
      const tracker = new ActivityTracker(page);
      vi.advanceTimersByTime(120_000);
      page.dispatchEvent(new Event(notInput));
      expect(tracker.idleSeconds()).toBe(120);
    },
  );
});

function IdleProbe({ active, tracker, signOut }: { active: boolean; tracker: ActivityTracker; signOut: () => void }) {
  useIdleSignOut(active, 30 * 60, signOut, tracker);
  return null;
}

describe('useIdleSignOut', () => {
  function mount(page: EventTarget, signOut: () => void, active = true) {
    const tracker = new ActivityTracker(page);
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() => root.render(<IdleProbe active={active} tracker={tracker} signOut={signOut} />));
    return () => act(() => root.unmount());
  }

  it('signs out once the tracker has seen no input for longer than the limit', () => {
    const signOut = vi.fn();
    const unmount = mount(new EventTarget(), signOut);
    vi.advanceTimersByTime(30 * 60_000);
    expect(signOut).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30_000);
    expect(signOut).toHaveBeenCalledOnce();
    unmount();
  });

  it('reads the same clock as the requests: an input puts the sign-out off', () => {
    const page = new EventTarget();
    const signOut = vi.fn();
    const unmount = mount(page, signOut);
    vi.advanceTimersByTime(20 * 60_000);
    page.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(20 * 60_000);
    expect(signOut).not.toHaveBeenCalled();
    vi.advanceTimersByTime(11 * 60_000);
    expect(signOut).toHaveBeenCalled();
    unmount();
  });

  it('checks when the tab comes back into view, without waiting for a held-back timer', () => {
    const signOut = vi.fn();
    const unmount = mount(new EventTarget(), signOut);
    vi.setSystemTime(Date.now() + 31 * 60_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(signOut).toHaveBeenCalledOnce();
    unmount();
  });

  it('does nothing while not signed in', () => {
    const signOut = vi.fn();
    const unmount = mount(new EventTarget(), signOut, false);
    vi.advanceTimersByTime(60 * 60_000);
    expect(signOut).not.toHaveBeenCalled();
    unmount();
  });
});
