import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CalendarDate, type HotelDetail } from '@tripdesk/shared';
import { FormAlert } from '../ui/form-field.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { useDesk, type WalkIn } from './desk-store.ts';
import { formatMoney } from '../ui/formats.ts';
import { tripKeys } from '../api/query-keys.ts';
import { GuestStep } from './GuestStep.tsx';
import { RoomStep } from './RoomStep.tsx';
import { PayStep } from './PayStep.tsx';
import { CheckInStep } from './CheckInStep.tsx';
import { call } from '../api/call.ts';

type Step = 'guest' | 'room' | 'pay' | 'check-in';
const STEPS: readonly { id: Step; label: string }[] = [
  { id: 'guest', label: 'Guest' },
  { id: 'room', label: 'Room' },
  { id: 'pay', label: 'Payment' },
  { id: 'check-in', label: 'Check-in' },
];

function stepOf(walkIn: WalkIn | null): Step {
  if (!walkIn) return 'guest';
  if (walkIn.paid) return 'check-in';
  return walkIn.itemId ? 'pay' : 'room';
}

/**
 * A guest at the desk without a booking: open a trip for them, find a free room for tonight at this
 * hotel, hold it, take the payment and check them in, without leaving the desk. The walk-in survives
 * closing the dialog (and a reload), so a phone call in between loses nothing.
 */
export function WalkInDialog({
  hotel,
  today,
  onClose,
  onCheckedIn,
}: {
  hotel: HotelDetail;
  today: CalendarDate;
  onClose: () => void;
  onCheckedIn: (message: string) => void;
}) {
  const stored = useDesk((s) => s.walkIn);
  const walkIn = stored && stored.hotelId === hotel.id ? stored : null;
  const step = stepOf(walkIn);
  const endWalkIn = useDesk((s) => s.endWalkIn);
  const queryClient = useQueryClient();
  const trip = useQuery({
    queryKey: walkIn ? tripKeys.detail(walkIn.tripId) : tripKeys.detail('none'),
    queryFn: () => call('getTrip', { params: { tripId: walkIn!.tripId } }),
    enabled: walkIn !== null,
  });

  const release = useMutation({
    mutationFn: async (w: WalkIn) => {
      if (w.itemId && !w.paid)
        await call('removeTripItem', { params: { tripId: w.tripId, itemId: w.itemId } });
    },
    onSuccess: () => {
      endWalkIn();
      void queryClient.invalidateQueries({ queryKey: tripKeys.all });
      onClose();
    },
  });

  return (
    <Dialog
      title={`Walk-in at ${hotel.name}`}
      onClose={onClose}
      size="wide"
      busy={release.isPending}
      focusKey={step}
    >
      <ol className="stepper" aria-label="Walk-in steps">
        {STEPS.map((s, i) => (
          <li
            key={s.id}
            aria-current={s.id === step ? 'step' : undefined}
            className={STEPS.findIndex((x) => x.id === step) > i ? 'step-done' : undefined}
          >
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            {s.label}
          </li>
        ))}
      </ol>
      {walkIn ? (
        <p className="muted walk-in-summary">
          {walkIn.guestName} · trip <span className="mono">{walkIn.tripId}</span>
          {trip.data && trip.data.total.amount > 0 ? ` · ${formatMoney(trip.data.total)}` : ''}
        </p>
      ) : null}

      {step === 'guest' ? <GuestStep hotelId={hotel.id} /> : null}
      {step === 'room' && walkIn ? <RoomStep walkIn={walkIn} hotel={hotel} today={today} /> : null}
      {step === 'pay' && walkIn ? (
        <PayStep walkIn={walkIn} trip={trip.data ?? null} timeZone={hotel.timezone} />
      ) : null}
      {step === 'check-in' && walkIn ? (
        <CheckInStep
          walkIn={walkIn}
          hotel={hotel}
          today={today}
          trip={trip.data ?? null}
          tripError={trip.error}
          retryTrip={() => void trip.refetch()}
          onDone={(message) => {
            endWalkIn();
            onCheckedIn(message);
          }}
        />
      ) : null}

      {walkIn && !walkIn.paid ? (
        <div className="walk-in-footer">
          <FormAlert message={release.error ? release.error.message : null} />
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => {
              if (!release.isPending) release.mutate(walkIn);
            }}
            aria-busy={release.isPending}
          >
            {release.isPending ? 'Giving the room back…' : 'Abandon walk-in'}
          </button>
        </div>
      ) : null}
    </Dialog>
  );
}
