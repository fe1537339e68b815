// A patient's Billing tab (admins and billing staff): what they owe, their invoices, payments (each
// succeeded one refundable up to what is left), refunds as Stripe confirms them, disputes (autopay
// pauses while one is open; staff prepare and send non-clinical evidence, DisputeEvidence), and the whole ledger in plain words. Staff
// post a charge, adjust or write off part of an invoice, and refund a payment: a charge and a refund go
// with an Idempotency-Key that a retry or a double click sends again, so nothing is posted twice.
// An adjustment or write-off goes with one too (one per submission, sent again on a retry of the same).
// Loaded when the tab is opened, not with the console.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { published } from '../../shared/limits';
import { Alert, BusyButton, Field, LoadFailed, Loading, useStatus } from '../../shared/ui/components';
import { charCount, fieldCode } from '../../shared/ui/errors';
import { Refusal, useFieldErrors, useMe } from '../parts';
import { billing, formatMoney, type Ledger, mayBill, moneyInput, parseMoney, RequestKey, type S } from './BillingApi';
import { DisputeEvidence } from './DisputeEvidence';

export const ENTRY_KEYS = {
  charge: 'console.billing.entry.charge',
  adjustment: 'console.billing.entry.adjustment',
  write_off: 'console.billing.entry.writeOff',
  payment: 'console.billing.entry.payment',
  refund: 'console.billing.entry.refund',
  refund_reversal: 'console.billing.entry.refundReversal',
  dispute_hold: 'console.billing.entry.disputeHold',
  dispute_release: 'console.billing.entry.disputeRelease',
} as const satisfies Record<S['EntryKind'], string>;

const PAYMENT_KEYS = {
  requires_payment: 'console.billing.payment.requiresPayment',
  failed: 'console.billing.payment.failed',
  processing: 'console.billing.payment.processing',
  succeeded: 'console.billing.payment.succeeded',
  canceled: 'console.billing.payment.canceled',
} as const satisfies Record<S['PaymentStatus'], string>;

const REFUND_STATUS_KEYS = {
  requested: 'console.billing.refund.status.requested',
  unsent: 'console.billing.refund.status.unsent',
  pending: 'console.billing.refund.status.pending',
  succeeded: 'console.billing.refund.status.succeeded',
  failed: 'console.billing.refund.status.failed',
} as const satisfies Record<S['RefundStatus'], string>;

const REASON_KEYS = {
  requested_by_patient: 'console.billing.refund.reason.requestedByPatient',
  duplicate: 'console.billing.refund.reason.duplicate',
  overpayment: 'console.billing.refund.reason.overpayment',
  charge_reduced: 'console.billing.refund.reason.chargeReduced',
} as const satisfies Record<S['RefundReason'], string>;

const DISPUTE_KEYS = {
  needs_response: 'console.billing.dispute.status.needsResponse',
  under_review: 'console.billing.dispute.status.underReview',
  won: 'console.billing.dispute.status.won',
  lost: 'console.billing.dispute.status.lost',
  closed: 'console.billing.dispute.status.closed',
} as const satisfies Record<S['DisputeStatus'], string>;

const OUTCOME_KEYS = {
  charged: 'console.billing.autopayOutcome.charged',
  nothing_due: 'console.billing.autopayOutcome.nothingDue',
  over_cap: 'console.billing.autopayOutcome.overCap',
  declined: 'console.billing.autopayOutcome.declined',
  gave_up: 'console.billing.autopayOutcome.gaveUp',
  needs_patient: 'console.billing.autopayOutcome.needsPatient',
} as const satisfies Record<S['RunOutcome'], string>;

const DESCRIPTION_MAX = published('ChargeRequest.description', 'maxLength');
/**
 * How the tab reads the ledger again while a refund waits for Stripe (the client's own choice): soon, then
 * less often, and not past two minutes; then "Check again" asks once more (and starts over).
 */
export const REFUND_POLL = { firstMs: 2_000, maxMs: 15_000, limitMs: 120_000 };

/** A failure with no answer that decides anything (no connection, the server's own): sent again as is. */
const unanswered = (err: unknown) => err instanceof NetworkError || (err instanceof ApiError && err.status >= 500);

const EVIDENCE_STATE_KEYS = {
  sending: 'console.billing.dispute.evidence.sending',
  sent: 'console.billing.dispute.evidence.sent',
  unsent: 'console.billing.dispute.evidence.unsent',
} as const satisfies Record<S['EvidenceState'], string>;

const openDispute = (d: S['DisputeView']) => d.status === 'needs_response' || d.status === 'under_review';
const inFlight = (r: S['RefundView']) => r.status === 'requested' || r.status === 'pending';
/** What is left to refund of a payment: only a succeeded one has any. */
export const refundable = (p: S['PaymentView']) => (p.status === 'succeeded' ? Math.max(0, p.amount - p.refunded) : 0);

