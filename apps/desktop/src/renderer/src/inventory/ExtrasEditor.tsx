import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EXTRA_BASES,
  toDecimalString,
  type ExtraBasis,
  type ExtraOffer,
  type ExtrasCatalog,
  type ItemType,
} from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { inventoryKeys } from '../api/query-keys.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { CodeAndNameCells, ListMessages, RemoveCell, rowErrorsOf } from './catalog-rows.tsx';
import { readMoney } from '../ui/MoneyField.tsx';

/** What one unit of an extra is, in the words of each item type. */
export const BASIS_WORDS: Readonly<Record<ItemType, Partial<Record<ExtraBasis, string>>>> = {
  hotel: {
    'person-night': 'per guest per night',
    person: 'per guest, once',
    night: 'per room per night',
    stay: 'per room, once',
  },
  flight: { person: 'per passenger', stay: 'per booking' },
  car: { day: 'per rental day', stay: 'per rental' },
};

interface Draft {
  readonly key: number;
  code: string;
  name: string;
  basis: ExtraBasis;
  amount: string;
  currency: string;
  max: string;
}

const toDraft = (e: ExtraOffer, key: number): Draft => ({
  key,
  code: e.code,
  name: e.name,
  basis: e.basis,
  amount: toDecimalString(e.price),
  currency: e.price.currency,
  max: e.maxQuantity === undefined ? '' : String(e.maxQuantity),
});

/** Whether an extra of this basis has a limit of its own (the others are bounded by people or rooms). */
const hasOwnLimit = (type: ItemType, basis: ExtraBasis) =>
  basis === 'day' || (basis === 'stay' && type !== 'hotel');

type Owner =
  | { readonly itemType: 'hotel'; readonly id: string }
  | { readonly itemType: 'flight'; readonly id: string }
  | { readonly itemType: 'car'; readonly id: string };

function fetchCatalog(owner: Owner): Promise<ExtrasCatalog> {
  switch (owner.itemType) {
    case 'hotel':
      return call('getHotelExtras', { params: { hotelId: owner.id } });
    case 'flight':
      return call('getFlightExtras', { params: { flightId: owner.id } });
    case 'car':
      return call('getCarLocationExtras', { params: { code: owner.id } });
  }
}

function saveCatalog(owner: Owner, items: ExtraOffer[]): Promise<ExtrasCatalog> {
  const body = { items };
  switch (owner.itemType) {
    case 'hotel':
      return call('setHotelExtras', { params: { hotelId: owner.id }, body });
    case 'flight':
      return call('setFlightExtras', { params: { flightId: owner.id }, body });
    case 'car':
      return call('setCarLocationExtras', { params: { code: owner.id }, body });
  }
}

function resetCatalog(owner: Owner): Promise<ExtrasCatalog> {
  switch (owner.itemType) {
    case 'hotel':
      return call('resetHotelExtras', { params: { hotelId: owner.id } });
    case 'flight':
      return call('resetFlightExtras', { params: { flightId: owner.id } });
    case 'car':
      return call('resetCarLocationExtras', { params: { code: owner.id } });
  }
}

/**
 * The extras a hotel, flight or car location sells, as an admin edits them: a row per extra (code,
 * name, what one unit is, price, limit), saved as a whole; "Built-in list" gives the defaults back.
 * Items already held or sold keep what they were sold with.
 */
