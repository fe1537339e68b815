// Billing: what the patient owes (or the credit they have), the open bills, paying with the practice's
// Stripe account, the payments made, and every entry in plain words. One read (`GET /portal/billing`).
// Paying: the amount (the whole balance unless the patient says otherwise, or one bill), a payment
// started on the server with one Idempotency-Key per attempt (a retry after a lost answer sends the
// same one; another try after a decline is a new attempt), Stripe's Payment Element to confirm it, and
// the payment read again until the processor's event has posted it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { saveBlob } from '../../shared/api/downloads';
import { ApiError, NetworkError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import {
  Alert,
  BusyButton,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { describeFieldError, fieldDetail } from '../../shared/ui/errors';
import { usePageTitle, usePractice } from '../parts/Header';
import { formatPhone } from '../phone';
import {
  type AmountProblem,
  amountProblem,
  amountText,
  type Billing as BillingView,
  billing,
  formatMoney,
  loadStripe,
  monthName,
  newPaymentKey,
  type Payment,
  parseAmount,
  type S,
  type StripeClient,
  type StripeElements,
  type StripePaymentElement,
} from './BillingApi';
import { Autopay } from './BillingAutopay';
import './Billing.css';

export const BILLING = ['billing'] as const;

/**
 * How the payment is read again while it processes: soon, then less often; past two minutes the patient
 * is told it is taking a while, and it is still read (at the longest interval) until it is final.
 */
export const POLL = { firstMs: 1_000, maxMs: 10_000, limitMs: 120_000 };

/**
 * Where a payment ends. The server keeps one at `requires_payment` until Stripe's event posts it, so
 * that status is never read as a failure once the patient has confirmed (paying again could charge twice).
 */
const final = (p: Payment) => p.status === 'succeeded' || p.status === 'failed' || p.status === 'canceled';

const PAYMENT_STATUS = {
  requires_payment: 'portal.billing.payment.requiresPayment',
  failed: 'portal.billing.payment.failed',
  processing: 'portal.billing.payment.processing',
  succeeded: 'portal.billing.payment.succeeded',
  canceled: 'portal.billing.payment.canceled',
} as const satisfies Record<S['PaymentStatus'], string>;

const ENTRY = {
  charge: 'portal.billing.entry.charge',
  adjustment: 'portal.billing.entry.adjustment',
  write_off: 'portal.billing.entry.writeOff',
  payment: 'portal.billing.entry.payment',
  refund: 'portal.billing.entry.refund',
  refund_reversal: 'portal.billing.entry.refundReversal',
  dispute_hold: 'portal.billing.entry.disputeHold',
  dispute_release: 'portal.billing.entry.disputeRelease',
} as const satisfies Record<S['EntryKind'], string>;

/** A word on what an entry means, for the kinds a patient may not know. */
const ENTRY_NOTE: Partial<Record<S['EntryKind'], string>> = {
  write_off: 'portal.billing.entry.writeOffNote',
  refund_reversal: 'portal.billing.entry.refundReversalNote',
  dispute_hold: 'portal.billing.entry.disputeHoldNote',
  dispute_release: 'portal.billing.entry.disputeReleaseNote',
};

const PROBLEM = {
  format: 'portal.billing.amount.format',
  zero: 'portal.billing.amount.zero',
  over: 'portal.billing.amount.over',
  under: 'portal.billing.amount.under',
} as const satisfies Record<AmountProblem, string>;

/** Why a payment failed, for the decline codes worth their own words. */
const FAILURE: Record<string, string> = {
  card_declined: 'portal.billing.failure.declined',
  insufficient_funds: 'portal.billing.failure.insufficientFunds',
  expired_card: 'portal.billing.failure.expired',
};

/** A failure worth sending again as is (with the same Idempotency-Key): no answer, or the server's own. */
const retryable = (err: unknown) => err instanceof NetworkError || (err instanceof ApiError && err.status >= 500);

function useFocusOnShow<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  return ref;
}

function useMoney(currency: string) {
  const { tr } = useI18n();
  return (minor: number, signed = false) => formatMoney(tr.locale, currency, minor, signed);
}

export function Billing() {
  const { t } = useI18n();
  usePageTitle(t('portal.billing.title'));
  const view = useQuery({
    queryKey: BILLING,
    queryFn: billing.view,
    // A payment still processing: read again now and then, so the page shows when it is posted.
    refetchInterval: (q) => (q.state.data?.payments.some((p) => p.status === 'processing') ? 30_000 : false),
  });
  const heading = <PageHeading>{t('portal.billing.title')}</PageHeading>;
  if (view.isError)
    return (
      <section className="stack">
        {heading}
        <LoadFailed error={view.error} retry={() => void view.refetch()} />
      </section>
    );
  if (!view.data)
    return (
      <section className="stack">
        {heading}
        <Loading />
      </section>
    );
  const data = view.data;
  return (
    <section className="stack" data-testid="billing">
      {heading}
      <Balance data={data} />
      {data.pay.enabled ? <Pay data={data} /> : <NotOnline />}
      <Invoices data={data} />
      <AutopaySection data={data} />
      <Payments data={data} />
      <Statements months={data.statement_months ?? []} />
      <Entries data={data} />
    </section>
  );
}

/** Autopay: the answer shown at once, and the screen read again (bills and outcomes may have moved). */
function AutopaySection({ data }: { data: BillingView }) {
  const client = useQueryClient();
  return (
    <Autopay
      data={data}
      onChanged={(autopay) => {
        client.setQueryData<BillingView>(BILLING, (old) => (old ? { ...old, autopay } : old));
        void client.invalidateQueries({ queryKey: BILLING });
      }}
    />
  );
}

function Balance({ data }: { data: BillingView }) {
  const { t } = useI18n();
  const money = useMoney(data.currency);
  return (
    <section
      className="card stack-tight billing-balance"
      data-testid="billing-balance"
      data-balance={data.balance}
      aria-labelledby="billing-balance-title"
    >
      <h2 id="billing-balance-title">{t('portal.billing.balance.title')}</h2>
      {data.balance > 0 ? (
        <p className="billing-amount" data-testid="billing-balance-amount">
          {money(data.balance)}
        </p>
      ) : data.balance < 0 ? (
        <p data-testid="billing-credit">{t('portal.billing.balance.credit', { amount: money(-data.balance) })}</p>
      ) : (
        <p data-testid="billing-paid-up">{t('portal.billing.balance.paidUp')}</p>
      )}
    </section>
  );
}

function NotOnline() {
  const { t } = useI18n();
  // The practice's phone, as home already read it (no read of its own).
  const practice = usePractice(false).data;
  return (
    <div className="alert alert-info" data-testid="billing-not-online">
      <p>{t('portal.billing.notOnline')}</p>
      <p>
        {practice?.phone
          ? t('portal.billing.notOnlineCallAt', { practice: practice.name, phone: formatPhone(practice.phone) })
          : t('portal.billing.notOnlineCall')}
      </p>
    </div>
  );
}

// ------------------------------------------------------------------------------------------------
// Paying.

type Stage =
  | { kind: 'idle' }
  | { kind: 'amount' }
  | { kind: 'card'; started: S['PayStarted'] }
  | { kind: 'processing'; payment: Payment }
  | { kind: 'slow'; payment: Payment }
  | { kind: 'received'; payment: Payment }
  | { kind: 'failed'; payment: Payment };

/** What the payment goes to: the whole balance, or one bill (its id). */
const WHOLE = '';

function Pay({ data }: { data: BillingView }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const money = useMoney(data.currency);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [target, setTarget] = useState(WHOLE);
  const [text, setText] = useState(() => (data.balance > 0 ? amountText(data.balance, data.currency) : ''));
  const [problem, setProblem] = useState<AmountProblem | null>(null);
  // The attempt being made: its key and body. Sent again as is after no answer; anything else is new.
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const start = useMutation({
    mutationFn: ({ body, key }: { body: S['PayRequest']; key: string }) => billing.pay(body, key),
    onSuccess: (started) => {
      attempt.current = null;
      // No client secret: the payment is already past confirming (a retry answered a finished one).
      setStage(started.client_secret ? { kind: 'card', started } : { kind: 'processing', payment: started.payment });
    },
    onError: (err) => {
      if (!retryable(err)) attempt.current = null;
      // Perhaps the practice stopped taking payments online, or the balance changed: read it again.
      if (err instanceof ApiError && (err.status === 403 || err.status === 422))
        void client.invalidateQueries({ queryKey: BILLING });
    },
  });
  // Still processing after two minutes: the payment is still read, and the page's own reads may say first.
  // Only a final status ends it (`requires_payment` may just mean Stripe's event has not come yet).
  const slowId = stage.kind === 'slow' ? stage.payment.payment_id : null;
  const posted = data.payments.find((p) => p.payment_id === slowId && final(p));
  useEffect(() => {
    if (posted)
      setStage(
        posted.status === 'succeeded' ? { kind: 'received', payment: posted } : { kind: 'failed', payment: posted },
      );
  }, [posted]);
  // A bill still being prepared is paid with the whole balance, not on its own.
  const openInvoices = data.invoices.filter((i) => i.balance > 0 && i.finalized);
  const payable = data.balance > 0 || data.pay.allow_prepayment;

  const begin = (body: S['PayRequest']) => {
    const json = JSON.stringify(body);
    if (!attempt.current || attempt.current.body !== json) attempt.current = { key: newPaymentKey(), body: json };
    start.mutate({ body, key: attempt.current.key });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const minor = parseAmount(text, data.currency);
    const why = amountProblem(minor, data);
    setProblem(why);
    if (why || minor === null) return;
    begin({ amount: minor, ...(target ? { invoice_id: target } : {}) });
  };
  /**
   * A decline or a failure spends the attempt: the next try is a new one (a new key, made once here). A
   * "Try again" that gets no answer is sent again with that same key (`begin`'s rule), not another.
   */
  const spent = () => {
    attempt.current = null;
  };
  const again = (payment: Payment) =>
    begin({ amount: payment.amount, ...(payment.invoice_id ? { invoice_id: payment.invoice_id } : {}) });
  const startOver = () => {
    start.reset();
    setProblem(null);
    setTarget(WHOLE);
    setText(data.balance > 0 ? amountText(data.balance, data.currency) : '');
    setStage({ kind: 'amount' });
  };

  /** The payment is final: received, or failed (the next try a new attempt). */
  const onPosted = (payment: Payment) => {
    if (payment.status !== 'succeeded') spent();
    setStage(payment.status === 'succeeded' ? { kind: 'received', payment } : { kind: 'failed', payment });
    void client.invalidateQueries({ queryKey: BILLING });
  };
  /** Two minutes and not final yet: said calmly, still read; the balance is read again too. */
  const onSlow = (payment: Payment) => {
    setStage({ kind: 'slow', payment });
    void client.invalidateQueries({ queryKey: BILLING });
  };

  const startButton = payable ? (
    <div className="actions">
      <button type="button" className="button" data-testid="billing-pay-start" onClick={startOver}>
        {t('portal.billing.pay.start')}
      </button>
    </div>
  ) : null;

  switch (stage.kind) {
    case 'idle':
      return startButton;
    case 'amount':
      return (
        <AmountForm
          data={data}
          openInvoices={openInvoices}
          target={target}
          text={text}
          problem={problem}
          busy={start.isPending}
          error={start.error}
          onTarget={(id) => {
            setTarget(id);
            const invoice = openInvoices.find((i) => i.invoice_id === id);
            const due = invoice ? invoice.balance : data.balance;
            if (due > 0) setText(amountText(due, data.currency));
            setProblem(null);
            start.reset();
          }}
          onText={(value) => {
            setText(value);
            if (problem) setProblem(null);
          }}
          onSubmit={submit}
          onCancel={() => {
            start.reset();
            setStage({ kind: 'idle' });
          }}
        />
      );
    case 'card':
      return (
        <CardStep
          key={stage.started.payment.payment_id}
          started={stage.started}
          money={money}
          invoiceNumber={data.invoices.find((i) => i.invoice_id === stage.started.payment.invoice_id)?.number}
          retrying={start.isPending}
          retryError={start.error}
          onConfirmed={() => setStage({ kind: 'processing', payment: stage.started.payment })}
          onDeclined={spent}
          onAgain={() => again(stage.started.payment)}
          onBack={startOver}
        />
      );
    case 'processing':
    case 'slow':
      // One reader for both (the same element): it goes on reading the payment past two minutes.
      return (
        <Processing
          key={stage.payment.payment_id}
          payment={stage.payment}
          slow={stage.kind === 'slow'}
          money={money}
          onPosted={onPosted}
          onSlow={onSlow}
        />
      );
    case 'received':
      return (
        <>
          <Alert tone="success" testid="billing-received" focus>
            <p>{t('portal.billing.pay.received', { amount: money(stage.payment.amount) })}</p>
          </Alert>
          {data.balance > 0 ? startButton : null}
        </>
      );
    case 'failed':
      return (
        <div className="stack-tight">
          <Alert tone="error" testid="billing-failed" focus>
            <p>{t('portal.billing.pay.failed', { amount: money(stage.payment.amount) })}</p>
            <p>{t(FAILURE[stage.payment.failure_code ?? ''] ?? 'portal.billing.failure.other')}</p>
          </Alert>
          {start.error ? <ErrorMessage error={start.error} testid="billing-pay-error" /> : null}
          <div className="actions">
            <BusyButton
              type="button"
              busy={start.isPending}
              busyLabel={t('portal.billing.pay.starting')}
              data-testid="billing-pay-retry"
              onClick={() => again(stage.payment)}
            >
              {t('portal.billing.pay.tryAgain')}
            </BusyButton>
            <button
              type="button"
              className="button button-secondary"
              data-testid="billing-pay-other"
              onClick={startOver}
            >
              {t('portal.billing.pay.otherAmount')}
            </button>
          </div>
        </div>
      );
  }
}

function AmountForm({
  data,
  openInvoices,
  target,
  text,
  problem,
  busy,
  error,
  onTarget,
  onText,
  onSubmit,
  onCancel,
}: {
  data: BillingView;
  openInvoices: S['InvoiceView'][];
  target: string;
  text: string;
  problem: AmountProblem | null;
  busy: boolean;
  error: unknown;
  onTarget: (id: string) => void;
  onText: (text: string) => void;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t, tr } = useI18n();
  const money = useMoney(data.currency);
  const titleRef = useFocusOnShow<HTMLHeadingElement>(true);
  const amountRef = useRef<HTMLInputElement>(null);
  const serverAmount = fieldDetail(error, 'amount');
  const serverInvoice = fieldDetail(error, 'invoice_id');
  const onField = Boolean(serverAmount || serverInvoice);
  const amountError = problem
    ? t(PROBLEM[problem], {
        balance: money(Math.max(0, data.balance)),
        minimum: money(data.pay.minimum_payment),
        example: amountText(data.balance > 0 ? data.balance : data.pay.minimum_payment, data.currency),
      })
    : serverAmount
      ? describeFieldError(tr, t('portal.billing.amount.what'), serverAmount)
      : '';
  const invoiceError = serverInvoice ? describeFieldError(tr, t('portal.billing.target.what'), serverInvoice) : '';
  // A refused amount: the focus goes to the field that says why.
  useEffect(() => {
    if (problem || serverAmount) amountRef.current?.focus();
  }, [problem, serverAmount]);
  return (
    <form
      className="card stack"
      data-testid="billing-pay-form"
      aria-labelledby="billing-pay-title"
      noValidate
      onSubmit={onSubmit}
    >
      <h2 id="billing-pay-title" ref={titleRef} tabIndex={-1}>
        {t('portal.billing.pay.title')}
      </h2>
      {openInvoices.length > 0 ? (
        <Field label={t('portal.billing.target.label')} error={invoiceError}>
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              data-testid="billing-pay-target"
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={target}
              onChange={(e) => onTarget(e.currentTarget.value)}
            >
              <option value={WHOLE}>
                {t('portal.billing.target.whole', { amount: money(Math.max(0, data.balance)) })}
              </option>
              {openInvoices.map((i) => (
                <option key={i.invoice_id} value={i.invoice_id}>
                  {t(i.description ? 'portal.billing.target.invoiceFor' : 'portal.billing.target.invoice', {
                    description: i.description ?? '',
                    number: i.number,
                    date: tr.shortDate(i.opened_at),
                    amount: money(i.balance),
                  })}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field
        label={t('portal.billing.amount.label', { currency: data.currency.toUpperCase() })}
        hint={
          data.pay.minimum_payment > 0 && data.balance > data.pay.minimum_payment
            ? t('portal.billing.amount.hintMinimum', { minimum: money(data.pay.minimum_payment) })
            : undefined
        }
        error={amountError}
      >
        {({ id, describedBy, invalid }) => (
          <input
            ref={amountRef}
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="billing-amount-input"
            data-testid="billing-pay-amount"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={text}
            onChange={(e) => onText(e.currentTarget.value)}
          />
        )}
      </Field>
      {error && !onField ? <ErrorMessage error={error} testid="billing-pay-error" focus /> : null}
      <div className="actions">
        <BusyButton
          type="submit"
          busy={busy}
          busyLabel={t('portal.billing.pay.starting')}
          data-testid="billing-pay-continue"
        >
          {t('portal.billing.pay.continue')}
        </BusyButton>
        <button
          type="button"
          className="button button-secondary"
          data-testid="billing-pay-cancel"
          disabled={busy}
          onClick={onCancel}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

type Mounted = { stripe: StripeClient; elements: StripeElements; element: StripePaymentElement };

/** Stripe's Payment Element for one started payment, and the button that confirms it. */
function CardStep({
  started,
  money,
  invoiceNumber,
  retrying,
  retryError,
  onConfirmed,
  onDeclined,
  onAgain,
  onBack,
}: {
  started: S['PayStarted'];
  money: (minor: number) => string;
  invoiceNumber: number | undefined;
  retrying: boolean;
  retryError: unknown;
  onConfirmed: () => void;
  onDeclined: () => void;
  onAgain: () => void;
  onBack: () => void;
}) {
  const { t, lang } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const mounted = useRef<Mounted | null>(null);
  const [ready, setReady] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const [loads, setLoads] = useState(0);
  const [confirming, setConfirming] = useState(false);
  /** Stripe's words for a refusal; `again` when the attempt is spent (a decline), not just incomplete. */
  const [refusal, setRefusal] = useState<{ message: string; again: boolean } | null>(null);
  const titleRef = useFocusOnShow<HTMLHeadingElement>(true);
  const amount = money(started.payment.amount);

  // Only the pieces Stripe.js needs leave this effect; the client secret is never shown or logged.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per started payment (and per retry of the load)
  useEffect(() => {
    let gone = false;
    const secret = started.client_secret;
    if (!secret) return;
    setLoadFailed(false);
    loadStripe(started.js_url).then(
      (Stripe) => {
        if (gone || !host.current) return;
        try {
          const stripe = Stripe(started.publishable_key, { stripeAccount: started.stripe_account });
          const elements = stripe.elements({ clientSecret: secret, locale: lang });
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
      setReady(false);
    };
  }, [started, loads]);

  const confirm = async () => {
    const m = mounted.current;
    if (!m || confirming) return;
    setConfirming(true);
    setRefusal(null);
    try {
      const result = await m.stripe.confirmPayment({ elements: m.elements, redirect: 'if_required' });
      if (result.error?.type === 'validation_error') {
        // Incomplete details: fixed in place.
        setRefusal({ message: result.error.message ?? '', again: false });
      } else if (result.error?.type === 'card_error') {
        // A clear decline: nothing was charged, and this attempt is spent (another try is a new one).
        onDeclined();
        setRefusal({ message: result.error.message ?? '', again: true });
      } else {
        // Confirmed, or an answer that proves nothing (no connection, Stripe's own error, a payment already
        // past confirming): the server says what happened.
        onConfirmed();
      }
    } catch {
      // No answer from Stripe.js: the payment may have gone through. The server says.
      onConfirmed();
    } finally {
      setConfirming(false);
    }
  };

  return (
    <section className="card stack" data-testid="billing-card" aria-labelledby="billing-card-title">
      <h2 id="billing-card-title" ref={titleRef} tabIndex={-1}>
        {t('portal.billing.card.title', { amount })}
      </h2>
      <p data-testid="billing-card-summary">
        {invoiceNumber === undefined
          ? t('portal.billing.card.toBalance', { amount })
          : t('portal.billing.card.toInvoice', { amount, number: invoiceNumber })}
      </p>
      <div ref={host} className="billing-payment-element" data-testid="billing-payment-element" />
      {!ready && !loadFailed && !refusal?.again ? <Loading label={t('portal.billing.card.loading')} /> : null}
      {loadFailed ? (
        <Alert tone="error" testid="billing-card-load-error" focus>
          <p>{t('portal.billing.card.loadFailed')}</p>
        </Alert>
      ) : null}
      {refusal ? (
        <Alert tone="error" testid="billing-pay-declined" focus>
          <p>{refusal.again ? t('portal.billing.card.declined') : t('portal.billing.card.incomplete')}</p>
          {refusal.message ? <p data-testid="billing-pay-declined-detail">{refusal.message}</p> : null}
          {refusal.again ? <p>{t('portal.billing.card.tryAnother')}</p> : null}
        </Alert>
      ) : null}
      {retryError ? <ErrorMessage error={retryError} testid="billing-pay-error" focus /> : null}
      <div className="actions">
        {loadFailed ? (
          <button
            type="button"
            className="button"
            data-testid="billing-card-reload"
            onClick={() => setLoads((n) => n + 1)}
          >
            {t('common.tryAgain')}
          </button>
        ) : refusal?.again ? (
          <BusyButton
            type="button"
            busy={retrying}
            busyLabel={t('portal.billing.pay.starting')}
            data-testid="billing-pay-retry"
            onClick={onAgain}
          >
            {t('portal.billing.pay.tryAgain')}
          </BusyButton>
        ) : (
          <BusyButton
            type="button"
            busy={confirming}
            busyLabel={t('portal.billing.card.paying')}
            disabled={!ready}
            data-testid="billing-pay-submit"
            onClick={() => void confirm()}
          >
            {t('portal.billing.card.pay', { amount })}
          </BusyButton>
        )}
        <button
          type="button"
          className="button button-secondary"
          data-testid="billing-pay-back"
          disabled={confirming || retrying}
          onClick={onBack}
        >
          {t('portal.billing.card.change')}
        </button>
      </div>
    </section>
  );
}

/**
 * "Processing your payment…" while the payment is read again, until it is final; past two minutes, that it
 * is still processing (no need to pay again), and read on at the longest interval.
 */
function Processing({
  payment,
  slow,
  money,
  onPosted,
  onSlow,
}: {
  payment: Payment;
  slow: boolean;
  money: (minor: number) => string;
  onPosted: (payment: Payment) => void;
  onSlow: (payment: Payment) => void;
}) {
  const { t } = useI18n();
  const done = useRef(onPosted);
  done.current = onPosted;
  const late = useRef(onSlow);
  late.current = onSlow;
  const id = payment.payment_id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per payment
  useEffect(() => {
    let gone = false;
    let timer = 0;
    const began = Date.now();
    let delay = POLL.firstMs;
    let last = payment;
    let told = false;
    const tick = async () => {
      try {
        last = await billing.payment(id);
        if (gone) return;
        if (final(last)) {
          done.current(last);
          return;
        }
      } catch {
        // No answer this time: asked again below.
        if (gone) return;
      }
      if (Date.now() - began >= POLL.limitMs) {
        if (!told) late.current(last);
        told = true;
        delay = POLL.maxMs;
      } else {
        delay = Math.min(Math.round(delay * 1.5), POLL.maxMs);
      }
      timer = window.setTimeout(() => void tick(), delay);
    };
    timer = window.setTimeout(() => void tick(), delay);
    return () => {
      gone = true;
      window.clearTimeout(timer);
    };
  }, [id]);
  return slow ? (
    <Alert key="slow" tone="info" testid="billing-slow" focus>
      <p>{t('portal.billing.pay.slow', { amount: money(payment.amount) })}</p>
    </Alert>
  ) : (
    <Alert key="processing" tone="info" testid="billing-processing" focus>
      <p>{t('portal.billing.pay.processing', { amount: money(payment.amount) })}</p>
    </Alert>
  );
}

// ------------------------------------------------------------------------------------------------
// What there is to read: open bills, payments, activity.

function Invoices({ data }: { data: BillingView }) {
  const { t, tr } = useI18n();
  const money = useMoney(data.currency);
  const open = data.invoices.filter((i) => i.balance > 0);
  if (!open.length) return null;
  return (
    <section className="stack-tight" aria-labelledby="billing-invoices-title">
      <h2 id="billing-invoices-title">{t('portal.billing.invoices.title')}</h2>
      <ul className="billing-list" data-testid="billing-invoices">
        {open.map((i) => (
          <li
            key={i.invoice_id}
            className="billing-row"
            data-testid="billing-invoice"
            data-invoice-id={i.invoice_id}
            data-finalized={i.finalized}
          >
            <div>
              <strong data-testid="billing-invoice-what">
                {i.description || t('portal.billing.invoices.number', { number: i.number })}
              </strong>
              <div className="hint">
                {i.description ? `${t('portal.billing.invoices.number', { number: i.number })} · ` : null}
                <time dateTime={i.opened_at}>{tr.dateTime(i.opened_at)}</time>
              </div>
              {i.finalized ? null : (
                <div className="stack-tight" data-testid="billing-invoice-preparing">
                  <span className="tag billing-status-processing">{t('portal.billing.invoices.preparing')}</span>
                  <span className="hint">{t('portal.billing.invoices.preparingNote')}</span>
                </div>
              )}
            </div>
            <div className="billing-figure">
              <strong data-testid="billing-invoice-balance">
                {t('portal.billing.invoices.left', { amount: money(i.balance) })}
              </strong>
              {i.charged !== i.balance ? (
                <div className="hint">{t('portal.billing.invoices.of', { amount: money(i.charged) })}</div>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Payments({ data }: { data: BillingView }) {
  const { t, tr } = useI18n();
  const money = useMoney(data.currency);
  // An attempt never confirmed (the form left, a card declined before a charge) is not a payment made, nor
  // is a canceled one (the server cancels only attempts that were never charged).
  const shown = data.payments.filter((p) => p.status !== 'requires_payment' && p.status !== 'canceled');
  return (
    <section className="stack-tight" aria-labelledby="billing-payments-title">
      <h2 id="billing-payments-title">{t('portal.billing.payments.title')}</h2>
      {shown.length ? (
        <ul className="billing-list" data-testid="billing-payments">
          {shown.map((p) => (
            <li key={p.payment_id} className="billing-row" data-testid="billing-payment" data-payment-id={p.payment_id}>
              <div>
                <strong>{money(p.amount)}</strong>
                <div className="hint">
                  <time dateTime={p.succeeded_at ?? p.created_at}>{tr.dateTime(p.succeeded_at ?? p.created_at)}</time>
                </div>
              </div>
              <div className="billing-figure">
                <span
                  className={`tag billing-status-${p.status}`}
                  data-testid="billing-payment-status"
                  data-status={p.status}
                >
                  {t(PAYMENT_STATUS[p.status])}
                </span>
                {p.refunded > 0 ? (
                  <div className="hint" data-testid="billing-payment-refunded">
                    {t('portal.billing.payment.refunded', { amount: money(p.refunded) })}
                  </div>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="billing-payments-none">{t('portal.billing.payments.none')}</p>
      )}
    </section>
  );
}

function Entries({ data }: { data: BillingView }) {
  const { t, tr } = useI18n();
  const money = useMoney(data.currency);
  if (!data.entries.length) return null;
  return (
    <section className="stack-tight" aria-labelledby="billing-entries-title">
      <h2 id="billing-entries-title">{t('portal.billing.entries.title')}</h2>
      <p className="hint">{t('portal.billing.entries.hint')}</p>
      <ul className="billing-list" data-testid="billing-entries">
        {data.entries.map((e) => {
          const note = ENTRY_NOTE[e.kind];
          const described = e.kind === 'charge' || e.kind === 'adjustment';
          return (
            <li key={e.entry_id} className="billing-row" data-testid="billing-entry" data-kind={e.kind}>
              <div>
                <strong data-testid="billing-entry-what">
                  {e.kind === 'charge' && e.description ? e.description : t(ENTRY[e.kind])}
                </strong>
                {e.kind === 'adjustment' && e.description ? <div>{e.description}</div> : null}
                {note ? <div className="hint">{t(note)}</div> : null}
                {!described && e.description && !note ? <div className="hint">{e.description}</div> : null}
                <div className="hint">
                  <time dateTime={e.posted_at}>{tr.dateTime(e.posted_at)}</time>
                </div>
              </div>
              <div className="billing-figure" data-testid="billing-entry-amount">
                {money(e.amount, true)}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The months with a statement, newest first, each a PDF to save. */
function Statements({ months }: { months: string[] }) {
  const { t, tr } = useI18n();
  const status = useStatus();
  const [asked, setAsked] = useState('');
  const download = useMutation({
    mutationFn: (month: string) => billing.statementPdf(month),
    onSuccess: ({ file, name }) => {
      saveBlob(file, name);
      status.announce('common.download.done', { name });
    },
  });
  if (!months.length) return null;
  return (
    <section className="stack-tight" aria-labelledby="billing-statements-title">
      <h2 id="billing-statements-title">{t('portal.billing.statements.title')}</h2>
      {download.error ? <ErrorMessage error={download.error} testid="billing-statement-error" /> : null}
      <ul className="billing-list" data-testid="billing-statements">
        {months.map((month) => (
          <li key={month} className="billing-row" data-testid="billing-statement" data-month={month}>
            <strong>{monthName(tr.locale, month)}</strong>
            <BusyButton
              type="button"
              className="button button-secondary"
              busy={download.isPending && asked === month}
              busyLabel={t('common.download.downloading')}
              disabled={download.isPending}
              data-testid="billing-statement-download"
              aria-label={t('portal.billing.statements.downloadLabel', { month: monthName(tr.locale, month) })}
              onClick={() => {
                setAsked(month);
                download.mutate(month);
              }}
            >
              {t('portal.billing.statements.download')}
            </BusyButton>
          </li>
        ))}
      </ul>
    </section>
  );
}
