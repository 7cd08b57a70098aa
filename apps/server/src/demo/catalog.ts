import { addDays, isCalendarDate, type Money } from '@tripdesk/shared';
import { ID_RANDOM_BYTES, idFromBytes } from '../stores/ids.ts';
import { SeededRandom } from './random.ts';

/**
 * The demo catalog: hotels with room types and rooms, two months to a year of flights with fare classes
 * and seat maps, and an airport car desk per airport with its fleet. Pure and deterministic: the same
 * seed, scale and start date give byte-identical output (ids included), so demos, screenshots and bug
 * reports can be reproduced.
 *
 * How `scale` (a whole number, 1 to MAX_DEMO_SCALE) sizes it, exactly:
 * - hotels: 40 × scale (scale 25 → 1,000), spread over the 12 cities, about 4 room types and 60 rooms each;
 * - flights: every departure of the route network on 61 × scale days from `startDate`, at most 365
 *   (scale 1 → 61 days, two months; scale 6 and up → 365 days, a year);
 * - car desks and fleets: one desk per airport (20), 10-40 cars each, whatever the scale.
 * Growing the scale only appends: the first hotels and days of flights are the same at every scale.
 */

/**
 * Everything in the demo is priced in US dollars. Real hotels charge in their own currency and the
 * product carries a currency on every amount, but a demo trip mixes a Paris hotel, a JFK-CDG flight and a
 * car in Rome, and its total must be a single sum.
 */
export const DEMO_CURRENCY = 'USD';
export const DEFAULT_DEMO_SEED = 1;
export const MAX_DEMO_SCALE = 100;

export interface DemoRoom {
  readonly id: string;
  readonly number: string;
}

export interface DemoRoomType {
  readonly id: string;
  readonly name: string;
  readonly maxOccupancy: number;
  readonly nightlyRate: Money;
  readonly amenities: readonly string[];
  readonly rooms: readonly DemoRoom[];
}

export interface DemoHotel {
  readonly id: string;
  readonly name: string;
  readonly city: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly address: string;
  /** IANA time zone: the hotel's nights are its local calendar dates. */
  readonly timezone: string;
  readonly stars: number;
  readonly amenities: readonly string[];
  readonly roomTypes: readonly DemoRoomType[];
}

export type FareClassCode = 'J' | 'W' | 'Y';

export interface DemoFareClass {
  readonly code: FareClassCode;
  readonly name: string;
  readonly price: Money;
  /** Seat labels such as '12C'; every seat of the flight is in exactly one fare class. */
  readonly seats: readonly string[];
}

export interface DemoFlight {
  readonly id: string;
  readonly flightNumber: string;
  /** IATA airport codes. */
  readonly from: string;
  readonly to: string;
  /** UTC instants, `Date#toISOString` form. */
  readonly departureAt: string;
  readonly arrivalAt: string;
  readonly fareClasses: readonly DemoFareClass[];
}

/** The ACRISS car categories of the demo fleets. */
export const ACRISS_CATEGORIES = {
  ECMR: 'Economy, 2/4 door, manual, air conditioning',
  CDMR: 'Compact, 4/5 door, manual, air conditioning',
  IDAR: 'Intermediate, 4/5 door, automatic, air conditioning',
  SFAR: 'Standard SUV, automatic, air conditioning',
  PVMR: 'Passenger van, manual, air conditioning',
  LDAR: 'Luxury, 4/5 door, automatic, air conditioning',
} as const;
export type AcrissCategory = keyof typeof ACRISS_CATEGORIES;

export interface DemoCar {
  readonly id: string;
  readonly plate: string;
  readonly category: AcrissCategory;
  readonly model: string;
  /** The same for every car of one category at one desk: availability quotes one rate per category. */
  readonly dailyRate: Money;
}

export interface DemoCarLocation {
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly cars: readonly DemoCar[];
}

export interface DemoCatalog {
  readonly seed: number;
  readonly scale: number;
  readonly startDate: string;
  /** Days of flights from `startDate`. */
  readonly flightDays: number;
  readonly hotels: readonly DemoHotel[];
  readonly flights: readonly DemoFlight[];
  readonly carLocations: readonly DemoCarLocation[];
}

export interface DemoCatalogOptions {
  readonly seed?: number;
  readonly scale?: number;
  /** `YYYY-MM-DD`, the first day of flights. */
  readonly startDate: string;
}

/** The documented size rule for `scale` (see the top of this file). */
export function demoCatalogSize(scale: number): { hotels: number; flightDays: number } {
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_DEMO_SCALE) {
    throw new RangeError(`scale must be a whole number from 1 to ${MAX_DEMO_SCALE}: ${scale}`);
  }
  return { hotels: 40 * scale, flightDays: Math.min(365, 61 * scale) };
}

