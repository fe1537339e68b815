// Sign-in by a code sent by email or text. The waiting challenge (never the code) survives a reload
// of the tab for its lifetime; a "please wait" is information, not an error; help for a code that
// does not arrive reads the same for every address.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import {
  Alert,
  BusyButton,
  ErrorMessage,
  Field,
  LanguageSwitcher,
  PageHeading,
  SLOT,
  useResendWait,
  WithSlot,
} from '../../shared/ui/components';
import { adoptSession, auth, type S } from '../api';
import {
  clearChallenge,
  loadChallenge,
  looksLikeAddress,
  maskAddress,
  type PendingChallenge,
  saveChallenge,
} from '../challenge';
import { usePageTitle, usePractice } from '../parts/Header';
import { formatPhone, telHref } from '../phone';
import type { Channel } from '../reach';

/** Why the sign-in page shows: signed out (by the patient, or after the server's idle limit), or not. */
export type SignInNotice =
  | { kind: 'signedOut' | 'expired' | 'invite'; detail?: string }
  | { kind: 'idle'; minutes: number; detail?: undefined };

const NOTICE_KEYS = {
  signedOut: 'portal.signIn.notice.signedOut',
  idle: 'portal.signIn.notice.idle',
  expired: 'portal.signIn.notice.expired',
  invite: 'portal.signIn.notice.invite',
} as const;

export function SignIn({ notice, onSignedIn }: { notice: SignInNotice | null; onSignedIn: () => void }) {
  const { t } = useI18n();
  usePageTitle(t('portal.signIn.title'));
  const [challenge, setChallenge] = useState<PendingChallenge | null>(() => loadChallenge());
  const [channel, setChannel] = useState<Channel>(challenge?.channel ?? 'email');
  const [restored] = useState(() => challenge !== null);
  const addressRef = useRef('');

  return (
    <section className="card narrow stack" data-testid="signin">
      <div className="signin-top">
        <LanguageSwitcher />
      </div>
      <PageHeading>{t('portal.signIn.title')}</PageHeading>
      {notice ? (
        <Alert tone={notice.kind === 'invite' ? 'error' : 'info'} testid="signin-notice">
          {notice.detail ? <p>{notice.detail}</p> : null}
          <p>{t(NOTICE_KEYS[notice.kind], notice.kind === 'idle' ? { minutes: notice.minutes } : undefined)}</p>
        </Alert>
      ) : null}
      {challenge ? (
        <CodeStep
          challenge={challenge}
          restored={restored}
          address={addressRef.current}
          onNewChallenge={(c) => {
            saveChallenge(c);
            setChallenge(c);
          }}
          onChange={() => {
            clearChallenge();
            setChallenge(null);
          }}
          onSignedIn={() => {
            clearChallenge();
            onSignedIn();
          }}
        />
      ) : (
        <AddressStep
          channel={channel}
          setChannel={setChannel}
          initial={addressRef.current}
          onSent={(c, address) => {
            addressRef.current = address;
            saveChallenge(c);
            setChallenge(c);
          }}
        />
      )}
    </section>
  );
}

function WaitNote({ seconds, testid }: { seconds: number; testid: string }) {
  const { t } = useI18n();
  if (seconds <= 0) return null;
  return (
    <Alert tone="info" testid={testid}>
      <p>{t('portal.signIn.wait', { seconds })}</p>
    </Alert>
  );
}

