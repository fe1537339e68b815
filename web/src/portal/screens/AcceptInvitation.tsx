// Accepting an invitation to act for someone (`/#/proxy-invitation/<token>`), signed out: the code the
// person who invited you told you, and their date of birth; your own too when you have no account at
// the practice yet (the server says so, naming the field). Then: sign in as usual.
import { useRef, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { BusyButton, ErrorMessage, Field, PageHeading } from '../../shared/ui/components';
import { describeFieldError, fieldDetail } from '../../shared/ui/errors';
import { auth, type S } from '../api';
import { usePageTitle } from '../parts/Header';

export function AcceptInvitation({ token, onSignIn }: { token: string; onSignIn: () => void }) {
  const { t, tr } = useI18n();
  usePageTitle(t('portal.accept.title'));
  const [code, setCode] = useState('');
  const [patientDob, setPatientDob] = useState('');
  const [yourDob, setYourDob] = useState('');
  // Shown once the server says the invitee has no account yet.
  const [needsYours, setNeedsYours] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<S['ProxyAccepted'] | null>(null);
  const yoursRef = useRef<HTMLInputElement>(null);

  if (done) {
    return (
      <section className="card narrow stack" data-testid="accept-done">
        <PageHeading>{t('portal.accept.doneTitle', { name: done.patient_given_name })}</PageHeading>
        <p data-testid="accept-done-body">
          {t('portal.accept.doneBody', { name: done.patient_given_name, destination: done.destination })}
        </p>
        <div className="actions">
          <button type="button" className="button" data-testid="accept-sign-in" onClick={onSignIn}>
            {t('portal.accept.signIn')}
          </button>
        </div>
      </section>
    );
  }

  const yourError = needsYours ? fieldDetail(error, 'your_date_of_birth') : '';
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await auth.acceptProxy({
        token,
        code: code.trim(),
        patient_date_of_birth: patientDob,
        ...(needsYours && yourDob ? { your_date_of_birth: yourDob } : {}),
      });
      setDone(answer);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && fieldDetail(err, 'your_date_of_birth')) {
        const first = !needsYours;
        setNeedsYours(true);
        // The first time, the field is new: the question, not an error.
        setError(first ? null : err);
        if (first) window.setTimeout(() => yoursRef.current?.focus(), 0);
      } else {
        setError(err);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow stack" data-testid="accept">
      <PageHeading>{t('portal.accept.title')}</PageHeading>
      <p>{t('portal.accept.lead')}</p>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={t('portal.accept.code')} hint={t('portal.accept.codeHint')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              inputMode="numeric"
              autoComplete="one-time-code"
              data-testid="accept-code"
              aria-describedby={describedBy || undefined}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('portal.accept.patientDob')} hint={t('portal.accept.patientDobHint')}>
          {({ id, describedBy }) => (
            <input
              id={id}
              type="date"
              data-testid="accept-patient-dob"
              aria-describedby={describedBy || undefined}
              value={patientDob}
              onChange={(e) => setPatientDob(e.currentTarget.value)}
            />
          )}
        </Field>
        {needsYours ? (
          <Field
            label={t('portal.accept.yourDob')}
            hint={t('portal.accept.yourDobHint')}
            error={yourError ? describeFieldError(tr, t('portal.accept.yourDobNoun'), yourError) : undefined}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                ref={yoursRef}
                type="date"
                data-testid="accept-your-dob"
                aria-describedby={describedBy || undefined}
                aria-invalid={invalid || undefined}
                value={yourDob}
                onChange={(e) => setYourDob(e.currentTarget.value)}
              />
            )}
          </Field>
        ) : null}
        <div aria-live="polite">
          {needsYours && !error ? (
            <p className="hint" data-testid="accept-needs-yours">
              {t('portal.accept.needsYours')}
            </p>
          ) : null}
        </div>
        <ErrorMessage error={yourError ? null : error} testid="accept-error" focus />
        <div className="actions">
          <BusyButton type="submit" busy={busy} busyLabel={t('common.sending')} data-testid="accept-submit">
            {t('portal.accept.submit')}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