export function PatientBilling({ patientId, patientName }: { patientId: string; patientName: string }) {
  const { t } = useI18n();
  const { roles } = useMe();
  const balanceRef = useRef<HTMLHeadingElement>(null);
  const refundsRef = useRef<HTMLHeadingElement>(null);
  // When the first read that showed a refund waiting for Stripe arrived, or "Check again" was pressed
  // (null: none waits). How long it has waited is read from the reads' times, not the clock at the
  // moment of asking, so the read that ends the checking and the render it brings agree, whenever React
  // Query asks in between (it asks after each render too).
  const since = useRef<number | null>(null);
  const waited = (data: S['LedgerView'] | undefined, readAt: number) => {
    if (!data?.refunds.some(inFlight)) {
      since.current = null;
      return null;
    }
    since.current ??= readAt;
    return readAt - since.current;
  };
  // "Check again" pressed: only that read shows on the button (not every poll's, which would flicker).
  const [asked, setAsked] = useState(false);
  const ledger = useQuery({
    queryKey: ['ledger', patientId],
    queryFn: () => billing.ledger(patientId),
    // While a refund waits for Stripe, read again (less and less often) until it is settled or two minutes pass.
    refetchInterval: (q) => {
      const w = waited(q.state.data, q.state.dataUpdatedAt);
      if (w === null || w >= REFUND_POLL.limitMs) return false;
      return Math.min(REFUND_POLL.maxMs, Math.max(REFUND_POLL.firstMs, Math.round(w / 2)));
    },
  });
  if (ledger.isError) return <LoadFailed error={ledger.error} retry={() => void ledger.refetch()} />;
  if (!ledger.data) return <Loading />;
  const l = ledger.data;
  const refresh = () => {
    // Asked by hand: if a refund still waits, the reads start over (soon, then less often).
    if (since.current !== null) since.current = Date.now();
    setAsked(true);
    void ledger.refetch().finally(() => setAsked(false));
  };
  // Each read renders again (`dataUpdatedAt` changes even when the ledger does not), so the stop shows.
  const w = waited(l, ledger.dataUpdatedAt);
  const stoppedChecking = w !== null && w >= REFUND_POLL.limitMs;
  return (
    <div className="stack" data-testid="billing">
      <Summary ledger={l} headingRef={balanceRef} refreshing={asked} refresh={refresh} />
      {l.disputes.length ? <Disputes ledger={l} /> : null}
      <div className="billing-forms">
        {mayBill(roles, 'charge') ? (
          <ChargeForm ledger={l} patientName={patientName} onPosted={() => balanceRef.current?.focus()} />
        ) : null}
        {mayBill(roles, 'adjust') && l.invoices.length ? (
          <AdjustForm ledger={l} onPosted={() => balanceRef.current?.focus()} />
        ) : null}
      </div>
      <Invoices ledger={l} />
      <Payments ledger={l} canRefund={mayBill(roles, 'refund')} onRefunded={() => refundsRef.current?.focus()} />
      <Refunds ledger={l} headingRef={refundsRef} stopped={stoppedChecking} refreshing={asked} refresh={refresh} />
      <Entries ledger={l} />
      <p className="hint">{t('console.billing.ledgerHint')}</p>
    </div>
  );
}

function useMoney(currency: string) {
  const { tr } = useI18n();
  return (minor: number) => formatMoney(minor, currency, tr.locale);
}

