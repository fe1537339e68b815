// The practice's notification templates: PHI-free by construction (only the placeholders the API lists).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
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

const KIND_KEYS = {
  message_waiting: 'console.templates.kind.messageWaiting',
  opt_out_confirmation: 'console.templates.kind.optOut',
  opt_in_confirmation: 'console.templates.kind.optIn',
  help_reply: 'console.templates.kind.help',
} as const satisfies Record<S['TemplateKind'], string>;

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
        {t('console.templates.languagesNotYet')}
      </p>
      {templates.isError ? <LoadFailed error={templates.error} retry={() => void templates.refetch()} /> : null}
      {templates.isPending ? <Loading /> : null}
      {templates.data?.map((tpl) => (
        <TemplateCard key={tpl.kind} template={tpl} canEdit={canEdit} />
      ))}
    </section>
  );
}

function TemplateCard({ template, canEdit }: { template: S['TemplateView']; canEdit: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [editing, setEditing] = useState(false);
  const [sms, setSms] = useState(template.sms);
  // The text is read when the form is sent, not from the options of an earlier render.
  const save = useMutation({
    mutationFn: (text: string) =>
      staff.saveTemplate(template.kind, {
        sms: text,
        email_subject: template.email_subject ?? null,
        email_body: template.email_body ?? null,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['templates'] });
      setEditing(false);
      status.announce('console.templates.saved');
    },
  });
  const titleId = `tpl-${template.kind}`;
  return (
    <article className="card stack" aria-labelledby={titleId} data-testid={`template-${template.kind}`}>
      <h2 id={titleId}>
        {t(KIND_KEYS[template.kind])}{' '}
        <span className="badge badge-muted">
          {t(template.customised ? 'console.templates.custom' : 'console.templates.default')}
        </span>
      </h2>
      {editing ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(sms);
          }}
        >
          <Field
            label={t('console.templates.sms')}
            hint={t('console.templates.placeholders', {
              list: template.placeholders.join(', '),
              max: limits.templateSmsMaxChars,
            })}
          >
            {({ id, describedBy }) => (
              <textarea
                id={id}
                rows={3}
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
              {t('console.templates.save')}
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
            {template.sms}
          </p>
          {template.email_subject ? (
            <p className="template-text">
              <span className="muted">{t('console.templates.emailSubject')}: </span>
              {template.email_subject}
            </p>
          ) : null}
          {canEdit ? (
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                data-testid="template-edit"
                onClick={() => {
                  setSms(template.sms);
                  setEditing(true);
                }}
              >
                {t('console.templates.edit')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </article>
  );
}
