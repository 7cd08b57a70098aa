import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { RoomType, UpdateRoomTypeRequest } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { capacityInUseMessage } from './capacity-in-use.ts';
import { described, Field, FormAlert, placeFieldErrors, useEditedFields } from '../ui/form-field.tsx';
import { describeRoomNumbers, parseRoomNumbers } from './room-numbers.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { call } from '../api/call.ts';

type ChangeField = 'add' | 'remove';

function placeChangeErrors(error: ApiError | null) {
  const placed = placeFieldErrors<ChangeField>(
    error,
    (path) =>
      path.startsWith('addRoomNumbers') ? 'add' : path.startsWith('removeRoomNumbers') ? 'remove' : null,
    { add: 'Enter the rooms to add, e.g. 322-324.', remove: 'Enter rooms of this type to remove.' },
  );
  if (error?.code === 'capacity_in_use')
    return { ...placed, formError: capacityInUseMessage(error, 'rooms') };
  return placed;
}

/** Admin: adds rooms to a room type or takes some out, by number. */
export function RoomChangeDialog({
  hotelId,
  roomType,
  onChanged,
  onClose,
}: {
  hotelId: string;
  roomType: RoomType;
  onChanged: (roomType: RoomType, summary: string) => void;
  onClose: () => void;
}) {
  const [add, setAdd] = useState('');
  const [remove, setRemove] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<ChangeField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const change = useMutation({
    mutationFn: (request: UpdateRoomTypeRequest) =>
      call('updateRoomType', { params: { hotelId, roomTypeId: roomType.id }, body: request }),
  });
  const server = placeChangeErrors(change.error);
  const edited = useEditedFields<ChangeField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    const found: Partial<Record<ChangeField, string>> = {};
    const own = new Set(roomType.roomNumbers);
    const added = add.trim() === '' ? null : parseRoomNumbers(add);
    const removed = remove.trim() === '' ? null : parseRoomNumbers(remove);
    if (added && !added.ok) found.add = added.error;
    if (removed && !removed.ok) found.remove = removed.error;
    if (added?.ok) {
      const already = added.numbers.filter((n) => own.has(n));
      if (already.length > 0) found.add = `Already rooms of this type: ${describeRoomNumbers(already)}.`;
    }
    if (removed?.ok) {
      const strangers = removed.numbers.filter((n) => !own.has(n));
      if (strangers.length > 0) found.remove = `Not rooms of this type: ${describeRoomNumbers(strangers)}.`;
    }
    if (!added && !removed) found.add = 'Enter rooms to add or to remove.';
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0) {
      change.reset();
      formRef.current
        ?.querySelector<HTMLElement>(found.add ? '#room-change-add' : '#room-change-remove')
        ?.focus();
      return;
    }
    const addNumbers = added?.ok ? [...added.numbers] : [];
    const removeNumbers = removed?.ok ? [...removed.numbers] : [];
    const summary = [
      addNumbers.length > 0 ? `added ${describeRoomNumbers(addNumbers)}` : '',
      removeNumbers.length > 0 ? `removed ${describeRoomNumbers(removeNumbers)}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    change.mutate(
      {
        ...(addNumbers.length > 0 ? { addRoomNumbers: addNumbers } : {}),
        ...(removeNumbers.length > 0 ? { removeRoomNumbers: removeNumbers } : {}),
      },
      { onSuccess: (updated) => onChanged(updated, `${roomType.name}: ${summary}.`) },
    );
  };

  return (
    <Dialog title={`Rooms of ${roomType.name}`} onClose={onClose} busy={change.isPending}>
      <form ref={formRef} className="modal-form" onSubmit={submit} noValidate>
        <p className="muted">
          {roomType.capacity} {roomType.capacity === 1 ? 'room' : 'rooms'} now:{' '}
          <span className="mono">{describeRoomNumbers(roomType.roomNumbers)}</span>
        </p>
        <Field
          id="room-change-add"
          label="Add rooms"
          error={errors.add}
          hint="A range like 322-324, or a list."
        >
          <input
            id="room-change-add"
            autoComplete="off"
            spellCheck={false}
            value={add}
            onChange={(e) => {
              setAdd(e.target.value);
              edited.mark('add');
            }}
            {...described('room-change-add', errors.add, true)}
          />
        </Field>
        <Field
          id="room-change-remove"
          label="Remove rooms"
          error={errors.remove}
          hint="Refused while guests hold or have booked them."
        >
          <input
            id="room-change-remove"
            autoComplete="off"
            spellCheck={false}
            value={remove}
            onChange={(e) => {
              setRemove(e.target.value);
              edited.mark('remove');
            }}
            {...described('room-change-remove', errors.remove, true)}
          />
        </Field>
        <FormAlert
          message={
            Object.keys(clientErrors).length > 0
              ? 'Some details need correcting. See the messages beside the fields.'
              : server.formError
          }
        />
        <FormFooter label="Save rooms" busy={change.isPending} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
