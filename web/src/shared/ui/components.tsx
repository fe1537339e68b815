// Small shared building blocks, named for what a person sees.
import {
  type ButtonHTMLAttributes,
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { ApiError } from '../api/errors';
import { useI18n } from '../i18n/I18nProvider';
import type { Values } from '../i18n/i18n';
import { limits } from '../limits';
import { describeError, errorReference } from './errors';

/**
 * A page's main heading: focused when the page opens, so keyboard and screen reader users start there.
 * Focused as it is put on the page (a layout effect), not a frame later: a key pressed meanwhile (a
 * fast Tab) would otherwise be undone.
 */
export function PageHeading({ children, testid }: { children: ReactNode; testid?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} data-testid={testid}>
      {children}
    </h1>
  );
}

type Tone = 'info' | 'error' | 'success' | 'warn';

export function Alert({
  tone,
  children,
  testid,
  focus,
}: {
  tone: Tone;
  children: ReactNode;
  testid?: string;
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div
      ref={ref}
      className={`alert alert-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid={testid}
      tabIndex={focus ? -1 : undefined}
    >
      {children}
    </div>
  );
}

/** An error from the API or the network, in words, with a reference for server failures. */
export function ErrorMessage({ error, testid, focus }: { error: unknown; testid?: string; focus?: boolean }) {
  const { tr, t } = useI18n();
  const { clear } = useStatus();
  // A new error replaces the last success message: the two never stand side by side.
  useEffect(() => {
    if (error) clear();
  }, [error, clear]);
  if (!error) return null;
  const reference = errorReference(error);
  return (
    <Alert tone="error" testid={testid} focus={focus}>
      <p>{describeError(tr, error)}</p>
      {reference ? <p>{t('common.error.reference', { reference })}</p> : null}
    </Alert>
  );
}

/** Stands in a catalog message for the one part that is an element (a link): see `WithSlot`. */
export const SLOT = '\u2063';

/**
 * A catalog message with one element in it, where the message puts it (`Call {practice} at {phone}`
 * with the phone a link): the message is formatted with `SLOT` for that argument, so each language
 * keeps its own word order.
 */
export function WithSlot({ text, children }: { text: string; children: ReactNode }) {
  const at = text.indexOf(SLOT);
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      {children}
      {text.slice(at + SLOT.length)}
    </>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid="loading">
      {label ?? t('common.loading')}
    </p>
  );
}

/** A failed screen load, with a way to try again. */
export function LoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="stack">
      <ErrorMessage error={error} testid="load-error" />
      <div className="actions">
        <button type="button" className="button" data-testid="retry" onClick={retry}>
          {t('common.tryAgain')}
        </button>
      </div>
    </div>
  );
}

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  children: (ids: { id: string; describedBy: string; invalid: boolean }) => ReactNode;
  className?: string;
}

/** A labelled control with its hint and its error, wired for assistive technology. */
export function Field({ label, hint, error, optional, children, className }: FieldProps) {
  const { t } = useI18n();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t('common.optional')}</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
    </div>
  );
}

/** A button that says it is busy and cannot be pressed twice. */
export function BusyButton({
  busy,
  busyLabel,
  children,
  className = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { busy: boolean; busyLabel: string; 'data-testid'?: string }) {
  return (
    <button {...rest} className={className} disabled={busy || rest.disabled} aria-busy={busy || undefined}>
      {busy ? busyLabel : children}
    </button>
  );
}

/** Seconds left before something may be asked again; 0 when it may. */
export function useCountdown(): [number, (seconds: number) => void] {
  const [until, setUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const timer = window.setTimeout(() => setNow(Date.now()), 250);
    return () => window.clearTimeout(timer);
  }, [until, now]);
  const start = useCallback((seconds: number) => {
    // One reading of the clock: two could straddle a millisecond and show a second too many.
    const at = Date.now();
    setNow(at);
    setUntil(at + Math.max(1, Math.ceil(seconds)) * 1000);
  }, []);
  return [Math.max(0, Math.ceil((until - now) / 1000)), start];
}

/**
 * When another code may be asked for. Once one is sent, the server's `resend_after` holds the button
 * back (it counts down); a refusal for asking too soon (429) holds it for its Retry-After and is said
 * in words as well (`refusal`).
 */
export function useResendWait() {
  const [cooldown, startCooldown] = useCountdown();
  const [refusal, startRefusal] = useCountdown();
  const sent = useCallback(
    (resendAfterSeconds: number) => {
      if (resendAfterSeconds > 0) startCooldown(resendAfterSeconds);
    },
    [startCooldown],
  );
  /** True when `err` was a "too soon" refusal, now counted down. */
  const refused = useCallback(
    (err: unknown): boolean => {
      if (!(err instanceof ApiError) || err.status !== 429) return false;
      startRefusal(err.retryAfter ?? limits.defaultWaitSeconds);
      return true;
    },
    [startRefusal],
  );
  return { left: Math.max(cooldown, refusal), refusal, sent, refused };
}

// ------------------------------------------------------------------------------------------------
// The page's status line: in the flow of the page (never over content), cleared on navigation and
// when an error takes its place.

interface StatusValue {
  key: string;
  values: Values | undefined;
  /**
   * Shows the catalog message `key` on the page at `path` (this page when omitted); another page hides
   * it. Kept as a key, so it reads in the language chosen a moment later too.
   */
  announce: (key: string, values?: Values, path?: string) => void;
  clear: () => void;
}
const StatusContext = createContext<StatusValue>({ key: '', values: undefined, announce: () => {}, clear: () => {} });

export function StatusProvider({ children, path }: { children: ReactNode; path: string }) {
  const [status, setStatus] = useState<{ key: string; values?: Values; path: string }>({ key: '', path: '' });
  const announce = useCallback(
    (key: string, values?: Values, at?: string) => setStatus({ key, values, path: at ?? path }),
    [path],
  );
  const clear = useCallback(() => setStatus({ key: '', path: '' }), []);
  const shown = status.path === path ? status : { key: '', values: undefined };
  return (
    <StatusContext.Provider value={{ key: shown.key, values: shown.values, announce, clear }}>
      {children}
    </StatusContext.Provider>
  );
}
export const useStatus = () => useContext(StatusContext);

/** Shows the last status in the flow of the page (polite live region) until another page or an error. */
export function StatusLine() {
  const { key, values, clear } = useStatus();
  const { t } = useI18n();
  const message = key ? t(key, values) : '';
  return (
    <div className="status-slot" role="status" aria-live="polite" data-testid="app-status-region">
      {message ? (
        <div className="alert alert-success status-line-banner" data-testid="app-status">
          <p>{message}</p>
          <button type="button" className="link-button" onClick={clear} data-testid="app-status-dismiss">
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Asks to confirm in a modal dialog; `onAnswer(true)` only when confirmed. The focus starts on the
 * safe choice and goes back where it was when the dialog closes. With `busy`, the dialog stays while
 * the change is made (both buttons wait), and `children` (an error, say) show above the buttons.
 */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  cancelLabel,
  danger,
  busy = false,
  busyLabel,
  testid,
  onAnswer,
  children,
  canConfirm = true,
}: {
  open: boolean;
  title: string;
  body: string[];
  confirmLabel: string;
  /** False when only going back is possible (what the body says cannot be done here). */
  canConfirm?: boolean;
  cancelLabel: string;
  danger?: boolean;
  busy?: boolean;
  busyLabel?: string;
  testid: string;
  onAnswer: (yes: boolean) => void;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const noRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    noRef.current?.focus();
    return () => {
      // Unless the page has put the focus somewhere since (where a change left something to read).
      const lost =
        !document.activeElement || document.activeElement === document.body || dialog.contains(document.activeElement);
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      data-testid={testid}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onAnswer(false);
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={bodyId}>
        {body.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      {children}
      <div className="actions">
        {canConfirm ? (
          <BusyButton
            type="button"
            className={danger ? 'button button-danger' : 'button'}
            busy={busy}
            busyLabel={busyLabel ?? confirmLabel}
            data-testid={`${testid}-yes`}
            onClick={() => onAnswer(true)}
          >
            {confirmLabel}
          </BusyButton>
        ) : null}
        <button
          ref={noRef}
          type="button"
          className="button button-secondary"
          data-testid={`${testid}-no`}
          disabled={busy}
          onClick={() => onAnswer(false)}
        >
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}

/** The language switcher: a native select, labelled in both languages' own names. */
export function LanguageSwitcher({ testid = 'language-switcher' }: { testid?: string }) {
  const { lang, setLang, t } = useI18n();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('common.language.label')}</label>
      <select
        id={id}
        data-testid={testid}
        value={lang}
        onChange={(e) => setLang(e.currentTarget.value === 'es' ? 'es' : 'en')}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="es" lang="es">
          Español
        </option>
      </select>
    </div>
  );
}