function AddressStep({
  channel,
  setChannel,
  initial,
  onSent,
}: {
  channel: Channel;
  setChannel: (c: Channel) => void;
  initial: string;
  onSent: (c: PendingChallenge, address: string) => void;
}) {
  const { t } = useI18n();
  const [address, setAddress] = useState(initial);
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wait = useResendWait();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async () => {
    setError(null);
    const value = address.trim();
    if (!looksLikeAddress(channel, value)) {
      setFieldError(t(channel === 'email' ? 'portal.signIn.address.badEmail' : 'portal.signIn.address.badPhone'));
      inputRef.current?.focus();
      return;
    }
    setFieldError('');
    setBusy(true);
    try {
      const sent = await auth.startCode(channel, value);
      onSent(
        {
          challengeId: sent.challenge_id,
          channel,
          masked: maskAddress(channel, value),
          expiresAt: Date.now() + sent.expires_in * 1000,
          resendAt: Date.now() + sent.resend_after * 1000,
        },
        value,
      );
    } catch (err) {
      if (!wait.refused(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy && wait.refusal === 0) void submit();
      }}
    >
      <p id="signin-intro">{t('portal.signIn.intro', { digits: limits.signInCode.length })}</p>
      <fieldset className="choices">
        <legend>{t('portal.signIn.channel.legend')}</legend>
        {(['email', 'sms'] as const).map((c) => (
          <div className="choice" key={c}>
            <input
              type="radio"
              name="channel"
              id={`signin-channel-${c}`}
              data-testid={`signin-channel-${c}`}
              value={c}
              checked={channel === c}
              onChange={() => {
                setChannel(c);
                setAddress('');
                setFieldError('');
              }}
            />
            <label htmlFor={`signin-channel-${c}`}>
              {t(c === 'email' ? 'portal.signIn.channel.email' : 'portal.signIn.channel.sms')}
            </label>
          </div>
        ))}
      </fieldset>
      <Field
        label={t(channel === 'email' ? 'portal.signIn.address.emailLabel' : 'portal.signIn.address.phoneLabel')}
        hint={t(channel === 'email' ? 'portal.signIn.address.emailHint' : 'portal.signIn.address.phoneHint')}
        error={fieldError}
      >
        {({ id, describedBy, invalid }) => (
          <input
            ref={inputRef}
            id={id}
            name="address"
            data-testid="signin-address"
            type={channel === 'email' ? 'email' : 'tel'}
            autoComplete={channel === 'email' ? 'email' : 'tel'}
            inputMode={channel === 'email' ? 'email' : 'tel'}
            spellCheck={false}
            autoCapitalize="off"
            required
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
          />
        )}
      </Field>
      <WaitNote seconds={wait.refusal} testid="signin-wait" />
      <ErrorMessage error={error} testid="signin-error" />
      <div className="actions">
        <BusyButton
          type="submit"
          busy={busy}
          busyLabel={t('common.sending')}
          disabled={wait.refusal > 0}
          data-testid="signin-send"
        >
          {wait.refusal > 0 ? t('portal.signIn.sendWait', { seconds: wait.refusal }) : t('portal.signIn.send')}
        </BusyButton>
      </div>
    </form>
  );
}

/**
 * The code step of signing in (also a notice link's, which sends its code itself: `sent` words it,
 * `resendable` false hides "Send a new code", and `changeLabel` words the way out).
 */
