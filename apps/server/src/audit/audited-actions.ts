import type { RouteResponse } from '@tripdesk/shared';
import type { AuditTargetType, FlightSchedule } from '@tripdesk/shared';
import type { FlightSchedulesService } from '../inventory/flight-schedules.ts';
import type { OutOfOrderAndClosuresService } from '../inventory/out-of-order-and-closures.ts';
import type { InventoryService } from '../inventory/inventory.ts';
import type { ExtrasCatalogService } from '../selling/extras.ts';
import type { TaxRulesService } from '../selling/taxes.ts';
import type { UsersService } from '../users/users.ts';
import type { HandlerEntry, Handlers, MountedId, RouteContext } from '../http/mount.ts';
import { changedFields, type AuditLog, type AuditRecord, type Fields } from './audit-log.ts';

/**
 * Which actions the audit log records, and how: for each action of the route table an admin changes
 * something with (and a user's own password change), what it was before (updates and removals) and the
 * entry once it succeeded.
 * `audited-actions.test.ts` checks that every admin-only write of the table is here.
 */
export interface AuditSpec<Id extends MountedId> {
  /** The thing as it was, read before the action runs. */
  readonly before?: (ctx: RouteContext<Id>) => Promise<Fields | undefined>;
  /** The entry, from the request, the answer and the before; undefined records nothing (a check that repaired nothing). */
  readonly entry: (
    ctx: RouteContext<Id>,
    result: RouteResponse<Id>,
    before: Fields | undefined,
  ) => Omit<AuditRecord, 'actor'> | undefined;
}

export type AuditSpecs = { readonly [Id in MountedId]?: AuditSpec<Id> };

const fields = (value: object): Fields => value as Fields;

/** `hotel.retire` when the update retired it, `hotel.reinstate` when it brought it back, else `hotel.update`. */
function editAction(kind: string, before: Fields | undefined, after: Fields): string {
  if (after.retiredAt !== undefined && before?.retiredAt === undefined) return `${kind}.retire`;
  if (after.retiredAt === undefined && before?.retiredAt !== undefined) return `${kind}.reinstate`;
  return `${kind}.update`;
}
const EDIT_VERBS: Readonly<Record<string, string>> = {
  retire: 'Retired',
  reinstate: 'Reinstated',
  update: 'Changed',
};
const verbOf = (action: string) => EDIT_VERBS[action.slice(action.indexOf('.') + 1)] ?? 'Changed';

/** The names of the fields an update changed, for its summary: "name, role". */
function changedNames(before: Fields | undefined, after: Fields): string {
  const { after: changed } = changedFields(before, after);
  const names = Object.keys(changed ?? {});
  return names.length > 0 ? names.join(', ') : 'nothing';
}

/** A schedule without its list of flights (hundreds of them): what an admin edits. */
function scheduleFields({ flights: _flights, ...schedule }: FlightSchedule): Fields {
  return fields(schedule);
}

/** Whose extras or taxes: a hotel, a flight or a car location, by the path's parameter. */
type Owner = { itemType: 'hotel' | 'flight' | 'car'; id: string };
function ownerOf(params: { hotelId?: string; flightId?: string; code?: string }): Owner {
  if (params.hotelId !== undefined) return { itemType: 'hotel', id: params.hotelId };
  if (params.flightId !== undefined) return { itemType: 'flight', id: params.flightId };
  return { itemType: 'car', id: params.code ?? '' };
}
const OWNER_TARGET: Readonly<Record<Owner['itemType'], AuditTargetType>> = {
  hotel: 'hotel',
  flight: 'flight',
  car: 'car_location',
};
const OWNER_WORDS: Readonly<Record<Owner['itemType'], string>> = {
  hotel: 'hotel',
  flight: 'flight',
  car: 'car location',
};

export interface AuditedServices {
  readonly users: UsersService;
  readonly inventory: InventoryService;
  readonly schedules: FlightSchedulesService;
  readonly control: OutOfOrderAndClosuresService;
  readonly extras: ExtrasCatalogService;
  readonly taxes: TaxRulesService;
}

