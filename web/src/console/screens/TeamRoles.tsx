// Changing a staff member's roles (admins, `PUT /staff/team/{id}/roles`), in the member's row. Roles
// apply to the console at once; taking one away signs the member out at once, on every device: the
// editor says so before saving, and asks first. An admin keeps their own admin role: the server
// refuses otherwise, and its answer is shown.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api/errors';
import { useI18n } from '../../shared/i18n/I18nProvider';
import { BusyButton, ConfirmDialog, useStatus } from '../../shared/ui/components';
import { type S, staff } from '../api';
import { Refusal, ROLE_KEYS, useFieldErrors, useMe, useRoleNames } from '../parts';
import { ROLES } from './TeamInvite';

type Member = S['StaffMemberView'];
type Role = S['Role'];

const REFUSALS = { 409: 'console.team.rolesEditor.error.self', 403: 'console.team.rolesEditor.error.notAdmin' };

/** The roles a member would lose: any at all signs them out at once. */
export function rolesTakenAway(before: readonly Role[], after: readonly Role[]): Role[] {
  return before.filter((r) => !after.includes(r));
}

export function RolesEditor({
  member,
  onSaved,
  onCancel,
}: {
  member: Member;
  onSaved: (member: Member) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const status = useStatus();
  const roleNames = useRoleNames();
  const self = member.staff_id === me.staff_id ? 'yes' : 'no';
  const name = member.display_name;
  const [chosen, setChosen] = useState<Role[]>(member.roles);
  const [asking, setAsking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => formRef.current?.querySelector<HTMLInputElement>('input')?.focus(), []);
  const save = useMutation({
    mutationFn: (roles: Role[]) => staff.setRoles(member.staff_id, roles),
    onSuccess: (done, sent) => {
      client.setQueryData<Member[]>(['team'], (old) => old?.map((m) => (m.staff_id === done.staff_id ? done : m)));
      if (self === 'yes')
        client.setQueryData<Awaited<ReturnType<typeof staff.me>>>(['staff-me'], (old) =>
          old ? { ...old, roles: done.roles } : old,
        );
      const narrowed = rolesTakenAway(member.roles, sent).length > 0;
      status.announce(narrowed ? 'console.team.rolesEditor.doneNarrowed' : 'console.team.rolesEditor.done', {
        name: done.display_name,
        roles: roleNames(done.roles),
      });
      setAsking(false);
      onSaved(done);
    },
    // A field the server names is said next to the roles, not in the dialog.
    onError: (err) => {
      if (err instanceof ApiError && err.fieldErrors.length) setAsking(false);
    },
  });
  const fieldError = useFieldErrors(save.error)('roles', t('console.team.roles'));
  const next = ROLES.filter((r) => chosen.includes(r));
  const removed = rolesTakenAway(member.roles, next);
  const hintId = `roles-hint-${member.staff_id}`;
  const errorId = `roles-error-${member.staff_id}`;

  return (
    <>
      <form
        ref={formRef}
        className="roles-editor stack-tight"
        noValidate
        data-testid="roles-editor"
        aria-label={t('console.team.rolesEditor.label', { name })}
        onSubmit={(e) => {
          e.preventDefault();
          save.reset();
          if (removed.length) setAsking(true);
          else if (next.length === member.roles.length) onCancel();
          else save.mutate(next);
        }}
      >
        <fieldset aria-describedby={fieldError ? `${hintId} ${errorId}` : hintId}>
          <legend className="visually-hidden">{t('console.team.rolesEditor.legend', { name })}</legend>
          <div className="choice-row">
            {ROLES.map((role) => {
              const id = `roles-${member.staff_id}-${role}`;
              return (
                <div className="choice" key={role}>
                  <input
                    type="checkbox"
                    id={id}
                    data-testid={`roles-${role}`}
                    aria-invalid={fieldError ? true : undefined}
                    checked={chosen.includes(role)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setChosen(on ? [...chosen, role] : chosen.filter((r) => r !== role));
                    }}
                  />
                  <label htmlFor={id}>{t(ROLE_KEYS[role])}</label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <p className="hint" id={hintId} data-testid="roles-hint">
          {t('console.team.rolesEditor.hint', { self, name })}
        </p>
        {fieldError ? (
          <p className="field-error" id={errorId} data-testid="roles-field-error">
            {fieldError}
          </p>
        ) : null}
        {save.error && !asking && !fieldError ? (
          <Refusal error={save.error} words={REFUSALS} testid="roles-error" focus />
        ) : null}
        <div className="actions actions-row">
          <BusyButton
            type="submit"
            className="button button-small"
            busy={save.isPending && !asking}
            busyLabel={t('common.saving')}
            data-testid="roles-save"
          >
            {t('console.team.rolesEditor.save')}
          </BusyButton>
          <button
            type="button"
            className="button button-secondary button-small"
            data-testid="roles-cancel"
            disabled={save.isPending}
            onClick={onCancel}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking}
        testid="roles-confirm"
        danger
        title={t('console.team.rolesEditor.confirmTitle', { self, name, roles: roleNames(removed) })}
        body={[
          t('console.team.rolesEditor.confirmEffect', { self, name }),
          ...(next.length ? [t('console.team.rolesEditor.confirmAfter', { self, roles: roleNames(next) })] : []),
        ]}
        confirmLabel={t('console.team.rolesEditor.confirmYes')}
        cancelLabel={t('common.cancel')}
        busy={save.isPending}
        busyLabel={t('common.saving')}
        onAnswer={(yes) => {
          if (yes) save.mutate(next);
          else setAsking(false);
        }}
      >
        {save.error && asking ? <Refusal error={save.error} words={REFUSALS} testid="roles-error" focus /> : null}
      </ConfirmDialog>
    </>
  );
}
