// Autopay on the Billing screen: opt-in only. What it does is said before anything else; then the most
// it may charge at once (typed as money, read into whole cents as the pay form does), an explicit
// consent box that starts unchecked, and a card saved with Stripe's Payment Element (a SetupIntent:
// nothing is charged). The card is saved first (`confirmSetup`), then autopay is turned on with the
// SetupIntent, the limit and the consent. When on: the limit, since when, what the last run did in
// plain words, a pause during a dispute, and turning it off (after a confirmation).
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { Alert, BusyButton, ConfirmDialog, ErrorMessage, Field, Loading, useStatus } from '../../shared/ui/components';
import { describeFieldError, fieldCode, fieldDetail } from '../../shared/ui/errors';
import {
  type Autopay as AutopayView,
  amountText,
  type Billing as BillingView,
  billing,
  formatMoney,
  loadStripe,
  newPaymentKey,
  parseAmount,
  type S,
  type StripeClient,
  type StripeElements,
  type StripePaymentElement,
} from './BillingApi';

/** What the last run did, in plain words. */
export const OUTCOME = {
  charged: 'portal.billing.autopay.outcome.charged',
  nothing_due: 'portal.billing.autopay.outcome.nothingDue',
  over_cap: 'portal.billing.autopay.outcome.overCap',
  declined: 'portal.billing.autopay.outcome.declined',
  gave_up: 'portal.billing.autopay.outcome.gaveUp',
  needs_patient: 'portal.billing.autopay.outcome.needsPatient',
} as const satisfies Record<S['RunOutcome'], string>;

/** The outcomes that ask the patient to pay here themselves. */
const NEEDS_YOU: readonly S['RunOutcome'][] = ['over_cap', 'gave_up', 'needs_patient'];

/** A failure worth sending again as is (with the same Idempotency-Key): no answer, or the server's own. */
const retryable = (err: unknown) => err instanceof NetworkError || (err instanceof ApiError && err.status >= 500);

type CapProblem = 'format' | 'zero';

/**
 * Autopay's section: its state when on, or what it does and the way to set it up. Not offered where the
 * practice takes no payments online (the server refuses it there); an autopay on is still shown.
 */