export function generateCatalog(options: DemoCatalogOptions): DemoCatalog {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be a whole number from 0 to 4294967295: ${seed}`);
  }
  const size = demoCatalogSize(scale);
  if (!isCalendarDate(options.startDate)) {
    throw new RangeError(`startDate must be a calendar date YYYY-MM-DD: ${options.startDate}`);
  }
  const root = new SeededRandom(seed);
  return {
    seed,
    scale,
    startDate: options.startDate,
    flightDays: size.flightDays,
    hotels: generateHotels(root.fork('hotels'), idSource(root.fork('hotel-ids')), size.hotels),
    flights: generateFlights(
      root.fork('routes'),
      root.fork('fares'),
      idSource(root.fork('flight-ids')),
      options.startDate,
      size.flightDays,
    ),
    carLocations: generateCarLocations(root.fork('cars'), idSource(root.fork('car-ids'))),
  };
}

/** Rows per table the catalog fills, as `countCatalog()` of the stores reports them. */
export function countDemoCatalog(catalog: DemoCatalog): {
  hotels: number;
  roomTypes: number;
  rooms: number;
  flights: number;
  fareClasses: number;
  seats: number;
  carLocations: number;
  cars: number;
} {
  const roomTypes = catalog.hotels.flatMap((h) => h.roomTypes);
  const fareClasses = catalog.flights.flatMap((f) => f.fareClasses);
  return {
    hotels: catalog.hotels.length,
    roomTypes: roomTypes.length,
    rooms: roomTypes.reduce((n, t) => n + t.rooms.length, 0),
    flights: catalog.flights.length,
    fareClasses: fareClasses.length,
    seats: fareClasses.reduce((n, c) => n + c.seats.length, 0),
    carLocations: catalog.carLocations.length,
    cars: catalog.carLocations.reduce((n, l) => n + l.cars.length, 0),
  };
}

type IdSource = (prefix: string) => string;

function idSource(random: SeededRandom): IdSource {
  return (prefix) => idFromBytes(prefix, random.bytes(ID_RANDOM_BYTES));
}

function usd(wholeDollars: number): Money {
  return { amount: Math.round(wholeDollars) * 100, currency: DEMO_CURRENCY };
}

// ---------------------------------------------------------------------------------------------------
// Hotels

interface City {
  readonly name: string;
  readonly country: string;
  readonly timezone: string;
  /** Relative share of the hotels beyond the first one per city. */
  readonly weight: number;
  /** How expensive a night is here, 1 = average. */
  readonly priceFactor: number;
  readonly hotelWord: string;
  readonly districts: readonly string[];
  /** `{n}` is the street number. */
  readonly streets: readonly string[];
  readonly maxStreetNumber: number;
}

const CITIES: readonly City[] = [
  {
    name: 'New York',
    country: 'US',
    timezone: 'America/New_York',
    weight: 10,
    priceFactor: 1.45,
    hotelWord: 'Hotel',
    districts: [
      'Midtown',
      'SoHo',
      'Chelsea',
      'Tribeca',
      'Times Square',
      'Central Park South',
      'Upper West Side',
      'Flatiron',
      'Williamsburg',
      'Battery Park',
    ],
    streets: [
      '{n} W 44th St',
      '{n} Broadway',
      '{n} Lexington Ave',
      '{n} Park Ave S',
      '{n} Hudson St',
      '{n} W 57th St',
      '{n} Bowery',
      '{n} Madison Ave',
    ],
    maxStreetNumber: 900,
  },
  {
    name: 'London',
    country: 'GB',
    timezone: 'Europe/London',
    weight: 10,
    priceFactor: 1.4,
    hotelWord: 'Hotel',
    districts: [
      'Covent Garden',
      'Kensington',
      'Mayfair',
      'Soho',
      'Shoreditch',
      'Paddington',
      'Bloomsbury',
      'South Bank',
      'Westminster',
      'Marylebone',
    ],
    streets: [
      '{n} Strand',
      '{n} Kensington High Street',
      '{n} Park Lane',
      '{n} Great Eastern Street',
      '{n} Southampton Row',
      '{n} Baker Street',
      '{n} Praed Street',
      '{n} Old Brompton Road',
    ],
    maxStreetNumber: 240,
  },
  {
    name: 'Paris',
    country: 'FR',
    timezone: 'Europe/Paris',
    weight: 9,
    priceFactor: 1.35,
    hotelWord: 'Hôtel',
    districts: [
      'Le Marais',
      'Saint-Germain',
      'Montmartre',
      'Opéra',
      'Champs-Élysées',
      'Bastille',
      'Quartier Latin',
      'Louvre',
      'Trocadéro',
      'Canal Saint-Martin',
    ],
    streets: [
      '{n} Rue de Rivoli',
      '{n} Boulevard Saint-Germain',
      '{n} Rue du Faubourg Saint-Honoré',
      "{n} Avenue de l'Opéra",
      '{n} Rue des Archives',
      '{n} Rue Lepic',
      '{n} Quai de Valmy',
      '{n} Avenue Kléber',
    ],
    maxStreetNumber: 180,
  },
  {
    name: 'Rome',
    country: 'IT',
    timezone: 'Europe/Rome',
    weight: 7,
    priceFactor: 1.1,
    hotelWord: 'Hotel',
    districts: [
      'Trastevere',
      'Monti',
      'Spanish Steps',
      'Pantheon',
      'Termini',
      'Navona',
      'Colosseo',
      'Prati',
      'Aventino',
      'Testaccio',
    ],
    streets: [
      'Via del Corso {n}',
      'Via Nazionale {n}',
      'Via Cavour {n}',
      'Via della Lungaretta {n}',
      'Via Vittorio Veneto {n}',
      'Via Marmorata {n}',
      'Via Cola di Rienzo {n}',
      'Via Condotti {n}',
    ],
    maxStreetNumber: 200,
  },
  {
    name: 'Barcelona',
    country: 'ES',
    timezone: 'Europe/Madrid',
    weight: 7,
    priceFactor: 1.05,
    hotelWord: 'Hotel',
    districts: [
      'Gothic Quarter',
      'El Born',
      'Eixample',
      'Gràcia',
      'Barceloneta',
      'Raval',
      'Sagrada Família',
      'Poblenou',
      'Passeig de Gràcia',
      'Montjuïc',
    ],
    streets: [
      'Carrer de Balmes {n}',
      'Passeig de Gràcia {n}',
      'Carrer de Ferran {n}',
      'Rambla de Catalunya {n}',
      'Carrer de la Princesa {n}',
      'Carrer de Mallorca {n}',
      'Passeig de Joan de Borbó {n}',
      'Carrer de Pujades {n}',
    ],
    maxStreetNumber: 300,
  },
  {
    name: 'Lisbon',
    country: 'PT',
    timezone: 'Europe/Lisbon',
    weight: 5,
    priceFactor: 0.85,
    hotelWord: 'Hotel',
    districts: [
      'Alfama',
      'Chiado',
      'Baixa',
      'Bairro Alto',
      'Príncipe Real',
      'Belém',
      'Avenida',
      'Cais do Sodré',
      'Graça',
      'Parque das Nações',
    ],
    streets: [
      'Rua Augusta {n}',
      'Rua Garrett {n}',
      'Avenida da Liberdade {n}',
      'Rua da Misericórdia {n}',
      'Rua de São Bento {n}',
      'Rua do Alecrim {n}',
      'Calçada do Combro {n}',
      'Rua de Belém {n}',
    ],
    maxStreetNumber: 250,
  },
  {
    name: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    weight: 6,
    priceFactor: 0.9,
    hotelWord: 'Hotel',
    districts: [
      'Mitte',
      'Kreuzberg',
      'Prenzlauer Berg',
      'Charlottenburg',
      'Friedrichshain',
      'Potsdamer Platz',
      'Alexanderplatz',
      'Tiergarten',
      'Schöneberg',
      'Museumsinsel',
    ],
    streets: [
      'Friedrichstraße {n}',
      'Unter den Linden {n}',
      'Kurfürstendamm {n}',
      'Oranienstraße {n}',
      'Kastanienallee {n}',
      'Torstraße {n}',
      'Potsdamer Straße {n}',
      'Karl-Marx-Allee {n}',
    ],
    maxStreetNumber: 220,
  },
  {
    name: 'Amsterdam',
    country: 'NL',
    timezone: 'Europe/Amsterdam',
    weight: 6,
    priceFactor: 1.25,
    hotelWord: 'Hotel',
    districts: [
      'Jordaan',
      'De Pijp',
      'Canal Ring',
      'Museum Quarter',
      'Dam Square',
      'Oud-West',
      'Plantage',
      'Westerpark',
      'Leidseplein',
      'Eastern Docklands',
    ],
    streets: [
      'Prinsengracht {n}',
      'Herengracht {n}',
      'Keizersgracht {n}',
      'Damrak {n}',
      'Ferdinand Bolstraat {n}',
      'Van Baerlestraat {n}',
      'Leidsestraat {n}',
      'Oostelijke Handelskade {n}',
    ],
    maxStreetNumber: 600,
  },
  {
    name: 'Tokyo',
    country: 'JP',
    timezone: 'Asia/Tokyo',
    weight: 9,
    priceFactor: 1.15,
    hotelWord: 'Hotel',
    districts: [
      'Shinjuku',
      'Shibuya',
      'Ginza',
      'Asakusa',
      'Roppongi',
      'Ueno',
      'Marunouchi',
      'Akasaka',
      'Ikebukuro',
      'Odaiba',
    ],
    streets: [
      '2-{n} Nishi-Shinjuku, Shinjuku-ku',
      '4-{n} Ginza, Chuo-ku',
      '1-{n} Jingumae, Shibuya-ku',
      '6-{n} Roppongi, Minato-ku',
      '2-{n} Asakusa, Taito-ku',
      '1-{n} Marunouchi, Chiyoda-ku',
      '3-{n} Akasaka, Minato-ku',
      '1-{n} Higashi-Ikebukuro, Toshima-ku',
    ],
    maxStreetNumber: 30,
  },
  {
    name: 'Singapore',
    country: 'SG',
    timezone: 'Asia/Singapore',
    weight: 6,
    priceFactor: 1.3,
    hotelWord: 'Hotel',
    districts: [
      'Marina Bay',
      'Orchard',
      'Clarke Quay',
      'Chinatown',
      'Bugis',
      'Sentosa',
      'Little India',
      'Tanjong Pagar',
      'Raffles Place',
      'Kampong Glam',
    ],
    streets: [
      '{n} Orchard Road',
      '{n} Marina Boulevard',
      '{n} Beach Road',
      '{n} River Valley Road',
      '{n} Bencoolen Street',
      '{n} South Bridge Road',
      '{n} Tanjong Pagar Road',
      '{n} Victoria Street',
    ],
    maxStreetNumber: 400,
  },
  {
    name: 'Dubai',
    country: 'AE',
    timezone: 'Asia/Dubai',
    weight: 7,
    priceFactor: 1.1,
    hotelWord: 'Hotel',
    districts: [
      'Downtown',
      'Dubai Marina',
      'Jumeirah',
      'Deira',
      'Business Bay',
      'Palm Jumeirah',
      'Al Barsha',
      'Dubai Creek',
      'JBR',
      'DIFC',
    ],
    streets: [
      '{n} Sheikh Zayed Road',
      '{n} Al Mustaqbal Street',
      '{n} Jumeirah Beach Road',
      '{n} Al Khaleej Road',
      '{n} Al Marsa Street',
      '{n} Financial Centre Road',
      '{n} Baniyas Road',
      '{n} Al Sufouh Road',
    ],
    maxStreetNumber: 120,
  },
  {
    name: 'Sydney',
    country: 'AU',
    timezone: 'Australia/Sydney',
    weight: 6,
    priceFactor: 1.2,
    hotelWord: 'Hotel',
    districts: [
      'Circular Quay',
      'The Rocks',
      'Darling Harbour',
      'Bondi',
      'Surry Hills',
      'Barangaroo',
      'Manly',
      'Potts Point',
      'Haymarket',
      'Pyrmont',
    ],
    streets: [
      '{n} George Street',
      '{n} Macquarie Street',
      '{n} Pitt Street',
      '{n} Campbell Parade',
      '{n} Crown Street',
      '{n} Sussex Street',
      '{n} Harris Street',
      '{n} The Corso',
    ],
    maxStreetNumber: 500,
  },
];

const BRANDS = [
  'Arden',
  'Atrium',
  'Belvedere',
  'Citadine',
  'Continental',
  'Grand',
  'Harbour',
  'Ivy',
  'Lumen',
  'Meridian',
  'Metropole',
  'Novella',
  'Park',
  'Regent',
  'Royal',
  'Skyline',
  'Wren',
  'Mercer',
];

const NAME_SUFFIXES: Readonly<Record<number, readonly string[]>> = {
  2: ['Inn', 'Lodge', 'Rooms', 'Budget Hotel'],
  3: ['Hotel', 'Inn', 'Suites'],
  4: ['Hotel', 'Suites', 'Residences', 'House'],
  5: ['Palace', 'Grand Hotel', 'Residences', 'House'],
};

const STARS_WEIGHTS: readonly (readonly [number, number])[] = [
  [2, 15],
  [3, 35],
  [4, 35],
  [5, 15],
];

/** A night in an average city's standard room, in dollars, by stars. */
const STAR_BASE_RATE: Readonly<Record<number, number>> = { 2: 85, 3: 140, 4: 220, 5: 420 };

/** Hotel amenities in the order they are listed. */
const HOTEL_AMENITIES = [
  'wifi',
  '24h-front-desk',
  'breakfast',
  'restaurant',
  'bar',
  'room-service',
  'gym',
  'pool',
  'spa',
  'concierge',
  'laundry',
  'parking',
  'ev-charging',
  'airport-shuttle',
  'business-center',
  'pet-friendly',
] as const;
type HotelAmenity = (typeof HOTEL_AMENITIES)[number];

/** What every hotel of these stars has, and what some have (with that probability). */
const HOTEL_AMENITIES_BY_STARS: Readonly<
  Record<number, { always: readonly HotelAmenity[]; often: readonly (readonly [HotelAmenity, number])[] }>
> = {
  2: {
    always: ['wifi', '24h-front-desk'],
    often: [
      ['breakfast', 0.5],
      ['laundry', 0.3],
      ['parking', 0.3],
      ['pet-friendly', 0.2],
    ],
  },
  3: {
    always: ['wifi', '24h-front-desk', 'breakfast'],
    often: [
      ['bar', 0.6],
      ['restaurant', 0.4],
      ['gym', 0.5],
      ['laundry', 0.5],
      ['parking', 0.4],
      ['business-center', 0.2],
      ['pet-friendly', 0.3],
    ],
  },
  4: {
    always: ['wifi', '24h-front-desk', 'breakfast', 'restaurant', 'bar', 'room-service', 'gym'],
    often: [
      ['pool', 0.4],
      ['spa', 0.3],
      ['concierge', 0.6],
      ['laundry', 0.7],
      ['parking', 0.5],
      ['ev-charging', 0.3],
      ['airport-shuttle', 0.2],
      ['business-center', 0.5],
      ['pet-friendly', 0.3],
    ],
  },
  5: {
    always: [
      'wifi',
      '24h-front-desk',
      'breakfast',
      'restaurant',
      'bar',
      'room-service',
      'gym',
      'spa',
      'concierge',
      'laundry',
    ],
    often: [
      ['pool', 0.7],
      ['parking', 0.8],
      ['ev-charging', 0.5],
      ['airport-shuttle', 0.5],
      ['business-center', 0.6],
      ['pet-friendly', 0.4],
    ],
  },
};

const ROOM_AMENITIES = [
  'wifi',
  'air-conditioning',
  'tv',
  'safe',
  'desk',
  'minibar',
  'coffee-machine',
  'bathrobes',
  'bathtub',
  'sofa-bed',
  'kitchenette',
  'city-view',
  'balcony',
] as const;
type RoomAmenity = (typeof ROOM_AMENITIES)[number];

interface RoomTypeTemplate {
  readonly name: string;
  readonly maxOccupancy: number;
  /** Price relative to the hotel's standard room. */
  readonly rateFactor: number;
  readonly minStars: number;
  readonly maxStars: number;
}

const ROOM_TYPE_TEMPLATES: readonly RoomTypeTemplate[] = [
  { name: 'Single Room', maxOccupancy: 1, rateFactor: 0.75, minStars: 2, maxStars: 3 },
  { name: 'Standard Queen', maxOccupancy: 2, rateFactor: 1, minStars: 2, maxStars: 4 },
  { name: 'Standard Twin', maxOccupancy: 2, rateFactor: 1, minStars: 2, maxStars: 4 },
  { name: 'Superior Double', maxOccupancy: 2, rateFactor: 1.15, minStars: 3, maxStars: 5 },
  { name: 'Triple Room', maxOccupancy: 3, rateFactor: 1.3, minStars: 2, maxStars: 3 },
  { name: 'Deluxe Twin', maxOccupancy: 2, rateFactor: 1.3, minStars: 4, maxStars: 5 },
  { name: 'Deluxe King', maxOccupancy: 2, rateFactor: 1.35, minStars: 3, maxStars: 5 },
  { name: 'Family Room', maxOccupancy: 4, rateFactor: 1.6, minStars: 2, maxStars: 4 },
  { name: 'Premier King', maxOccupancy: 2, rateFactor: 1.6, minStars: 5, maxStars: 5 },
  { name: 'Junior Suite', maxOccupancy: 3, rateFactor: 1.9, minStars: 4, maxStars: 5 },
  { name: 'Family Suite', maxOccupancy: 5, rateFactor: 2.3, minStars: 4, maxStars: 5 },
  { name: 'Executive Suite', maxOccupancy: 3, rateFactor: 2.6, minStars: 5, maxStars: 5 },
];

/** The room type every hotel of these stars sells most of. */
const ANCHOR_ROOM_TYPE: Readonly<Record<number, string>> = {
  2: 'Standard Queen',
  3: 'Standard Queen',
  4: 'Superior Double',
  5: 'Deluxe King',
};

/** Share of the rooms by room type, cheapest first. */
const ROOM_SHARES = [40, 25, 15, 12, 8];

function generateHotels(random: SeededRandom, newId: IdSource, count: number): DemoHotel[] {
  const cityWeights = CITIES.map((c) => [c, c.weight] as const);
  const takenNames = new Set<string>();
  const hotels: DemoHotel[] = [];
  for (let i = 0; i < count; i++) {
    // The first hotels visit every city once, so even scale 1 has hotels in all of them.
    const city = CITIES[i] ?? random.weighted(cityWeights);
    const stars = random.weighted(STARS_WEIGHTS);
    const hotelId = newId('htl');
    hotels.push({
      id: hotelId,
      name: hotelName(random, city, stars, takenNames),
      city: city.name,
      country: city.country,
      address: random.pick(city.streets).replace('{n}', String(random.int(1, city.maxStreetNumber))),
      timezone: city.timezone,
      stars,
      amenities: hotelAmenities(random, stars),
      roomTypes: roomTypes(random, newId, city, stars),
    });
  }
  return hotels;
}

function hotelName(random: SeededRandom, city: City, stars: number, taken: Set<string>): string {
  let name = '';
  for (let attempt = 0; attempt < 40; attempt++) {
    name = composeHotelName(random, city, stars);
    if (!taken.has(`${city.name}|${name}`)) break;
  }
  // A city with many hotels may run out of fresh combinations: number the namesakes like chains do.
  let unique = name;
  for (let n = 2; taken.has(`${city.name}|${unique}`); n++) unique = `${name} ${n}`;
  taken.add(`${city.name}|${unique}`);
  return unique;
}

function composeHotelName(random: SeededRandom, city: City, stars: number): string {
  const brand = random.pick(BRANDS);
  const district = random.pick(city.districts);
  const suffix = random.pick(NAME_SUFFIXES[stars] ?? ['Hotel']);
  const hasArticle = /^(The|Le|La|El|De) /.test(district);
  switch (random.int(0, 3)) {
    case 0:
      return `${brand} ${district}`;
    case 1:
      return `${city.hotelWord} ${brand} ${district}`;
    case 2:
      return hasArticle ? `${brand} ${district} ${suffix}` : `The ${district} ${suffix}`;
    default:
      return `${brand} ${district} ${suffix}`;
  }
}

function hotelAmenities(random: SeededRandom, stars: number): string[] {
  const rule = HOTEL_AMENITIES_BY_STARS[stars];
  if (!rule) throw new RangeError(`no amenities for ${stars} stars`);
  const chosen = new Set<HotelAmenity>(rule.always);
  for (const [amenity, p] of rule.often) if (random.chance(p)) chosen.add(amenity);
  return HOTEL_AMENITIES.filter((a) => chosen.has(a));
}

function roomTypes(random: SeededRandom, newId: IdSource, city: City, stars: number): DemoRoomType[] {
  const eligible = ROOM_TYPE_TEMPLATES.filter((t) => stars >= t.minStars && stars <= t.maxStars);
  const anchor = eligible.find((t) => t.name === ANCHOR_ROOM_TYPE[stars]);
  if (!anchor) throw new RangeError(`no anchor room type for ${stars} stars`);
  const others = random
    .sample(
      eligible.filter((t) => t !== anchor),
      random.int(2, 4),
    )
    .sort((a, b) => a.rateFactor - b.rateFactor || compare(a.name, b.name));
  const templates = [anchor, ...others].sort(
    (a, b) => a.rateFactor - b.rateFactor || compare(a.name, b.name),
  );

  // Floors of up to 24 rooms numbered 101, 102, ... 201, ...; the cheaper types take the lower floors.
  const roomCount = random.int(30, 90);
  const perFloor = random.int(10, 24);
  const numbers = Array.from(
    { length: roomCount },
    (_, k) => `${1 + Math.floor(k / perFloor)}${String((k % perFloor) + 1).padStart(2, '0')}`,
  );
  // The anchor type gets the largest share whatever its price, the others less the dearer they are.
  const shares = templates.map(
    (t) => (t === anchor ? ROOM_SHARES[0] : ROOM_SHARES[1 + others.indexOf(t)]) ?? 5,
  );
  const shareTotal = shares.reduce((a, b) => a + b, 0);
  const counts = shares.map((s) => Math.max(2, Math.floor((roomCount * s) / shareTotal)));
  const anchorAt = templates.indexOf(anchor);
  counts[anchorAt] = (counts[anchorAt] ?? 0) + roomCount - counts.reduce((a, b) => a + b, 0);

  const standardRate = (STAR_BASE_RATE[stars] ?? 150) * city.priceFactor * random.between(0.85, 1.2);
  let next = 0;
  return templates.map((template, i) => {
    const rooms = numbers
      .slice(next, next + (counts[i] ?? 0))
      .map((number) => ({ id: newId('rom'), number }));
    next += rooms.length;
    return {
      id: newId('rmt'),
      name: template.name,
      maxOccupancy: template.maxOccupancy,
      // Whole dollars ending in 9, the way rates are shown: 149.00, 219.00.
      nightlyRate: usd(Math.max(4, Math.round((standardRate * template.rateFactor) / 5) * 5) - 1),
      amenities: roomAmenities(random, template, stars),
      rooms,
    };
  });
}

function roomAmenities(random: SeededRandom, template: RoomTypeTemplate, stars: number): string[] {
  const chosen = new Set<RoomAmenity>(['wifi', 'air-conditioning', 'tv', 'safe']);
  if (stars >= 3 || random.chance(0.5)) chosen.add('desk');
  if (stars >= 4 || template.rateFactor >= 1.15) chosen.add('minibar');
  if (stars >= 4) chosen.add('coffee-machine');
  if (stars >= 5 || template.name.includes('Suite')) chosen.add('bathrobes');
  if (template.name.includes('Suite') || (stars >= 4 && random.chance(0.4))) chosen.add('bathtub');
  if (template.maxOccupancy >= 4) chosen.add('sofa-bed');
  if (template.name.startsWith('Family') && random.chance(0.5)) chosen.add('kitchenette');
  if (random.chance(template.rateFactor >= 1.3 ? 0.6 : 0.2)) chosen.add('city-view');
  if (random.chance(0.15)) chosen.add('balcony');
  return ROOM_AMENITIES.filter((a) => chosen.has(a));
}

// ---------------------------------------------------------------------------------------------------
// Flights

interface Airport {
  readonly code: string;
  readonly name: string;
  readonly city: string;
  readonly timezone: string;
  readonly lat: number;
  readonly lon: number;
  /** How expensive renting a car is here, 1 = average. */
  readonly priceFactor: number;
  /** Local number plate pattern: `@` a letter, `#` a digit, `~` a kana, anything else as is. */
  readonly plate: string;
}

