import { randomUUID } from 'node:crypto';
import { addDays, todayIn, type HotelDetail, type Item, type Trip, type User } from '@tripdesk/shared';

/**
 * The REST API as a test sets the scene with it: bookings made by the agent, rooms created by the
 * admin, checked from the outside after the browser has done its part. Plain fetch, one user each.
 */
export class ServerApi {
  readonly url: string;
  readonly token: string;
  readonly user: User;

  private constructor(url: string, token: string, user: User) {
    this.url = url;
    this.token = token;
    this.user = user;
  }

  static async signIn(url: string, email: string, password: string): Promise<ServerApi> {
    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status !== 200)
      throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
    const { token, user } = (await response.json()) as { token: string; user: User };
    return new ServerApi(url, token, user);
  }

  async call<T>(method: string, path: string, body?: unknown, expected = [200, 201, 204]): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  hotel(hotelId: string): Promise<HotelDetail> {
    return this.get<HotelDetail>(`/api/hotels/${hotelId}`);
  }

  /**
   * A paid stay: a trip for the guest with one room of the type from `checkIn` for `nights`, paid with
   * the local gateway's test Visa. Returns the trip and its hotel item.
   */
  async bookStay(
    guest: string,
    roomTypeId: string,
    checkIn: string,
    nights: number,
  ): Promise<{ trip: Trip; item: Item }> {
    const email = `${guest.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`;
    const trip = await this.post<Trip>('/api/trips', { customer: { name: guest, email } });
    const item = await this.post<Item>(`/api/trips/${trip.id}/items`, {
      type: 'hotel',
      roomTypeId,
      checkIn,
      checkOut: addDays(checkIn, nights),
      guests: 1,
    });
    const paid = await this.post<Trip>(`/api/trips/${trip.id}/pay`, { paymentMethodId: 'pm_card_visa' });
    if (paid.status !== 'confirmed') throw new Error(`trip ${trip.id} is ${paid.status} after paying`);
    return { trip: paid, item };
  }

  async item(tripId: string, itemId: string): Promise<Item> {
    const trip = await this.get<Trip>(`/api/trips/${tripId}`);
    const item = trip.items.find((i) => i.id === itemId);
    if (!item) throw new Error(`trip ${tripId} has no item ${itemId}`);
    return item;
  }
}

/** Today at a hotel: its own calendar date, which decides its desk's day. */
export function hotelToday(hotel: Pick<HotelDetail, 'timezone'>): string {
  return todayIn(hotel.timezone, new Date());
}
