import type { CancellationPolicy, ItemType, OfferedExtra, TaxLine } from '@tripdesk/shared';
import { EXTRAS_BY_TYPE } from '../trip-builder/extras-catalogue.ts';
import { formatMoney } from '../ui/formats.ts';
import { taxesInWords } from '../ui/tax-words.ts';
import { policyInWords, policyTag, type PolicyContext } from '../ui/policy-words.ts';

/**
 * The terms of one search result, in its Terms cell: the cancellation policy in words (coloured by how
 * much comes back), the taxes and fees (added ones first: they change what is paid) and the extras on
 * sale with their prices for this offer.
 */
export function OfferTerms({
  itemType,
  policy,
  context,
  extras,
  taxes,
}: {
  itemType: ItemType;
  policy: CancellationPolicy | undefined;
  context?: PolicyContext;
  extras: readonly OfferedExtra[] | undefined;
  taxes?: readonly TaxLine[] | undefined;
}) {
  return (
    <>
      {policy ? (
        <span className={`policy policy-${policyTag(policy)}`}>{policyInWords(policy, context)}</span>
      ) : (
        <span className="muted">Terms when held</span>
      )}
      {taxes && taxes.length > 0 ? <span className="cell-sub offer-taxes">{taxesInWords(taxes)}</span> : null}
      {extras && extras.length > 0 ? (
        <span className="cell-sub">
          {extras.map((e) => `${extraName(itemType, e)} ${formatMoney(e.price)}`).join(' · ')}
        </span>
      ) : null}
    </>
  );
}

/**
 * The extras every row offers at the same prices (a flight search's bags and insurance, a rental's
 * child seat), or null when they differ; when the same, they are said once under the table, not on every row.
 */
export function sameExtras(rows: readonly { extras?: readonly OfferedExtra[] | undefined }[]) {
  const first = rows[0]?.extras;
  if (!first || first.length === 0) return null;
  const key = JSON.stringify(first);
  return rows.every((r) => JSON.stringify(r.extras) === key) ? first : null;
}

/** "Extras with every offer: Child seat $36.00 · Additional driver $45.00", under a table of offers. */
export function ExtrasNote({ itemType, extras }: { itemType: ItemType; extras: readonly OfferedExtra[] }) {
  return (
    <p className="muted table-count extras-note">
      Extras with every offer:{' '}
      {extras.map((e) => `${extraName(itemType, e)} ${formatMoney(e.price)}`).join(' · ')}
    </p>
  );
}

/** The desk's short name of an extra ("Breakfast"), the server's otherwise. */
function extraName(itemType: ItemType, extra: OfferedExtra): string {
  return EXTRAS_BY_TYPE[itemType].find((o) => o.code === extra.code)?.name ?? extra.name;
}

/** "★★★★" read as "4 stars". */
export function Stars({ stars }: { stars: number }) {
  return (
    <span className="stars" role="img" aria-label={`${stars} ${stars === 1 ? 'star' : 'stars'}`}>
      {'★'.repeat(stars)}
    </span>
  );
}

/**
 * The first few amenities as chips, those searched for first, the rest counted (named in the tooltip
 * and to screen readers).
 */
export function AmenityChips({
  amenities,
  first = [],
  shown = 4,
}: {
  amenities: readonly string[];
  /** Amenities the search asked for, any case: listed first. */
  first?: readonly string[] | undefined;
  shown?: number;
}) {
  if (amenities.length === 0) return null;
  const wanted = new Set(first.map((a) => a.toLowerCase()));
  const ordered = [
    ...amenities.filter((a) => wanted.has(a.toLowerCase())),
    ...amenities.filter((a) => !wanted.has(a.toLowerCase())),
  ];
  const rest = ordered.slice(shown);
  return (
    <ul className="amenity-chips" aria-label="Amenities">
      {ordered.slice(0, shown).map((a) => (
        <li key={a} className={wanted.has(a.toLowerCase()) ? 'amenity-chip amenity-wanted' : 'amenity-chip'}>
          {a}
        </li>
      ))}
      {rest.length > 0 ? (
        <li className="amenity-chip amenity-more" title={rest.join(', ')}>
          <span aria-hidden="true">+{rest.length}</span>
          <span className="visually-hidden">{rest.join(', ')}</span>
        </li>
      ) : null}
    </ul>
  );
}
