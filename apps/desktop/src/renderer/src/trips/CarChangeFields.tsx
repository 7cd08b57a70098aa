import { useQuery } from '@tanstack/react-query';
import type { CarItem, ChangeItemRequest } from '@tripdesk/shared';
import { inventoryKeys } from '../api/query-keys.ts';
import { describeCarCategory } from '../search/car-categories.ts';
import { fetchCarLocations } from '../search/search-queries.ts';
import { DateField } from '../ui/DateField.tsx';
import { useDatePair } from '../ui/date-pair.ts';
import { Field } from '../ui/form-field.tsx';
import { formatMoney } from '../ui/formats.ts';

export interface CarDraft {
  category: string;
  pickUp: string;
  dropOff: string;
}

export const carDraftOf = (item: CarItem): CarDraft => ({
  category: item.category,
  pickUp: item.pickUp,
  dropOff: item.dropOff,
});

/** What the clerk changed of a rental, or null when nothing is. */
export function carChange(item: CarItem, draft: CarDraft, payment: object): ChangeItemRequest | null {
  const body = {
    type: 'car' as const,
    ...(draft.category !== item.category ? { category: draft.category } : {}),
    ...(draft.pickUp !== item.pickUp ? { pickUp: draft.pickUp } : {}),
    ...(draft.dropOff !== item.dropOff ? { dropOff: draft.dropOff } : {}),
    ...payment,
  };
  return body.category || body.pickUp || body.dropOff ? body : null;
}

/** Another category or other days at the same station. */
export function CarChangeFields({
  id,
  item,
  draft,
  onDraft,
}: {
  id: string;
  item: CarItem;
  draft: CarDraft;
  onDraft: (change: Partial<CarDraft>) => void;
}) {
  const rental = useDatePair({
    start: draft.pickUp,
    end: draft.dropOff,
    minGap: 1,
    onChange: ({ start, end }) => onDraft({ pickUp: start, dropOff: end }),
  });
  const locations = useQuery({ queryKey: inventoryKeys.carLocations, queryFn: fetchCarLocations });
  const fleet = locations.data?.find((l) => l.code === item.locationCode)?.fleets;
  return (
    <div className="form-grid">
      <Field id={`${id}-cat`} label="Category">
        <select
          id={`${id}-cat`}
          value={draft.category}
          onChange={(e) => onDraft({ category: e.target.value })}
          data-autofocus
        >
          {!fleet ? <option value={item.category}>{item.category}</option> : null}
          {(fleet ?? []).map((f) => (
            <option key={f.category} value={f.category}>
              {f.category} · {describeCarCategory(f.category)} · {formatMoney(f.dailyRate)} a day
            </option>
          ))}
        </select>
      </Field>
      <DateField id={`${id}-pick`} label="Pick-up" {...rental.start} />
      <DateField id={`${id}-drop`} label="Drop-off" {...rental.end} />
    </div>
  );
}
