import { Fragment } from 'react';
import type { SeatMap, SeatStatus } from '@tripdesk/shared';
import { compareSeats } from './seat-rows.ts';

const STATUS_WORDS: Readonly<Record<SeatStatus, string>> = {
  available: 'free',
  held: 'held',
  booked: 'booked',
};

/** Where the aisles fall for a cabin this many seats wide (2-2, 3-3, 2-3-2, 3-3-3, 3-4-3 …). */
export function aislesAfter(width: number): ReadonlySet<number> {
  const layouts: Readonly<Record<number, readonly number[]>> = {
    4: [1],
    5: [1],
    6: [2],
    7: [1, 4],
    8: [1, 5],
    9: [2, 5],
    10: [2, 6],
  };
  return new Set(layouts[width] ?? []);
}

/**
 * A flight's seats as a cabin plan: rows down, seat letters across, each seat marked with its fare
 * class and whether it is free, held or booked. A table, so a screen reader can move by row and letter.
 */
export function SeatMapView({
  seatMap,
  fareClassNames,
  caption,
}: {
  seatMap: SeatMap;
  /** Fare class code → name, in the order the flight lists them (which also picks their colours). */
  fareClassNames: ReadonlyMap<string, string>;
  caption: string;
}) {
  const seats = [...seatMap.seats].sort((a, b) => compareSeats(a.seat, b.seat));
  const letters = [...new Set(seats.map((s) => s.seat.replace(/^\d+/, '')))].sort();
  const rows = [...new Set(seats.map((s) => Number.parseInt(s.seat, 10)))].sort((a, b) => a - b);
  const bySeat = new Map(seats.map((s) => [s.seat, s]));
  const classIndex = new Map([...fareClassNames.keys()].map((code, i) => [code, i % 6]));
  const count = (status: SeatStatus) => seats.filter((s) => s.status === status).length;
  const aisles = aislesAfter(letters.length);

  if (seats.length === 0) return <p className="empty-state">This flight has no seats.</p>;
  return (
    <div className="cabin-map">
      <div className="cabin-legend" aria-label="Legend" role="group">
        {[...fareClassNames].map(([code, name]) => (
          <span key={code} className="legend-item">
            <span className={`cabin-swatch cabin-fare-${classIndex.get(code) ?? 0}`} aria-hidden="true" />
            {name} ({code})
          </span>
        ))}
        <span className="legend-item">
          <span className="cabin-swatch cabin-held" aria-hidden="true" />
          Held ({count('held')})
        </span>
        <span className="legend-item">
          <span className="cabin-swatch cabin-booked" aria-hidden="true" />
          Booked ({count('booked')})
        </span>
        <span className="legend-item muted">Free: {count('available')}</span>
      </div>
      <div className="cabin-scroll">
        <table className="cabin-table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              {letters.map((letter, i) => (
                <Fragment key={letter}>
                  <th scope="col">{letter}</th>
                  {aisles.has(i) ? <td className="cabin-aisle" aria-hidden="true" /> : null}
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row}>
                <th scope="row">{row}</th>
                {letters.map((letter, i) => {
                  const seat = bySeat.get(`${row}${letter}`);
                  const aisle = aisles.has(i) ? <td className="cabin-aisle" aria-hidden="true" /> : null;
                  if (!seat) {
                    return (
                      <Fragment key={letter}>
                        <td className="cabin-none" />
                        {aisle}
                      </Fragment>
                    );
                  }
                  const fareName = fareClassNames.get(seat.fareClass) ?? seat.fareClass;
                  return (
                    <Fragment key={letter}>
                      <td>
                        <span
                          className={`cabin-seat cabin-fare-${classIndex.get(seat.fareClass) ?? 0} cabin-${seat.status}`}
                          title={`${seat.seat}, ${fareName}, ${STATUS_WORDS[seat.status]}`}
                        >
                          <span aria-hidden="true">{seat.status === 'available' ? letter : '×'}</span>
                          <span className="visually-hidden">
                            {seat.seat} {fareName} {STATUS_WORDS[seat.status]}
                          </span>
                        </span>
                      </td>
                      {aisle}
                    </Fragment>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
