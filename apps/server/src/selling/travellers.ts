import {
  addDays,
  dateOfBirthProblem,
  todayIn,
  type AddItemRequest,
  type AddCarItemRequest,
  type AddFlightItemRequest,
  type AddHotelItemRequest,
  type Traveller,
  type TravellerRequest,
} from '@tripdesk/shared';
import { validationFailed } from '../errors.ts';
import { newId } from '../stores/ids.ts';

/**
 * A trip's travellers: entered once, picked by its items. A flight's passengers name them by id (the
 * name comes from the list), a stay's guests default to its adults and children, a car's driver is one
 * of its adults. Document numbers stay in the trip's row: never in an event, a log line or a notification.
 */

/** The list as stored and returned: ids kept or given, the lead marked (the first when none is). */
export function travellersOf(
  req: readonly TravellerRequest[],
  now: Date,
  before: readonly Traveller[] = [],
): Traveller[] {
  checkDatesOfBirth(req, now);
  const known = new Set(before.map((t) => t.id));
  const unknown = req.map((t, i) => ({ t, i })).filter(({ t }) => t.id !== undefined && !known.has(t.id));
  if (unknown.length > 0) {
    throw validationFailed(
      'A traveller id is not one of this trip’s travellers.',
      unknown.map(({ t, i }) => ({ path: `body.travellers.${i}.id`, message: `no traveller ${t.id}` })),
    );
  }
  const leadAt = Math.max(
    0,
    req.findIndex((t) => t.lead),
  );
  return req.map((t, i) => ({
    id: t.id ?? newId('trv'),
    name: t.name,
    kind: t.kind,
    ...(t.age !== undefined ? { age: t.age } : {}),
    ...(t.dateOfBirth ? { dateOfBirth: t.dateOfBirth } : {}),
    ...(t.document ? { document: t.document } : {}),
    lead: i === leadAt,
    ...(t.email ? { email: t.email } : {}),
    ...(t.phone ? { phone: t.phone } : {}),
  }));
}

/**
 * 400 for a date of birth after today or one that disagrees with the traveller's kind or age. "Today"
 * is the latest date anywhere on Earth (UTC+14), so a desk far east of UTC can enter a baby born today.
 */
function checkDatesOfBirth(req: readonly TravellerRequest[], now: Date): void {
  const today = addDays(todayIn('UTC', now), 1);
  const errors = req.flatMap((t, i) => {
    const problem = t.dateOfBirth
      ? dateOfBirthProblem({ ...t, dateOfBirth: t.dateOfBirth }, today)
      : undefined;
    return problem ? [{ path: `body.travellers.${i}.dateOfBirth`, message: problem }] : [];
  });
  if (errors.length > 0) {
    throw validationFailed('A date of birth does not fit the traveller.', errors);
  }
}

export function parseTravellers(stored: string | null | undefined): Traveller[] {
  return stored ? (JSON.parse(stored) as Traveller[]) : [];
}

/** An item request with the names and counts it takes from the trip's travellers filled in. */
export type ResolvedItemRequest =
  | (Omit<AddHotelItemRequest, 'guests'> & { guests: number })
  | (Omit<AddFlightItemRequest, 'passengers'> & {
      passengers: { name: string; seat?: string; travellerId?: string }[];
    })
  | (AddCarItemRequest & { driver?: string });

/** 400 for a traveller id the trip does not have, a passenger twice, a child driving, no guest count. */
export function resolveItemRequest(
  req: AddItemRequest,
  travellers: readonly Traveller[],
): ResolvedItemRequest {
  const byId = new Map(travellers.map((t) => [t.id, t]));
  const unknown = (path: string, id: string) =>
    validationFailed('Not one of this trip’s travellers.', [{ path, message: `no traveller ${id}` }]);
  switch (req.type) {
    case 'flight': {
      const seen = new Set<string>();
      const passengers = req.passengers.map((p, i) => {
        if (p.travellerId === undefined) return { ...p, name: p.name! };
        const t = byId.get(p.travellerId);
        if (!t) throw unknown(`body.passengers.${i}.travellerId`, p.travellerId);
        if (seen.has(t.id)) {
          throw validationFailed('A traveller is one passenger.', [
            { path: `body.passengers.${i}.travellerId`, message: `${t.name} is already a passenger` },
          ]);
        }
        seen.add(t.id);
        return { ...p, name: t.name };
      });
      return { ...req, passengers };
    }
    case 'hotel': {
      if (req.guests !== undefined) return { ...req, guests: req.guests };
      const counted = travellers.filter((t) => t.kind !== 'infant').length;
      if (counted === 0) {
        throw validationFailed('How many guests? The trip has no travellers to count.', [
          { path: 'body.guests', message: 'required when the trip has no travellers' },
        ]);
      }
      return { ...req, guests: Math.ceil(counted / (req.rooms ?? 1)) };
    }
    case 'car': {
      if (req.driverTravellerId === undefined) return req;
      const t = byId.get(req.driverTravellerId);
      if (!t) throw unknown('body.driverTravellerId', req.driverTravellerId);
      if (t.kind !== 'adult') {
        throw validationFailed('The driver is an adult.', [
          { path: 'body.driverTravellerId', message: `${t.name} is not an adult` },
        ]);
      }
      return { ...req, driver: t.name };
    }
  }
}

/** What the item keeps of its travellers beside what its hold gave: passengers' ids, the driver. */
export function travellerDetails(
  req: ResolvedItemRequest,
  details: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  switch (req.type) {
    case 'flight': {
      const held = (details.passengers ?? []) as { name: string; seat?: string }[];
      return {
        ...details,
        passengers: held.map((p, i) => {
          const id = req.passengers[i]?.travellerId;
          return id ? { ...p, travellerId: id } : p;
        }),
      };
    }
    case 'car':
      return req.driverTravellerId
        ? { ...details, driverTravellerId: req.driverTravellerId, driver: req.driver }
        : details;
    case 'hotel':
      return details;
  }
}

/**
 * An item's travellers carried over to what a change makes of it: each passenger keeps its traveller
 * (the passengers stay in order), the car its driver.
 */
export function keepTravellers(
  from: Readonly<Record<string, unknown>>,
  to: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const before = Array.isArray(from.passengers) ? (from.passengers as { travellerId?: string }[]) : [];
  const after = Array.isArray(to.passengers) ? (to.passengers as Record<string, unknown>[]) : undefined;
  return {
    ...to,
    ...(after
      ? {
          passengers: after.map((p, i) => {
            const id = before[i]?.travellerId;
            return id ? { ...p, travellerId: id } : p;
          }),
        }
      : {}),
    ...(typeof from.driverTravellerId === 'string'
      ? { driverTravellerId: from.driverTravellerId, driver: from.driver }
      : {}),
  };
}
