import type { FlightAvailabilityRow, FlightItem, Passenger, Traveller, Trip } from '@tripdesk/shared';

/**
 * Who sits in each seat before the clerk changes anything: the passengers of the trip's other leg, seat
 * for seat (a round trip's return flies the people of its outbound), then the trip's travellers in order
 * who are not seated yet. `picked[i]` is a traveller's id, or '' for a name typed (`names[i]`).
 */
export function passengerDefaults(
  count: number,
  travellers: readonly Pick<Traveller, 'id'>[],
  like: readonly Passenger[] = [],
): { picked: string[]; names: string[] } {
  const known = new Set(travellers.map((t) => t.id));
  const seated = new Set<string>();
  const picked: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = like[i];
    const id = p?.travellerId;
    if (id && known.has(id) && !seated.has(id)) {
      seated.add(id);
      picked.push(id);
      names.push('');
    } else if (p && !(id && known.has(id))) {
      // Someone typed by name on the other leg (or a traveller no longer on the trip): the same name.
      picked.push('');
      names.push(p.name);
    } else {
      const next = travellers.find((t) => !seated.has(t.id) && !like.some((q) => q.travellerId === t.id));
      if (next) seated.add(next.id);
      picked.push(next?.id ?? '');
      names.push('');
    }
  }
  return { picked, names };
}

/**
 * The flight of this trip that goes the other way on the route of `row` (its outbound for a return,
 * its return for an outbound), held or sold; the latest held when there are several.
 */
export function otherLegOf(
  trip: Trip | undefined,
  row: Pick<FlightAvailabilityRow, 'from' | 'to'>,
): FlightItem | undefined {
  return (trip?.items ?? [])
    .filter(
      (i): i is FlightItem =>
        i.type === 'flight' &&
        (i.status === 'held' || i.status === 'confirmed') &&
        i.from === row.to &&
        i.to === row.from,
    )
    .at(-1);
}
