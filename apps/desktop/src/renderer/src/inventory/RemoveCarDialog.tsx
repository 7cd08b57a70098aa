import { useMutation } from '@tanstack/react-query';
import type { Car } from '@tripdesk/shared';
import { Dialog } from '../ui/Dialog.tsx';
import { FormAlert } from '../ui/form-field.tsx';
import { capacityInUseMessage } from './capacity-in-use.ts';
import { FormFooter } from '../ui/FormFooter.tsx';
import { call } from '../api/call.ts';

export function RemoveCarDialog({
  code,
  car,
  onClose,
  onRemoved,
}: {
  code: string;
  car: Car;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const remove = useMutation({
    mutationFn: () => call('removeCar', { params: { code, carId: car.id } }),
    onSuccess: onRemoved,
  });
  const error = remove.error
    ? remove.error.code === 'capacity_in_use'
      ? capacityInUseMessage(remove.error, 'cars')
      : remove.error.message
    : null;
  return (
    <Dialog title={`Remove ${car.plate}?`} onClose={onClose} busy={remove.isPending}>
      <p>
        {car.model} ({car.category}) leaves the fleet at {code}. Rentals already sold keep their cars; the
        server refuses if that would leave too few.
      </p>
      <FormAlert message={error} />
      <FormFooter
        label="Remove car"
        busy={remove.isPending}
        busyLabel="Removing…"
        tone="danger"
        onConfirm={() => remove.mutate()}
        onCancel={onClose}
        cancelLabel="Keep it"
      />
    </Dialog>
  );
}
