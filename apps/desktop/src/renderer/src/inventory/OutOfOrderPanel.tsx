import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addDays, type OutOfOrderKind, type OutOfOrderPeriod, type RoomType } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { searchKeys, deskKeys, inventoryKeys } from '../api/query-keys.ts';
import { DateField } from '../ui/DateField.tsx';
import { described, Field, FormAlert, placeFieldErrors } from '../ui/form-field.tsx';
import { formatStay } from '../ui/formats.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { ConfirmChangeDialog } from './ConfirmChangeDialog.tsx';
import { describeRoomNumbers, parseRoomNumbers } from './room-numbers.ts';

const KIND_WORDS: Record<OutOfOrderKind, string> = {
  out_of_order: 'Out of order',
  out_of_service: 'Out of service',
};

type OooField = 'rooms' | 'from' | 'to';

/**
 * Admin: rooms out of order (or out of service) for nights, by number ("101-110"). Each leaves its room
 * type's sellable count on those nights; the server refuses when that would oversell a night.
 */
export function OutOfOrderPanel({
  hotelId,
  roomTypes,
  today,
}: {
  hotelId: string;
  roomTypes: readonly RoomType[];
  /** The hotel's today, in its own time zone: the first night offered. */
  today: string;
}) {
  const queryClient = useQueryClient();
  const periods = useQuery({
    queryKey: inventoryKeys.outOfOrder(hotelId),
    queryFn: () => call('listOutOfOrder', { params: { hotelId }, query: {} }),
  });
  const [rooms, setRooms] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(() => addDays(today, 1));
  const [kind, setKind] = useState<OutOfOrderKind>('out_of_order');
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<OooField, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [backInOrder, setBackInOrder] = useState<OutOfOrderPeriod | null>(null);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: inventoryKeys.outOfOrder(hotelId) });
    void queryClient.invalidateQueries({ queryKey: searchKeys.all });
    void queryClient.invalidateQueries({ queryKey: deskKeys.bookingsOf(hotelId) });
  };
  const create = useMutation({
    mutationFn: (numbers: string[]) =>
      call('createOutOfOrder', {
        params: { hotelId },
        body: { roomNumbers: numbers, from, to, kind, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      }),
    onSuccess: (created) => {
      setNotice(
        `${KIND_WORDS[kind]}: room ${describeRoomNumbers(created.items.map((p) => p.roomNumber))}, ${formatStay(from, to, 'night')}. Not sold on those nights.`,
      );
      setRooms('');
      setReason('');
      refresh();
    },
  });
  const server = placeFieldErrors<OooField>(
    create.error,
    (path) =>
      path.startsWith('roomNumbers') ? 'rooms' : path === 'from' ? 'from' : path === 'to' ? 'to' : null,
    {
      rooms: 'Enter rooms of this hotel, e.g. 101-104.',
      from: 'Enter the first night.',
      to: 'Enter the night it is back.',
    },
  );
  const formError =
    create.error?.code === 'capacity_in_use' ? capacityInUseMessageForOoo(create.error) : server.formError;
  const errors = { ...server.byField, ...clientErrors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const found: Partial<Record<OooField, string>> = {};
    const parsed = parseRoomNumbers(rooms);
    if (rooms.trim() === '') found.rooms = 'Enter the rooms, e.g. 101-104 or 101, 205.';
    else if (!parsed.ok) found.rooms = parsed.error;
    else {
      const known = new Set(roomTypes.flatMap((t) => t.roomNumbers));
      const strangers = parsed.numbers.filter((n) => !known.has(n));
      if (strangers.length > 0) found.rooms = `Not rooms of this hotel: ${describeRoomNumbers(strangers)}.`;
    }
    if (!from) found.from = 'Enter the first night.';
    if (!to) found.to = 'Enter the night it is back.';
    else if (from && to <= from) found.to = 'Back in order must be after the first night.';
    setClientErrors(found);
    setNotice(null);
    if (Object.keys(found).length > 0 || !parsed.ok) {
      create.reset();
      return;
    }
    create.mutate([...parsed.numbers]);
  };

  const typeName = new Map(roomTypes.map((t) => [t.id, t.name]));
  const items = periods.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="ooo-title">
      <h3 id="ooo-title">Rooms out of order</h3>
      <form className="toolbar-form" onSubmit={submit} noValidate aria-label="Take rooms out of order">
        <Field id="ooo-rooms" label="Rooms" error={errors.rooms} hint="A range like 101-104, or a list.">
          <input
            id="ooo-rooms"
            autoComplete="off"
            spellCheck={false}
            value={rooms}
            onChange={(e) => setRooms(e.target.value)}
            {...described('ooo-rooms', errors.rooms, true)}
          />
        </Field>
        <DateField
          id="ooo-from"
          label="First night"
          value={from}
          onChange={(v) => {
            setFrom(v);
            if (v && to && to <= v) setTo(addDays(v, 1));
          }}
          error={errors.from}
        />
        <DateField id="ooo-to" label="Back in order" value={to} onChange={setTo} error={errors.to} />
        <Field id="ooo-kind" label="Status">
          <select id="ooo-kind" value={kind} onChange={(e) => setKind(e.target.value as OutOfOrderKind)}>
            <option value="out_of_order">Out of order</option>
            <option value="out_of_service">Out of service</option>
          </select>
        </Field>
        <Field id="ooo-reason" label="Reason (optional)">
          <input
            id="ooo-reason"
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Take out of order'}
        </button>
      </form>
      <FormAlert message={formError} />
      <p role="status" className={notice ? 'notice notice-good' : 'visually-hidden'}>
        {notice ?? ''}
      </p>
      {periods.isError ? <LoadError error={periods.error} retry={() => void periods.refetch()} /> : null}
      {periods.data && items.length === 0 ? <p className="muted">Every room is in order.</p> : null}
      {items.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">Rooms out of order</caption>
          <thead>
            <tr>
              <th scope="col">Room</th>
              <th scope="col">Room type</th>
              <th scope="col">Nights</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="row-head mono">
                  {p.roomNumber}
                </th>
                <td>{typeName.get(p.roomTypeId) ?? '—'}</td>
                <td>{formatStay(p.from, p.to, 'night')}</td>
                <td>{KIND_WORDS[p.kind]}</td>
                <td>{p.reason ?? '—'}</td>
                <td className="actions">
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={`Put room ${p.roomNumber} back in order (${formatStay(p.from, p.to, 'night')})`}
                    onClick={() => setBackInOrder(p)}
                  >
                    Back in order
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {backInOrder ? (
        <ConfirmChangeDialog
          title={`Room ${backInOrder.roomNumber} back in order?`}
          label="Put back in order"
          busyLabel="Saving…"
          run={() => call('deleteOutOfOrder', { params: { hotelId, periodId: backInOrder.id } })}
          onDone={() => {
            setNotice(`Room ${backInOrder.roomNumber} is back in order and sold again from today on.`);
            setBackInOrder(null);
            refresh();
          }}
          onClose={() => setBackInOrder(null)}
        >
          <p>
            Room {backInOrder.roomNumber} is sold again on its nights (
            {formatStay(backInOrder.from, backInOrder.to, 'night')}) from today on.
          </p>
        </ConfirmChangeDialog>
      ) : null}
    </section>
  );
}

/** The server names the night and room type; said as the desk would. */
function capacityInUseMessageForOoo(error: ApiError): string {
  return `${error.detail} Take fewer rooms out, or other nights.`;
}
