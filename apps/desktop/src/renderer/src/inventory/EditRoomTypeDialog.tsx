import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { toDecimalString, type RoomType, type UpdateRoomTypeRequest } from '@tripdesk/shared';
import { call } from '../api/call.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { described, Field, FormAlert, placeFieldErrors } from '../ui/form-field.tsx';
import { FormFooter } from '../ui/FormFooter.tsx';
import { MoneyField, readMoney } from '../ui/MoneyField.tsx';

type RoomTypeField = 'name' | 'maxOccupancy' | 'nightlyRate' | 'description';

/** Admin: a room type's name, how many it sleeps, its rate (for new sales) and description. */
export function EditRoomTypeDialog({
  hotelId,
  roomType,
  onSaved,
  onClose,
}: {
  hotelId: string;
  roomType: RoomType;
  onSaved: (roomType: RoomType) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(roomType.name);
  const [sleeps, setSleeps] = useState(String(roomType.maxOccupancy));
  const [amount, setAmount] = useState(toDecimalString(roomType.nightlyRate));
  const [currency, setCurrency] = useState(roomType.nightlyRate.currency);
  const [description, setDescription] = useState(roomType.description ?? '');
  const [clientErrors, setClientErrors] = useState<Partial<Record<RoomTypeField, string>>>({});
  const save = useMutation({
    mutationFn: (body: UpdateRoomTypeRequest) =>
      call('updateRoomType', { params: { hotelId, roomTypeId: roomType.id }, body }),
    onSuccess: onSaved,
  });
  const server = placeFieldErrors<RoomTypeField>(
    save.error,
    (path) => {
      const head = path.split('.')[0] ?? '';
      return ['name', 'maxOccupancy', 'nightlyRate', 'description'].includes(head)
        ? (head as RoomTypeField)
        : null;
    },
    {
      name: 'Enter a name.',
      maxOccupancy: 'Enter 1 to 20 guests.',
      nightlyRate: 'Enter the rate of one night.',
      description: 'At most 2000 characters.',
    },
  );
  const errors = { ...server.byField, ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const found: Partial<Record<RoomTypeField, string>> = {};
    if (name.trim() === '') found.name = 'Enter a name.';
    const guests = Number(sleeps);
    if (!Number.isInteger(guests) || guests < 1 || guests > 20) found.maxOccupancy = 'Enter 1 to 20 guests.';
    const rate = readMoney(amount, currency);
    if (typeof rate === 'string') found.nightlyRate = rate;
    setClientErrors(found);
    if (Object.keys(found).length > 0 || typeof rate === 'string') return;
    const body: UpdateRoomTypeRequest = {
      ...(name.trim() !== roomType.name ? { name: name.trim() } : {}),
      ...(guests !== roomType.maxOccupancy ? { maxOccupancy: guests } : {}),
      ...(rate.amount !== roomType.nightlyRate.amount || rate.currency !== roomType.nightlyRate.currency
        ? { nightlyRate: rate }
        : {}),
      ...(description.trim() !== (roomType.description ?? '')
        ? { description: description.trim() === '' ? null : description.trim() }
        : {}),
    };
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    save.mutate(body);
  };

  return (
    <Dialog title={`Edit ${roomType.name}`} onClose={onClose} busy={save.isPending}>
      <form className="modal-form" onSubmit={submit} noValidate>
        <Field id="edit-room-type-name" label="Name" error={errors.name}>
          <input
            id="edit-room-type-name"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...described('edit-room-type-name', errors.name)}
          />
        </Field>
        <Field id="edit-room-type-sleeps" label="Sleeps" error={errors.maxOccupancy}>
          <input
            id="edit-room-type-sleeps"
            inputMode="numeric"
            value={sleeps}
            onChange={(e) => setSleeps(e.target.value)}
            {...described('edit-room-type-sleeps', errors.maxOccupancy)}
          />
        </Field>
        <MoneyField
          id="edit-room-type-rate"
          label="Nightly rate"
          amount={amount}
          currency={currency}
          onAmount={setAmount}
          onCurrency={setCurrency}
          error={errors.nightlyRate}
          hint="For new sales; stays already sold keep their price."
        />
        <Field id="edit-room-type-description" label="Description (optional)" error={errors.description}>
          <textarea
            id="edit-room-type-description"
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            {...described('edit-room-type-description', errors.description)}
          />
        </Field>
        <FormAlert message={server.formError} />
        <FormFooter label="Save room type" busy={save.isPending} busyLabel="Saving…" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
