import { daysBetween, type CalendarDate, type Stay } from '@tripdesk/shared';
import { formatInstantIn, formatNights } from '../ui/formats.ts';

export type StayAction = 'check-in' | 'check-out';

const nightsOf = (stay: Stay) => daysBetween(stay.item.checkIn, stay.item.checkOut);

/** The room(s) a stay sleeps in, or what is known before check-in. */
function roomsOf(stay: Stay): string {
  const numbers = stay.item.roomNumbers ?? (stay.item.roomNumber ? [stay.item.roomNumber] : []);
  return numbers.length > 0 ? numbers.join(', ') : '—';
}

/** One of the desk's three lists: arrivals, in-house guests or departures of the day. */
export function StayList({
  title,
  stays,
  empty,
  action,
  today,
  date,
  timeZone,
  onAction,
}: {
  title: string;
  stays: readonly Stay[];
  empty: string;
  /** The button each row offers, if any. */
  action: StayAction | null;
  /** The hotel's date today: check-in opens on the arrival day. */
  today: CalendarDate;
  date: CalendarDate;
  timeZone: string;
  onAction: (stay: Stay, action: StayAction) => void;
}) {
  const id = `stays-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section className="stay-list" aria-labelledby={id}>
      <h2 id={id}>
        {title} <span className="count-badge">{stays.length}</span>
      </h2>
      {stays.length === 0 ? (
        <p className="empty-state">{empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Guest</th>
                <th scope="col">Trip</th>
                <th scope="col">Room type</th>
                <th scope="col">Stay</th>
                <th scope="col" className="num">
                  Guests
                </th>
                <th scope="col">Room</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stays.map((stay) => {
                const overdue = action === 'check-out' && stay.item.checkOut < date;
                return (
                  <tr key={stay.item.id}>
                    <th scope="row" className="row-head">
                      {stay.customer.name}
                      {stay.item.specialRequests ? (
                        <span className="cell-note" title="Special requests">
                          {stay.item.specialRequests}
                        </span>
                      ) : null}
                    </th>
                    <td className="mono">{stay.tripId}</td>
                    <td>
                      {stay.item.roomTypeName ?? stay.item.roomTypeId}
                      {stay.item.rooms > 1 ? <span className="tag">{stay.item.rooms} rooms</span> : null}
                    </td>
                    <td>
                      {formatNights(stay.item.checkIn, stay.item.checkOut, nightsOf(stay))}
                      {overdue ? <span className="tag tag-warn">overdue</span> : null}
                    </td>
                    <td className="num">{stay.item.guests}</td>
                    <td className="mono">
                      {roomsOf(stay)}
                      {stay.item.checkedInAt ? (
                        <span className="cell-note">
                          checked in {formatInstantIn(stay.item.checkedInAt, timeZone)}
                        </span>
                      ) : null}
                    </td>
                    <td className="actions">
                      {action === 'check-in' && today >= stay.item.checkIn ? (
                        <button
                          type="button"
                          className="button button-small button-primary"
                          aria-label={`Check in ${stay.customer.name}`}
                          onClick={() => onAction(stay, 'check-in')}
                        >
                          Check in
                        </button>
                      ) : null}
                      {action === 'check-in' && today < stay.item.checkIn ? (
                        <span className="muted">On the day</span>
                      ) : null}
                      {action === 'check-out' ? (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Check out ${stay.customer.name}`}
                          onClick={() => onAction(stay, 'check-out')}
                        >
                          Check out
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
