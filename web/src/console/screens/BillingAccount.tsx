// The Billing part of the practice's settings (`GET`/`PUT /staff/billing/account`): the practice's
// Stripe connected account, live or test mode, currency, the smallest payment taken, whether a patient
// may pay ahead, and the statement descriptor on patients' card statements (a neutral name: nothing
// about a specialty). Admins set it; billing staff read it. Turning live mode on asks first: live mode
// moves real money.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { publishedPattern } from '../../shared/limits';
import { Alert, BusyButton, ConfirmDialog, Field, LoadFailed, Loading, useStatus } from '../../shared/ui/components';
import { Refusal, useFieldErrors, useMe } from '../parts';
import { billing, formatMoney, mayBill, moneyInput, parseMoney, type S } from './BillingApi';

type Account = S['AccountView'];

const PATTERNS = {
  stripe_account: publishedPattern('AccountUpdate.stripe_account'),
  currency: publishedPattern('AccountUpdate.currency'),
  statement_descriptor: publishedPattern('AccountUpdate.statement_descriptor'),
};

interface Draft {
  stripe_account: string;
  livemode: boolean;
  currency: string;
  minimum_payment: string;
  allow_prepayment: boolean;
  statement_descriptor: string;
}

const draftOf = (a: Account | null): Draft => ({
  stripe_account: a?.stripe_account ?? '',
  livemode: a?.livemode ?? false,
  currency: a?.currency ?? 'usd',
  minimum_payment: a ? moneyInput(a.minimum_payment, a.currency) : '',
  allow_prepayment: a?.allow_prepayment ?? false,
  statement_descriptor: a?.statement_descriptor ?? '',
});

type TextField = 'stripe_account' | 'currency' | 'minimum_payment' | 'statement_descriptor';
const LABEL_KEYS = {
  stripe_account: 'console.billingAccount.stripeAccount',
  currency: 'console.billingAccount.currency',
  minimum_payment: 'console.billingAccount.minimumPayment',
  statement_descriptor: 'console.billingAccount.descriptor',
} as const satisfies Record<TextField, string>;

export function BillingAccount() {
  const { t } = useI18n();
  const { roles } = useMe();
  const account = useQuery({ queryKey: ['billing-account'], queryFn: billing.account });
  let content: ReactNode;
  if (account.isError) content = <LoadFailed error={account.error} retry={() => void account.refetch()} />;
  else if (account.data === undefined) content = <Loading />;
  else if (mayBill(roles, 'editAccount')) content = <AccountForm account={account.data} />;
  else content = <AccountFacts account={account.data} />;
  return (
    <section className="card stack" aria-labelledby="billing-account-title" data-testid="billing-account">
      <h2 id="billing-account-title">{t('console.billingAccount.title')}</h2>
      <p className="hint">{t('console.billingAccount.lead')}</p>
      {content}
    </section>
  );
}

/** What billing staff see: the account as set, read only. */
function AccountFacts({ account: a }: { account: Account | null }) {
  const { t, tr } = useI18n();
  if (!a) return <p data-testid="billing-account-none">{t('console.billingAccount.noneReadOnly')}</p>;
  const row = (label: string, value: string, testid: string) => (
    <div className="row">
      <dt>{label}</dt>
      <dd data-testid={testid}>{value}</dd>
    </div>
  );
  return (
    <>
      <p className="hint" data-testid="billing-account-readonly">
        {t('console.billingAccount.readOnly')}
      </p>
      <dl className="details">
        {row(t(LABEL_KEYS.stripe_account), a.stripe_account, 'billing-account-stripe')}
        {row(
          t('console.billingAccount.mode'),
          t(a.livemode ? 'console.billingAccount.live' : 'console.billingAccount.test'),
          'billing-account-mode',
        )}
        {row(t(LABEL_KEYS.currency), a.currency.toUpperCase(), 'billing-account-currency')}
        {row(
          t(LABEL_KEYS.minimum_payment),
          formatMoney(a.minimum_payment, a.currency, tr.locale),
          'billing-account-minimum',
        )}
        {row(
          t('console.billingAccount.prepayment'),
          t(a.allow_prepayment ? 'console.chart.on' : 'console.chart.off'),
          'billing-account-prepayment',
        )}
        {row(t(LABEL_KEYS.statement_descriptor), a.statement_descriptor, 'billing-account-descriptor')}
        {row(t('console.billingAccount.updated'), tr.dateTime(a.updated_at), 'billing-account-updated')}
      </dl>
    </>
  );
}

