import type { Migration } from '../../migrations.ts';
import { migration as createHotels } from './20261121090000_create_hotels.ts';
import { migration as createRoomTypes } from './20261121090100_create_room_types.ts';
import { migration as createRooms } from './20261121090200_create_rooms.ts';
import { migration as createRoomNights } from './20261121090300_create_room_nights.ts';

export const migrations: readonly Migration[] = [
  createHotels,
  createRoomTypes,
  createRooms,
  createRoomNights,
];