function Card({
  id,
  title,
  testid,
  headingRef,
  children,
}: {
  id: string;
  title: string;
  testid: string;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  children: ReactNode;
}) {
  return (
    <section className="card stack" aria-labelledby={id} data-testid={testid}>
      <h2 id={id} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Summary({
  ledger: l,
  headingRef,
  refreshing,
  refresh,
}: {
  ledger: Ledger;
  headingRef: RefObject<HTMLHeadingElement | null>;
  refreshing: boolean;
  refresh: () => void;
}) {
  const { t } = useI18n();
  const money = useMoney(l.currency);
  return (
    <Card
      id="billing-balance-title"
      title={t('console.billing.balanceTitle')}
      testid="billing-summary"
      headingRef={headingRef}
    >
      <dl className="details">
        <div className="row">
          <dt>{t(l.balance < 0 ? 'console.billing.credit' : 'console.billing.owes')}</dt>
          <dd data-testid="billing-balance">
            <strong>{money(Math.abs(l.balance))}</strong>
          </dd>
        </div>
        <div className="row">
          <dt>{t('console.billing.unapplied')}</dt>
          <dd data-testid="billing-unapplied">{money(l.unapplied)}</dd>
        </div>
        <AutopayRows ledger={l} />
      </dl>
      <div className="actions">
        {/* Never disabled while reading (a poll may be under way): the focus stays on it. */}
        <button
          type="button"
          className="button button-secondary"
          aria-busy={refreshing || undefined}
          data-testid="billing-refresh"
          onClick={refresh}
        >
          {t(refreshing ? 'common.loading' : 'console.billing.refresh')}
        </button>
      </div>
    </Card>
  );
}

/** The patient's autopay: on or off, its limit, what its last run did (when, what it took), when it next runs, and a pause during a dispute. */
function AutopayRows({ ledger: l }: { ledger: Ledger }) {
  const { t, tr } = useI18n();
  const money = useMoney(l.currency);
  const a = l.autopay?.active ? l.autopay : null;
  const paused = Boolean(a?.paused);
  return (
    <>
      <div className="row">
        <dt>{t('console.billing.autopay')}</dt>
        <dd data-testid="billing-autopay" data-active={Boolean(a)}>
          {a ? (
            <>
              <strong>{t('console.billing.autopayOn', { when: tr.dateTime(a.consented_at) })}</strong>{' '}
              {paused ? (
                <span className="tag tag-warn" data-testid="billing-autopay-paused">
                  {t('console.billing.autopayPaused')}
                </span>
              ) : null}
            </>
          ) : (
            t('console.billing.autopayOff')
          )}
        </dd>
      </div>
      {a ? (
        <>
          <div className="row">
            <dt>{t('console.billing.autopayCap')}</dt>
            <dd data-testid="billing-autopay-cap">{money(a.cap)}</dd>
          </div>
          <div className="row">
            <dt>{t('console.billing.autopayLast')}</dt>
            <dd data-testid="billing-autopay-outcome" data-outcome={a.last_outcome ?? ''}>
              {[
                t(a.last_outcome ? OUTCOME_KEYS[a.last_outcome] : 'console.billing.autopayOutcome.none'),
                a.last_run_at ? t('console.billing.autopayLastWhen', { when: tr.dateTime(a.last_run_at) }) : '',
                a.last_amount ? t('console.billing.autopayLastAmount', { amount: money(a.last_amount) }) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </div>
          {a.next_run_at ? (
            <div className="row">
              <dt>{t('console.billing.autopayNext')}</dt>
              <dd data-testid="billing-autopay-next">
                {t('console.billing.autopayNextValue', { when: tr.dateTime(a.next_run_at) })}
              </dd>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function Disputes({ ledger: l }: { ledger: Ledger }) {
  const { t, tr } = useI18n();
  const { roles } = useMe();
  const money = useMoney(l.currency);
  const open = l.disputes.filter(openDispute);
  // The dispute whose evidence is open (one at a time).
  const [preparing, setPreparing] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const close = (id: string) => {
    setPreparing(null);
    buttons.current.get(id)?.focus();
  };
  return (
    <Card id="billing-disputes-title" title={t('console.billing.disputesTitle')} testid="billing-disputes">
      {open.length ? (
        <Alert tone="warn" testid="billing-dispute-open">
          <p>{t('console.billing.dispute.openNote', { n: open.length })}</p>
        </Alert>
      ) : null}
      <ul className="list">
        {l.disputes.map((d) => (
          <li key={d.dispute_id} className="list-row" data-testid="billing-dispute" data-status={d.status}>
            <strong>{money(d.amount)}</strong>
            <span className={openDispute(d) ? 'tag tag-warn' : 'tag'}>{t(DISPUTE_KEYS[d.status])}</span>
            <span className="hint">{t('console.billing.dispute.opened', { when: tr.dateTime(d.opened_at) })}</span>
            {openDispute(d) && d.evidence_due_by ? (
              <strong className="status status-warn" data-testid="billing-dispute-due">
                {t('console.billing.dispute.due', { when: tr.dateTime(d.evidence_due_by) })}
              </strong>
            ) : null}
            <span className="hint">{t('console.billing.dispute.reason', { reason: d.reason })}</span>
            {d.evidence ? (
              <span
                className={d.evidence.state === 'sent' ? 'tag' : 'tag tag-warn'}
                data-testid="billing-dispute-evidence"
              >
                {t(EVIDENCE_STATE_KEYS[d.evidence.state], { when: tr.dateTime(d.evidence.at) })}
              </span>
            ) : null}
            <code className="audit-id">{d.dispute_id}</code>
            {mayBill(roles, 'readEvidence') ? (
              <button
                type="button"
                className="button button-secondary button-small"
                data-testid="billing-dispute-prepare"
                ref={(el) => {
                  if (el) buttons.current.set(d.dispute_id, el);
                  else buttons.current.delete(d.dispute_id);
                }}
                aria-expanded={preparing === d.dispute_id}
                onClick={() => setPreparing(preparing === d.dispute_id ? null : d.dispute_id)}
              >
                {t(
                  d.status === 'needs_response' && d.evidence?.state !== 'sent'
                    ? 'console.billing.dispute.prepare'
                    : 'console.billing.dispute.review',
                )}
              </button>
            ) : null}
            {preparing === d.dispute_id ? (
              <DisputeEvidence patientId={l.patient_id} dispute={d} onClose={() => close(d.dispute_id)} />
            ) : null}
          </li>
        ))}
      </ul>
      <p className="hint" data-testid="billing-dispute-help">
        {t('console.billing.dispute.evidenceHelp')}
      </p>
    </Card>
  );
}

/** An amount typed as dollars and cents: read as text into whole cents. */
function MoneyField({
  label,
  hint,
  error,
  value,
  onChange,
  testid,
  inputRef,
}: {
  label: string;
  hint?: string;
  error: string;
  value: string;
  onChange: (v: string) => void;
  testid: string;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={inputRef}
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          data-testid={testid}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function DescriptionField({
  value,
  onChange,
  error,
  testid,
  inputRef,
  hint,
}: {
  value: string;
  onChange: (v: string) => void;
  error: string;
  testid: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  hint: string;
}) {
  const { t } = useI18n();
  return (
    <Field label={t('console.billing.description')} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={inputRef}
          id={id}
          type="text"
          autoComplete="off"
          maxLength={DESCRIPTION_MAX}
          data-testid={testid}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function invoiceLabel(
  t: (k: string, v?: Record<string, string | number>) => string,
  inv: S['InvoiceView'],
  money: (n: number) => string,
) {
  return inv.description
    ? t('console.billing.invoiceOptionFor', {
        number: inv.number,
        description: inv.description,
        balance: money(inv.balance),
      })
    : t('console.billing.invoiceOption', { number: inv.number, balance: money(inv.balance) });
}

/** A charge: on a new invoice, or added to one. Posted once, whatever the retries. */
function ChargeForm({
  ledger: l,
  patientName,
  onPosted,
}: {
  ledger: Ledger;
  patientName: string;
  onPosted: () => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const money = useMoney(l.currency);
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [invoice, setInvoice] = useState('');
  const [finalize, setFinalize] = useState(true);
  const [local, setLocal] = useState<{ amount?: string; description?: string }>({});
  const amountRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);
  const key = useRef(new RequestKey());
  // Only a bill still being prepared takes more charges (a final one refuses them).
  const open = l.invoices.filter((i) => !i.finalized);
  const post = useMutation({
    mutationFn: ({ body, idempotency }: { body: S['ChargeRequest']; idempotency: string }) =>
      billing.charge(l.patient_id, body, idempotency),
    onSuccess: (posted, { body }) => {
      key.current.done();
      setAmount('');
      setDescription('');
      setInvoice('');
      setFinalize(true);
      void client.invalidateQueries({ queryKey: ['ledger', l.patient_id] });
      status.announce('console.billing.charge.posted', {
        amount: money(body.amount),
        name: patientName,
        balance: money(posted.balance),
      });
      onPosted();
    },
  });
  // No answer yet for the charge sent: it may have been posted (and made its bill final). Until the server
  // answers, the chosen bill stays chosen (and offered), so sending it again is the same request, same key.
  const awaiting = unanswered(post.error);
  const chosen = invoice && !open.some((i) => i.invoice_id === invoice) ? invoice : '';
  // A bill that became final since (a newer read decides) is no longer offered, once nothing waits on it.
  useEffect(() => {
    if (chosen && !awaiting) setInvoice('');
  }, [chosen, awaiting]);
  const offered = awaiting && chosen ? l.invoices.filter((i) => !i.finalized || i.invoice_id === chosen) : open;
  const fieldError = useFieldErrors(post.error);
  const noAccount = post.error instanceof ApiError && post.error.status === 409;
  // The bill chosen became final meanwhile, or is not this patient's (422 on invoice_id, told apart by
  // its code): said, and the list read again.
  const finalRefused = Boolean(fieldError('invoice_id', t('console.billing.charge.invoice')));
  const notTheirs = fieldCode(post.error, 'invoice_id') === 'not_found';
  useEffect(() => {
    if (finalRefused) void client.invalidateQueries({ queryKey: ['ledger', l.patient_id] });
  }, [finalRefused, client, l.patient_id]);
  return (
    <Card id="billing-charge-title" title={t('console.billing.charge.title')} testid="billing-charge">
      <form
        className="stack"
        noValidate
        data-testid="billing-charge-form"
        onSubmit={(e) => {
          e.preventDefault();
          const cents = parseMoney(amount, l.currency);
          const text = description.trim();
          const found = {
            amount: cents && cents > 0 ? undefined : t('console.billing.amountInvalid'),
            description:
              charCount(text) >= 1 && charCount(text) <= DESCRIPTION_MAX
                ? undefined
                : t('console.billing.descriptionInvalid', { max: DESCRIPTION_MAX }),
          };
          setLocal(found);
          if (found.amount) return amountRef.current?.focus();
          if (found.description) return descriptionRef.current?.focus();
          const body: S['ChargeRequest'] = {
            amount: cents as number,
            description: text,
            ...(invoice ? { invoice_id: invoice } : {}),
            finalize,
          };
          post.mutate({ body, idempotency: key.current.for(body) });
        }}
      >
        <MoneyField
          label={t('console.billing.amount')}
          hint={t('console.billing.amountHint')}
          error={local.amount ?? fieldError('amount', t('console.billing.amount'))}
          value={amount}
          onChange={setAmount}
          testid="billing-charge-amount"
          inputRef={amountRef}
        />
        <DescriptionField
          value={description}
          onChange={setDescription}
          error={local.description ?? fieldError('description', t('console.billing.description'))}
          testid="billing-charge-description"
          inputRef={descriptionRef}
          hint={t('console.billing.charge.descriptionHint', { max: DESCRIPTION_MAX })}
        />
        <Field
          label={t('console.billing.charge.invoice')}
          hint={open.length ? t('console.billing.charge.invoiceHint') : t('console.billing.charge.invoiceNoneOpen')}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              data-testid="billing-charge-invoice"
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={invoice}
              onChange={(e) => setInvoice(e.currentTarget.value)}
            >
              <option value="">{t('console.billing.charge.newInvoice')}</option>
              {offered.map((inv) => (
                <option key={inv.invoice_id} value={inv.invoice_id}>
                  {invoiceLabel(t, inv, money)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="choice">
          <input
            type="checkbox"
            id="billing-charge-finalize"
            data-testid="billing-charge-finalize"
            aria-describedby="billing-charge-finalize-hint"
            checked={finalize}
            onChange={(e) => setFinalize(e.currentTarget.checked)}
          />
          <label htmlFor="billing-charge-finalize">{t('console.billing.charge.finalize')}</label>
        </div>
        <p className="hint" id="billing-charge-finalize-hint">
          {t(finalize ? 'console.billing.charge.finalizeOn' : 'console.billing.charge.finalizeOff')}
        </p>
        {noAccount || finalRefused ? (
          <Alert tone="error" testid="billing-charge-error" focus>
            <p>
              {t(
                noAccount
                  ? 'console.billing.charge.noAccount'
                  : notTheirs
                    ? 'console.billing.charge.invoiceNotTheirs'
                    : 'console.billing.charge.invoiceFinal',
              )}
            </p>
          </Alert>
        ) : (
          <Refusal error={post.error} words={{}} testid="billing-charge-error" focus />
        )}
        <div className="actions">
          <BusyButton
            type="submit"
            busy={post.isPending}
            busyLabel={t('common.saving')}
            data-testid="billing-charge-post"
          >
            {t('console.billing.charge.post')}
          </BusyButton>
        </div>
      </form>
    </Card>
  );
}

type Direction = 'lower' | 'raise';

/** An adjustment (up or down) or a write-off (down only) of one invoice. */
function AdjustForm({ ledger: l, onPosted }: { ledger: Ledger; onPosted: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const money = useMoney(l.currency);
  const [invoice, setInvoice] = useState(
    () => (l.invoices.find((i) => i.balance > 0) ?? l.invoices[0])?.invoice_id ?? '',
  );
  const [kind, setKind] = useState<S['AdjustmentKind']>('adjustment');
  const [direction, setDirection] = useState<Direction>('lower');
  const [amount, setAmount] = useState('');
  const [description, setDescription] = useState('');
  const [local, setLocal] = useState<{ amount?: string; description?: string }>({});
  const amountRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLInputElement>(null);
  const key = useRef(new RequestKey());
  // An invoice that is gone from the list (it cannot be, but a newer read decides) is not kept.
  useEffect(() => {
    if (!l.invoices.some((i) => i.invoice_id === invoice)) setInvoice(l.invoices[0]?.invoice_id ?? '');
  }, [l.invoices, invoice]);
  const post = useMutation({
    mutationFn: ({ body, idempotency }: { body: S['AdjustmentRequest']; idempotency: string }) =>
      billing.adjust(l.patient_id, body, idempotency),
    onSuccess: (posted, { body }) => {
      key.current.done();
      setAmount('');
      setDescription('');
      void client.invalidateQueries({ queryKey: ['ledger', l.patient_id] });
      status.announce(
        body.kind === 'write_off' ? 'console.billing.adjust.wroteOff' : 'console.billing.adjust.adjusted',
        { amount: money(Math.abs(body.amount)), balance: money(posted.balance) },
      );
      onPosted();
    },
  });
  const fieldError = useFieldErrors(post.error);
  const lower = kind === 'write_off' || direction === 'lower';
  return (
    <Card id="billing-adjust-title" title={t('console.billing.adjust.title')} testid="billing-adjust">
      <form
        className="stack"
        noValidate
        data-testid="billing-adjust-form"
        onSubmit={(e) => {
          e.preventDefault();
          const cents = parseMoney(amount, l.currency);
          const text = description.trim();
          const found = {
            amount: cents && cents > 0 ? undefined : t('console.billing.amountInvalid'),
            description:
              charCount(text) >= 1 && charCount(text) <= DESCRIPTION_MAX
                ? undefined
                : t('console.billing.descriptionInvalid', { max: DESCRIPTION_MAX }),
          };
          setLocal(found);
          if (found.amount) return amountRef.current?.focus();
          if (found.description) return descriptionRef.current?.focus();
          const body: S['AdjustmentRequest'] = {
            invoice_id: invoice,
            kind,
            amount: lower ? -(cents as number) : (cents as number),
            description: text,
          };
          post.mutate({ body, idempotency: key.current.for(body) });
        }}
      >
        <Field
          label={t('console.billing.adjust.invoice')}
          error={fieldError('invoice_id', t('console.billing.adjust.invoice'))}
        >
          {({ id, describedBy, invalid }) => (
            <select
              id={id}
              data-testid="billing-adjust-invoice"
              aria-describedby={describedBy || undefined}
              aria-invalid={invalid || undefined}
              value={invoice}
              onChange={(e) => setInvoice(e.currentTarget.value)}
            >
              {l.invoices.map((inv) => (
                <option key={inv.invoice_id} value={inv.invoice_id}>
                  {invoiceLabel(t, inv, money)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('console.billing.adjust.kind')}>
          {({ id }) => (
            <select
              id={id}
              data-testid="billing-adjust-kind"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as S['AdjustmentKind'])}
            >
              <option value="adjustment">{t('console.billing.entry.adjustment')}</option>
              <option value="write_off">{t('console.billing.entry.writeOff')}</option>
            </select>
          )}
        </Field>
        {kind === 'adjustment' ? (
          <Field label={t('console.billing.adjust.direction')}>
            {({ id }) => (
              <select
                id={id}
                data-testid="billing-adjust-direction"
                value={direction}
                onChange={(e) => setDirection(e.currentTarget.value as Direction)}
              >
                <option value="lower">{t('console.billing.adjust.lower')}</option>
                <option value="raise">{t('console.billing.adjust.raise')}</option>
              </select>
            )}
          </Field>
        ) : (
          <p className="hint">{t('console.billing.adjust.writeOffHint')}</p>
        )}
        <MoneyField
          label={t('console.billing.amount')}
          hint={t('console.billing.amountHint')}
          error={local.amount ?? fieldError('amount', t('console.billing.amount'))}
          value={amount}
          onChange={setAmount}
          testid="billing-adjust-amount"
          inputRef={amountRef}
        />
        <DescriptionField
          value={description}
          onChange={setDescription}
          error={local.description ?? fieldError('description', t('console.billing.description'))}
          testid="billing-adjust-description"
          inputRef={descriptionRef}
          hint={t('console.billing.charge.descriptionHint', { max: DESCRIPTION_MAX })}
        />
        <Refusal
          error={post.error}
          words={{ 422: 'console.billing.adjust.belowZero', 409: 'console.billing.charge.noAccount' }}
          testid="billing-adjust-error"
          focus
        />
        <div className="actions">
          <BusyButton
            type="submit"
            busy={post.isPending}
            busyLabel={t('common.saving')}
            data-testid="billing-adjust-post"
          >
            {t(kind === 'write_off' ? 'console.billing.adjust.postWriteOff' : 'console.billing.adjust.post')}
          </BusyButton>
        </div>
      </form>
    </Card>
  );
}

function Invoices({ ledger: l }: { ledger: Ledger }) {
  const { t, tr } = useI18n();
  const money = useMoney(l.currency);
  return (
    <Card id="billing-invoices-title" title={t('console.billing.invoicesTitle')} testid="billing-invoices">
      {l.invoices.length ? (
        <div className="table-scroll">
          <table className="inbox">
            <caption className="visually-hidden">{t('console.billing.invoicesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.billing.invoice')}</th>
                <th scope="col">{t('console.billing.description')}</th>
                <th scope="col">{t('console.billing.opened')}</th>
                <th scope="col">{t('console.billing.charged')}</th>
                <th scope="col">{t('console.billing.invoiceBalance')}</th>
              </tr>
            </thead>
            <tbody>
              {l.invoices.map((inv) => (
                <tr
                  key={inv.invoice_id}
                  data-testid="billing-invoice"
                  data-invoice-id={inv.invoice_id}
                  data-finalized={inv.finalized}
                >
                  <th scope="row">
                    {t('console.billing.invoiceNumber', { number: inv.number })}
                    {inv.finalized ? null : (
                      <>
                        {' '}
                        <span className="tag tag-warn" data-testid="billing-invoice-preparing">
                          {t('console.billing.invoicePreparing')}
                        </span>
                      </>
                    )}
                  </th>
                  <td data-testid="billing-invoice-description">
                    {inv.description || <span className="muted">{t('console.chart.none')}</span>}
                  </td>
                  <td>{tr.dateTime(inv.opened_at)}</td>
                  <td>{money(inv.charged)}</td>
                  <td data-testid="billing-invoice-balance">{money(inv.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="billing-invoices-none">{t('console.billing.invoicesNone')}</p>
      )}
    </Card>
  );
}

function Payments({
  ledger: l,
  canRefund,
  onRefunded,
}: {
  ledger: Ledger;
  canRefund: boolean;
  onRefunded: () => void;
}) {
  const { t, tr } = useI18n();
  const money = useMoney(l.currency);
  const [refunding, setRefunding] = useState<string | null>(null);
  const [backTo, setBackTo] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  useEffect(() => {
    if (!backTo) return;
    buttons.current.get(backTo)?.focus();
    setBackTo(null);
  }, [backTo]);
  const payment = l.payments.find((p) => p.payment_id === refunding);
  return (
    <Card id="billing-payments-title" title={t('console.billing.paymentsTitle')} testid="billing-payments">
      {l.payments.length ? (
        <div className="table-scroll">
          <table className="inbox">
            <caption className="visually-hidden">{t('console.billing.paymentsTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.billing.when')}</th>
                <th scope="col">{t('console.billing.amount')}</th>
                <th scope="col">{t('console.billing.status')}</th>
                <th scope="col">{t('console.billing.refunded')}</th>
                {canRefund ? <th scope="col">{t('console.team.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {l.payments.map((p) => (
                <tr
                  key={p.payment_id}
                  data-testid="billing-payment"
                  data-payment-id={p.payment_id}
                  data-status={p.status}
                >
                  <th scope="row">{tr.dateTime(p.succeeded_at ?? p.created_at)}</th>
                  <td>{money(p.amount)}</td>
                  <td data-testid="billing-payment-status">
                    {t(PAYMENT_KEYS[p.status])}
                    {p.status === 'failed' && p.failure_code ? <span className="hint"> ({p.failure_code})</span> : null}
                  </td>
                  <td>{p.refunded ? money(p.refunded) : '—'}</td>
                  {canRefund ? (
                    <td>
                      {refundable(p) > 0 ? (
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          data-testid="billing-refund-open"
                          aria-expanded={refunding === p.payment_id}
                          ref={(el) => {
                            if (el) buttons.current.set(p.payment_id, el);
                            else buttons.current.delete(p.payment_id);
                          }}
                          // Seen as "Refund"; heard with the payment it is for (the name starts with what is seen).
                          aria-label={t('console.billing.refund.open', {
                            amount: money(p.amount),
                            when: tr.dateTime(p.succeeded_at ?? p.created_at),
                          })}
                          onClick={() => setRefunding(p.payment_id)}
                        >
                          {t('console.billing.refund.send')}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="billing-payments-none">{t('console.billing.paymentsNone')}</p>
      )}
      {payment && refundable(payment) > 0 ? (
        <RefundForm
          key={payment.payment_id}
          ledger={l}
          payment={payment}
          onDone={(sent) => {
            setRefunding(null);
            if (sent) onRefunded();
            else setBackTo(payment.payment_id);
          }}
        />
      ) : null}
    </Card>
  );
}

const REASONS = Object.keys(REASON_KEYS) as S['RefundReason'][];

/** One refund: its own Idempotency-Key for as long as the form is open and what it sends is the same. */
function RefundForm({
  ledger: l,
  payment,
  onDone,
}: {
  ledger: Ledger;
  payment: S['PaymentView'];
  onDone: (sent: boolean) => void;
}) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const money = useMoney(l.currency);
  const left = refundable(payment);
  const [amount, setAmount] = useState(() => moneyInput(left, l.currency));
  const [reason, setReason] = useState<S['RefundReason']>('requested_by_patient');
  const [adjust, setAdjust] = useState<boolean | null>(null);
  const [local, setLocal] = useState('');
  const [unsent, setUnsent] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const key = useRef(new RequestKey());
  useEffect(() => headingRef.current?.focus(), []);
  // Lowering what is owed goes with a reduced charge unless staff say otherwise.
  const lowers = adjust ?? reason === 'charge_reduced';
  const send = useMutation({
    mutationFn: ({ body, idempotency }: { body: S['RefundBody']; idempotency: string }) =>
      billing.refund(l.patient_id, body, idempotency),
    onSuccess: (refund) => {
      void client.invalidateQueries({ queryKey: ['ledger', l.patient_id] });
      // Stripe did not answer: nothing was refunded. The form stays with the same key, so sending it
      // again asks Stripe again for this refund (not a second one).
      if (refund.status === 'unsent') {
        setUnsent(true);
        return;
      }
      key.current.done();
      status.announce('console.billing.refund.requested', { amount: money(refund.amount) });
      onDone(true);
    },
  });
  const fieldError = useFieldErrors(send.error);
  const titleId = `refund-title-${payment.payment_id}`;
  return (
    <form
      className="card stack"
      aria-labelledby={titleId}
      noValidate
      data-testid="billing-refund-form"
      onSubmit={(e) => {
        e.preventDefault();
        const cents = parseMoney(amount, l.currency);
        if (!cents || cents <= 0 || cents > left) {
          setLocal(t('console.billing.refund.amountInvalid', { max: money(left) }));
          amountRef.current?.focus();
          return;
        }
        setLocal('');
        setUnsent(false);
        const body: S['RefundBody'] = { payment_id: payment.payment_id, amount: cents, reason, adjust: lowers };
        send.mutate({ body, idempotency: key.current.for(body) });
      }}
    >
      <h3 id={titleId} ref={headingRef} tabIndex={-1}>
        {t('console.billing.refund.title', {
          amount: money(payment.amount),
          when: tr.dateTime(payment.succeeded_at ?? payment.created_at),
        })}
      </h3>
      <p className="hint">{t('console.billing.refund.hint', { left: money(left) })}</p>
      <MoneyField
        label={t('console.billing.refund.amount')}
        error={local || fieldError('amount', t('console.billing.refund.amount'))}
        value={amount}
        onChange={setAmount}
        testid="billing-refund-amount"
        inputRef={amountRef}
      />
      <Field
        label={t('console.billing.refund.reason')}
        error={fieldError('reason', t('console.billing.refund.reason'))}
      >
        {({ id, describedBy, invalid }) => (
          <select
            id={id}
            data-testid="billing-refund-reason"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as S['RefundReason'])}
          >
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {t(REASON_KEYS[r])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="choice">
        <input
          type="checkbox"
          id={`refund-adjust-${payment.payment_id}`}
          data-testid="billing-refund-adjust"
          checked={lowers}
          onChange={(e) => setAdjust(e.currentTarget.checked)}
        />
        <label htmlFor={`refund-adjust-${payment.payment_id}`}>{t('console.billing.refund.adjust')}</label>
      </div>
      {unsent && !send.isPending ? (
        <Alert tone="warn" testid="billing-refund-unsent" focus>
          <p>{t('console.billing.refund.unsentAnswer')}</p>
        </Alert>
      ) : null}
      <Refusal
        error={send.error}
        words={{ 409: 'console.billing.refund.refused', 422: 'console.billing.refund.unprocessable' }}
        testid="billing-refund-error"
        focus
      />
      <div className="actions actions-row">
        <BusyButton
          type="submit"
          busy={send.isPending}
          busyLabel={t('common.sending')}
          data-testid="billing-refund-send"
        >
          {t('console.billing.refund.send')}
        </BusyButton>
        <button
          type="button"
          className="button button-secondary"
          data-testid="billing-refund-cancel"
          disabled={send.isPending}
          onClick={() => onDone(false)}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Refunds({
  ledger: l,
  headingRef,
  stopped,
  refreshing,
  refresh,
}: {
  ledger: Ledger;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Still waiting after two minutes: the tab no longer reads by itself. */
  stopped: boolean;
  refreshing: boolean;
  refresh: () => void;
}) {
  const { t, tr } = useI18n();
  const money = useMoney(l.currency);
  const waiting = l.refunds.some(inFlight);
  return (
    <Card
      id="billing-refunds-title"
      title={t('console.billing.refundsTitle')}
      testid="billing-refunds"
      headingRef={headingRef}
    >
      {l.refunds.length ? (
        <ul className="list">
          {l.refunds.map((r) => (
            <li key={r.refund_id} className="list-row" data-testid="billing-refund" data-status={r.status}>
              <strong>{money(r.amount)}</strong>
              <span
                className={r.status === 'failed' ? 'tag tag-urgent' : r.status === 'unsent' ? 'tag tag-warn' : 'tag'}
                data-testid="billing-refund-status"
              >
                {t(REFUND_STATUS_KEYS[r.status])}
              </span>
              <span>{t(REASON_KEYS[r.reason])}</span>
              {r.adjust ? <span className="hint">{t('console.billing.refund.adjusted')}</span> : null}
              <span className="hint">{tr.dateTime(r.created_at)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="billing-refunds-none">{t('console.billing.refundsNone')}</p>
      )}
      {waiting && stopped ? (
        <div className="stack-tight" data-testid="billing-refund-stopped">
          <p className="hint">{t('console.billing.refund.stopped')}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-secondary"
              aria-busy={refreshing || undefined}
              data-testid="billing-refund-check"
              onClick={refresh}
            >
              {t(refreshing ? 'common.loading' : 'console.billing.refresh')}
            </button>
          </div>
        </div>
      ) : waiting ? (
        <p className="hint" data-testid="billing-refund-waiting">
          {t('console.billing.refund.waiting')}
        </p>
      ) : null}
    </Card>
  );
}

function Entries({ ledger: l }: { ledger: Ledger }) {
  const { t, tr } = useI18n();
  const money = useMoney(l.currency);
  return (
    <Card id="billing-entries-title" title={t('console.billing.entriesTitle')} testid="billing-entries">
      {l.entries.length ? (
        <div className="table-scroll">
          <table className="inbox">
            <caption className="visually-hidden">{t('console.billing.entriesTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.billing.when')}</th>
                <th scope="col">{t('console.billing.what')}</th>
                <th scope="col">{t('console.billing.description')}</th>
                <th scope="col">{t('console.billing.change')}</th>
              </tr>
            </thead>
            <tbody>
              {l.entries.map((e) => (
                <tr key={e.entry_id} data-testid="billing-entry" data-kind={e.kind}>
                  <th scope="row">{tr.dateTime(e.posted_at)}</th>
                  <td data-testid="billing-entry-kind">{t(ENTRY_KEYS[e.kind])}</td>
                  <td>{e.description || <span className="muted">{t('console.chart.none')}</span>}</td>
                  <td data-testid="billing-entry-amount">
                    {e.amount > 0 ? '+' : ''}
                    {money(e.amount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p data-testid="billing-entries-none">{t('console.billing.entriesNone')}</p>
      )}
    </Card>
  );
}