export function ExtrasEditor({ owner, title }: { owner: Owner; title: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const key = inventoryKeys.extras(owner.itemType, owner.id);
  const catalog = useQuery({ queryKey: key, queryFn: () => fetchCatalog(owner) });
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [nextKey, setNextKey] = useState(1000);

  // The form starts from the saved list, and again after each save or reset.
  useEffect(() => {
    if (catalog.data) setDrafts(catalog.data.items.map(toDraft));
  }, [catalog.data]);

  const saved = (result: ExtrasCatalog, words: string) => {
    queryClient.setQueryData(key, result);
    // Searches offer the new list from now on.
    void queryClient.invalidateQueries({ queryKey: ['availability'] });
    setErrors({});
    setNotice(words);
  };
  const save = useMutation<ExtrasCatalog, ApiError, ExtraOffer[]>({
    mutationFn: (items) => saveCatalog(owner, items),
    onSuccess: (result) =>
      saved(
        result,
        `Saved: ${result.items.length} ${result.items.length === 1 ? 'extra' : 'extras'} on sale from now.`,
      ),
    onError: (error) => setErrors(rowErrorsOf(error)),
  });
  const reset = useMutation<ExtrasCatalog, ApiError>({
    mutationFn: () => resetCatalog(owner),
    onSuccess: (result) => saved(result, 'Back to the built-in list.'),
  });

  const bases = EXTRA_BASES[owner.itemType];
  const update = (key: number, change: Partial<Draft>) =>
    setDrafts((list) => list?.map((d) => (d.key === key ? { ...d, ...change } : d)) ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!drafts || save.isPending) return;
    const found: Record<string, string> = {};
    const items: ExtraOffer[] = [];
    const codes = new Set<string>();
    drafts.forEach((d, i) => {
      const code = d.code.trim();
      if (!/^[a-z][a-z0-9_-]{0,39}$/.test(code)) found[`${i}.code`] = 'Lowercase letters, digits, _ or -.';
      else if (codes.has(code)) found[`${i}.code`] = `${code} is listed twice.`;
      codes.add(code);
      if (d.name.trim() === '') found[`${i}.name`] = 'Enter the name the desk sees.';
      const price = readMoney(d.amount, d.currency);
      if (typeof price === 'string') found[`${i}.amount`] = price;
      const max = d.max.trim() === '' ? undefined : Number(d.max);
      if (max !== undefined && !(Number.isInteger(max) && max >= 1 && max <= 20))
        found[`${i}.max`] = 'A whole number from 1 to 20.';
      if (typeof price !== 'string') {
        items.push({
          code,
          name: d.name.trim(),
          basis: d.basis,
          price,
          ...(max !== undefined && hasOwnLimit(owner.itemType, d.basis) ? { maxQuantity: max } : {}),
        });
      }
    });
    setErrors(found);
    setNotice(null);
    if (Object.keys(found).length > 0) {
      document.getElementById(`${id}-${Object.keys(found)[0]!.replace('.', '-')}`)?.focus();
      return;
    }
    save.mutate(items);
  };

  const field = (i: number, name: string) => `${id}-${i}-${name}`;
  const err = (i: number, name: string) => errors[`${i}.${name}`];
  const defaultCurrency = catalog.data?.items[0]?.price.currency ?? 'USD';

  return (
    <section className="panel extras-editor" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {catalog.data ? (
          <span className="muted">
            {catalog.data.custom ? 'Its own list' : 'The built-in list, as every new one gets'}
          </span>
        ) : null}
      </div>
      {catalog.isPending ? <p className="muted">Loading the extras…</p> : null}
      {catalog.isError ? <LoadError error={catalog.error} retry={() => void catalog.refetch()} /> : null}
      {drafts ? (
        <form onSubmit={submit} noValidate aria-label={title}>
          {drafts.length === 0 ? (
            <p className="empty-state">No extras: nothing is offered beside the item. Add one below.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table extras-table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name the desk sees</th>
                    <th scope="col">One unit is</th>
                    <th scope="col" className="num">
                      Price
                    </th>
                    <th scope="col" className="num">
                      Most per hold
                    </th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {drafts.map((d, i) => (
                    <tr key={d.key}>
                      <CodeAndNameCells
                        fieldId={field}
                        index={i}
                        noun="Extra"
                        code={d.code}
                        name={d.name}
                        onChange={(change) => update(d.key, change)}
                        error={err}
                      />
                      <td>
                        <select
                          aria-label={`Extra ${i + 1}: one unit is`}
                          value={d.basis}
                          onChange={(e) => update(d.key, { basis: e.target.value as ExtraBasis })}
                        >
                          {bases.map((b) => (
                            <option key={b} value={b}>
                              {BASIS_WORDS[owner.itemType][b]}
                            </option>
                          ))}
                        </select>
                        {err(i, 'basis') ? <span className="field-error">{err(i, 'basis')}</span> : null}
                      </td>
                      <td className="num">
                        <span className="money-input">
                          <input
                            id={field(i, 'amount')}
                            inputMode="decimal"
                            aria-label={`Extra ${i + 1} price`}
                            value={d.amount}
                            onChange={(e) => update(d.key, { amount: e.target.value })}
                            aria-invalid={err(i, 'amount') ? true : undefined}
                          />
                          <span className="muted">{d.currency}</span>
                        </span>
                        {err(i, 'amount') ? <span className="field-error">{err(i, 'amount')}</span> : null}
                      </td>
                      <td className="num">
                        {hasOwnLimit(owner.itemType, d.basis) ? (
                          <input
                            id={field(i, 'max')}
                            className="extras-max"
                            inputMode="numeric"
                            aria-label={`Extra ${i + 1}: most per hold`}
                            placeholder="1"
                            value={d.max}
                            onChange={(e) => update(d.key, { max: e.target.value })}
                            aria-invalid={err(i, 'max') ? true : undefined}
                          />
                        ) : (
                          <span className="muted">
                            {d.basis.startsWith('person')
                              ? owner.itemType === 'flight'
                                ? 'one each'
                                : 'one per guest'
                              : 'one per room'}
                          </span>
                        )}
                        {err(i, 'max') ? <span className="field-error">{err(i, 'max')}</span> : null}
                      </td>
                      <RemoveCell
                        label={`Remove ${d.name || `extra ${i + 1}`}`}
                        onRemove={() => setDrafts((list) => list?.filter((x) => x.key !== d.key) ?? null)}
                      />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={drafts.length >= 20}
              onClick={() => {
                setDrafts((list) => [
                  ...(list ?? []),
                  {
                    key: nextKey,
                    code: '',
                    name: '',
                    basis: bases[0]!,
                    amount: '',
                    currency: defaultCurrency,
                    max: '',
                  },
                ]);
                setNextKey((k) => k + 1);
                setTimeout(() => document.getElementById(field(drafts.length, 'code'))?.focus(), 0);
              }}
            >
              Add extra
            </button>
            <button type="submit" className="button button-primary" aria-busy={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save extras'}
            </button>
            {catalog.data?.custom ? (
              <button
                type="button"
                className="button button-quiet"
                aria-busy={reset.isPending}
                onClick={() => reset.mutate()}
              >
                Back to the built-in list
              </button>
            ) : null}
          </div>
          <p className="field-hint">
            Prices are for one unit. Saved extras are offered from the next search on; items already held or
            sold keep theirs.
          </p>
          <ListMessages
            failures={[
              save.isError && Object.keys(errors).length === 0 ? save.error.message : null,
              reset.isError ? reset.error.message : null,
            ]}
            notice={notice}
          />
        </form>
      ) : null}
    </section>
  );
}
