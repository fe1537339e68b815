// The practice's consent documents at their current versions, and a new version published by an admin
// (`POST /staff/practice/consents`, on the settings' version as read). Before it is published the
// confirmation says what it does to patients: a required document asks every patient again at their
// next sign-in; a new text-message consent stops texts until each patient agrees to it.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { enums } from '../../shared/api/openapi-values';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { Alert, BusyButton, ConfirmDialog, ErrorMessage, Field, useStatus } from '../../shared/ui/components';
import type { S } from '../api';
import { staff } from '../api';
import { useFieldErrors } from '../parts';

type View = S['PracticeSettingsView'];
type Kind = S['ConsentKind'];
type Document = S['ConsentDocument'];

/** A document's kind in words, for one not published yet (a published one goes by its own title). */
const KIND_KEYS = {
  terms_of_use: 'console.practice.consent.kind.termsOfUse',
  privacy_notice: 'console.practice.consent.kind.privacyNotice',
  sms_messages: 'console.practice.consent.kind.smsMessages',
  email_messages: 'console.practice.consent.kind.emailMessages',
  telehealth: 'console.practice.consent.kind.telehealth',
  financial_policy: 'console.practice.consent.kind.financialPolicy',
} as const satisfies Record<Kind, string>;
const KINDS = enums.ConsentKind as readonly Kind[];

interface Draft {
  kind: Kind;
  title: string;
  summary: string;
  url: string;
  required: boolean;
}
type DraftField = 'title' | 'summary' | 'url';
const FIELD_KEYS = {
  title: 'console.practice.consent.title',
  summary: 'console.practice.consent.summary',
  url: 'console.practice.consent.url',
} as const satisfies Record<DraftField, string>;

/** The form for a kind: its current document's words, to change for the new version (blank for a new one). */
function draftFor(kind: Kind, documents: Document[]): Draft {
  const current = documents.find((d) => d.kind === kind);
  return current
    ? { kind, title: current.title, summary: current.summary, url: current.url, required: current.required }
    : { kind, title: '', summary: '', url: '', required: false };
}

/** What publishing does to patients, in the order the confirmation says it. */
export function publicationEffects(draft: Pick<Draft, 'kind' | 'required'>): string[] {
  return [
    draft.required ? 'console.practice.consent.effectRequired' : 'console.practice.consent.effectOptional',
    ...(draft.kind === 'sms_messages' ? ['console.practice.consent.effectTexts'] : []),
    'console.practice.consent.effectKept',
  ];
}

