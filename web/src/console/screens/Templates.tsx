// The practice's notification templates: PHI-free by construction (only the placeholders the API lists),
// each in every language the API answers with (English and Spanish), each language reworded on its own.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { putAnswer } from '../../shared/api/query';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits, may } from '../../shared/limits';
import {
  BusyButton,
  ErrorMessage,
  Field,
  LoadFailed,
  Loading,
  PageHeading,
  useStatus,
} from '../../shared/ui/components';
import { useConsoleTitle } from '../App';
import { type S, staff } from '../api';
import { useMe } from '../parts';

type Template = S['TemplateView'];

const KIND_KEYS = {
  message_waiting: 'console.templates.kind.messageWaiting',
  opt_out_confirmation: 'console.templates.kind.optOut',
  opt_in_confirmation: 'console.templates.kind.optIn',
  help_reply: 'console.templates.kind.help',
  appointment_reminder: 'console.templates.kind.appointmentReminder',
  appointment_update: 'console.templates.kind.appointmentUpdate',
  appointment_booked: 'console.templates.kind.appointmentBooked',
  appointment_confirmed: 'console.templates.kind.appointmentConfirmed',
  confirm_in_portal: 'console.templates.kind.confirmInPortal',
  waitlist_offer: 'console.templates.kind.waitlistOffer',
  payment_received: 'console.templates.kind.paymentReceived',
  payment_action_needed: 'console.templates.kind.paymentActionNeeded',
} as const satisfies Record<S['TemplateKind'], string>;

const LANGUAGE_KEYS = {
  en: 'console.templates.language.en',
  es: 'console.templates.language.es',
} as const satisfies Record<S['Lang'], string>;

/** The templates by kind, in the order the API lists them, each with its languages. */
export function byKind(templates: readonly Template[]): [S['TemplateKind'], Template[]][] {
  const kinds = new Map<S['TemplateKind'], Template[]>();
  for (const tpl of templates) kinds.set(tpl.kind, [...(kinds.get(tpl.kind) ?? []), tpl]);
  return [...kinds.entries()];
}

export function Templates() {
  const { t } = useI18n();
  useConsoleTitle(t('console.nav.templates'));
  const templates = useQuery({ queryKey: ['templates'], queryFn: staff.templates });
  const canEdit = may(useMe().roles, 'editTemplates');
  return (
    <section className="stack">
      <PageHeading>{t('console.templates.title')}</PageHeading>
      <p className="lead">{t('console.templates.lead')}</p>
      <p className="hint" data-testid="templates-languages">
        {t('console.templates.languages')}
      </p>
      {templates.isError ? <LoadFailed error={templates.error} retry={() => void templates.refetch()} /> : null}
      {templates.isPending ? <Loading /> : null}
      {templates.data
        ? byKind(templates.data).map(([kind, wordings]) => (
            <TemplateCard key={kind} kind={kind} wordings={wordings} canEdit={canEdit} />
          ))
        : null}
    </section>
  );
}

function TemplateCard({
  kind,
  wordings,
  canEdit,
}: {
  kind: S['TemplateKind'];
  wordings: Template[];
  canEdit: boolean;
}) {
  const { t } = useI18n();
  const titleId = `tpl-${kind}`;
  return (
    <article className="card stack" aria-labelledby={titleId} data-testid={`template-${kind}`}>
      <h2 id={titleId}>{t(KIND_KEYS[kind])}</h2>
      <div className="template-languages">
        {wordings.map((tpl) => (
          <Wording key={tpl.language} template={tpl} kindTitleId={titleId} canEdit={canEdit} />
        ))}
      </div>
    </article>
  );
}

/** One language's wording of a template: shown, and reworded by an admin. */
function Wording({ template, kindTitleId, canEdit }: { template: Template; kindTitleId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [editing, setEditing] = useState(false);
  const [sms, setSms] = useState(template.sms);
  const language = template.language;
  const editRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const moved = useRef(false);
  // Into the text to reword; back to its Edit button once saved or cancelled.
  useEffect(() => {
    if (editing) inputRef.current?.focus();
    else if (moved.current) editRef.current?.focus();
    moved.current = true;
  }, [editing]);
  const save = useMutation({
    mutationFn: (text: string) =>
      staff.saveTemplate(template.kind, template.language, {
        sms: text,
        email_subject: template.email_subject ?? null,
        email_body: template.email_body ?? null,
      }),
    onSuccess: (saved) => {
      putAnswer<Template[]>(client, ['templates'], (old) =>
        old?.map((tpl) => (tpl.kind === saved.kind && tpl.language === saved.language ? saved : tpl)),
      );
      setEditing(false);
      status.announce('console.templates.saved', { language });
    },
  });
  const headingId = `${kindTitleId}-${template.language}`;
  return (
    <section
      className="template-language stack"
      aria-labelledby={headingId}
      data-testid={`template-${template.kind}-${template.language}`}
      data-customised={template.customised ? 'yes' : 'no'}
    >
      <h3 id={headingId}>
        {t(LANGUAGE_KEYS[language])}{' '}
        <span className="badge badge-muted">
          {t(template.customised ? 'console.templates.custom' : 'console.templates.default')}
        </span>
      </h3>
      {editing ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            // What the box holds now (typed and sent within one frame included), not the last render's.
            save.mutate(inputRef.current?.value ?? sms);
          }}
        >
          <Field
            label={t('console.templates.smsIn', { language })}
            hint={t('console.templates.placeholders', {
              list: template.placeholders.join(', '),
              max: limits.templateSmsMaxChars,
            })}
          >
            {({ id, describedBy }) => (
              <textarea
                ref={inputRef}
                id={id}
                rows={3}
                lang={template.language}
                data-testid="template-sms-input"
                aria-describedby={describedBy || undefined}
                value={sms}
                onChange={(e) => setSms(e.currentTarget.value)}
              />
            )}
          </Field>
          <ErrorMessage error={save.error} testid="template-error" />
          <div className="actions">
            <BusyButton type="submit" busy={save.isPending} busyLabel={t('common.saving')} data-testid="template-save">
              {t('console.templates.save', { language })}
            </BusyButton>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="template-text" data-testid="template-sms">
            <span className="muted">{t('console.templates.sms')}: </span>
            <span lang={template.language} data-testid="template-sms-text">
              {template.sms}
            </span>
          </p>
          {template.email_subject ? (
            <p className="template-text">
              <span className="muted">{t('console.templates.emailSubject')}: </span>
              <span lang={template.language}>{template.email_subject}</span>
            </p>
          ) : null}
          {canEdit ? (
            <div className="actions">
              <button
                ref={editRef}
                type="button"
                className="button button-secondary"
                data-testid="template-edit"
                aria-describedby={kindTitleId}
                onClick={() => {
                  setSms(template.sms);
                  save.reset();
                  setEditing(true);
                }}
              >
                {t('console.templates.edit', { language })}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