export function Autopay({ data, onChanged }: { data: BillingView; onChanged: (autopay: AutopayView | null) => void }) {
  const { t } = useI18n();
  const status = useStatus();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [setting, setSetting] = useState(false);
  const [focusHeading, setFocusHeading] = useState(false);
  const autopay = data.autopay ?? null;
  const on = Boolean(autopay?.active);
  useEffect(() => {
    if (!focusHeading) return;
    headingRef.current?.focus();
    setFocusHeading(false);
  }, [focusHeading]);
  if (!on && !data.pay.enabled) return null;
  return (
    <section
      className="card stack billing-autopay"
      data-testid="billing-autopay"
      data-active={on}
      aria-labelledby="billing-autopay-title"
    >
      <h2 id="billing-autopay-title" ref={headingRef} tabIndex={-1}>
        {t('portal.billing.autopay.title')}
      </h2>
      {on && autopay ? (
        <AutopayOn
          autopay={autopay}
          currency={data.currency}
          onOff={() => {
            onChanged(autopay ? { ...autopay, active: false } : null);
            status.announce('portal.billing.autopay.turnedOff');
            setFocusHeading(true);
          }}
        />
      ) : (
        <>
          <p data-testid="billing-autopay-explain">{t('portal.billing.autopay.explain')}</p>
          {setting ? (
            <AutopayForm
              data={data}
              onDone={(view) => {
                setSetting(false);
                onChanged(view);
                status.announce('portal.billing.autopay.turnedOn');
                setFocusHeading(true);
              }}
              onCancel={() => setSetting(false)}
            />
          ) : (
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                data-testid="billing-autopay-start"
                onClick={() => setSetting(true)}
              >
                {t('portal.billing.autopay.start')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function AutopayOn({ autopay, currency, onOff }: { autopay: AutopayView; currency: string; onOff: () => void }) {
  const { t, tr } = useI18n();
  const [asking, setAsking] = useState(false);
  const off = useMutation({
    mutationFn: billing.autopayOff,
    onSuccess: () => {
      setAsking(false);
      onOff();
    },
  });
  const outcome = autopay.last_outcome ?? null;
  return (
    <>
      <p data-testid="billing-autopay-on">
        <strong>{t('portal.billing.autopay.isOn')}</strong>
      </p>
      <dl className="billing-autopay-facts">
        <div>
          <dt>{t('portal.billing.autopay.limit')}</dt>
          <dd data-testid="billing-autopay-cap">
            {t('portal.billing.autopay.limitValue', { amount: formatMoney(tr.locale, currency, autopay.cap) })}
          </dd>
        </div>
        <div>
          <dt>{t('portal.billing.autopay.since')}</dt>
          <dd data-testid="billing-autopay-since">
            <time dateTime={autopay.consented_at}>{tr.dateTime(autopay.consented_at)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('portal.billing.autopay.last')}</dt>
          <dd>
            <span data-testid="billing-autopay-outcome" data-outcome={outcome ?? ''}>
              {t(outcome ? OUTCOME[outcome] : 'portal.billing.autopay.outcome.none')}
            </span>
            {autopay.last_run_at ? (
              <span className="hint billing-autopay-when" data-testid="billing-autopay-last-when">
                {t('portal.billing.autopay.lastWhen', { when: tr.dateTime(autopay.last_run_at) })}
                {autopay.last_amount
                  ? ` · ${t('portal.billing.autopay.lastAmount', { amount: formatMoney(tr.locale, currency, autopay.last_amount) })}`
                  : ''}
              </span>
            ) : null}
          </dd>
        </div>
        {autopay.next_run_at ? (
          <div>
            <dt>{t('portal.billing.autopay.next')}</dt>
            <dd data-testid="billing-autopay-next">
              {t('portal.billing.autopay.nextValue', { when: tr.dateTime(autopay.next_run_at) })}
            </dd>
          </div>
        ) : null}
      </dl>
      {outcome && NEEDS_YOU.includes(outcome) ? (
        <Alert tone="warn" testid="billing-autopay-needs-you">
          <p>{t('portal.billing.autopay.payHere')}</p>
        </Alert>
      ) : null}
      {autopay.paused ? (
        <Alert tone="info" testid="billing-autopay-paused">
          <p>{t('portal.billing.autopay.paused')}</p>
        </Alert>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="button button-secondary"
          data-testid="billing-autopay-off"
          onClick={() => {
            off.reset();
            setAsking(true);
          }}
        >
          {t('portal.billing.autopay.turnOff')}
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title={t('portal.billing.autopay.offTitle')}
        body={[t('portal.billing.autopay.offBody')]}
        confirmLabel={t('portal.billing.autopay.turnOff')}
        cancelLabel={t('portal.billing.autopay.keepOn')}
        busy={off.isPending}
        busyLabel={t('portal.billing.autopay.turningOff')}
        testid="billing-autopay-off-confirm"
        onAnswer={(yes) => (yes ? off.mutate() : setAsking(false))}
      >
        {off.error ? <ErrorMessage error={off.error} testid="billing-autopay-off-error" /> : null}
      </ConfirmDialog>
    </>
  );
}

type Mounted = { stripe: StripeClient; elements: StripeElements; element: StripePaymentElement };

/**
 * Setting autopay up: the limit, the consent, the card. One card-saving attempt at a time, each with
 * its own Idempotency-Key (a card Stripe refused, or one the server would not take, starts another).
 */
function AutopayForm({
  data,
  onDone,
  onCancel,
}: {
  data: BillingView;
  onDone: (view: AutopayView) => void;
  onCancel: () => void;
}) {
  const { t, tr, lang } = useI18n();
  const consentId = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const capRef = useRef<HTMLInputElement>(null);
  const consentRef = useRef<HTMLInputElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const mounted = useRef<Mounted | null>(null);
  // The card-saving attempt: its key (sent again after no answer), and the SetupIntent once confirmed.
  const [attempt, setAttempt] = useState(() => newPaymentKey());
  const saved = useRef<string | null>(null);
  const [capText, setCapText] = useState('');
  const [capProblem, setCapProblem] = useState<CapProblem | null>(null);
  const [consent, setConsent] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);
  const [ready, setReady] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; again: boolean } | null>(null);

  const setup = useMutation({ mutationFn: (key: string) => billing.autopaySetup(key) });
  // The practice's autopay words changed since they were shown (`consent_version` refused as
  // `not_current`): the new words, a fresh box and a new card-saving attempt, and a word of why.
  const [termsChanged, setTermsChanged] = useState(false);
  const turnOn = useMutation({
    mutationFn: (body: S['AutopayRequest']) => billing.autopayOn(body),
    onSuccess: (view) => onDone(view),
    onError: (err) => {
      if (fieldCode(err, 'consent_version') !== 'not_current') return;
      setTermsChanged(true);
      setAttempt(newPaymentKey());
    },
  });

  useEffect(() => titleRef.current?.focus(), []);

  // A new attempt: a SetupIntent from the server, then Stripe's element for it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per card-saving attempt
  useEffect(() => {
    saved.current = null;
    setReady(false);
    setup.mutate(attempt);
  }, [attempt]);

  // The box is checked for the words shown: new words (a new attempt's) start it unchecked.
  const wordsVersion = setup.data?.consent_version;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per version of the words shown
  useEffect(() => setConsent(false), [wordsVersion]);

  const started = setup.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per SetupIntent
  useEffect(() => {
    if (!started) return;
    let gone = false;
    setReady(false);
    setLoadFailed(false);
    loadStripe(started.js_url).then(
      (Stripe) => {
        if (gone || !host.current) return;
        try {
          const stripe = Stripe(started.publishable_key, { stripeAccount: started.stripe_account });
          const elements = stripe.elements({ clientSecret: started.client_secret, locale: lang });
          const element = elements.create('payment');
          if (element.on) {
            element.on('ready', () => !gone && setReady(true));
            element.on('loaderror', () => !gone && setLoadFailed(true));
          }
          element.mount(host.current);
          if (!element.on) setReady(true);
          mounted.current = { stripe, elements, element };
        } catch {
          setLoadFailed(true);
        }
      },
      () => !gone && setLoadFailed(true),
    );
    return () => {
      gone = true;
      mounted.current?.element.destroy?.();
      mounted.current = null;
    };
  }, [started]);

  /** Another card: a new attempt (a new key, a new SetupIntent). */
  const another = () => {
    setRefusal(null);
    turnOn.reset();
    setAttempt(newPaymentKey());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (confirming || turnOn.isPending) return;
    const cap = parseAmount(capText, data.currency);
    const capWhy: CapProblem | null = cap === null ? 'format' : cap <= 0 ? 'zero' : null;
    setCapProblem(capWhy);
    setConsentMissing(!consent);
    if (capWhy || cap === null) return capRef.current?.focus();
    if (!consent) return consentRef.current?.focus();
    turnOn.reset();
    setTermsChanged(false);
    // The card is saved once per attempt; after that only the server is asked again.
    let setupIntent = saved.current;
    if (!setupIntent) {
      const m = mounted.current;
      if (!m) return;
      setConfirming(true);
      setRefusal(null);
      try {
        const result = await m.stripe.confirmSetup({ elements: m.elements, redirect: 'if_required' });
        if (result.error || !result.setupIntent) {
          const err = result.error;
          setRefusal({ message: err?.message ?? '', again: err?.type !== 'validation_error' });
          return;
        }
        setupIntent = result.setupIntent.id;
        saved.current = setupIntent;
      } catch {
        setRefusal({ message: '', again: true });
        return;
      } finally {
        setConfirming(false);
      }
    }
    if (!started) return;
    turnOn.mutate({ setup_intent_id: setupIntent, cap, consent: true, consent_version: started.consent_version });
  };

  const error = turnOn.error;
  const serverCap = fieldDetail(error, 'cap');
  const serverConsent = fieldDetail(error, 'consent');
  const serverCard = fieldDetail(error, 'setup_intent_id');
  // A bank account the bank has not confirmed yet: the same saved account is asked about again.
  const bankPending = fieldCode(error, 'setup_intent_id') === 'processing';
  const onField = Boolean(serverCap || serverConsent || serverCard);
  const capError = capProblem
    ? t(capProblem === 'format' ? 'portal.billing.autopay.capFormat' : 'portal.billing.autopay.capZero', {
        example: amountText(20000, data.currency),
      })
    : serverCap
      ? describeFieldError(tr, t('portal.billing.autopay.capWhat'), serverCap)
      : '';
  const consentError = consentMissing
    ? t('portal.billing.autopay.consentRequired')
    : serverConsent
      ? describeFieldError(tr, t('portal.billing.autopay.consentWhat'), serverConsent)
      : '';
  // A refused field: the focus goes to it.
  useEffect(() => {
    if (serverCap) capRef.current?.focus();
    else if (serverConsent) consentRef.current?.focus();
  }, [serverCap, serverConsent]);
  // A refused card (the server would not take the saved card): that attempt is spent.
  const cardSpent = (Boolean(serverCard) && !bankPending) || Boolean(refusal?.again);
  const setupRefused = setup.error instanceof ApiError && setup.error.status === 403;
  const busy = confirming || turnOn.isPending;

  return (
    <form
      className="stack"
      data-testid="billing-autopay-form"
      aria-labelledby="billing-autopay-form-title"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <h3 id="billing-autopay-form-title" ref={titleRef} tabIndex={-1}>
        {t('portal.billing.autopay.formTitle')}
      </h3>
      <Field
        label={t('portal.billing.autopay.capLabel', { currency: data.currency.toUpperCase() })}
        hint={t('portal.billing.autopay.capHint')}
        error={capError}
      >
        {({ id, describedBy, invalid }) => (
          <input
            ref={capRef}
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="billing-amount-input"
            data-testid="billing-autopay-cap-input"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={capText}
            onChange={(e) => {
              setCapText(e.currentTarget.value);
              if (capProblem) setCapProblem(null);
            }}
          />
        )}
      </Field>
      <div className="field">
        {consentError ? (
          <p className="field-error" id={`${consentId}-error`} data-testid="billing-autopay-consent-error">
            {consentError}
          </p>
        ) : null}
        <div className="choice">
          <input
            ref={consentRef}
            type="checkbox"
            id={consentId}
            data-testid="billing-autopay-consent"
            required
            aria-describedby={consentError ? `${consentId}-error` : undefined}
            aria-invalid={consentError ? true : undefined}
            disabled={!started}
            checked={consent}
            onChange={(e) => {
              setConsent(e.currentTarget.checked);
              if (e.currentTarget.checked) setConsentMissing(false);
            }}
          />
          <label htmlFor={consentId} data-testid="billing-autopay-consent-words">
            {started ? started.consent_text[lang === 'es' ? 'es' : 'en'] : t('portal.billing.autopay.consent')}
          </label>
        </div>
      </div>
      <p className="hint">{t('portal.billing.autopay.cardHint')}</p>
      {setup.error ? (
        setupRefused ? (
          <Alert tone="error" testid="billing-autopay-setup-error" focus>
            <p>{t('portal.billing.autopay.notOffered')}</p>
          </Alert>
        ) : (
          <ErrorMessage error={setup.error} testid="billing-autopay-setup-error" focus />
        )
      ) : null}
      <div ref={host} className="billing-payment-element" data-testid="billing-autopay-element" />
      {setup.isPending || (started && !ready && !loadFailed && !cardSpent) ? (
        <Loading label={t('portal.billing.card.loading')} />
      ) : null}
      {loadFailed ? (
        <Alert tone="error" testid="billing-autopay-load-error" focus>
          <p>{t('portal.billing.card.loadFailed')}</p>
        </Alert>
      ) : null}
      {refusal ? (
        <Alert tone="error" testid="billing-autopay-declined" focus>
          <p>{refusal.again ? t('portal.billing.autopay.cardRefused') : t('portal.billing.card.incomplete')}</p>
          {refusal.message ? <p data-testid="billing-autopay-declined-detail">{refusal.message}</p> : null}
        </Alert>
      ) : null}
      {serverCard ? (
        <Alert tone="error" testid="billing-autopay-card-error" focus>
          <p>{t(bankPending ? 'portal.billing.autopay.bankProcessing' : 'portal.billing.autopay.cardNotSaved')}</p>
        </Alert>
      ) : null}
      {termsChanged ? (
        <Alert tone="warn" testid="billing-autopay-terms-changed" focus>
          {t('portal.billing.autopay.termsChanged')}
        </Alert>
      ) : null}
      {error && !onField && !termsChanged ? <ErrorMessage error={error} testid="billing-autopay-error" focus /> : null}
      <div className="actions">
        {setup.error && retryable(setup.error) ? (
          <button
            type="button"
            className="button"
            data-testid="billing-autopay-setup-retry"
            onClick={() => setup.mutate(attempt)}
          >
            {t('common.tryAgain')}
          </button>
        ) : cardSpent || loadFailed ? (
          <button type="button" className="button" data-testid="billing-autopay-another" onClick={another}>
            {t(loadFailed ? 'common.tryAgain' : 'portal.billing.autopay.anotherCard')}
          </button>
        ) : setupRefused ? null : (
          <BusyButton
            type="submit"
            busy={busy}
            busyLabel={t('portal.billing.autopay.turningOn')}
            disabled={!ready}
            data-testid="billing-autopay-submit"
          >
            {t('portal.billing.autopay.turnOn')}
          </BusyButton>
        )}
        <button
          type="button"
          className="button button-secondary"
          data-testid="billing-autopay-cancel"
          disabled={busy}
          onClick={onCancel}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