function AccountForm({ account }: { account: Account | null }) {
  const { t, tr } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [draft, setDraft] = useState<Draft>(() => draftOf(account));
  const [local, setLocal] = useState<Partial<Record<TextField, string>>>({});
  const [asking, setAsking] = useState(false);
  const refs = {
    stripe_account: useRef<HTMLInputElement>(null),
    currency: useRef<HTMLInputElement>(null),
    minimum_payment: useRef<HTMLInputElement>(null),
    statement_descriptor: useRef<HTMLInputElement>(null),
  };
  // A newer read replaces the form when nothing was typed in it.
  const base = useRef(account);
  useEffect(() => {
    if (account !== base.current) {
      setDraft((d) => (JSON.stringify(d) === JSON.stringify(draftOf(base.current)) ? draftOf(account) : d));
      base.current = account;
    }
  }, [account]);
  const save = useMutation({
    mutationFn: (body: S['AccountUpdate']) => billing.saveAccount(body),
    onSuccess: (saved) => {
      setAsking(false);
      putAnswer(client, ['billing-account'], saved);
      base.current = saved;
      setDraft(draftOf(saved));
      status.announce(saved.livemode ? 'console.billingAccount.savedLive' : 'console.billingAccount.savedTest');
    },
    onError: () => setAsking(false),
  });
  const fieldError = useFieldErrors(save.error);
  const goingLive = draft.livemode && !account?.livemode;
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));

  const check = (): S['AccountUpdate'] | null => {
    const found: Partial<Record<TextField, string>> = {};
    const stripe = draft.stripe_account.trim();
    const currency = draft.currency.trim().toLowerCase();
    const descriptor = draft.statement_descriptor.trim();
    const minimum = parseMoney(draft.minimum_payment, PATTERNS.currency.test(currency) ? currency : 'usd');
    if (!PATTERNS.stripe_account.test(stripe)) found.stripe_account = t('console.billingAccount.stripeInvalid');
    if (!PATTERNS.currency.test(currency)) found.currency = t('console.billingAccount.currencyInvalid');
    if (minimum === null) found.minimum_payment = t('console.billing.amountInvalid');
    if (!PATTERNS.statement_descriptor.test(descriptor))
      found.statement_descriptor = t('console.billingAccount.descriptorInvalid');
    setLocal(found);
    const first = (Object.keys(refs) as TextField[]).find((f) => found[f]);
    if (first) {
      refs[first].current?.focus();
      return null;
    }
    return {
      stripe_account: stripe,
      livemode: draft.livemode,
      currency,
      minimum_payment: minimum as number,
      allow_prepayment: draft.allow_prepayment,
      statement_descriptor: descriptor,
    };
  };

  const input = (field: TextField, hint: string, extra: { inputMode?: 'decimal' } = {}) => (
    <Field label={t(LABEL_KEYS[field])} hint={hint} error={local[field] ?? fieldError(field, t(LABEL_KEYS[field]))}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={refs[field]}
          id={id}
          type="text"
          autoComplete="off"
          spellCheck={false}
          data-testid={`billing-account-${field}`}
          aria-describedby={describedBy || undefined}
          aria-invalid={invalid || undefined}
          value={draft[field]}
          onChange={(e) => set(field, e.currentTarget.value)}
          {...extra}
        />
      )}
    </Field>
  );

  return (
    <form
      className="stack"
      noValidate
      data-testid="billing-account-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.reset();
        const body = check();
        if (!body) return;
        if (goingLive) setAsking(true);
        else save.mutate(body);
      }}
    >
      {account ? (
        <p className="hint" data-testid="billing-account-updated">
          {t('console.billingAccount.updatedAt', { when: tr.dateTime(account.updated_at) })}
        </p>
      ) : (
        <Alert tone="info" testid="billing-account-none">
          <p>{t('console.billingAccount.none')}</p>
        </Alert>
      )}
      {input('stripe_account', t('console.billingAccount.stripeHint'))}
      <fieldset className="choices" data-testid="billing-account-mode">
        <legend>{t('console.billingAccount.mode')}</legend>
        <div className="choice">
          <input
            type="radio"
            name="billing-mode"
            id="billing-mode-test"
            data-testid="billing-account-test"
            checked={!draft.livemode}
            onChange={() => set('livemode', false)}
          />
          <label htmlFor="billing-mode-test">{t('console.billingAccount.test')}</label>
        </div>
        <div className="choice">
          <input
            type="radio"
            name="billing-mode"
            id="billing-mode-live"
            data-testid="billing-account-live"
            checked={draft.livemode}
            onChange={() => set('livemode', true)}
          />
          <label htmlFor="billing-mode-live">{t('console.billingAccount.live')}</label>
        </div>
      </fieldset>
      {goingLive ? (
        <Alert tone="warn" testid="billing-account-live-warning">
          <p>{t('console.billingAccount.liveWarning')}</p>
        </Alert>
      ) : null}
      {input('currency', t('console.billingAccount.currencyHint'))}
      {input('minimum_payment', t('console.billingAccount.minimumHint'), { inputMode: 'decimal' })}
      <div className="choice">
        <input
          type="checkbox"
          id="billing-prepayment"
          data-testid="billing-account-prepayment"
          checked={draft.allow_prepayment}
          onChange={(e) => set('allow_prepayment', e.currentTarget.checked)}
        />
        <label htmlFor="billing-prepayment">{t('console.billingAccount.prepaymentLabel')}</label>
      </div>
      {input('statement_descriptor', t('console.billingAccount.descriptorHint'))}
      {asking ? null : (
        <Refusal
          error={save.error}
          words={{ 422: 'console.billingAccount.refused', 400: 'console.billingAccount.refused' }}
          testid="billing-account-error"
          focus
        />
      )}
      <div className="actions">
        <BusyButton
          type="submit"
          busy={save.isPending && !asking}
          busyLabel={t('common.saving')}
          data-testid="billing-account-save"
        >
          {t('console.billingAccount.save')}
        </BusyButton>
      </div>
      <ConfirmDialog
        open={asking}
        danger
        testid="billing-account-live-confirm"
        title={t('console.billingAccount.liveConfirmTitle')}
        body={[t('console.billingAccount.liveWarning'), t('console.billingAccount.liveConfirmBody')]}
        confirmLabel={t('console.billingAccount.liveConfirmYes')}
        cancelLabel={t('common.cancel')}
        busy={save.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          const body = yes ? check() : null;
          if (body) save.mutate(body);
          else setAsking(false);
        }}
      />
    </form>
  );
}
