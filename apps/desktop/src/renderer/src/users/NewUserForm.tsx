import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { passwordRule, type CreateUserRequest, type Role, type User } from '@tripdesk/shared';
import { described, Field, sentence } from '../ui/form-field.tsx';
import { HotelPicker } from '../inventory/HotelPicker.tsx';
import { ROLE_LABELS } from '../shell/sections.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { call } from '../api/call.ts';

type FieldName = 'email' | 'name' | 'role' | 'password' | 'hotelId';

const FIELD_FALLBACK: Readonly<Record<FieldName, string>> = {
  email: 'Enter a valid email address.',
  name: 'Enter the person’s name.',
  role: 'Choose a role.',
  password: 'Use at least 8 characters (12 for an administrator).',
  hotelId: 'Choose the hotel this person works at.',
};

/** The server's field message as a sentence (the kit's wording rules), naming the hotel as the desk does. */
function fieldMessage(field: FieldName, message: string): string {
  return sentence(message.replace(/\bhotelId\b/g, 'hotel'), FIELD_FALLBACK[field]);
}

const ROLE_ORDER: readonly Role[] = ['agent', 'frontdesk', 'admin'];

/** Creates a user; the server validates, and its findings show beside each field. */
export function NewUserForm({
  onCreated,
  onCancel,
}: {
  onCreated: (user: User) => void;
  onCancel: () => void;
}) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const [hotelId, setHotelId] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  const create = useMutation({
    mutationFn: (body: CreateUserRequest) => call('createUser', { body }),
    onSuccess: onCreated,
    onError: (error) => {
      // Send the keyboard to the first field the server flagged; the alert below is read out either way.
      const first = Object.keys(error.fieldErrors())[0];
      if (first) formRef.current?.querySelector<HTMLElement>(`#new-user-${first}`)?.focus();
    },
  });

  const errors: Partial<Record<FieldName, string>> = {};
  const unplaced: string[] = [];
  if (create.error) {
    for (const [field, message] of Object.entries(create.error.fieldErrors())) {
      if (field in FIELD_FALLBACK) errors[field as FieldName] = fieldMessage(field as FieldName, message);
      else unplaced.push(message);
    }
  }
  const formError = create.error
    ? create.error.code === 'validation_failed' && unplaced.length === 0
      ? 'Some details need correcting. See the messages beside the fields.'
      : [create.error.message, ...unplaced].join(' ')
    : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const newUser: CreateUserRequest = {
      email: email.trim(),
      name: name.trim(),
      role,
      password,
      ...(role === 'frontdesk' && hotelId !== '' ? { hotelId } : {}),
    };
    create.mutate(newUser);
  };

  return (
    <form
      ref={formRef}
      className="panel new-user"
      onSubmit={submit}
      noValidate
      aria-labelledby="new-user-title"
    >
      <h2 id="new-user-title">New user</h2>
      <div className="form-grid">
        <Field id="new-user-name" label="Name" error={errors.name}>
          <input
            id="new-user-name"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...described('new-user-name', errors.name)}
          />
        </Field>
        <Field id="new-user-email" label="Email" error={errors.email}>
          <input
            id="new-user-email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            {...described('new-user-email', errors.email)}
          />
        </Field>
        <Field id="new-user-role" label="Role" error={errors.role}>
          <select
            id="new-user-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            {...described('new-user-role', errors.role)}
          >
            {ROLE_ORDER.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-user-password" label="Password" error={errors.password} hint={passwordRule(role)}>
          <input
            id="new-user-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...described('new-user-password', errors.password, true)}
          />
        </Field>
        {role === 'frontdesk' ? (
          <Field
            id="new-user-hotelId"
            label="Hotel"
            error={errors.hotelId}
            hint="The hotel whose desk they staff."
          >
            <HotelPicker
              id="new-user-hotelId"
              label="Hotel"
              value={hotelId}
              onChange={(id) => setHotelId(id)}
              invalid={errors.hotelId !== undefined}
              describedBy={errors.hotelId ? 'new-user-hotelId-error' : 'new-user-hotelId-hint'}
            />
          </Field>
        ) : null}
      </div>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <FormFooter
        label="Create user"
        busy={create.isPending}
        busyLabel="Creating…"
        blocked={create.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