/** The airports of the demo: the 12 hotel cities and 8 more hubs. */
export const DEMO_AIRPORTS: readonly Airport[] = [
  {
    code: 'JFK',
    name: 'John F. Kennedy International',
    city: 'New York',
    timezone: 'America/New_York',
    lat: 40.6413,
    lon: -73.7781,
    priceFactor: 1.3,
    plate: '@@@-####',
  },
  {
    code: 'LHR',
    name: 'London Heathrow',
    city: 'London',
    timezone: 'Europe/London',
    lat: 51.47,
    lon: -0.4543,
    priceFactor: 1.2,
    plate: '@@## @@@',
  },
  {
    code: 'CDG',
    name: 'Paris Charles de Gaulle',
    city: 'Paris',
    timezone: 'Europe/Paris',
    lat: 49.0097,
    lon: 2.5479,
    priceFactor: 1.1,
    plate: '@@-###-@@',
  },
  {
    code: 'FCO',
    name: 'Rome Fiumicino',
    city: 'Rome',
    timezone: 'Europe/Rome',
    lat: 41.8003,
    lon: 12.2389,
    priceFactor: 0.95,
    plate: '@@ ###@@',
  },
  {
    code: 'BCN',
    name: 'Barcelona El Prat',
    city: 'Barcelona',
    timezone: 'Europe/Madrid',
    lat: 41.2974,
    lon: 2.0833,
    priceFactor: 0.9,
    plate: '#### @@@',
  },
  {
    code: 'LIS',
    name: 'Lisbon Humberto Delgado',
    city: 'Lisbon',
    timezone: 'Europe/Lisbon',
    lat: 38.7756,
    lon: -9.1354,
    priceFactor: 0.8,
    plate: '@@-##-@@',
  },
  {
    code: 'BER',
    name: 'Berlin Brandenburg',
    city: 'Berlin',
    timezone: 'Europe/Berlin',
    lat: 52.3667,
    lon: 13.5033,
    priceFactor: 0.95,
    plate: 'B-@@ ####',
  },
  {
    code: 'AMS',
    name: 'Amsterdam Schiphol',
    city: 'Amsterdam',
    timezone: 'Europe/Amsterdam',
    lat: 52.3105,
    lon: 4.7683,
    priceFactor: 1.05,
    plate: '@@-###-@',
  },
  {
    code: 'HND',
    name: 'Tokyo Haneda',
    city: 'Tokyo',
    timezone: 'Asia/Tokyo',
    lat: 35.5494,
    lon: 139.7798,
    priceFactor: 1.0,
    plate: '品川 3## ~ ##-##',
  },
  {
    code: 'SIN',
    name: 'Singapore Changi',
    city: 'Singapore',
    timezone: 'Asia/Singapore',
    lat: 1.3644,
    lon: 103.9915,
    priceFactor: 1.25,
    plate: 'S@@ #### @',
  },
  {
    code: 'DXB',
    name: 'Dubai International',
    city: 'Dubai',
    timezone: 'Asia/Dubai',
    lat: 25.2532,
    lon: 55.3657,
    priceFactor: 0.85,
    plate: 'Dubai @ #####',
  },
  {
    code: 'SYD',
    name: 'Sydney Kingsford Smith',
    city: 'Sydney',
    timezone: 'Australia/Sydney',
    lat: -33.9399,
    lon: 151.1753,
    priceFactor: 1.1,
    plate: '@@@##@',
  },
  {
    code: 'LAX',
    name: 'Los Angeles International',
    city: 'Los Angeles',
    timezone: 'America/Los_Angeles',
    lat: 33.9416,
    lon: -118.4085,
    priceFactor: 1.15,
    plate: '#@@@###',
  },
  {
    code: 'SFO',
    name: 'San Francisco International',
    city: 'San Francisco',
    timezone: 'America/Los_Angeles',
    lat: 37.6213,
    lon: -122.379,
    priceFactor: 1.25,
    plate: '#@@@###',
  },
  {
    code: 'ORD',
    name: "Chicago O'Hare International",
    city: 'Chicago',
    timezone: 'America/Chicago',
    lat: 41.9742,
    lon: -87.9073,
    priceFactor: 1.05,
    plate: '@@ #####',
  },
  {
    code: 'MIA',
    name: 'Miami International',
    city: 'Miami',
    timezone: 'America/New_York',
    lat: 25.7959,
    lon: -80.287,
    priceFactor: 1.0,
    plate: '@@@ @##',
  },
  {
    code: 'FRA',
    name: 'Frankfurt',
    city: 'Frankfurt',
    timezone: 'Europe/Berlin',
    lat: 50.0379,
    lon: 8.5622,
    priceFactor: 0.95,
    plate: 'F-@@ ####',
  },
  {
    code: 'MAD',
    name: 'Madrid Barajas',
    city: 'Madrid',
    timezone: 'Europe/Madrid',
    lat: 40.4983,
    lon: -3.5676,
    priceFactor: 0.85,
    plate: '#### @@@',
  },
  {
    code: 'HKG',
    name: 'Hong Kong International',
    city: 'Hong Kong',
    timezone: 'Asia/Hong_Kong',
    lat: 22.308,
    lon: 113.9185,
    priceFactor: 1.1,
    plate: '@@ ####',
  },
  {
    code: 'YYZ',
    name: 'Toronto Pearson',
    city: 'Toronto',
    timezone: 'America/Toronto',
    lat: 43.6777,
    lon: -79.6248,
    priceFactor: 1.0,
    plate: '@@@@ ###',
  },
];

