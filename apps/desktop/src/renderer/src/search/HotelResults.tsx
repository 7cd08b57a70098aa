import { daysBetween, type HotelAvailabilityRow } from '@tripdesk/shared';
import { formatMoney, formatStay, plural } from '../ui/formats.ts';
import type { PolicyContext } from '../ui/policy-words.ts';
import type { HotelSearchParams } from './search-queries.ts';
import { MoreResultsNote } from './search-form.tsx';
import { AmenityChips, ExtrasNote, OfferTerms, sameExtras, Stars } from './OfferTerms.tsx';

/** How a stay's policy reads: its deadline in hotel time, its fee the first night. */
export function hotelPolicyContext(row: HotelAvailabilityRow): PolicyContext {
  return row.timezone ? { timeZone: row.timezone, zoneName: 'hotel time', feeName: 'first night' } : {};
}

/** The room types free for a hotel search, each with its price, terms and extras, and a way to hold it. */
export function HotelResults({
  rows,
  params,
  where,
  total,
  onHold,
}: {
  rows: readonly HotelAvailabilityRow[];
  params: HotelSearchParams;
  /** The city, or the hotel the search was narrowed to. */
  where: string | undefined;
  total: number | undefined;
  onHold: (row: HotelAvailabilityRow) => void;
}) {
  const nights = daysBetween(params.checkIn, params.checkOut);
  const shared = sameExtras(rows);
  return (
    <div className="table-wrap">
      <table className="data-table results-table">
        <caption className="visually-hidden">
          Free rooms in {where}, {formatStay(params.checkIn, params.checkOut, 'night')}
        </caption>
        <thead>
          <tr>
            <th scope="col">Hotel and room type</th>
            <th scope="col" className="num">
              Sleeps
            </th>
            <th scope="col" className="num">
              Free
            </th>
            <th scope="col" className="num">
              Per night
            </th>
            <th scope="col" className="num">
              Total, {plural(nights, 'night')}
              {params.rooms > 1 ? ` × ${params.rooms}` : ''}
            </th>
            <th scope="col">Terms</th>
            <th scope="col">
              <span className="visually-hidden">Hold</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.roomTypeId}>
              <td className="cell-hotel">
                <span className="cell-strong">{row.hotelName}</span>{' '}
                {row.stars ? <Stars stars={row.stars} /> : null}
                <span className="cell-line">
                  {row.roomTypeName} <span className="cell-sub-inline">· {row.city}</span>
                </span>
                <AmenityChips amenities={row.amenities ?? []} first={params.amenities} />
              </td>
              <td className="num">{row.maxOccupancy ?? '—'}</td>
              <td className="num">{row.available}</td>
              <td className="num">{formatMoney(row.nightlyRate)}</td>
              <td className="num cell-strong">{formatMoney(row.totalPrice)}</td>
              <td className="cell-terms">
                <OfferTerms
                  itemType="hotel"
                  policy={row.cancellationPolicy}
                  context={hotelPolicyContext(row)}
                  extras={shared ? undefined : row.extras}
                  taxes={row.taxes}
                />
              </td>
              <td className="cell-action">
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Hold ${row.roomTypeName} at ${row.hotelName}`}
                  onClick={() => onHold(row)}
                >
                  Hold
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shared ? <ExtrasNote itemType="hotel" extras={shared} /> : null}
      <MoreResultsNote shown={rows.length} total={total} what="room types" />
    </div>
  );
}
