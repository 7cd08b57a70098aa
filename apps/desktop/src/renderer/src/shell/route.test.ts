import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, tripLink } from './route.ts';

describe('the address of a screen', () => {
  it('reads each section, a trip, and nothing for an unknown address', () => {
    expect(parseRoute('#/search')).toEqual({ section: 'search' });
    expect(parseRoute('#/front-desk')).toEqual({ section: 'front-desk' });
    expect(parseRoute('#/trips')).toEqual({ section: 'trips' });
    expect(parseRoute('#/trips/trp_1')).toEqual({ section: 'trips', tripId: 'trp_1' });
    expect(parseRoute('#/trips/trp%201')).toEqual({ section: 'trips', tripId: 'trp 1' });
    expect(parseRoute('#/trips/%E0%A4%A')).toEqual({ section: 'trips' });
    expect(parseRoute('#/users/usr_1')).toEqual({ section: 'users' });
    expect(parseRoute('#/trips/a/b')).toEqual({ section: 'trips' });
    expect(parseRoute('')).toEqual({ section: null });
    expect(parseRoute('#/nowhere')).toEqual({ section: null });
  });

  it('writes the address back, and a link a browser opens', () => {
    expect(routeHash({ section: 'reports' })).toBe('#/reports');
    expect(routeHash({ section: 'trips', tripId: 'trp 1' })).toBe('#/trips/trp%201');
    expect(parseRoute(routeHash({ section: 'trips', tripId: 'trp_9' }))).toEqual({
      section: 'trips',
      tripId: 'trp_9',
    });
    expect(tripLink('http://desk.test:4000/', 'trp_9')).toBe('http://desk.test:4000/#/trips/trp_9');
  });
});
