import { useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CreateRoomTypeRequest, RoomType } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import {
  described,
  Field,
  firstInvalid,
  FormAlert,
  placeFieldErrors,
  useEditedFields,
} from '../ui/form-field.tsx';
import { MoneyField, readMoney } from '../ui/MoneyField.tsx';
import { splitList } from './NewHotelForm.tsx';
import { describeRoomNumbers, parseRoomNumbers } from './room-numbers.ts';
import { FormFooter } from '../ui/FormFooter.tsx';

type RoomTypeField = 'name' | 'maxOccupancy' | 'nightlyRate' | 'roomNumbers' | 'amenities';
const ORDER: readonly RoomTypeField[] = ['name', 'maxOccupancy', 'nightlyRate', 'roomNumbers', 'amenities'];

const FALLBACK: Readonly<Record<RoomTypeField, string>> = {
  name: 'Enter the room type’s name, e.g. Deluxe King.',
  maxOccupancy: 'Enter how many guests one room sleeps (1 to 20).',
  nightlyRate: 'Enter the nightly rate, e.g. 154.00.',
  roomNumbers: 'Enter the room numbers, e.g. 301-320 or 101, 102.',
  amenities: 'List each amenity once, separated by commas.',
};

function placeRoomTypeErrors(error: ApiError | null) {
  return placeFieldErrors<RoomTypeField>(
    error,
    (path) => {
      const head = path.split('.')[0] ?? '';
      return (ORDER as readonly string[]).includes(head) ? (head as RoomTypeField) : null;
    },
    FALLBACK,
  );
}

/** Admin: adds a room type with its rooms to a hotel. */
export function NewRoomTypeForm({
  hotelId,
  hotelName,
  defaultCurrency,
  onCreated,
  onCancel,
}: {
  hotelId: string;
  hotelName: string;
  /** The currency the hotel's other room types sell in; a trip is sold in one currency. */
  defaultCurrency: string;
  onCreated: (roomType: RoomType) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [maxOccupancy, setMaxOccupancy] = useState('2');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(defaultCurrency);
  const [rooms, setRooms] = useState('');
  const [amenities, setAmenities] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<RoomTypeField, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const id = (field: RoomTypeField) => `new-room-type-${field}`;
  const focus = (field: RoomTypeField | null) => {
    if (field) formRef.current?.querySelector<HTMLElement>(`#${id(field)}`)?.focus();
  };

  const create = useMutation({
    mutationFn: (request: CreateRoomTypeRequest) =>
      call('createRoomType', { params: { hotelId }, body: request }),
    onSuccess: onCreated,
    onError: (error) => focus(firstInvalid(ORDER, placeRoomTypeErrors(error).byField)),
  });
  const server = placeRoomTypeErrors(create.error);
  const edited = useEditedFields<RoomTypeField>();
  const errors = edited.hide({ ...server.byField, ...clientErrors });

  const parsedRooms = rooms.trim() === '' ? null : parseRoomNumbers(rooms);
  const roomsHint =
    parsedRooms?.ok === true
      ? `${parsedRooms.numbers.length} ${parsedRooms.numbers.length === 1 ? 'room' : 'rooms'}: ${describeRoomNumbers(parsedRooms.numbers)}`
      : 'A range like 301-320, a list like 101, 102, 105, or both.';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const found: Partial<Record<RoomTypeField, string>> = {};
    if (name.trim() === '') found.name = FALLBACK.name;
    const occupancy = Number(maxOccupancy);
    if (!/^\d+$/.test(maxOccupancy.trim()) || occupancy < 1 || occupancy > 20) {
      found.maxOccupancy = FALLBACK.maxOccupancy;
    }
    const rate = readMoney(amount, currency);
    if (typeof rate === 'string') found.nightlyRate = rate;
    const parsed = parseRoomNumbers(rooms);
    if (!parsed.ok) found.roomNumbers = parsed.error;
    const amenityList = splitList(amenities);
    if (new Set(amenityList).size !== amenityList.length) found.amenities = 'An amenity is listed twice.';
    setClientErrors(found);
    edited.reset();
    if (Object.keys(found).length > 0 || typeof rate === 'string' || !parsed.ok) {
      create.reset();
      focus(firstInvalid(ORDER, found));
      return;
    }
    create.mutate({
      name: name.trim(),
      maxOccupancy: occupancy,
      nightlyRate: rate,
      roomNumbers: [...parsed.numbers],
      ...(amenityList.length > 0 ? { amenities: amenityList } : {}),
    });
  };

  return (
    <form ref={formRef} className="panel" onSubmit={submit} noValidate aria-labelledby="new-room-type-title">
      <h2 id="new-room-type-title">New room type at {hotelName}</h2>
      <div className="form-grid">
        <Field id={id('name')} label="Name" error={errors.name}>
          <input
            id={id('name')}
            autoComplete="off"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              edited.mark('name');
            }}
            {...described(id('name'), errors.name)}
          />
        </Field>
        <Field id={id('maxOccupancy')} label="Sleeps (guests per room)" error={errors.maxOccupancy}>
          <input
            id={id('maxOccupancy')}
            type="number"
            min={1}
            max={20}
            value={maxOccupancy}
            onChange={(e) => {
              setMaxOccupancy(e.target.value);
              edited.mark('maxOccupancy');
            }}
            {...described(id('maxOccupancy'), errors.maxOccupancy)}
          />
        </Field>
        <MoneyField
          id={id('nightlyRate')}
          label="Nightly rate"
          amount={amount}
          currency={currency}
          onAmount={(value) => {
            setAmount(value);
            edited.mark('nightlyRate');
          }}
          onCurrency={(value) => {
            setCurrency(value);
            edited.mark('nightlyRate');
          }}
          error={errors.nightlyRate}
          hint="Per room and night."
        />
        <Field id={id('roomNumbers')} label="Room numbers" error={errors.roomNumbers} hint={roomsHint}>
          <input
            id={id('roomNumbers')}
            autoComplete="off"
            spellCheck={false}
            placeholder="301-320"
            value={rooms}
            onChange={(e) => {
              setRooms(e.target.value);
              edited.mark('roomNumbers');
            }}
            {...described(id('roomNumbers'), errors.roomNumbers, true)}
          />
        </Field>
        <Field
          id={id('amenities')}
          label="Amenities (optional)"
          error={errors.amenities}
          hint="Separated by commas: wifi, minibar, city-view."
        >
          <input
            id={id('amenities')}
            autoComplete="off"
            value={amenities}
            onChange={(e) => {
              setAmenities(e.target.value);
              edited.mark('amenities');
            }}
            {...described(id('amenities'), errors.amenities, true)}
          />
        </Field>
      </div>
      <FormAlert
        message={
          Object.keys(clientErrors).length > 0
            ? 'Some details need correcting. See the messages beside the fields.'
            : server.formError
        }
      />
      <FormFooter
        label="Create room type"
        busy={create.isPending}
        busyLabel="Creating…"
        onCancel={onCancel}
      />
    </form>
  );
}
