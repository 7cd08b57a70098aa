import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogPageSchema, SessionListSchema, type AuditEntry } from '@tripdesk/shared';
import { ManualClock } from '../src/clock.ts';
import { dialects } from './databases.ts';
import { ADMIN, client, login, startTestServer, type TestServer } from './harness.ts';

const usd = (amount: number) => ({ amount, currency: 'USD' });
type Client = ReturnType<typeof client>;

describe.each(dialects)('accounts on %s', (dialect) => {
  let server: TestServer;
  let admin: Client;
  const clock = new ManualClock(new Date('2026-12-05T09:00:00.000Z'));
  let n = 0;

  /** A new agent with a password, signed in. */
  async function newAgent(): Promise<{ id: string; email: string; password: string; api: Client }> {
    n += 1;
    const email = `agent${n}@example.test`;
    const password = `agent-password-${n}x`;
    const res = await admin.post('/api/users', { email, name: `Agent ${n}`, role: 'agent', password });
    expect(res.status).toBe(201);
    return {
      id: res.body.id,
      email,
      password,
      api: client(server.url, await login(server.url, email, password)),
    };
  }

  beforeAll(async () => {
    server = await startTestServer(dialect, {
      clock,
      loginLimits: { freePerPair: 50, freePerAddress: 1000 },
    });
    admin = client(server.url, await login(server.url, ADMIN.email, ADMIN.password));
  });
  afterAll(() => server?.stop());

  describe('changing your own password', () => {
    it('needs the current password, holds the new one to the policy, and keeps only this session', async () => {
      const agent = await newAgent();
      const other = client(server.url, await login(server.url, agent.email, agent.password));

      const wrong = await agent.api.post('/api/me/password', {
        currentPassword: 'not-my-password',
        newPassword: 'brand-new-secret-1',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ path: 'body.currentPassword', message: expect.any(String) }]);
      expect(wrong.body.detail).toMatch(/current password is wrong/);

      const weak = await agent.api.post('/api/me/password', {
        currentPassword: agent.password,
        newPassword: 'password123',
      });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].path).toBe('body.newPassword');
      const same = await agent.api.post('/api/me/password', {
        currentPassword: agent.password,
        newPassword: agent.password,
      });
      expect(same.status).toBe(400);
      expect(same.body.errors[0].path).toBe('body.newPassword');
      const missing = await agent.api.post('/api/me/password', { newPassword: 'brand-new-secret-1' });
      expect(missing.status).toBe(400);
      expect(missing.body.errors[0].path).toBe('body.currentPassword');

      const ok = await agent.api.post('/api/me/password', {
        currentPassword: agent.password,
        newPassword: 'brand-new-secret-1',
      });
      expect(ok.status).toBe(204);
      expect((await agent.api.get('/api/me')).status).toBe(200);
      expect((await other.get('/api/me')).status).toBe(401);
      const old = await client(server.url).post('/api/auth/login', {
        email: agent.email,
        password: agent.password,
      });
      expect(old.status).toBe(401);
      await login(server.url, agent.email, 'brand-new-secret-1');
    });
  });

  describe('your sessions', () => {
    it('lists the live sessions without tokens, marks this one, ends one and then every other', async () => {
      const agent = await newAgent();
      const tokenB = await login(server.url, agent.email, agent.password);
      const b = client(server.url, tokenB);
      const c = client(server.url, await login(server.url, agent.email, agent.password));

      const list = await agent.api.get('/api/me/sessions');
      expect(list.status).toBe(200);
      const sessions = SessionListSchema.parse(list.body).items;
      expect(sessions).toHaveLength(3);
      expect(sessions.filter((s) => s.current)).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(tokenB);
      expect(sessions[0]).toMatchObject({ createdAt: expect.any(String), expiresAt: expect.any(String) });
      for (const s of sessions) expect(s.id).toMatch(/^ses_[0-9a-f]{24}$/);

      // B's own list tells which one B is.
      const bId = SessionListSchema.parse((await b.get('/api/me/sessions')).body).items.find(
        (s) => s.current,
      )!.id;
      // Another user cannot end it.
      const stranger = await newAgent();
      expect((await stranger.api.delete(`/api/me/sessions/${bId}`)).status).toBe(404);
      expect((await b.get('/api/me')).status).toBe(200);

      expect((await agent.api.delete(`/api/me/sessions/${bId}`)).status).toBe(204);
      expect((await b.get('/api/me')).status).toBe(401);
      expect((await agent.api.delete(`/api/me/sessions/${bId}`)).status).toBe(404);

      const ended = await agent.api.post('/api/me/sessions/end-others');
      expect(ended.status).toBe(200);
      expect(ended.body).toEqual({ ended: 1 });
      expect((await c.get('/api/me')).status).toBe(401);
      const left = SessionListSchema.parse((await agent.api.get('/api/me/sessions')).body).items;
      expect(left).toEqual([expect.objectContaining({ current: true })]);
    });

    it('records when a session was last seen, at most once a minute', async () => {
      const agent = await newAgent();
      const first = SessionListSchema.parse((await agent.api.get('/api/me/sessions')).body).items[0]!;
      clock.advance(30);
      const soon = SessionListSchema.parse((await agent.api.get('/api/me/sessions')).body).items[0]!;
      expect(soon.lastSeenAt).toBe(first.lastSeenAt);
      clock.advance(60);
      const later = SessionListSchema.parse((await agent.api.get('/api/me/sessions')).body).items[0]!;
      expect(later.lastSeenAt).toBe(clock.now().toISOString());
    });
  });

  describe('an admin resets a password', () => {
    it('is for admins only; ends the user’s sessions; the user must choose a new password first', async () => {
      const agent = await newAgent();
      const other = await newAgent();
      expect((await other.api.post(`/api/users/${agent.id}/password-reset`)).status).toBe(403);

      const res = await admin.post(`/api/users/${agent.id}/password-reset`);
      expect(res.status).toBe(200);
      const temporary: string = res.body.temporaryPassword;
      expect(temporary).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect(res.body.user).toMatchObject({ id: agent.id, mustChangePassword: true });
      expect((await agent.api.get('/api/me')).status).toBe(401);
      expect(
        (await client(server.url).post('/api/auth/login', { email: agent.email, password: agent.password }))
          .status,
      ).toBe(401);

      const signIn = await client(server.url).post('/api/auth/login', {
        email: agent.email,
        password: temporary,
      });
      expect(signIn.status).toBe(200);
      expect(signIn.body.user.mustChangePassword).toBe(true);
      const pending = client(server.url, signIn.body.token);
      expect((await pending.get('/api/me')).body).toMatchObject({ mustChangePassword: true });
      for (const refused of [
        await pending.get('/api/trips'),
        await pending.get('/api/me/sessions'),
        await pending.post('/api/trips', { customer: { name: 'A', email: 'a@example.test' } }),
        await pending.get('/api/events'),
      ]) {
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('password_change_required');
      }

      const changed = await pending.post('/api/me/password', {
        currentPassword: temporary,
        newPassword: 'my-own-choice-22',
      });
      expect(changed.status).toBe(204);
      expect((await pending.get('/api/me')).body.mustChangePassword).toBeUndefined();
      expect((await pending.get('/api/trips')).status).toBe(200);
      // The reset and the user's own new password, side by side in the audit log.
      const log = (await admin.get(`/api/admin/audit-log?q=${encodeURIComponent(agent.email)}`)).body;
      expect(log.items.map((e: AuditEntry) => [e.action, e.actor.id])).toEqual([
        ['user.password_change', agent.id],
        ['user.password_reset', expect.stringMatching(/^usr_/)],
        ['user.create', expect.stringMatching(/^usr_/)],
      ]);
      expect(log.items[0].summary).toMatch(/chose a new password after a reset/);
      expect(JSON.stringify(log)).not.toContain(temporary);
      expect(JSON.stringify(log)).not.toContain('my-own-choice-22');
    });

    it('takes a temporary password the admin chose (policy applies) and never lets admins reset themselves', async () => {
      const agent = await newAgent();
      const weak = await admin.post(`/api/users/${agent.id}/password-reset`, {
        temporaryPassword: 'password1',
      });
      expect(weak.status).toBe(400);
      expect(weak.body.errors[0].path).toBe('body.password');
      const chosen = await admin.post(`/api/users/${agent.id}/password-reset`, {
        temporaryPassword: 'given-by-admin-7',
      });
      expect(chosen.status).toBe(200);
      expect(chosen.body.temporaryPassword).toBeUndefined();
      await login(server.url, agent.email, 'given-by-admin-7');

      const me = (await admin.get('/api/me')).body;
      expect((await admin.post(`/api/users/${me.id}/password-reset`)).status).toBe(409);
      expect((await admin.post('/api/users/usr_missing/password-reset')).status).toBe(404);
      const bad = await admin.post(`/api/users/${agent.id}/password-reset`, { temporaryPassword: 42 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('body.temporaryPassword');
    });
  });

  describe('the audit log', () => {
    async function entries(query = ''): Promise<AuditEntry[]> {
      const res = await admin.get(`/api/admin/audit-log${query}`);
      expect(res.status).toBe(200);
      return AuditLogPageSchema.parse(res.body).items;
    }
    async function newest(): Promise<AuditEntry> {
      return (await entries('?limit=1'))[0]!;
    }
    /** The action, then the one new entry it wrote. */
    async function recorded(action: () => Promise<{ status: number }>, status: number): Promise<AuditEntry> {
      const before = (await admin.get('/api/admin/audit-log?limit=1')).body.total as number;
      clock.advance(1);
      expect((await action()).status).toBe(status);
      expect((await admin.get('/api/admin/audit-log?limit=1')).body.total).toBe(before + 1);
      return newest();
    }

    it('is for admins only', async () => {
      const agent = await newAgent();
      const hotel = (await admin.post('/api/hotels', { name: 'Desk Hotel', city: 'Porto', country: 'PT' }))
        .body;
      await admin.post('/api/users', {
        email: 'desk-audit@example.test',
        name: 'Desk',
        role: 'frontdesk',
        password: 'desk-password-1',
        hotelId: hotel.id,
      });
      const desk = client(server.url, await login(server.url, 'desk-audit@example.test', 'desk-password-1'));
      for (const who of [agent.api, desk]) {
        const res = await who.get('/api/admin/audit-log');
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
    });

    it('writes one entry per admin action on users, with the changed fields and never a password', async () => {
      const me = (await admin.get('/api/me')).body;
      const created = await recorded(
        () =>
          admin.post('/api/users', {
            email: 'audited@example.test',
            name: 'Audited',
            role: 'agent',
            password: 'secret-audited-1',
          }),
        201,
      );
      expect(created).toMatchObject({
        actor: { id: me.id, name: 'Administrator' },
        action: 'user.create',
        targetType: 'user',
        before: null,
        after: { email: 'audited@example.test', role: 'agent' },
      });
      const userId = created.targetId!;

      const renamed = await recorded(() => admin.patch(`/api/users/${userId}`, { name: 'Audited Two' }), 200);
      expect(renamed).toMatchObject({
        action: 'user.update',
        summary: expect.stringContaining('name'),
        before: { name: 'Audited' },
        after: { name: 'Audited Two' },
      });
      const password = await recorded(
        () => admin.patch(`/api/users/${userId}`, { password: 'secret-audited-2' }),
        200,
      );
      expect(password.after).toEqual({ password: '[redacted]' });
      const disabled = await recorded(() => admin.patch(`/api/users/${userId}`, { disabled: true }), 200);
      expect(disabled).toMatchObject({
        action: 'user.disable',
        before: { disabled: false },
        after: { disabled: true },
      });
      const enabled = await recorded(() => admin.patch(`/api/users/${userId}`, { disabled: false }), 200);
      expect(enabled.action).toBe('user.enable');

      let temporary = '';
      const reset = await recorded(async () => {
        const res = await admin.post(`/api/users/${userId}/password-reset`);
        temporary = res.body.temporaryPassword;
        return res;
      }, 200);
      expect(reset).toMatchObject({
        action: 'user.password_reset',
        targetId: userId,
        before: { mustChangePassword: false, password: '[redacted]' },
        after: { mustChangePassword: true, password: '[redacted]' },
      });

      // A refused action writes nothing.
      const total = (await admin.get('/api/admin/audit-log')).body.total;
      expect(
        (await admin.patch(`/api/users/${userId}`, { hotelId: 'htl_nowhere', role: 'frontdesk' })).status,
      ).toBe(400);
      expect((await admin.get('/api/admin/audit-log')).body.total).toBe(total);

      const everything = JSON.stringify((await admin.get('/api/admin/audit-log?limit=200')).body);
      for (const secret of ['secret-audited-1', 'secret-audited-2', temporary, '$argon2', 'tdk_']) {
        expect(everything).not.toContain(secret);
      }
      const rows = JSON.stringify(await server.stores.users.knex('audit_log').select('*'));
      for (const secret of ['secret-audited-1', 'secret-audited-2', temporary])
        expect(rows).not.toContain(secret);
    });

    it('writes one entry per admin action on inventory, backups and repairs', async () => {
      const hotel = await recorded(
        () => admin.post('/api/hotels', { name: 'Audit Inn', city: 'Lisbon', country: 'PT' }),
        201,
      );
      expect(hotel).toMatchObject({
        action: 'hotel.create',
        targetType: 'hotel',
        summary: 'Added the hotel Audit Inn (Lisbon)',
      });
      const hotelId = hotel.targetId!;
      const roomType = await recorded(
        () =>
          admin.post(`/api/hotels/${hotelId}/room-types`, {
            name: 'Double',
            maxOccupancy: 2,
            nightlyRate: usd(10000),
            roomNumbers: ['101', '102'],
          }),
        201,
      );
      expect(roomType).toMatchObject({ action: 'room_type.create', targetType: 'room_type' });
      const changed = await recorded(
        () =>
          admin.patch(`/api/hotels/${hotelId}/room-types/${roomType.targetId}`, {
            name: 'Double Deluxe',
            addRoomNumbers: ['103'],
          }),
        200,
      );
      expect(changed).toMatchObject({
        action: 'room_type.update',
        before: { name: 'Double', capacity: 2, roomNumbers: ['101', '102'] },
        after: { name: 'Double Deluxe', capacity: 3, roomNumbers: ['101', '102', '103'] },
      });
      expect(changed.before).not.toHaveProperty('maxOccupancy');

      const airport = await recorded(
        () =>
          admin.post('/api/airports', {
            code: 'ZRH',
            name: 'Zürich Kloten',
            city: 'Zürich',
            country: 'CH',
            timeZone: 'Europe/Zurich',
          }),
        201,
      );
      expect(airport).toMatchObject({ action: 'airport.create', targetId: 'ZRH' });
      const flight = await recorded(
        () =>
          admin.post('/api/flights', {
            flightNumber: 'TP9001',
            from: 'LIS',
            to: 'ZRH',
            departureAt: '2027-01-10T10:00:00Z',
            arrivalAt: '2027-01-10T13:00:00Z',
            fareClasses: [{ code: 'Y', name: 'Economy', price: usd(20000), seats: ['1A', '1B'] }],
          }),
        201,
      );
      expect(flight).toMatchObject({ action: 'flight.create', targetType: 'flight' });
      const location = await recorded(
        () => admin.post('/api/car-locations', { code: 'AUD-1', name: 'Audit Cars', city: 'Lisbon' }),
        201,
      );
      expect(location).toMatchObject({ action: 'car_location.create', targetId: 'AUD-1' });
      const car = await recorded(
        () =>
          admin.post('/api/car-locations/AUD-1/cars', {
            plate: 'AU-00-01',
            category: 'economy',
            model: 'Fiat 500',
            dailyRate: usd(4000),
          }),
        201,
      );
      expect(car).toMatchObject({ action: 'car.create', after: { plate: 'AU-00-01' } });
      const removed = await recorded(
        () => admin.delete(`/api/car-locations/AUD-1/cars/${car.targetId}`),
        204,
      );
      expect(removed).toMatchObject({
        action: 'car.remove',
        before: { plate: 'AU-00-01' },
        after: null,
        summary: 'Took the car AU-00-01 out of the fleet at AUD-1',
      });

      const backup = await recorded(() => admin.post('/api/admin/backups'), 201);
      expect(backup).toMatchObject({ action: 'backup.create', targetType: 'backup' });
      const repair = await recorded(() => admin.post('/api/admin/consistency-checks', { repair: true }), 201);
      expect(repair).toMatchObject({ action: 'consistency.repair', targetType: 'consistency_check' });
      // A check without repairs changes nothing: nothing recorded.
      const total = (await admin.get('/api/admin/audit-log')).body.total;
      expect((await admin.post('/api/admin/consistency-checks', { repair: false })).status).toBe(201);
      expect((await admin.get('/api/admin/audit-log')).body.total).toBe(total);
    });

    it('writes one entry per change of overbooking, flight schedules, extras and taxes', async () => {
      const hotelId = (await admin.post('/api/hotels', { name: 'Spare Inn', city: 'Faro', country: 'PT' }))
        .body.id as string;
      const roomTypeId = (
        await admin.post(`/api/hotels/${hotelId}/room-types`, {
          name: 'Twin',
          maxOccupancy: 2,
          nightlyRate: usd(9000),
          roomNumbers: ['1', '2'],
        })
      ).body.id as string;
      const overbooking = await recorded(
        () => admin.put(`/api/hotels/${hotelId}/room-types/${roomTypeId}/overbooking`, { allowance: 1 }),
        200,
      );
      expect(overbooking).toMatchObject({
        action: 'room_type.overbooking',
        before: { overbookingAllowance: 0 },
        after: { overbookingAllowance: 1 },
      });

      const schedule = {
        flightNumber: 'TP77',
        from: 'LIS',
        to: 'ZRH',
        departureTime: '08:00',
        arrivalTime: '11:30',
        daysOfWeek: ['mon', 'thu'],
        firstDate: '2027-01-04',
        lastDate: '2027-01-31',
        fareClasses: [{ code: 'Y', name: 'Economy', price: usd(20000), seats: ['1A', '1B'] }],
      };
      const created = await recorded(() => admin.post('/api/flight-schedules', schedule), 201);
      expect(created).toMatchObject({ action: 'flight_schedule.create', targetType: 'flight_schedule' });
      expect(created.after).not.toHaveProperty('flights');
      const changed = await recorded(
        () => admin.patch(`/api/flight-schedules/${created.targetId}`, { departureTime: '09:00' }),
        200,
      );
      expect(changed).toMatchObject({
        action: 'flight_schedule.update',
        before: { departureTime: '08:00' },
        after: { departureTime: '09:00' },
      });
      const retired = await recorded(() => admin.delete(`/api/flight-schedules/${created.targetId}`), 200);
      expect(retired).toMatchObject({ action: 'flight_schedule.retire', after: null });

      const items = [{ code: 'spa', name: 'Spa access', basis: 'person', price: usd(3000) }];
      const extras = await recorded(() => admin.put(`/api/hotels/${hotelId}/extras`, { items }), 200);
      expect(extras).toMatchObject({
        action: 'extras.set',
        targetType: 'hotel',
        targetId: hotelId,
        before: { custom: false },
        after: { custom: true, items },
      });
      const back = await recorded(() => admin.delete(`/api/hotels/${hotelId}/extras`), 200);
      expect(back).toMatchObject({
        action: 'extras.reset',
        before: { custom: true },
        after: { custom: false },
      });
      const rules = [{ code: 'city_tax', name: 'City tax', amount: usd(200), per: 'person-night' }];
      const taxes = await recorded(() => admin.put(`/api/hotels/${hotelId}/taxes`, { items: rules }), 200);
      expect(taxes).toMatchObject({ action: 'taxes.set', before: { items: [] }, after: { items: rules } });
    });

    it('writes one entry per edit, retirement, out-of-order period and closure', async () => {
      const hotelId = (await admin.post('/api/hotels', { name: 'Edit Inn', city: 'Faro', country: 'PT' }))
        .body.id as string;
      const roomTypeId = (
        await admin.post(`/api/hotels/${hotelId}/room-types`, {
          name: 'Single',
          maxOccupancy: 1,
          nightlyRate: usd(7000),
          roomNumbers: ['11', '12'],
        })
      ).body.id as string;
      const renamed = await recorded(
        () => admin.patch(`/api/hotels/${hotelId}`, { name: 'Edit Inn Faro' }),
        200,
      );
      expect(renamed).toMatchObject({
        action: 'hotel.update',
        before: { name: 'Edit Inn' },
        after: { name: 'Edit Inn Faro' },
      });
      const retired = await recorded(() => admin.patch(`/api/hotels/${hotelId}`, { retired: true }), 200);
      expect(retired).toMatchObject({
        action: 'hotel.retire',
        before: {},
        after: { retiredAt: expect.any(String) },
      });
      const back = await recorded(() => admin.patch(`/api/hotels/${hotelId}`, { retired: false }), 200);
      expect(back.action).toBe('hotel.reinstate');

      const period = await recorded(
        () =>
          admin.post(`/api/hotels/${hotelId}/out-of-order`, {
            roomNumbers: ['12'],
            from: '2026-12-20',
            to: '2026-12-22',
            kind: 'out_of_order',
          }),
        201,
      );
      expect(period).toMatchObject({ action: 'out_of_order.create', targetId: hotelId });
      const periodId = (period.after as { items: { id: string }[] }).items[0]!.id;
      const ended = await recorded(
        () => admin.delete(`/api/hotels/${hotelId}/out-of-order/${periodId}`),
        204,
      );
      expect(ended).toMatchObject({
        action: 'out_of_order.remove',
        before: { roomNumber: '12' },
        after: null,
      });

      const closed = await recorded(
        () =>
          admin.post(`/api/hotels/${hotelId}/closures`, { roomTypeId, from: '2026-12-24', to: '2026-12-26' }),
        201,
      );
      expect(closed).toMatchObject({
        action: 'closure.create',
        targetType: 'room_type',
        targetId: roomTypeId,
      });
      const opened = await recorded(
        () => admin.delete(`/api/hotels/${hotelId}/closures/${closed.after!.id}`),
        204,
      );
      expect(opened).toMatchObject({ action: 'closure.remove', before: { roomTypeId }, after: null });

      const flightId = (
        await admin.post('/api/flights', {
          flightNumber: 'TP5150',
          from: 'LIS',
          to: 'ZRH',
          departureAt: '2026-12-15T08:00:00Z',
          arrivalAt: '2026-12-15T11:00:00Z',
          fareClasses: [{ code: 'Y', name: 'Economy', price: usd(15000), seats: ['1A', '1B'] }],
        })
      ).body.id as string;
      const moved = await recorded(
        () =>
          admin.patch(`/api/flights/${flightId}`, {
            departureAt: '2026-12-15T09:00:00Z',
            arrivalAt: '2026-12-15T12:00:00Z',
          }),
        200,
      );
      expect(moved).toMatchObject({
        action: 'flight.update',
        after: { departureAt: expect.stringContaining('09:00') },
      });
      const repriced = await recorded(
        () => admin.patch(`/api/flights/${flightId}/fare-classes/Y`, { price: usd(16000) }),
        200,
      );
      expect(repriced).toMatchObject({
        action: 'fare_class.update',
        before: { price: usd(15000) },
        after: { price: usd(16000) },
      });
      const flightClosure = await recorded(
        () =>
          admin.post('/api/flight-closures', {
            flightNumber: 'TP5150',
            fareClass: 'Y',
            from: '2026-12-14',
            to: '2026-12-16',
          }),
        201,
      );
      expect(flightClosure).toMatchObject({
        action: 'closure.create',
        targetType: 'flight',
        targetId: 'TP5150',
      });
      const flightOpened = await recorded(
        () => admin.delete(`/api/flight-closures/${flightClosure.after!.id}`),
        204,
      );
      expect(flightOpened).toMatchObject({ action: 'closure.remove', before: { fareClass: 'Y' } });

      await admin.post('/api/car-locations', { code: 'EDT-1', name: 'Edit Cars', city: 'Faro' });
      const carId = (
        await admin.post('/api/car-locations/EDT-1/cars', {
          plate: 'ED-00-01',
          category: 'economy',
          model: 'Fiat Panda',
          dailyRate: usd(3000),
        })
      ).body.id as string;
      const car = await recorded(
        () => admin.patch(`/api/car-locations/EDT-1/cars/${carId}`, { model: 'Fiat 500' }),
        200,
      );
      expect(car).toMatchObject({
        action: 'car.update',
        before: { model: 'Fiat Panda' },
        after: { model: 'Fiat 500' },
      });
      const location = await recorded(
        () => admin.patch('/api/car-locations/EDT-1', { name: 'Faro Cars' }),
        200,
      );
      expect(location).toMatchObject({ action: 'car_location.update', before: { name: 'Edit Cars' } });
      const carClosure = await recorded(
        () =>
          admin.post('/api/car-locations/EDT-1/closures', {
            category: 'economy',
            from: '2026-12-10',
            to: '2026-12-12',
          }),
        201,
      );
      expect(carClosure).toMatchObject({
        action: 'closure.create',
        targetType: 'car_location',
        targetId: 'EDT-1',
      });
      const carOpened = await recorded(
        () => admin.delete(`/api/car-locations/EDT-1/closures/${carClosure.after!.id}`),
        204,
      );
      expect(carOpened).toMatchObject({ action: 'closure.remove', before: { category: 'economy' } });
    });

    it('searches by words, who, action, target type and dates, newest first, in pages', async () => {
      const all = await entries('?limit=200');
      expect(all.length).toBeGreaterThan(10);
      const times = all.map((e) => e.at);
      expect([...times].sort().reverse()).toEqual(times);

      expect((await entries('?q=audit%20inn')).map((e) => e.action)).toEqual(['hotel.create']);
      expect((await entries('?q=AU-00-01')).map((e) => e.action)).toEqual(['car.remove', 'car.create']);
      const users = await entries('?targetType=user&limit=200');
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((e) => e.targetType === 'user')).toBe(true);
      expect(
        (await entries('?action=user.password_reset&limit=200')).every(
          (e) => e.action === 'user.password_reset',
        ),
      ).toBe(true);
      const prefix = await entries('?action=car.&q=AU-00');
      expect(prefix.map((e) => e.action)).toEqual(['car.remove', 'car.create']);
      const me = (await admin.get('/api/me')).body;
      const mine = await entries(`?actor=${me.id}&limit=200`);
      expect(mine.length).toBe(all.filter((e) => e.actor.id === me.id).length);
      expect(mine.length).toBeLessThan(all.length);
      expect(await entries('?actor=usr_nobody')).toEqual([]);
      expect((await entries('?from=2026-12-05&to=2026-12-05&limit=200')).length).toBe(all.length);
      expect(await entries('?from=2026-12-06')).toEqual([]);
      expect(await entries('?to=2026-12-04')).toEqual([]);

      const page = await admin.get('/api/admin/audit-log?limit=2&offset=1');
      expect(page.body.items.map((e: AuditEntry) => e.id)).toEqual(all.slice(1, 3).map((e) => e.id));
      expect(page.body.total).toBe(all.length);

      for (const bad of [
        '?limit=0',
        '?limit=201',
        '?offset=-1',
        '?from=2026-02-30',
        '?targetType=planet',
        '?from=2026-12-06&to=2026-12-05',
      ]) {
        const res = await admin.get(`/api/admin/audit-log${bad}`);
        expect(res.status, bad).toBe(400);
        expect(res.body.errors[0].path, bad).toMatch(/^query\./);
      }
    });
  });
});