/** Airport pairs flown both ways, by the airline that flies them, and departures a week each way. */
const ROUTES: readonly (readonly [string, string, string, number])[] = [
  ['JFK', 'LHR', 'BA', 14],
  ['JFK', 'CDG', 'AF', 7],
  ['JFK', 'FCO', 'AZ', 7],
  ['JFK', 'BCN', 'DL', 5],
  ['JFK', 'LIS', 'TP', 7],
  ['JFK', 'AMS', 'KL', 7],
  ['JFK', 'FRA', 'LH', 7],
  ['JFK', 'MAD', 'IB', 7],
  ['JFK', 'DXB', 'EK', 7],
  ['JFK', 'HND', 'NH', 7],
  ['JFK', 'LAX', 'AA', 14],
  ['JFK', 'SFO', 'UA', 7],
  ['JFK', 'ORD', 'AA', 14],
  ['JFK', 'MIA', 'AA', 14],
  ['JFK', 'YYZ', 'AC', 7],
  ['LAX', 'SFO', 'UA', 14],
  ['LAX', 'SYD', 'QF', 7],
  ['LAX', 'HND', 'NH', 4],
  ['SFO', 'HKG', 'CX', 4],
  ['ORD', 'LHR', 'UA', 7],
  ['MIA', 'MAD', 'IB', 5],
  ['YYZ', 'LHR', 'AC', 7],
  ['LHR', 'CDG', 'BA', 14],
  ['LHR', 'AMS', 'KL', 14],
  ['LHR', 'FRA', 'LH', 7],
  ['LHR', 'MAD', 'IB', 7],
  ['LHR', 'BCN', 'BA', 7],
  ['LHR', 'FCO', 'BA', 7],
  ['LHR', 'LIS', 'TP', 7],
  ['LHR', 'BER', 'BA', 5],
  ['LHR', 'DXB', 'EK', 14],
  ['LHR', 'SIN', 'SQ', 7],
  ['LHR', 'HKG', 'CX', 7],
  ['CDG', 'FCO', 'AF', 7],
  ['CDG', 'BCN', 'VY', 7],
  ['CDG', 'AMS', 'KL', 7],
  ['CDG', 'BER', 'AF', 5],
  ['CDG', 'HND', 'AF', 4],
  ['AMS', 'BER', 'KL', 7],
  ['FRA', 'BER', 'LH', 14],
  ['FRA', 'SIN', 'SQ', 4],
  ['MAD', 'BCN', 'IB', 21],
  ['MAD', 'LIS', 'TP', 7],
  ['BCN', 'FCO', 'VY', 5],
  ['DXB', 'SIN', 'EK', 7],
  ['DXB', 'SYD', 'EK', 7],
  ['SIN', 'SYD', 'SQ', 7],
  ['SIN', 'HND', 'SQ', 7],
  ['SIN', 'HKG', 'CX', 7],
  ['HKG', 'HND', 'CX', 7],
];