export function ConsentDocuments({
  view,
  mayPublish,
  onPublished,
  reload,
  reloading,
}: {
  view: View;
  mayPublish: boolean;
  onPublished: (view: View) => void;
  reload: () => Promise<void>;
  reloading: boolean;
}) {
  const { t } = useI18n();
  const documents = view.consent_documents;
  return (
    <section className="card stack" aria-labelledby="practice-consents-title" data-testid="practice-consents">
      <h2 id="practice-consents-title">{t('console.practice.consent.heading')}</h2>
      {documents.length ? (
        <ul className="list">
          {documents.map((d) => (
            <li
              key={d.kind}
              className="list-row consent-document"
              data-testid="practice-consent"
              data-kind={d.kind}
              data-version={d.version}
            >
              <div className="stack-tight">
                <p className="consent-document-title">
                  <strong>{d.title}</strong>{' '}
                  <span className={d.required ? 'badge' : 'badge badge-muted'}>
                    {t(d.required ? 'console.practice.consent.required' : 'console.practice.consent.optional')}
                  </span>{' '}
                  <span className="hint consent-document-version" data-testid="practice-consent-version">
                    {t('console.practice.consent.versionOf', { version: d.version })}
                  </span>
                </p>
                <p>{d.summary}</p>
                <p>
                  <a href={d.url} rel="noopener noreferrer">
                    {t('console.practice.consent.fullText', { title: d.title })}
                  </a>
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="practice-consents-none">{t('console.practice.consent.none')}</p>
      )}
      {mayPublish ? <PublishForm view={view} onPublished={onPublished} reload={reload} reloading={reloading} /> : null}
    </section>
  );
}

function PublishForm({
  view,
  onPublished,
  reload,
  reloading,
}: {
  view: View;
  onPublished: (view: View) => void;
  reload: () => Promise<void>;
  reloading: boolean;
}) {
  const { t } = useI18n();
  const status = useStatus();
  const documents = view.consent_documents;
  const [draft, setDraft] = useState<Draft>(() => draftFor(documents[0]?.kind ?? 'terms_of_use', documents));
  const [asking, setAsking] = useState(false);
  const current = documents.find((d) => d.kind === draft.kind);
  const publish = useMutation({
    mutationFn: (body: S['ConsentPublication']) => staff.publishConsent(body),
    onSuccess: (answer, sent) => {
      const published = answer.consent_documents.find((d) => d.kind === sent.kind);
      setAsking(false);
      onPublished(answer);
      setDraft(draftFor(sent.kind, answer.consent_documents));
      status.announce('console.practice.consent.published', {
        title: published?.title ?? sent.title,
        version: published?.version ?? '',
      });
    },
    // What the form must change (a field, or a reload after a colleague's save) is said by the form.
    onError: (err) => {
      if (err instanceof ApiError && (err.status === 409 || err.fieldErrors.length)) setAsking(false);
    },
  });
  const fieldError = useFieldErrors(publish.error);
  const stale = publish.error instanceof ApiError && publish.error.status === 409;
  const text = (field: DraftField, hint?: string) => (
    <Field label={t(FIELD_KEYS[field])} hint={hint} error={fieldError(field, t(FIELD_KEYS[field]))}>
      {({ id, describedBy, invalid }) => {
        const props = {
          id,
          'data-testid': `publish-${field}`,
          'aria-describedby': describedBy || undefined,
          'aria-invalid': invalid || undefined,
          value: draft[field],
          onChange: (e: { currentTarget: { value: string } }) => setDraft({ ...draft, [field]: e.currentTarget.value }),
        };
        return field === 'summary' ? (
          <textarea rows={3} {...props} />
        ) : (
          <input type={field === 'url' ? 'url' : 'text'} autoComplete="off" {...props} />
        );
      }}
    </Field>
  );
  const next = (current?.version ?? 0) + 1;
  const title = draft.title.trim() || t(KIND_KEYS[draft.kind]);

  return (
    <>
      <form
        className="stack publish-form"
        aria-labelledby="publish-title"
        noValidate
        data-testid="publish-form"
        onSubmit={(e) => {
          e.preventDefault();
          publish.reset();
          setAsking(true);
        }}
      >
        <h3 id="publish-title">{t('console.practice.consent.publishTitle')}</h3>
        <p className="hint">{t('console.practice.consent.publishHint')}</p>
        <Field label={t('console.practice.consent.document')}>
          {({ id }) => (
            <select
              id={id}
              data-testid="publish-kind"
              value={draft.kind}
              onChange={(e) => {
                publish.reset();
                setDraft(draftFor(e.currentTarget.value as Kind, documents));
              }}
            >
              {KINDS.map((kind) => {
                const d = documents.find((doc) => doc.kind === kind);
                return (
                  <option key={kind} value={kind}>
                    {d
                      ? t('console.practice.consent.kindPublished', { title: d.title, version: d.version })
                      : t('console.practice.consent.kindNew', { kind: t(KIND_KEYS[kind]) })}
                  </option>
                );
              })}
            </select>
          )}
        </Field>
        {text('title', t('console.practice.consent.titleHint', { max: limits.consentTitleMaxChars }))}
        {text('summary', t('console.practice.consent.summaryHint', { max: limits.consentSummaryMaxChars }))}
        {text('url', t('console.practice.consent.urlHint'))}
        <div className="choice">
          <input
            type="checkbox"
            id="publish-required"
            data-testid="publish-required"
            aria-describedby="publish-required-hint"
            checked={draft.required}
            onChange={(e) => setDraft({ ...draft, required: e.currentTarget.checked })}
          />
          <label htmlFor="publish-required">{t('console.practice.consent.requiredLabel')}</label>
        </div>
        <p className="hint" id="publish-required-hint">
          {t('console.practice.consent.requiredHint')}
        </p>
        {stale ? (
          <Alert tone="error" testid="publish-stale" focus>
            <p>{t('console.practice.consent.stale')}</p>
            <div className="actions">
              <BusyButton
                type="button"
                className="button button-secondary"
                busy={reloading}
                busyLabel={t('common.loading')}
                data-testid="publish-reload"
                onClick={() => {
                  publish.reset();
                  void reload();
                }}
              >
                {t('console.practice.reload')}
              </BusyButton>
            </div>
          </Alert>
        ) : !asking ? (
          <ErrorMessage error={publish.error} testid="publish-error" focus />
        ) : null}
        <div className="actions">
          <button type="submit" className="button" data-testid="publish-open">
            {t('console.practice.consent.publish', { version: next })}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking}
        testid="publish-confirm"
        danger={draft.required || draft.kind === 'sms_messages'}
        title={t('console.practice.consent.confirmTitle', { version: next, title })}
        body={publicationEffects(draft).map((key) => t(key))}
        confirmLabel={t('console.practice.consent.confirmYes')}
        cancelLabel={t('common.cancel')}
        busy={publish.isPending}
        busyLabel={t('console.practice.consent.publishing')}
        onAnswer={(yes) => {
          if (!yes) {
            setAsking(false);
            return;
          }
          publish.mutate({
            version: view.version,
            kind: draft.kind,
            title: draft.title.trim(),
            summary: draft.summary.trim(),
            url: draft.url.trim(),
            required: draft.required,
          });
        }}
      >
        {publish.error && asking ? <ErrorMessage error={publish.error} testid="publish-error" focus /> : null}
      </ConfirmDialog>
    </>
  );
}