export function CodeStep({
  challenge,
  restored,
  address,
  onNewChallenge,
  onChange,
  onSignedIn,
  sent,
  resendable = true,
  changeLabel,
}: {
  challenge: PendingChallenge;
  restored: boolean;
  address: string;
  onNewChallenge: (c: PendingChallenge) => void;
  onChange: () => void;
  onSignedIn: () => void;
  sent?: string;
  resendable?: boolean;
  changeLabel?: string;
}) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<'' | 'verify' | 'resend'>('');
  const wait = useResendWait();
  const codeRef = useRef<HTMLInputElement>(null);
  const practice = usePractice(true);
  const minutes = Math.max(1, Math.round((challenge.expiresAt - Date.now()) / 60_000));

  // As the field appears (not a frame later, when the first digits may already be typed).
  useLayoutEffect(() => {
    codeRef.current?.focus();
  }, []);

  // Another code only once the server allows it: counted down from the sending (a reload included).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per challenge
  useEffect(() => {
    wait.sent((challenge.resendAt - Date.now()) / 1000);
  }, [challenge.challengeId]);

  const verify = async (value: string) => {
    setError(null);
    setStatus('');
    const digits = value.replace(/[\s-]/g, '');
    if (!limits.signInCode.pattern.test(digits)) {
      setFieldError(t('portal.signIn.code.bad', { digits: limits.signInCode.length }));
      codeRef.current?.focus();
      return;
    }
    setFieldError('');
    setBusy('verify');
    try {
      adoptSession(await auth.verifyCode(challenge.challengeId, digits));
      onSignedIn();
    } catch (err) {
      setCode('');
      if (!wait.refused(err)) setError(err);
      codeRef.current?.focus();
    } finally {
      setBusy('');
    }
  };

  // Phones that support WebOTP fill the code from the text (its last line names this origin).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per challenge
  useEffect(() => {
    if (challenge.channel !== 'sms' || !('OTPCredential' in window)) return;
    const abort = new AbortController();
    navigator.credentials
      .get({ otp: { transport: ['sms'] }, signal: abort.signal } as CredentialRequestOptions)
      .then((cred) => {
        const otp = (cred as unknown as { code?: string } | null)?.code;
        if (otp) {
          setCode(otp);
          void verify(otp);
        }
      })
      .catch(() => {});
    return () => abort.abort();
  }, [challenge.challengeId]);

  const resend = async () => {
    if (!address) {
      // After a reload the full address is not kept (only a hint of it): ask for it again.
      onChange();
      return;
    }
    setError(null);
    setStatus('');
    setBusy('resend');
    try {
      const sent = await auth.startCode(challenge.channel, address);
      onNewChallenge({
        ...challenge,
        challengeId: sent.challenge_id,
        expiresAt: Date.now() + sent.expires_in * 1000,
        resendAt: Date.now() + sent.resend_after * 1000,
      });
      setCode('');
      setStatus(t('portal.signIn.resent'));
      codeRef.current?.focus();
    } catch (err) {
      if (!wait.refused(err)) setError(err);
    } finally {
      setBusy('');
    }
  };

  return (
    <form
      className="stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void verify(code);
      }}
    >
      <h2>{t('portal.signIn.code.title')}</h2>
      {restored ? (
        <p className="hint" data-testid="signin-restored">
          {t('portal.signIn.restored')}
        </p>
      ) : null}
      <p data-testid="signin-sent">
        {sent ??
          t(challenge.channel === 'email' ? 'portal.signIn.sentEmail' : 'portal.signIn.sentSms', {
            address: challenge.masked,
            digits: limits.signInCode.length,
            minutes,
          })}
      </p>
      <Field
        label={t('portal.signIn.code.label', { digits: limits.signInCode.length })}
        hint={t('portal.signIn.code.hint')}
        error={fieldError}
      >
        {({ id, describedBy, invalid }) => (
          <input
            ref={codeRef}
            id={id}
            name="code"
            className="code-input"
            data-testid="signin-code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            spellCheck={false}
            required
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
        )}
      </Field>
      <WaitNote seconds={wait.refusal} testid="signin-wait" />
      <ErrorMessage error={error} testid="signin-error" />
      <p className="status-text" role="status" data-testid="signin-status">
        {status}
      </p>
      <div className="actions">
        <BusyButton type="submit" busy={busy === 'verify'} busyLabel={t('common.checking')} data-testid="signin-verify">
          {t('portal.signIn.verify')}
        </BusyButton>
        {resendable ? (
          <BusyButton
            type="button"
            className="button button-secondary"
            busy={busy === 'resend'}
            busyLabel={t('common.sending')}
            disabled={wait.left > 0}
            data-testid="signin-resend"
            onClick={() => void resend()}
          >
            {wait.left > 0 ? t('portal.signIn.resendWait', { seconds: wait.left }) : t('portal.signIn.resend')}
          </BusyButton>
        ) : null}
      </div>
      <button type="button" className="link-button" data-testid="signin-change" onClick={onChange}>
        {changeLabel ?? t('portal.signIn.change')}
      </button>
      <details className="help" data-testid="signin-help">
        <summary>{t('portal.signIn.help.title')}</summary>
        <ul>
          <li>{t('portal.signIn.help.spam')}</li>
          <li>{t('portal.signIn.help.other')}</li>
          <li data-testid="signin-help-call">
            <CallThePractice practice={practice.data} />
          </li>
        </ul>
      </details>
    </form>
  );
}

/** "Call <practice> at <phone>", the number a link a phone can dial; less when the practice says less. */
function CallThePractice({ practice }: { practice: S['PracticeInfo'] | null | undefined }) {
  const { t } = useI18n();
  if (!practice) return <>{t('portal.signIn.help.call')}</>;
  const href = telHref(practice.phone);
  if (!practice.phone || !href) return <>{t('portal.signIn.help.callPractice', { practice: practice.name })}</>;
  return (
    <WithSlot text={t('portal.signIn.help.callPracticeAt', { practice: practice.name, phone: SLOT })}>
      <a href={href} data-testid="signin-help-phone">
        {formatPhone(practice.phone)}
      </a>
    </WithSlot>
  );
}
