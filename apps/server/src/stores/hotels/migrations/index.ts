import type { Migration } from '../../migrations.ts';
import { migration as createHotels } from './20261121090000_create_hotels.ts';
import { migration as createRoomTypes } from './20261121090100_create_room_types.ts';
import { migration as createRooms } from './20261121090200_create_rooms.ts';
import { migration as createRoomNights } from './20261121090300_create_room_nights.ts';
import { migration as roomTypeCapacity } from './20261121100000_room_type_capacity.ts';
import { migration as backfillRoomTypeCapacity } from './20261121100100_backfill_room_type_capacity.ts';
import { migration as indexHotelsCityLower } from './20261121100200_index_hotels_city_lower.ts';
import { migration as createHotelHolds } from './20261121120000_create_hotel_holds.ts';
import { migration as createInventoryEvents } from './20261121120100_create_inventory_events.ts';
import { migration as createRoomOccupancy } from './20261121150000_create_room_occupancy.ts';
import { migration as hotelContact } from './20261205300000_hotel_contact.ts';
import { migration as hotelRetirement } from './20261205300100_hotel_retirement.ts';
import { migration as createRoomOutOfOrder } from './20261205300200_create_room_out_of_order.ts';
import { migration as createRoomTypeClosures } from './20261205300300_create_room_type_closures.ts';
import { migration as roomTypeOverbookingAllowance } from './20261205400000_room_type_overbooking_allowance.ts';
import { migration as roomNightsAllowance } from './20261205400100_room_nights_allowance.ts';
import { migration as createExtrasCatalog } from './20261205500000_create_extras_catalog.ts';
import { migration as createTaxRules } from './20261205500100_create_tax_rules.ts';

export const migrations: readonly Migration[] = [
  createHotels,
  createRoomTypes,
  createRooms,
  createRoomNights,
  roomTypeCapacity,
  backfillRoomTypeCapacity,
  indexHotelsCityLower,
  createHotelHolds,
  createInventoryEvents,
  createRoomOccupancy,
  hotelContact,
  hotelRetirement,
  createRoomOutOfOrder,
  createRoomTypeClosures,
  roomTypeOverbookingAllowance,
  roomNightsAllowance,
  createExtrasCatalog,
  createTaxRules,
];
