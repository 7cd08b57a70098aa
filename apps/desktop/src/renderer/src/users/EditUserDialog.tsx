import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Role, UpdateUserRequest, User } from '@tripdesk/shared';
import { described, Field, FormAlert, placeFieldErrors } from '../ui/form-field.tsx';
import { HotelPicker } from '../inventory/HotelPicker.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ROLE_LABELS } from '../shell/sections.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { call } from '../api/call.ts';

const ROLE_ORDER: readonly Role[] = ['agent', 'frontdesk', 'admin'];

type EditField = 'role' | 'hotelId';

/** Admin: changes a user's role, and the hotel of a front desk user. */
export function EditUserDialog({
  user,
  isSelf,
  onSaved,
  onClose,
}: {
  user: User;
  /** An administrator cannot take away their own admin role. */
  isSelf: boolean;
  /** The saved user, and the name of their hotel when one was picked here. */
  onSaved: (user: User, hotelName?: string) => void;
  onClose: () => void;
}) {
  const [role, setRole] = useState<Role>(user.role);
  const [hotelId, setHotelId] = useState(user.hotelId ?? '');
  const [hotelName, setHotelName] = useState<string | undefined>(undefined);
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (change: UpdateUserRequest) =>
      call('updateUser', { params: { userId: user.id }, body: change }),
    onSuccess: (saved) => onSaved(saved, hotelName),
  });
  const server = placeFieldErrors<EditField>(
    save.error,
    (path) => (path === 'role' ? 'role' : path === 'hotelId' ? 'hotelId' : null),
    { role: 'Choose a role.', hotelId: 'Choose the hotel this person works at.' },
  );
  const hotelError = clientError ?? server.byField.hotelId;
  const formError = save.error?.code === 'invalid_transition' ? `${save.error.detail}` : server.formError;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    if (role === 'frontdesk' && hotelId === '') {
      setClientError('Choose the hotel whose desk they staff.');
      save.reset();
      document.getElementById('edit-user-hotel')?.focus();
      return;
    }
    setClientError(null);
    save.mutate({ role, ...(role === 'frontdesk' ? { hotelId } : {}) });
  };

  return (
    <Dialog title={`Role of ${user.name}`} onClose={onClose} busy={save.isPending}>
      <form className="modal-form" onSubmit={submit} noValidate>
        <p className="muted">{user.email}</p>
        <Field
          id="edit-user-role"
          label="Role"
          error={server.byField.role}
          hint={isSelf ? 'You cannot take away your own administrator role.' : undefined}
        >
          <select
            id="edit-user-role"
            value={role}
            disabled={isSelf}
            onChange={(e) => setRole(e.target.value as Role)}
            {...described('edit-user-role', server.byField.role, isSelf)}
          >
            {ROLE_ORDER.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        {role === 'frontdesk' ? (
          <Field
            id="edit-user-hotel"
            label="Hotel"
            error={hotelError}
            hint="The hotel whose desk they staff."
          >
            <HotelPicker
              id="edit-user-hotel"
              label="Hotel"
              value={hotelId}
              onChange={(id, hotel) => {
                setHotelId(id);
                setHotelName(hotel ? `${hotel.name}, ${hotel.city}` : undefined);
              }}
              invalid={hotelError !== undefined}
              describedBy={hotelError ? 'edit-user-hotel-error' : 'edit-user-hotel-hint'}
            />
          </Field>
        ) : null}
        <FormAlert message={formError} />
        <FormFooter
          label="Save"
          busy={save.isPending}
          busyLabel="Saving…"
          disabled={isSelf}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}

/** Admin: disables a user (signed out at once, cannot sign in) or enables them again. */
export function DisableUserDialog({
  user,
  onSaved,
  onClose,
}: {
  user: User;
  onSaved: (user: User) => void;
  onClose: () => void;
}) {
  const disabling = !user.disabled;
  const save = useMutation({
    mutationFn: () => call('updateUser', { params: { userId: user.id }, body: { disabled: disabling } }),
    onSuccess: onSaved,
  });
  const error =
    save.error?.code === 'invalid_transition'
      ? `${save.error.detail}`
      : save.error
        ? save.error.message
        : null;
  return (
    <Dialog
      title={disabling ? `Disable ${user.name}?` : `Enable ${user.name}?`}
      onClose={onClose}
      busy={save.isPending}
    >
      <p>
        {disabling
          ? `${user.name} is signed out everywhere at once and cannot sign in until an administrator enables the account again. Their trips stay as they are.`
          : `${user.name} can sign in again with their password.`}
      </p>
      <FormAlert message={error} />
      <FormFooter
        label={disabling ? 'Disable account' : 'Enable account'}
        busy={save.isPending}
        busyLabel="Saving…"
        tone={disabling ? 'danger' : 'primary'}
        onConfirm={() => save.mutate()}
        autoFocus
        onCancel={onClose}
      />
    </Dialog>
  );
}