interface CabinPlan {
  readonly code: FareClassCode;
  readonly name: string;
  readonly seats: readonly string[];
  /** Dollars before the day's and the flight's variation. */
  readonly basePrice: number;
}

interface RoutePlan {
  readonly from: Airport;
  readonly to: Airport;
  readonly flightNumbers: readonly string[];
  /** Local departure time of each daily rotation, minutes after midnight at `from`. */
  readonly departures: readonly number[];
  /** Days of the week it flies, 0 = Sunday. */
  readonly weekdays: ReadonlySet<number>;
  readonly durationMinutes: number;
  readonly cabins: readonly CabinPlan[];
}

const CABIN_NAMES: Readonly<Record<FareClassCode, string>> = {
  J: 'Business',
  W: 'Premium Economy',
  Y: 'Economy',
};

/** Demand by day of the week (0 = Sunday): fuller flights on Fridays and Sundays cost more. */
const WEEKDAY_PRICE_FACTOR = [1.15, 1.05, 0.9, 0.9, 1.0, 1.15, 0.95];

function seatMap(firstRow: number, lastRow: number, letters: readonly string[]): string[] {
  const seats: string[] = [];
  for (let row = firstRow; row <= lastRow; row++) for (const letter of letters) seats.push(`${row}${letter}`);
  return seats;
}

