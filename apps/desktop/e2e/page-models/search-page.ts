import { pickAirport } from './airport-field.ts';
import type { Locator, Page } from 'playwright-core';
import { typeDate } from './date-field.ts';

/** The Search section: hotels, flights and cars, each a tab with its form and its table of results. */
export class SearchPage {
  readonly page: Page;
  readonly heading: Locator;
  readonly hotelForm: Locator;
  readonly flightForm: Locator;
  readonly carForm: Locator;
  readonly departureDate: Locator;
  readonly returnDate: Locator;
  readonly rentalStation: Locator;
  readonly pickUp: Locator;
  readonly dropOff: Locator;
  readonly carResults: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { name: 'Search' });
    this.hotelForm = page.getByRole('form', { name: 'Hotel search' });
    this.flightForm = page.getByRole('form', { name: 'Flight search' });
    this.carForm = page.getByRole('form', { name: 'Car search' });
    this.departureDate = this.flightForm.getByLabel('Departure date');
    this.returnDate = this.flightForm.getByLabel('Return date');
    this.rentalStation = this.carForm.getByLabel('Rental station');
    this.pickUp = this.carForm.getByLabel('Pick-up');
    this.dropOff = this.carForm.getByLabel('Drop-off');
    this.carResults = page.getByRole('table', { name: /Free cars at/ });
  }

  /** One of the kinds of search: "Hotels", "Flights", "Cars". */
  tab(kind: 'Hotels' | 'Flights' | 'Cars'): Locator {
    return this.page.getByRole('tab', { name: kind });
  }

  /** Searches free rooms; the table of results for the city. */
  async findHotels(query: {
    city: string;
    checkIn: string;
    checkOut: string;
    guests: number;
  }): Promise<Locator> {
    await this.hotelForm.getByLabel('City').fill(query.city);
    await typeDate(this.hotelForm.getByLabel('Check-in'), query.checkIn);
    await typeDate(this.hotelForm.getByLabel('Check-out'), query.checkOut);
    await this.hotelForm.getByLabel('Guests per room').fill(String(query.guests));
    await this.page.getByRole('button', { name: 'Search hotels' }).click();
    return this.hotelResults(query.city);
  }

  /** Sets the hotel filters: minimum stars (the select's option), amenities ticked, the order. */
  async filterHotels(filters: { stars?: string; amenities?: string[]; sort?: string }): Promise<void> {
    const group = this.hotelForm.getByRole('group', { name: 'Hotel filters' });
    if (filters.stars) await group.getByLabel('Stars').selectOption({ label: filters.stars });
    for (const amenity of filters.amenities ?? [])
      await group.getByRole('checkbox', { name: amenity, exact: true }).check();
    if (filters.sort) await group.getByLabel('Sort').selectOption({ label: filters.sort });
  }

  /** Back to no filters, cheapest first. */
  async clearHotelFilters(): Promise<void> {
    const group = this.hotelForm.getByRole('group', { name: 'Hotel filters' });
    await group.getByLabel('Stars').selectOption({ label: 'Any' });
    for (const box of await group.getByRole('checkbox', { checked: true }).all()) await box.uncheck();
    await group.getByLabel('Sort').selectOption({ label: 'Cheapest first' });
  }

  hotelResults(city: string): Locator {
    return this.page.getByRole('table', { name: new RegExp(`Free rooms in ${city}`) });
  }

  /**
   * Searches flights on the date the form holds; the table of results. The airports are typed as their
   * codes, or as `typed` (a city, a name) and picked from the list with the keyboard.
   */
  async findFlights(from: string, to: string, typed: { from?: string; to?: string } = {}): Promise<Locator> {
    await pickAirport(this.flightForm.getByLabel('From (airport or city)'), typed.from ?? from, from);
    await pickAirport(this.flightForm.getByLabel('To (airport or city)'), typed.to ?? to, to);
    await this.page.getByRole('button', { name: 'Search flights' }).click();
    return this.page.getByRole('table', { name: new RegExp(`Flights from ${from} to ${to}`) });
  }

  /** The flight search's choice of "Round trip" or "One-way" (a radio button). */
  tripType(label: 'Round trip' | 'One-way'): Locator {
    return this.flightForm.getByRole('radiogroup', { name: 'Trip' }).getByRole('radio', { name: label });
  }

  /**
   * Searches a round trip in one search: out from `from` to `to` on `date`, back on `returnDate`. The two
   * tables of results, each named by its route.
   */
  async findRoundTrip(
    from: string,
    to: string,
    dates: { date: string; returnDate: string },
  ): Promise<{ outbound: Locator; back: Locator }> {
    await this.tripType('Round trip').check();
    await pickAirport(this.flightForm.getByLabel('From (airport or city)'), from, from);
    await pickAirport(this.flightForm.getByLabel('To (airport or city)'), to, to);
    await typeDate(this.departureDate, dates.date);
    await typeDate(this.returnDate, dates.returnDate);
    await this.page.getByRole('button', { name: 'Search flights' }).click();
    return {
      outbound: this.page.getByRole('table', { name: new RegExp(`Flights from ${from} to ${to}`) }),
      back: this.page.getByRole('table', { name: new RegExp(`Flights from ${to} to ${from}`) }),
    };
  }

  /** Searches free cars at the station chosen (and, if given, for those dates); waits for the results. */
  async findCars(dates?: { pickUp: string; dropOff: string }): Promise<Locator> {
    if (dates) {
      await typeDate(this.pickUp, dates.pickUp);
      await typeDate(this.dropOff, dates.dropOff);
    }
    await this.page.getByRole('button', { name: 'Search cars' }).click();
    await this.carResults.waitFor();
    return this.carResults;
  }

  /** Opens the Cars tab and searches the station's free cars for the dates; waits for the results. */
  async findCarsAt(station: string, dates: { pickUp: string; dropOff: string }): Promise<Locator> {
    await this.tab('Cars').click();
    await this.rentalStation.selectOption(station);
    return this.findCars(dates);
  }

  /** How many cars of the category the results say are free. */
  freeCars(category: string): Promise<string | null> {
    return this.carResults.getByRole('row').filter({ hasText: category }).locator('td').nth(1).textContent();
  }

  /** The category (e.g. ECMR) of a row of car results, as its Hold button names it. */
  static async carCategory(row: Locator): Promise<string> {
    const label = (await row.getByRole('button', { name: /^Hold car / }).getAttribute('aria-label')) ?? '';
    return /^Hold car (\S+),/.exec(label)?.[1] ?? '';
  }
}

/** A dialog that holds what was found: a room, a seat, a car; on a new trip, for a new customer. */
export class HoldDialog {
  readonly page: Page;
  readonly root: Locator;
  readonly customerName: Locator;
  readonly customerEmail: Locator;

  constructor(page: Page, name: string | RegExp) {
    this.page = page;
    this.root = page.getByRole('dialog', { name });
    this.customerName = this.root.getByLabel('Customer name');
    this.customerEmail = this.root.getByLabel('Customer email');
  }

  field(label: string): Locator {
    return this.root.getByLabel(label);
  }

  /** The offer's cancellation terms in words, shown before the hold is placed. */
  async terms(): Promise<string> {
    return ((await this.root.locator('.hold-terms').textContent()) ?? '').trim();
  }

  /** Presses the dialog's hold button and waits for the dialog to close. */
  async confirm(button: string): Promise<void> {
    await this.root.getByRole('button', { name: button }).click();
    await this.root.waitFor({ state: 'detached' });
  }
}
