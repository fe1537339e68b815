// Inviting a staff member (admins, `POST /staff/team`): their email, name and roles. The staff pool
// emails them a temporary password; they set their own and enrol MFA at first sign-in. Their record
// exists from now, so the Team page lists them at once (not signed in yet).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { enums } from '../../shared/api/openapi-values';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { BusyButton, Field, useStatus } from '../../shared/ui/components';
import { type S, staff } from '../api';
import { Refusal, ROLE_KEYS, useFieldErrors } from '../parts';

type Member = S['StaffMemberView'];
type Role = S['Role'];
export const ROLES = enums.Role as readonly Role[];

const EMPTY = { email: '', display_name: '', roles: [] as Role[] };

/** "Invite a staff member": a button that opens the form in its place; Cancel goes back to the button. */
export function InviteMember({ onInvited }: { onInvited: (member: Member) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [backToButton, setBackToButton] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!backToButton) return;
    openerRef.current?.focus();
    setBackToButton(false);
  }, [backToButton]);
  if (open)
    return (
      <InviteForm
        onDone={(member) => {
          setOpen(false);
          if (member) onInvited(member);
          else setBackToButton(true);
        }}
      />
    );
  return (
    <p>
      <button
        ref={openerRef}
        type="button"
        className="button button-secondary"
        data-testid="invite-open"
        onClick={() => setOpen(true)}
      >
        {t('console.team.invite.open')}
      </button>
    </p>
  );
}

function InviteForm({ onDone }: { onDone: (member: Member | null) => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const status = useStatus();
  const [form, setForm] = useState(EMPTY);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const invite = useMutation({
    mutationFn: (body: S['StaffInviteRequest']) => staff.inviteMember(body),
    onSuccess: (member) => {
      client.setQueryData<Member[]>(['team'], (old) =>
        old?.some((m) => m.staff_id === member.staff_id) ? old : [...(old ?? []), member],
      );
      status.announce('console.team.invite.done', { name: member.display_name, email: member.email });
      onDone(member);
    },
  });
  const fieldError = useFieldErrors(invite.error);
  const rolesError = fieldError('roles', t('console.team.roles'));
  return (
    <form
      className="card stack"
      aria-labelledby="invite-title"
      noValidate
      data-testid="invite-form"
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate({
          email: form.email.trim(),
          display_name: form.display_name.trim(),
          roles: ROLES.filter((r) => form.roles.includes(r)),
        });
      }}
    >
      <h2 id="invite-title" ref={headingRef} tabIndex={-1} data-testid="invite-title">
        {t('console.team.invite.title')}
      </h2>
      <p className="hint">{t('console.team.invite.hint')}</p>
      <Field
        label={t('console.team.email')}
        hint={t('console.team.invite.emailHint', { max: limits.staffEmailMaxChars })}
        error={fieldError('email', t('console.team.email'))}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="email"
            autoComplete="off"
            spellCheck={false}
            data-testid="invite-email"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label={t('console.team.name')}
        hint={t('console.team.invite.nameHint', { max: limits.staffNameMaxChars })}
        error={fieldError('display_name', t('console.team.name'))}
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            type="text"
            autoComplete="off"
            data-testid="invite-name"
            aria-describedby={describedBy || undefined}
            aria-invalid={invalid || undefined}
            value={form.display_name}
            onChange={(e) => setForm({ ...form, display_name: e.currentTarget.value })}
          />
        )}
      </Field>
      <fieldset aria-describedby={rolesError ? 'invite-roles-error' : undefined} data-testid="invite-roles">
        <legend>{t('console.team.roles')}</legend>
        {rolesError ? (
          <p className="field-error" id="invite-roles-error">
            {rolesError}
          </p>
        ) : null}
        <div className="choice-row">
          {ROLES.map((role) => (
            <div className="choice" key={role}>
              <input
                type="checkbox"
                id={`invite-role-${role}`}
                data-testid={`invite-role-${role}`}
                aria-invalid={rolesError ? true : undefined}
                checked={form.roles.includes(role)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setForm({ ...form, roles: on ? [...form.roles, role] : form.roles.filter((r) => r !== role) });
                }}
              />
              <label htmlFor={`invite-role-${role}`}>{t(ROLE_KEYS[role])}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {invite.error ? (
        <Refusal
          error={invite.error}
          words={{ 409: 'console.team.invite.error.taken', 403: 'console.team.invite.error.notAdmin' }}
          testid="invite-error"
          focus
        />
      ) : null}
      <div className="actions actions-row">
        <BusyButton type="submit" busy={invite.isPending} busyLabel={t('common.sending')} data-testid="invite-send">
          {t('console.team.invite.send')}
        </BusyButton>
        <button
          type="button"
          className="button button-secondary"
          data-testid="invite-cancel"
          disabled={invite.isPending}
          onClick={() => onDone(null)}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