// One seat map per cabin layout, shared by every flight flying it.
const NARROWBODY_J = seatMap(1, 4, ['A', 'C', 'D', 'F']);
const NARROWBODY_Y_BEHIND_J = seatMap(10, 35, ['A', 'B', 'C', 'D', 'E', 'F']);
const NARROWBODY_Y_ONLY = seatMap(1, 30, ['A', 'B', 'C', 'D', 'E', 'F']);
const WIDEBODY_J = seatMap(1, 8, ['A', 'D', 'G', 'K']);
const WIDEBODY_W = seatMap(20, 24, ['A', 'C', 'D', 'E', 'F', 'H', 'K']);
const WIDEBODY_Y = seatMap(30, 56, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'K']);

function planRoutes(random: SeededRandom): RoutePlan[] {
  const airports = new Map(DEMO_AIRPORTS.map((a) => [a.code, a]));
  const numbering = new Map<string, { longHaul: number; shortHaul: number }>();
  const plans: RoutePlan[] = [];
  for (const [a, b, airline, weekly] of ROUTES) {
    const here = airports.get(a);
    const there = airports.get(b);
    if (!here || !there) throw new Error(`route ${a}-${b}: unknown airport`);
    const km = greatCircleKm(here, there);
    // ~800 km/h plus 30 minutes of taxi, climb and approach, to the nearest 5 minutes.
    const durationMinutes = Math.round(((km / 800) * 60 + 30) / 5) * 5;
    const longHaul = km >= 4000;

    // The same aircraft both ways: narrow-body below 4,000 km, wide-body above.
    const economy = 39 + 0.085 * km;
    const cabins: CabinPlan[] = [];
    if (longHaul) {
      cabins.push({ code: 'J', name: CABIN_NAMES.J, seats: WIDEBODY_J, basePrice: economy * 4.2 });
      if (km >= 6000 || random.chance(0.5)) {
        cabins.push({ code: 'W', name: CABIN_NAMES.W, seats: WIDEBODY_W, basePrice: economy * 1.8 });
      }
      cabins.push({ code: 'Y', name: CABIN_NAMES.Y, seats: WIDEBODY_Y, basePrice: economy });
    } else if (km >= 800 && random.chance(0.75)) {
      cabins.push({ code: 'J', name: CABIN_NAMES.J, seats: NARROWBODY_J, basePrice: economy * 2.6 });
      cabins.push({ code: 'Y', name: CABIN_NAMES.Y, seats: NARROWBODY_Y_BEHIND_J, basePrice: economy });
    } else {
      cabins.push({ code: 'Y', name: CABIN_NAMES.Y, seats: NARROWBODY_Y_ONLY, basePrice: economy });
    }

    const perDay = weekly >= 7 ? Math.round(weekly / 7) : 1;
    const weekdays = new Set(
      weekly >= 7 ? [0, 1, 2, 3, 4, 5, 6] : random.sample([0, 1, 2, 3, 4, 5, 6], weekly),
    );

    // Airlines number long-haul flights low and each direction apart: outbound even, return odd.
    const counters = numbering.get(airline) ?? {
      longHaul: 2 * random.int(1, 8),
      shortHaul: 10 * random.int(30, 80),
    };
    numbering.set(airline, counters);
    const outbound: string[] = [];
    const inbound: string[] = [];
    for (let k = 0; k < perDay; k++) {
      const n = longHaul ? counters.longHaul : counters.shortHaul;
      outbound.push(`${airline}${n}`);
      inbound.push(`${airline}${n + 1}`);
      const step = 2 * random.int(1, 4);
      if (longHaul) counters.longHaul += step;
      else counters.shortHaul += step;
    }

    for (const [from, to, flightNumbers] of [
      [here, there, outbound],
      [there, here, inbound],
    ] as const) {
      plans.push({
        from,
        to,
        flightNumbers,
        departures: departureTimes(random, perDay, longHaul),
        weekdays,
        durationMinutes,
        cabins,
      });
    }
  }
  return plans;
}

