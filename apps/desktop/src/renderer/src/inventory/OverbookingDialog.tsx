import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { RoomType } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { described, Field, FormAlert, placeFieldErrors, useEditedFields } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { formatLongDate } from '../ui/formats.ts';
import { call } from '../api/call.ts';

/** `409 capacity_in_use` of an allowance: which night stands in the way, and what the least is. */
function allowanceInUse(error: ApiError, capacity: number): string {
  const date = error.extensions.date;
  const inUse = error.extensions.inUse;
  if (typeof date !== 'string' || typeof inUse !== 'number') return error.detail || error.message;
  return (
    `Not that low: on the night of ${formatLongDate(date)}, ${inUse} rooms are held or sold and the type has ` +
    `${capacity}. The allowance can go down to ${inUse - capacity} until some are released or cancelled.`
  );
}

/** Admin: how many rooms of a type may be sold beyond its rooms on a night (overbooking). */
export function OverbookingDialog({
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
  const [value, setValue] = useState(String(roomType.overbookingAllowance ?? 0));
  const [clientError, setClientError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (allowance: number) =>
      call('setOverbooking', { params: { hotelId, roomTypeId: roomType.id }, body: { allowance } }),
  });
  const placed = placeFieldErrors<'allowance'>(
    save.error,
    (path) => (path === 'allowance' ? 'allowance' : null),
    { allowance: 'Enter a whole number of rooms from 0 to 500.' },
  );
  const edited = useEditedFields<'allowance'>();
  const error = edited.hide({
    ...placed.byField,
    ...(clientError ? { allowance: clientError } : {}),
  }).allowance;
  const formError =
    save.error?.code === 'capacity_in_use' ? allowanceInUse(save.error, roomType.capacity) : placed.formError;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const text = value.trim();
    const allowance = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
    edited.reset();
    if (!(allowance >= 0 && allowance <= 500)) {
      setClientError('Enter a whole number of rooms from 0 to 500 (0: never sell more than the rooms).');
      save.reset();
      document.getElementById('overbooking-allowance')?.focus();
      return;
    }
    setClientError(null);
    save.mutate(allowance, {
      onSuccess: (updated) =>
        onChanged(
          updated,
          allowance === 0
            ? `${roomType.name}: no overbooking; at most ${updated.capacity} rooms are sold a night.`
            : `${roomType.name}: up to ${updated.capacity + allowance} rooms are sold a night (${updated.capacity} rooms + ${allowance} overbooked).`,
        ),
    });
  };

  return (
    <Dialog title={`Overbooking of ${roomType.name}`} onClose={onClose} busy={save.isPending}>
      <form className="modal-form" onSubmit={submit} noValidate>
        <p className="muted">
          {roomType.capacity} {roomType.capacity === 1 ? 'room' : 'rooms'}. Rooms sold beyond them are walked
          to another hotel by the desk when every guest comes.
        </p>
        <Field
          id="overbooking-allowance"
          label="Rooms sold beyond the physical rooms, a night"
          error={error}
          hint="0 sells no more than the rooms. From the hotel's today on."
        >
          <input
            id="overbooking-allowance"
            inputMode="numeric"
            autoComplete="off"
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              edited.mark('allowance');
            }}
            {...described('overbooking-allowance', error, true)}
          />
        </Field>
        <FormAlert message={formError} />
        <FormFooter label="Save allowance" busy={save.isPending} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
