// "For your security, confirm it's you": changing a sign-in address needs a recent sign-in, so the
// patient signs in again, in a dialog, with a code sent to an address already on file (never to the
// new one). The fresh session replaces the current one; the change is then retried by the caller.
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { Alert, BusyButton, ErrorMessage, Field, useResendWait } from '../../shared/ui/components';
import { adoptFreshSignIn, auth, type S } from '../api';
import { maskAddress } from '../challenge';

type Channel = S['Channel'];

interface Sent {
  channel: Channel;
  address: string;
  challengeId: string;
}

export function ConfirmItsYou({
  profile,
  onConfirmed,
  onCancel,
}: {
  profile: S['ProfileView'];
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const whyId = useId();
  const [sent, setSent] = useState<Sent | null>(null);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'' | Channel | 'verify'>('');
  const wait = useResendWait();

  const onFile = (
    [
      ['email', profile.email],
      ['sms', profile.phone],
    ] as const
  ).flatMap(([channel, address]) => (address ? [{ channel, address }] : []));

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector('button')?.focus();
    return () => dialog?.close();
  }, []);

  // The code field takes the focus as it appears.
  useEffect(() => {
    if (sent) codeRef.current?.focus();
  }, [sent]);

  const send = async (channel: Channel, address: string, again: boolean) => {
    setError(null);
    setNote('');
    setBusy(channel);
    try {
      const started = await auth.startCode(channel, address);
      setSent({ channel, address, challengeId: started.challenge_id });
      wait.sent(started.resend_after);
      setCode('');
      if (again) {
        setNote(t('portal.reauth.resent'));
        codeRef.current?.focus();
      }
    } catch (err) {
      if (!wait.refused(err)) setError(err);
    } finally {
      setBusy('');
    }
  };

  const verify = async () => {
    if (!sent) return;
    setError(null);
    setNote('');
    const digits = code.replace(/[\s-]/g, '');
    if (!limits.signInCode.pattern.test(digits)) {
      setFieldError(t('portal.signIn.code.bad', { digits: limits.signInCode.length }));
      codeRef.current?.focus();
      return;
    }
    setFieldError('');
    setBusy('verify');
    try {
      const answer = await auth.verifyCode(sent.challengeId, digits);
      setBusy('');
      if (adoptFreshSignIn(answer, profile.patient_id)) onConfirmed();
    } catch (err) {
      setBusy('');
      setCode('');
      if (!wait.refused(err)) setError(err);
      codeRef.current?.focus();
    }
  };

  const waitNote =
    wait.refusal > 0 ? (
      <Alert tone="info" testid="reauth-wait">
        <p>{t('portal.signIn.wait', { seconds: wait.refusal })}</p>
      </Alert>
    ) : null;

  return (
    <dialog
      ref={ref}
      className="dialog stack"
      aria-labelledby={titleId}
      aria-describedby={whyId}
      data-testid="reauth"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{t('portal.reauth.title')}</h2>
      <p id={whyId}>{t('portal.reauth.why')}</p>
      {sent ? (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy) void verify();
          }}
        >
          <p data-testid="reauth-sent">
            {t('portal.reauth.sent', {
              address: maskAddress(sent.channel, sent.address),
              digits: limits.signInCode.length,
            })}
          </p>
          <Field label={t('portal.signIn.code.label', { digits: limits.signInCode.length })} error={fieldError}>
            {({ id, describedBy, invalid }) => (
              <input
                ref={codeRef}
                id={id}
                name="code"
                className="code-input"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]*"
                data-testid="reauth-code"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
            )}
          </Field>
          {waitNote}
          <ErrorMessage error={error} testid="reauth-error" />
          <p className="status-text" role="status" data-testid="reauth-status">
            {note}
          </p>
          <div className="actions">
            <BusyButton
              type="submit"
              busy={busy === 'verify'}
              busyLabel={t('common.checking')}
              data-testid="reauth-verify"
            >
              {t('portal.reauth.verify')}
            </BusyButton>
            <BusyButton
              type="button"
              className="button button-secondary"
              busy={busy === sent.channel}
              busyLabel={t('common.sending')}
              disabled={wait.left > 0 || busy !== ''}
              data-testid="reauth-resend"
              onClick={() => void send(sent.channel, sent.address, true)}
            >
              {wait.left > 0 ? t('portal.signIn.resendWait', { seconds: wait.left }) : t('portal.signIn.resend')}
            </BusyButton>
            <button type="button" className="button button-secondary" data-testid="reauth-cancel" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="stack">
          {onFile.length ? <p>{t('portal.reauth.choose')}</p> : <p>{t('portal.reauth.noAddress')}</p>}
          {waitNote}
          <ErrorMessage error={error} testid="reauth-error" />
          <div className="actions">
            {onFile.map(({ channel, address }) => (
              <BusyButton
                key={channel}
                type="button"
                busy={busy === channel}
                busyLabel={t('common.sending')}
                disabled={wait.refusal > 0 || busy !== ''}
                data-testid={`reauth-send-${channel}`}
                onClick={() => void send(channel, address, false)}
              >
                {t(channel === 'email' ? 'portal.reauth.sendEmail' : 'portal.reauth.sendSms', {
                  address: maskAddress(channel, address),
                })}
              </BusyButton>
            ))}
            <button type="button" className="button button-secondary" data-testid="reauth-cancel" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
