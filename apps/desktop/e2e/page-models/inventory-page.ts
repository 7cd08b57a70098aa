import type { Locator, Page } from 'playwright-core';
import { pickAirport } from './airport-field.ts';
import { typeDate } from './date-field.ts';

/** A room type as the admin types it in the new-room-type form. */
export interface RoomTypeEntry {
  readonly name: string;
  readonly sleeps: string;
  readonly nightlyRate: string;
  readonly roomNumbers: string;
}

/** A car as the admin types it in a location's add-a-car form. */
export interface CarEntry {
  readonly plate: string;
  readonly category: string;
  readonly model: string;
  readonly dailyRate: string;
}

/** The admin's Inventory section: hotels and their room types, flights and their seats, car locations. */
export class InventoryPage {
  readonly page: Page;
  readonly hotelSearch: Locator;
  readonly hotels: Locator;
  readonly flightSearch: Locator;

  constructor(page: Page) {
    this.page = page;
    this.hotelSearch = page.getByRole('search', { name: 'Hotels' });
    this.hotels = page.getByRole('table', { name: 'Hotels' });
    this.flightSearch = page.getByRole('search', { name: 'Flights' });
  }

  /** One of the kinds of inventory: "Hotels", "Flights", "Car locations". */
  tab(kind: 'Hotels' | 'Flights' | 'Car locations'): Locator {
    return this.page.getByRole('tab', { name: kind });
  }

  async findHotels(city: string): Promise<void> {
    await this.hotelSearch.getByLabel('City').fill(city);
    await this.page.getByRole('button', { name: 'Find hotels' }).click();
  }

  /** The cities of the hotels listed. */
  listedCities(): Promise<string[]> {
    return this.hotels.locator('tbody td:nth-child(2)').allTextContents();
  }

  async openHotel(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }

  roomTypes(hotelName: string): Locator {
    return this.page.getByRole('table', { name: `Room types of ${hotelName}` });
  }

  roomType(name: string): Locator {
    return this.page.getByRole('row', { name: new RegExp(`^${name}`) });
  }

  /** Opens the new-room-type form of the hotel and fills it in; the form (not yet sent). */
  async fillNewRoomType(hotelName: string, entry: RoomTypeEntry): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New room type' }).click();
    const form = this.page.getByRole('form', { name: `New room type at ${hotelName}` });
    await form.getByLabel('Name').fill(entry.name);
    await form.getByLabel('Sleeps (guests per room)').fill(entry.sleeps);
    await form.getByLabel('Nightly rate', { exact: true }).fill(entry.nightlyRate);
    await form.getByLabel('Room numbers').fill(entry.roomNumbers);
    return form;
  }

  /** Opens the dialog that adds and removes rooms of a room type. */
  async openRoomChange(roomType: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Change rooms of ${roomType}` }).click();
    return this.page.getByRole('dialog', { name: `Rooms of ${roomType}` });
  }

  /** Opens the new-flight form; its fields are named as the admin reads them. */
  async openNewFlight(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New flight' }).click();
    return this.page.getByRole('form', { name: 'New flight' });
  }

  /** Back to the list of flights, searched for a route on a date. */
  async findFlights(from: string, to: string, date: string): Promise<void> {
    await this.page.getByRole('button', { name: '← Flights' }).click();
    await pickAirport(this.flightSearch.getByLabel('From', { exact: true }), from, from);
    await pickAirport(this.flightSearch.getByLabel('To', { exact: true }), to, to);
    await typeDate(this.flightSearch.getByLabel('Departure date'), date);
    await this.page.getByRole('button', { name: 'Find flights' }).click();
  }

  async openSeatMap(flightNumber: string): Promise<void> {
    await this.page.getByRole('button', { name: `Seat map of ${flightNumber}` }).click();
  }

  seatMap(flightNumber: string): Locator {
    return this.page.getByRole('table', { name: `Seats of ${flightNumber}` });
  }

  /** Creates a car location from the Car locations tab's form. */
  async createCarLocation(location: { code: string; name: string; city: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'New location' }).click();
    const form = this.page.getByRole('form', { name: 'New car location' });
    await form.getByLabel('Code').fill(location.code);
    await form.getByLabel('Name').fill(location.name);
    await form.getByLabel('City').fill(location.city);
    await form.getByRole('button', { name: 'Create location' }).click();
  }

  /** Adds a car to the fleet of the location open. */
  async addCar(locationCode: string, car: CarEntry): Promise<void> {
    await this.page.getByRole('button', { name: 'Add car' }).click();
    const form = this.page.getByRole('form', { name: `Add a car at ${locationCode}` });
    await form.getByLabel('Plate').fill(car.plate);
    await form.getByLabel('Category').fill(car.category);
    await form.getByLabel('Model').fill(car.model);
    await form.getByLabel('Daily rate', { exact: true }).fill(car.dailyRate);
    await form.getByRole('button', { name: 'Add car' }).click();
  }

  /** Removes a car from the fleet, confirming in the dialog that asks. */
  async removeCar(car: { model: string; plate: string }): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${car.model} ${car.plate}` }).click();
    await this.page
      .getByRole('dialog', { name: `Remove ${car.plate}?` })
      .getByRole('button', { name: 'Remove car' })
      .click();
  }
}