/** Local departure times, in minutes after midnight, to 5 minutes; several a day spread out. */
function departureTimes(random: SeededRandom, perDay: number, longHaul: boolean): number[] {
  if (perDay === 1 && longHaul) {
    // Long-haul leaves in the morning or in the evening.
    return [random.chance(0.5) ? 5 * random.int(96, 156) : 5 * random.int(204, 270)];
  }
  const first = 6 * 60 + 30;
  const slot = Math.floor((21 * 60 + 30 - first) / perDay);
  return Array.from(
    { length: perDay },
    (_, k) => first + k * slot + 5 * random.int(0, Math.floor(slot / 5) - 1),
  );
}

function generateFlights(
  routes: SeededRandom,
  fares: SeededRandom,
  newId: IdSource,
  startDate: string,
  days: number,
): DemoFlight[] {
  const plans = planRoutes(routes);
  const flights: DemoFlight[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(startDate, d);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    for (const plan of plans) {
      if (!plan.weekdays.has(weekday)) continue;
      plan.departures.forEach((minutes, k) => {
        const departure = localTimeToUtc(date, minutes, plan.from.timezone);
        const demand = (WEEKDAY_PRICE_FACTOR[weekday] ?? 1) * fares.between(0.92, 1.12);
        flights.push({
          id: newId('flt'),
          flightNumber: plan.flightNumbers[k] as string,
          from: plan.from.code,
          to: plan.to.code,
          departureAt: new Date(departure).toISOString(),
          arrivalAt: new Date(departure + plan.durationMinutes * 60_000).toISOString(),
          fareClasses: plan.cabins.map((c) => ({
            code: c.code,
            name: c.name,
            price: usd(c.basePrice * demand),
            seats: c.seats,
          })),
        });
      });
    }
  }
  return flights.sort(
    (a, b) => compare(a.departureAt, b.departureAt) || compare(a.flightNumber, b.flightNumber),
  );
}