export function auditSpecs(services: AuditedServices): AuditSpecs {
  const { users, inventory, schedules, control, extras, taxes } = services;
  /** The extras catalogue set or reset: the same entry for hotels, flights and car locations. */
  const extrasSpec = (verb: 'set' | 'reset') => ({
    before: async ({ params }: { params: Parameters<typeof ownerOf>[0] }) =>
      fields(await extras.get(ownerOf(params))),
    entry: (
      { params }: { params: Parameters<typeof ownerOf>[0] },
      catalog: object,
      before: Fields | undefined,
    ) => {
      const owner = ownerOf(params);
      return {
        action: `extras.${verb}`,
        targetType: OWNER_TARGET[owner.itemType],
        targetId: owner.id,
        summary:
          verb === 'set'
            ? `Changed the extras of ${OWNER_WORDS[owner.itemType]} ${owner.id}`
            : `Put back the built-in extras of ${OWNER_WORDS[owner.itemType]} ${owner.id}`,
        before,
        after: fields(catalog),
      };
    },
  });
  const taxesSpec = {
    before: async ({ params }: { params: Parameters<typeof ownerOf>[0] }) =>
      fields(await taxes.get(ownerOf(params))),
    entry: (
      { params }: { params: Parameters<typeof ownerOf>[0] },
      rules: object,
      before: Fields | undefined,
    ) => {
      const owner = ownerOf(params);
      return {
        action: 'taxes.set',
        targetType: OWNER_TARGET[owner.itemType],
        targetId: owner.id,
        summary: `Changed the taxes and fees of ${OWNER_WORDS[owner.itemType]} ${owner.id}`,
        before,
        after: fields(rules),
      };
    },
  };
  return {
    createUser: {
      entry: (_ctx, user) => ({
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        summary: `Created the ${user.role} ${user.name} (${user.email})`,
        after: fields(user),
      }),
    },
    updateUser: {
      before: async ({ params }) => {
        const user = await users.find(params.userId);
        return user && fields({ disabled: false, ...user });
      },
      entry: ({ body }, user, before) => {
        const after = fields({
          disabled: false,
          ...user,
          ...(body.password !== undefined ? { password: 'new' } : {}),
        });
        const action =
          body.disabled === true && before?.disabled !== true
            ? 'user.disable'
            : body.disabled === false && before?.disabled === true
              ? 'user.enable'
              : 'user.update';
        const verb = { 'user.disable': 'Disabled', 'user.enable': 'Enabled', 'user.update': 'Changed' }[
          action
        ];
        return {
          action,
          targetType: 'user',
          targetId: user.id,
          summary:
            action === 'user.update'
              ? `Changed ${user.name} (${user.email}): ${changedNames(before, after)}`
              : `${verb} ${user.name} (${user.email})`,
          before,
          after,
        };
      },
    },
    resetUserPassword: {
      before: async ({ params }) => {
        const user = await users.find(params.userId);
        return user && { mustChangePassword: user.mustChangePassword ?? false };
      },
      // Never the answer itself: it carries the temporary password.
      entry: (_ctx, { user }, before) => ({
        action: 'user.password_reset',
        targetType: 'user',
        targetId: user.id,
        summary: `Reset the password of ${user.name} (${user.email}); a new one is chosen at the next sign-in`,
        before: { ...before, password: 'old' },
        after: { mustChangePassword: true, password: 'temporary' },
      }),
    },
    // Not an admin action, but one an admin looks for beside a reset: the user chose their own password.
    changeMyPassword: {
      entry: ({ user }) => ({
        action: 'user.password_change',
        targetType: 'user',
        targetId: user.id,
        summary: user.mustChangePassword
          ? `${user.name} (${user.email}) chose a new password after a reset`
          : `${user.name} (${user.email}) changed their own password`,
        before: { mustChangePassword: user.mustChangePassword ?? false, password: 'old' },
        after: { mustChangePassword: false, password: 'new' },
      }),
    },
    createHotel: {
      entry: (_ctx, hotel) => ({
        action: 'hotel.create',
        targetType: 'hotel',
        targetId: hotel.id,
        summary: `Added the hotel ${hotel.name} (${hotel.city})`,
        after: fields(hotel),
      }),
    },
    createRoomType: {
      entry: (_ctx, roomType) => ({
        action: 'room_type.create',
        targetType: 'room_type',
        targetId: roomType.id,
        summary: `Added the room type ${roomType.name} (${roomType.capacity} rooms) to hotel ${roomType.hotelId}`,
        after: fields(roomType),
      }),
    },
    updateRoomType: {
      before: async ({ params }) => {
        const hotel = await inventory.getHotel(params.hotelId);
        const roomType = hotel.roomTypes.find((r) => r.id === params.roomTypeId);
        return roomType && fields(roomType);
      },
      entry: (_ctx, roomType, before) => ({
        action: 'room_type.update',
        targetType: 'room_type',
        targetId: roomType.id,
        summary: `Changed the room type ${roomType.name}: ${changedNames(before, fields(roomType))}`,
        before,
        after: fields(roomType),
      }),
    },
    setOverbooking: {
      before: async ({ params }) => {
        const hotel = await inventory.getHotel(params.hotelId);
        const roomType = hotel.roomTypes.find((r) => r.id === params.roomTypeId);
        return roomType && fields({ overbookingAllowance: 0, ...roomType });
      },
      entry: (_ctx, roomType, before) => ({
        action: 'room_type.overbooking',
        targetType: 'room_type',
        targetId: roomType.id,
        summary: `Set the overbooking allowance of ${roomType.name} to ${roomType.overbookingAllowance ?? 0}`,
        before,
        after: fields({ overbookingAllowance: 0, ...roomType }),
      }),
    },
    createFlightSchedule: {
      entry: (_ctx, schedule) => ({
        action: 'flight_schedule.create',
        targetType: 'flight_schedule',
        targetId: schedule.id,
        summary: `Added the schedule of ${schedule.flightNumber} ${schedule.from}–${schedule.to}, ${schedule.firstDate} to ${schedule.lastDate} (${schedule.flights.length} flights)`,
        after: scheduleFields(schedule),
      }),
    },
    updateFlightSchedule: {
      before: async ({ params }) => scheduleFields(await schedules.get(params.scheduleId)),
      entry: ({ params }, change, before) => ({
        action: 'flight_schedule.update',
        targetType: 'flight_schedule',
        targetId: params.scheduleId,
        summary: `Changed the schedule of ${String(before?.flightNumber ?? params.scheduleId)}: ${change.message}`,
        before,
        after: change.schedule ? scheduleFields(change.schedule) : null,
      }),
    },
    deleteFlightSchedule: {
      before: async ({ params }) => scheduleFields(await schedules.get(params.scheduleId)),
      entry: ({ params }, change, before) => ({
        action: 'flight_schedule.retire',
        targetType: 'flight_schedule',
        targetId: params.scheduleId,
        summary: `Retired the schedule of ${String(before?.flightNumber ?? params.scheduleId)}: ${change.message}`,
        before,
        after: null,
      }),
    },
    setHotelExtras: extrasSpec('set'),
    resetHotelExtras: extrasSpec('reset'),
    setFlightExtras: extrasSpec('set'),
    resetFlightExtras: extrasSpec('reset'),
    setCarLocationExtras: extrasSpec('set'),
    resetCarLocationExtras: extrasSpec('reset'),
    setHotelTaxes: taxesSpec,
    setFlightTaxes: taxesSpec,
    setCarLocationTaxes: taxesSpec,
    updateHotel: {
      before: async ({ params }) => {
        const { roomTypes: _rooms, ...hotel } = await inventory.getHotel(params.hotelId);
        return fields(hotel);
      },
      entry: (_ctx, hotel, before) => {
        const action = editAction('hotel', before, fields(hotel));
        return {
          action,
          targetType: 'hotel',
          targetId: hotel.id,
          summary: `${verbOf(action)} the hotel ${hotel.name}: ${changedNames(before, fields(hotel))}`,
          before,
          after: fields(hotel),
        };
      },
    },
    updateFlight: {
      before: async ({ params }) => fields(await inventory.getFlight(params.flightId)),
      entry: (_ctx, flight, before) => {
        const action = editAction('flight', before, fields(flight));
        return {
          action,
          targetType: 'flight',
          targetId: flight.id,
          summary: `${verbOf(action)} the flight ${flight.flightNumber} on ${flight.departureAt}: ${changedNames(before, fields(flight))}`,
          before,
          after: fields(flight),
        };
      },
    },
    updateFareClass: {
      before: async ({ params }) => {
        const flight = await inventory.getFlight(params.flightId);
        const fareClass = flight.fareClasses.find((f) => f.code === params.fareClass);
        return fareClass && fields(fareClass);
      },
      entry: ({ params }, flight, before) => {
        const after = flight.fareClasses.find((f) => f.code === params.fareClass);
        return {
          action: 'fare_class.update',
          targetType: 'flight',
          targetId: flight.id,
          summary: `Changed the fare class ${params.fareClass} of ${flight.flightNumber} on ${flight.departureAt}: ${changedNames(before, fields(after ?? {}))}`,
          before,
          after: after ? fields(after) : null,
        };
      },
    },
    updateCarLocation: {
      before: async ({ params }) => {
        const { items } = await inventory.listCarLocations({ includeRetired: true });
        const location = items.find((l) => l.code === params.code);
        return location && fields(location);
      },
      entry: (_ctx, location, before) => {
        const action = editAction('car_location', before, fields(location));
        return {
          action,
          targetType: 'car_location',
          targetId: location.code,
          summary: `${verbOf(action)} the car location ${location.code} (${location.name}): ${changedNames(before, fields(location))}`,
          before,
          after: fields(location),
        };
      },
    },
    updateCar: {
      before: async ({ params }) => {
        const { items } = await inventory.listCars(params.code);
        const car = items.find((c) => c.id === params.carId);
        return car && fields(car);
      },
      entry: (_ctx, car, before) => {
        const action = editAction('car', before, fields(car));
        return {
          action,
          targetType: 'car',
          targetId: car.id,
          summary: `${verbOf(action)} the car ${car.plate} at ${car.locationCode}: ${changedNames(before, fields(car))}`,
          before,
          after: fields(car),
        };
      },
    },
    createOutOfOrder: {
      entry: ({ params }, { items }) => ({
        action: 'out_of_order.create',
        targetType: 'hotel',
        targetId: params.hotelId,
        summary: `Took ${items.length === 1 ? `room ${items[0]?.roomNumber}` : `rooms ${items.map((p) => p.roomNumber).join(', ')}`} out of order${items[0] ? ` from ${items[0].from} to ${items[0].to}` : ''}`,
        after: { items },
      }),
    },
    deleteOutOfOrder: {
      before: async ({ params, user }) => {
        const { items } = await control.listOutOfOrder(user, params.hotelId, {});
        const period = items.find((p) => p.id === params.periodId);
        return period && fields(period);
      },
      entry: ({ params }, _none, before) => ({
        action: 'out_of_order.remove',
        targetType: 'hotel',
        targetId: params.hotelId,
        summary:
          typeof before?.roomNumber === 'string'
            ? `Put room ${before.roomNumber} back in order (period ${params.periodId})`
            : `Ended the out-of-order period ${params.periodId}`,
        before,
        after: null,
      }),
    },
    createHotelClosure: {
      entry: ({ params }, closure) => ({
        action: 'closure.create',
        targetType: 'room_type',
        targetId: closure.roomTypeId,
        summary: `Closed room type ${closure.roomTypeId} of hotel ${params.hotelId} to sale from ${closure.from} to ${closure.to}`,
        after: fields(closure),
      }),
    },
    deleteHotelClosure: {
      before: async ({ params }) => {
        const { items } = await control.listHotelClosures(params.hotelId, {});
        const closure = items.find((c) => c.id === params.closureId);
        return closure && fields(closure);
      },
      entry: ({ params }, _none, before) => ({
        action: 'closure.remove',
        targetType: 'room_type',
        targetId: typeof before?.roomTypeId === 'string' ? before.roomTypeId : params.closureId,
        summary: `Opened to sale again what closure ${params.closureId} of hotel ${params.hotelId} closed`,
        before,
        after: null,
      }),
    },
    createFlightClosure: {
      entry: (_ctx, closure) => ({
        action: 'closure.create',
        targetType: 'flight',
        targetId: closure.flightNumber,
        summary: `Closed fare class ${closure.fareClass} of ${closure.flightNumber} to sale from ${closure.from} to ${closure.to}`,
        after: fields(closure),
      }),
    },
    deleteFlightClosure: {
      before: async ({ params }) => {
        const { items } = await control.listFlightClosures(undefined);
        const closure = items.find((c) => c.id === params.closureId);
        return closure && fields(closure);
      },
      entry: ({ params }, _none, before) => ({
        action: 'closure.remove',
        targetType: 'flight',
        targetId: typeof before?.flightNumber === 'string' ? before.flightNumber : params.closureId,
        summary: `Opened to sale again what closure ${params.closureId} closed`,
        before,
        after: null,
      }),
    },
    createCarClosure: {
      entry: ({ params }, closure) => ({
        action: 'closure.create',
        targetType: 'car_location',
        targetId: params.code,
        summary: `Closed ${closure.category} cars at ${params.code} to pick-ups from ${closure.from} to ${closure.to}`,
        after: fields(closure),
      }),
    },
    deleteCarClosure: {
      before: async ({ params }) => {
        const { items } = await control.listCarClosures(params.code, {});
        const closure = items.find((c) => c.id === params.closureId);
        return closure && fields(closure);
      },
      entry: ({ params }, _none, before) => ({
        action: 'closure.remove',
        targetType: 'car_location',
        targetId: params.code,
        summary: `Opened to pick-ups again what closure ${params.closureId} at ${params.code} closed`,
        before,
        after: null,
      }),
    },
    createAirport: {
      entry: (_ctx, airport) => ({
        action: 'airport.create',
        targetType: 'airport',
        targetId: airport.code,
        summary: `Added the airport ${airport.code} (${airport.name})`,
        after: fields(airport),
      }),
    },
    createFlight: {
      entry: (_ctx, flight) => ({
        action: 'flight.create',
        targetType: 'flight',
        targetId: flight.id,
        summary: `Added the flight ${flight.flightNumber} ${flight.from}–${flight.to} on ${flight.departureAt}`,
        after: fields(flight),
      }),
    },
    createCarLocation: {
      entry: (_ctx, location) => ({
        action: 'car_location.create',
        targetType: 'car_location',
        targetId: location.code,
        summary: `Added the car location ${location.code} (${location.name})`,
        after: fields(location),
      }),
    },
    createCar: {
      entry: (_ctx, car) => ({
        action: 'car.create',
        targetType: 'car',
        targetId: car.id,
        summary: `Added the car ${car.plate} (${car.model}, ${car.category}) at ${car.locationCode}`,
        after: fields(car),
      }),
    },
    removeCar: {
      before: async ({ params }) => {
        const { items } = await inventory.listCars(params.code);
        const car = items.find((c) => c.id === params.carId);
        return car && fields(car);
      },
      entry: ({ params }, _none, before) => ({
        action: 'car.remove',
        targetType: 'car',
        targetId: params.carId,
        summary: `Took the car ${String(before?.plate ?? params.carId)} out of the fleet at ${params.code}`,
        before,
        after: null,
      }),
    },
    createBackup: {
      entry: (_ctx, backup) => ({
        action: 'backup.create',
        targetType: 'backup',
        targetId: backup.id,
        summary: `Took the backup ${backup.fileName}`,
        after: fields(backup),
      }),
    },
    restoreBackup: {
      // Written before the restart, so it stays with the data the restore replaces (in the `pre-restore`
      // backup); the server writes `backup.restore` once it runs on the restored data (server.ts).
      entry: ({ params }) => ({
        action: 'backup.restore_started',
        targetType: 'backup',
        targetId: params.backupId,
        summary: `Started restoring the backup ${params.backupId}; the server restarts on it`,
      }),
    },
    runConsistencyCheck: {
      // A check alone changes nothing; a repair run does.
      entry: ({ body }, report) => {
        if (!body.repair) return undefined;
        const repaired = report.checks.reduce((n, c) => n + c.repaired, 0);
        const problems = report.checks.reduce((n, c) => n + c.problems, 0);
        return {
          action: 'consistency.repair',
          targetType: 'consistency_check',
          targetId: report.id,
          summary: `Ran the consistency checker with repairs: ${repaired} of ${problems} problems repaired`,
          after: { repaired, problems, ok: report.ok },
        };
      },
    },
  };
}

/** The handlers, with each audited action recording its entry after it succeeded. */
export function withAudit<H extends Handlers>(handlers: H, log: AuditLog, specs: AuditSpecs): H {
  const out = { ...handlers } as unknown as Record<string, HandlerEntry<MountedId>>;
  for (const [id, spec] of Object.entries(specs) as [MountedId, AuditSpec<MountedId>][]) {
    const entry = out[id];
    if (!entry) continue;
    const handle = typeof entry === 'function' ? entry : entry.handle;
    const wrapped = async (ctx: RouteContext<MountedId>) => {
      const before = spec.before ? await spec.before(ctx) : undefined;
      const result = await handle(ctx as never);
      const record = spec.entry(ctx, result as never, before);
      if (record) await log.record({ actor: { id: ctx.user.id, name: ctx.user.name }, ...record });
      return result;
    };
    out[id] = typeof entry === 'function' ? wrapped : { ...entry, handle: wrapped };
  }
  return out as unknown as H;
}
