import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AddItemRequestSchema,
  ageOn,
  dateOfBirthProblem,
  SetTravellersRequestSchema,
  CancelTripRequestSchema,
  CreateTripRequestSchema,
  ItemSchema,
  LOCAL_TEST_PAYMENT_METHODS,
  LocalPayTripRequestSchema,
  LocalTestPaymentMethodSchema,
  payTripRequestSchemaFor,
  PayTripRequestSchema,
  TripListQuerySchema,
  TripSchema,
} from './trips.ts';

function issuePaths(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

describe('create trip', () => {
  it('parses the API.md request and normalises the email', () => {
    expect(
      CreateTripRequestSchema.parse({
        customer: { name: ' Ana Silva ', email: 'Ana.Silva@Example.PT', phone: '+351 912 345 678' },
      }),
    ).toEqual({ customer: { name: 'Ana Silva', email: 'ana.silva@example.pt', phone: '+351 912 345 678' } });
  });

  it.each([
    [{ customer: { name: 'Ana', email: 'not-an-email' } }, ['customer.email']],
    [{ customer: { name: '', email: 'a@b.pt' } }, ['customer.name']],
    [{ customer: { name: 'Ana', email: 'a@b.pt', phone: 'call me' } }, ['customer.phone']],
    [{}, ['customer']],
  ])('refuses %j at %j', (input, paths) => {
    expect(issuePaths(CreateTripRequestSchema, input)).toEqual(paths);
  });

  it('strips unknown fields, such as an attempt to set the status', () => {
    expect(
      CreateTripRequestSchema.parse({ customer: { name: 'Ana', email: 'a@b.pt' }, status: 'confirmed' }),
    ).toEqual({
      customer: { name: 'Ana', email: 'a@b.pt' },
    });
  });
});

describe('add item', () => {
  const hotel = {
    type: 'hotel',
    roomTypeId: 'rt1',
    checkIn: '2026-12-01',
    checkOut: '2026-12-04',
    guests: 2,
  };
  const flight = {
    type: 'flight',
    flightId: 'f1',
    fareClass: 'Y',
    passengers: [{ name: 'Ana Silva', seat: '12A' }, { name: 'Rui Silva' }],
  };
  const car = {
    type: 'car',
    locationCode: 'LIS',
    category: 'economy',
    pickUp: '2026-12-01',
    dropOff: '2026-12-04',
  };

  it('parses the three variants of API.md; rooms defaults to 1', () => {
    expect(AddItemRequestSchema.parse(hotel)).toEqual({ ...hotel, rooms: 1 });
    expect(AddItemRequestSchema.parse(flight)).toEqual(flight);
    expect(AddItemRequestSchema.parse(car)).toEqual(car);
  });

  it('takes the optional extensions', () => {
    const withExtras = {
      ...hotel,
      rooms: 2,
      specialRequests: 'late arrival',
      extras: [{ code: 'breakfast', quantity: 6 }],
    };
    expect(AddItemRequestSchema.parse(withExtras)).toEqual(withExtras);
  });

  it('strips a client-sent price from extras: prices come from the catalogue', () => {
    const parsed = AddItemRequestSchema.parse({
      ...car,
      extras: [{ code: 'child_seat', name: 'Child seat', price: eur(0), quantity: 1 }],
    });
    expect(parsed.extras).toEqual([{ code: 'child_seat', quantity: 1 }]);
  });

  it('rejects an unknown type at `type`', () => {
    expect(issuePaths(AddItemRequestSchema, { ...car, type: 'boat' })).toEqual(['type']);
    expect(issuePaths(AddItemRequestSchema, { roomTypeId: 'rt1' })).toEqual(['type']);
  });

  it.each([
    [{ ...hotel, checkOut: '2026-12-01' }, ['checkOut']],
    [{ ...hotel, checkOut: '2026-11-30' }, ['checkOut']],
    [{ ...hotel, checkIn: '2026-02-29', checkOut: '2026-03-02' }, ['checkIn']],
    [{ ...hotel, guests: 0 }, ['guests']],
    [{ ...hotel, guests: '2' }, ['guests']],
    [{ ...hotel, rooms: 21 }, ['rooms']],
    [{ ...flight, passengers: [] }, ['passengers']],
    [
      {
        ...flight,
        passengers: [
          { name: 'A', seat: '12A' },
          { name: 'B', seat: '12A' },
        ],
      },
      ['passengers.1.seat'],
    ],
    [{ ...flight, passengers: [{ name: 'A', seat: '12' }] }, ['passengers.0.seat']],
    [{ ...flight, passengers: Array.from({ length: 10 }, (_, i) => ({ name: `P${i}` })) }, ['passengers']],
    [{ ...car, dropOff: '2026-12-01' }, ['dropOff']],
    [
      {
        ...car,
        extras: [
          { code: 'gps', quantity: 1 },
          { code: 'gps', quantity: 2 },
        ],
      },
      ['extras'],
    ],
    [{ ...car, extras: [{ code: 'gps', quantity: 0 }] }, ['extras.0.quantity']],
  ])('refuses %j at %j', (input, paths) => {
    expect(issuePaths(AddItemRequestSchema, input)).toEqual(paths);
  });
});

describe('pay', () => {
  it('lists the five local test payment methods with their outcomes', () => {
    expect(LOCAL_TEST_PAYMENT_METHODS).toEqual({
      pm_card_visa: { outcome: 'succeeded' },
      pm_card_mastercard: { outcome: 'succeeded' },
      pm_card_visa_chargeDeclined: { outcome: 'declined', declineCode: 'generic_decline' },
      pm_card_visa_chargeDeclinedInsufficientFunds: {
        outcome: 'declined',
        declineCode: 'insufficient_funds',
      },
      pm_card_chargeDeclinedExpiredCard: { outcome: 'declined', declineCode: 'expired_card' },
    });
    expect(LocalTestPaymentMethodSchema.options).toHaveLength(5);
  });

  it('the local gateway takes only the five names', () => {
    const local = payTripRequestSchemaFor('local');
    expect(local).toBe(LocalPayTripRequestSchema);
    for (const name of LocalTestPaymentMethodSchema.options) {
      expect(local.parse({ paymentMethodId: name })).toEqual({ paymentMethodId: name });
    }
    expect(issuePaths(local, { paymentMethodId: 'pm_card_amex' })).toEqual(['paymentMethodId']);
    expect(issuePaths(local, { paymentMethodId: '4242424242424242' })).toEqual(['paymentMethodId']);
    expect(issuePaths(local, {})).toEqual(['paymentMethodId']);
  });

  it('with Stripe any pm_ id passes, and card numbers never do', () => {
    const stripe = payTripRequestSchemaFor('stripe');
    expect(stripe).toBe(PayTripRequestSchema);
    expect(stripe.parse({ paymentMethodId: 'pm_1QxYzAbCdEfGh' })).toEqual({
      paymentMethodId: 'pm_1QxYzAbCdEfGh',
    });
    expect(stripe.parse({ paymentMethodId: 'pm_card_visa' })).toEqual({ paymentMethodId: 'pm_card_visa' });
    expect(issuePaths(stripe, { paymentMethodId: '4242424242424242' })).toEqual(['paymentMethodId']);
    expect(issuePaths(stripe, { paymentMethodId: 'pm_' })).toEqual(['paymentMethodId']);
  });
});

describe('cancel', () => {
  it('takes an optional reason and a missing body', () => {
    expect(CancelTripRequestSchema.parse(undefined)).toEqual({});
    expect(CancelTripRequestSchema.parse({})).toEqual({});
    expect(CancelTripRequestSchema.parse({ reason: ' customer changed plans ' })).toEqual({
      reason: 'customer changed plans',
    });
    expect(issuePaths(CancelTripRequestSchema, { reason: 'x'.repeat(501) })).toEqual(['reason']);
  });
});

describe('trip list query', () => {
  it('filters by status and free text, empty meaning absent', () => {
    expect(TripListQuerySchema.parse({ status: 'held', q: 'silva' })).toMatchObject({
      status: ['held'],
      q: 'silva',
    });
    expect(TripListQuerySchema.parse({ status: '', q: '' })).toMatchObject({
      status: undefined,
      q: undefined,
    });
    expect(issuePaths(TripListQuerySchema, { status: 'paid' })).toEqual(['status']);
  });

  it('takes several statuses, travel dates in order, a destination, a seller and a page', () => {
    expect(TripListQuerySchema.parse({ status: 'held,confirmed,held' }).status).toEqual([
      'held',
      'confirmed',
    ]);
    expect(TripListQuerySchema.parse({ status: ['held', 'cancelled'] }).status).toEqual([
      'held',
      'cancelled',
    ]);
    expect(
      TripListQuerySchema.parse({
        travelFrom: '2026-12-01',
        travelTo: '2026-12-01',
        destination: ' Lisbon ',
        soldBy: 'usr_1',
        limit: '50',
        offset: '100',
      }),
    ).toMatchObject({ destination: 'Lisbon', limit: 50, offset: 100, travelTo: '2026-12-01' });
    expect(TripListQuerySchema.parse({ limit: '', offset: '' })).toMatchObject({
      limit: undefined,
      offset: undefined,
    });
    expect(issuePaths(TripListQuerySchema, { status: 'held,' })).toEqual(['status']);
    expect(issuePaths(TripListQuerySchema, { travelFrom: '2026-12-02', travelTo: '2026-12-01' })).toEqual([
      'travelTo',
    ]);
    expect(issuePaths(TripListQuerySchema, { limit: '501' })).toEqual(['limit']);
    expect(issuePaths(TripListQuerySchema, { offset: '-1' })).toEqual(['offset']);
  });
});

describe('trip and item responses', () => {
  const hotelItem = {
    id: 'i1',
    type: 'hotel',
    status: 'checked_in',
    price: eur(36000),
    hotelId: 'h1',
    roomTypeId: 'rt1',
    checkIn: '2026-12-01',
    checkOut: '2026-12-04',
    rooms: 1,
    guests: 2,
    roomNumber: '101',
    extras: [{ code: 'breakfast', name: 'Breakfast', price: eur(1500), quantity: 6 }],
    cancellationPolicy: { refundable: true, freeUntil: '2026-11-29T12:00:00Z', fee: eur(12000) },
  };
  const flightItem = {
    id: 'i2',
    type: 'flight',
    status: 'held',
    price: eur(39800),
    holdExpiresAt: '2026-11-21T09:30:00Z',
    flightId: 'f1',
    fareClass: 'Y',
    passengers: [{ name: 'Ana Silva', seat: '12A' }],
    seats: ['12A'],
  };
  const trip = {
    id: 't1',
    status: 'held',
    customer: { name: 'Ana Silva', email: 'ana@example.pt' },
    items: [hotelItem, flightItem],
    total: eur(75800),
    holdExpiresAt: '2026-11-21T09:30:00Z',
    createdBy: 'u1',
    createdAt: '2026-11-21T09:00:00Z',
    events: [
      { at: '2026-11-21T09:00:00Z', type: 'trip.created', actor: 'u1', to: 'open' },
      { at: '2026-11-21T09:00:05Z', type: 'item.held', actor: 'u1', to: 'held', itemId: 'i2' },
      { at: '2026-11-21T09:00:05Z', type: 'trip.held', actor: 'u1', from: 'open', to: 'held' },
    ],
  };

  it('parses a trip with each item variant', () => {
    expect(TripSchema.parse(trip)).toEqual(trip);
  });

  it('tells item variants apart by type', () => {
    const item = ItemSchema.parse(flightItem);
    expect(item.type === 'flight' && item.seats).toEqual(['12A']);
    expect(issuePaths(ItemSchema, { ...flightItem, seats: undefined })).toEqual(['seats']);
  });

  it('refuses a status no machine knows, at its path', () => {
    expect(issuePaths(TripSchema, { ...trip, status: 'paid' })).toEqual(['status']);
    expect(issuePaths(TripSchema, { ...trip, items: [{ ...hotelItem, status: 'booked' }] })).toEqual([
      'items.0.status',
    ]);
  });

  it('parses payment and refund', () => {
    const paid = {
      ...trip,
      status: 'cancelled',
      payment: {
        transactionId: 'ch_1',
        invoiceNumber: 'INV-2026-000042',
        amount: eur(75800),
        status: 'refunded',
        gateway: 'local',
        paidAt: '2026-11-21T09:10:00Z',
      },
      refund: { amount: eur(63800), status: 'succeeded' },
    };
    expect(TripSchema.parse(paid)).toEqual(paid);
  });
});

describe('travellers', () => {
  const parse = (travellers: unknown) => SetTravellersRequestSchema.safeParse({ travellers });

  it('keeps a document’s number and country upper case, and refuses a country of three letters', () => {
    const doc = { type: 'passport', number: ' x1234567q ', country: 'gb', expiry: '2031-05-01' };
    const ok = parse([{ name: 'Ann Lee', kind: 'adult', document: doc }]);
    expect(ok.data?.travellers[0]?.document).toEqual({ ...doc, number: 'X1234567Q', country: 'GB' });
    const bad = parse([{ name: 'Ann Lee', kind: 'adult', document: { ...doc, country: 'gbr' } }]);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['travellers.0.document.country']);
  });

  it('refuses a date of birth before 1900 or not a date, at its path', () => {
    for (const dateOfBirth of ['1899-12-31', '1984-02-30', '84-02-03']) {
      const res = parse([{ name: 'Ann Lee', kind: 'adult', dateOfBirth }]);
      expect(
        res.error?.issues.map((i) => i.path.join('.')),
        dateOfBirth,
      ).toEqual(['travellers.0.dateOfBirth']);
    }
    expect(parse([{ name: 'Ann Lee', kind: 'adult', dateOfBirth: '1900-01-01' }]).success).toBe(true);
  });

  it('counts an age in full years, a 29 February birthday coming on 1 March', () => {
    expect(ageOn('1984-02-03', '2026-02-02')).toBe(41);
    expect(ageOn('1984-02-03', '2026-02-03')).toBe(42);
    expect(ageOn('2020-02-29', '2025-02-28')).toBe(4);
    expect(ageOn('2020-02-29', '2025-03-01')).toBe(5);
  });

  it('finds a date of birth in the future or disagreeing with the kind or the age', () => {
    const today = '2026-12-04';
    expect(dateOfBirthProblem({ kind: 'infant', dateOfBirth: today }, today)).toBeUndefined();
    expect(dateOfBirthProblem({ kind: 'infant', dateOfBirth: '2026-12-05' }, today)).toBe(
      'must not be in the future',
    );
    // Seven today, eight by the day of travel next spring: both ages fit.
    expect(dateOfBirthProblem({ kind: 'child', age: 7, dateOfBirth: '2019-03-01' }, today)).toBeUndefined();
    expect(dateOfBirthProblem({ kind: 'child', age: 8, dateOfBirth: '2019-03-01' }, today)).toBeUndefined();
    expect(dateOfBirthProblem({ kind: 'child', age: 9, dateOfBirth: '2019-03-01' }, today)).toBe(
      'says 7 years old, not 9',
    );
    expect(dateOfBirthProblem({ kind: 'adult', dateOfBirth: '2019-03-01' }, today)).toBe(
      'says 7 years old: an adult is 12 to 120',
    );
    expect(dateOfBirthProblem({ kind: 'child', age: 2, dateOfBirth: '2025-06-01' }, today)).toBeUndefined();
    expect(dateOfBirthProblem({ kind: 'child', dateOfBirth: '2012-06-01' }, today)).toBe(
      'says 14 years old: a child is 2 to 11',
    );
  });
});