function greatCircleKm(a: Airport, b: Airport): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

// ---------------------------------------------------------------------------------------------------
// Cars

const CATEGORY_WEIGHTS: readonly (readonly [AcrissCategory, number])[] = [
  ['ECMR', 25],
  ['CDMR', 25],
  ['IDAR', 20],
  ['SFAR', 15],
  ['PVMR', 8],
  ['LDAR', 7],
];

const CAR_MODELS: Readonly<Record<AcrissCategory, readonly string[]>> = {
  ECMR: ['Fiat 500', 'Toyota Aygo X', 'Kia Picanto', 'Hyundai i10', 'Mitsubishi Mirage'],
  CDMR: ['Volkswagen Golf', 'Toyota Corolla', 'Ford Focus', 'Peugeot 308', 'Kia Ceed'],
  IDAR: ['Toyota Camry', 'Skoda Octavia', 'Hyundai Elantra', 'Volkswagen Passat', 'Mazda 6'],
  SFAR: ['Toyota RAV4', 'Volkswagen Tiguan', 'Ford Escape', 'Nissan X-Trail', 'Hyundai Tucson'],
  PVMR: ['Volkswagen Caravelle', 'Mercedes-Benz Vito', 'Ford Tourneo Custom', 'Toyota Proace Verso'],
  LDAR: ['BMW 5 Series', 'Mercedes-Benz E-Class', 'Audi A6', 'Volvo S90'],
};

/** A day's rental at an average airport, in dollars. */
const CATEGORY_DAILY_RATE: Readonly<Record<AcrissCategory, number>> = {
  ECMR: 38,
  CDMR: 46,
  IDAR: 58,
  SFAR: 79,
  PVMR: 99,
  LDAR: 149,
};

const PLATE_LETTERS = [...'ABCDEFGHJKLMNPRSTUVWXYZ'];
const PLATE_KANA = [...'さすせそたちつてとなにぬねのはひふほまみむめもやゆよらりるれろわ'];

function generateCarLocations(random: SeededRandom, newId: IdSource): DemoCarLocation[] {
  const plates = new Set<string>();
  return DEMO_AIRPORTS.map((airport) => {
    const rates = new Map<AcrissCategory, Money>();
    const fleet = random.int(10, 40);
    const cars: DemoCar[] = [];
    for (let i = 0; i < fleet; i++) {
      const category = random.weighted(CATEGORY_WEIGHTS);
      let dailyRate = rates.get(category);
      if (!dailyRate) {
        dailyRate = usd(CATEGORY_DAILY_RATE[category] * airport.priceFactor * random.between(0.9, 1.15));
        rates.set(category, dailyRate);
      }
      let plate = numberPlate(random, airport.plate);
      while (plates.has(plate)) plate = numberPlate(random, airport.plate);
      plates.add(plate);
      cars.push({ id: newId('car'), plate, category, model: random.pick(CAR_MODELS[category]), dailyRate });
    }
    return { code: `${airport.code}-A`, name: `${airport.code} Airport`, city: airport.city, cars };
  });
}

function numberPlate(random: SeededRandom, pattern: string): string {
  let plate = '';
  for (const ch of pattern) {
    if (ch === '@') plate += random.pick(PLATE_LETTERS);
    else if (ch === '#') plate += String(random.int(0, 9));
    else if (ch === '~') plate += random.pick(PLATE_KANA);
    else plate += ch;
  }
  return plate;
}

// ---------------------------------------------------------------------------------------------------
// Time zones

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in minutes (ICU's time zone data, as Node ships it). */
function utcOffsetMinutes(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant (ms) of a local wall-clock time; departures are never in the small hours a DST change skips. */
function localTimeToUtc(date: string, minutes: number, timeZone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const guess = wall - utcOffsetMinutes(timeZone, wall) * 60_000;
  return wall - utcOffsetMinutes(timeZone, guess) * 60_000;
}

/** Code-unit order, the same everywhere (`localeCompare` depends on the ICU locale data). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
