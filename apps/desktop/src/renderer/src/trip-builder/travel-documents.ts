import type { CalendarDate, Traveller, TravelDocument } from '@tripdesk/shared';
import { formatLongDate } from '../ui/formats.ts';

/** Travel documents and dates of birth in the desk's words: the trip's travellers list, the seat dialog. */

export const DOCUMENT_WORDS: Readonly<Record<TravelDocument['type'], string>> = {
  passport: 'Passport',
  id_card: 'ID card',
};

/** "Passport GB X1234567Q, expires Thu 1 May 2031" */
export function documentInWords(d: TravelDocument): string {
  return `${DOCUMENT_WORDS[d.type]} ${d.country} ${d.number}, expires ${formatLongDate(d.expiry)}`;
}

/** "born Fri 3 Feb 1984 · Passport GB X1234567Q, expires Thu 1 May 2031", or '' with neither. */
export function travellerPapers(t: Pick<Traveller, 'dateOfBirth' | 'document'>): string {
  return [
    t.dateOfBirth ? `born ${formatLongDate(t.dateOfBirth)}` : '',
    t.document ? documentInWords(t.document) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * A sentence for each passenger whose document runs out before the flight leaves (on the origin's
 * calendar): the desk is warned, not stopped, since the customer may bring a new one.
 */
export function expiringDocuments(
  passengers: readonly (Pick<Traveller, 'name' | 'document'> | undefined)[],
  departureDate: CalendarDate,
): string[] {
  return passengers.flatMap((t) =>
    t?.document && t.document.expiry < departureDate
      ? [
          `${t.name}’s ${DOCUMENT_WORDS[t.document.type].toLowerCase()} expires on ` +
            `${formatLongDate(t.document.expiry)}, before this flight on ${formatLongDate(departureDate)}.`,
        ]
      : [],
  );
}
