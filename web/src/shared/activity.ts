// A person's last input on this page: the one notion of "activity" both apps use. The idle sign-out
// reads it, and every API request reports it (`X-Portico-Idle`), so the server extends a session's
// idle limit for what a person does, never for a poll, a refetch on focus or a timer.
//
// Input is a key, a pointer or a touch going down, or a wheel turned. Not input: the window or tab
// gaining focus or coming into view, a pointer moving over the page, and `scroll`, which also fires
// when the page scrolls itself (a heading focused on arrival); scrolling by hand starts with a wheel,
// a touch, a key or a pointer on the scroll bar, which all count.
import { useEffect, useRef } from 'react';

export const IDLE_HEADER = 'X-Portico-Idle';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'touchstart', 'wheel'] as const;

export class ActivityTracker {
  private last: number;

  /** Opening the page is the person's doing: it counts as their first input. */
  constructor(target: EventTarget | null) {
    this.last = Date.now();
    const touch = () => {
      this.last = Date.now();
    };
    for (const e of INPUT_EVENTS) target?.addEventListener(e, touch, { capture: true, passive: true });
  }

  /** Whole seconds since the person's last input. */
  idleSeconds(): number {
    return Math.max(0, Math.floor((Date.now() - this.last) / 1000));
  }
}

export const activity = new ActivityTracker(typeof window === 'undefined' ? null : window);

/**
 * Signs out once the person has been idle past `seconds` while `active`. Checked every half minute
 * and when the tab comes back into view (a phone may have held the timer back meanwhile).
 */
export function useIdleSignOut(
  active: boolean,
  seconds: number,
  signOut: () => void,
  tracker: ActivityTracker = activity,
) {
  // The latest callback, without restarting the clock whenever the page re-renders.
  const latest = useRef(signOut);
  latest.current = signOut;
  useEffect(() => {
    if (!active) return;
    const check = () => {
      if (tracker.idleSeconds() > seconds) latest.current();
    };
    const timer = window.setInterval(check, 30_000);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [active, seconds, tracker]);
}
