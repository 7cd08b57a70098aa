import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TAX_PER, toDecimalString, type TaxPer, type TaxRule, type TaxRules } from '@tripdesk/shared';
import type { ApiError } from '../api/api-error.ts';
import { call } from '../api/call.ts';
import { inventoryKeys } from '../api/query-keys.ts';
import { LoadError } from '../ui/LoadError.tsx';
import { CodeAndNameCells, ListMessages, RemoveCell, rowErrorsOf } from './catalog-rows.tsx';
import { readMoney } from '../ui/MoneyField.tsx';

type Owner =
  | { readonly itemType: 'hotel'; readonly id: string }
  | { readonly itemType: 'flight'; readonly id: string }
  | { readonly itemType: 'car'; readonly id: string };

/** What a fixed fee counts over, in each item type's words. */
const PER_WORDS: Readonly<Record<Owner['itemType'], Partial<Record<TaxPer, string>>>> = {
  hotel: {
    'person-night': 'per guest per night',
    person: 'per guest',
    night: 'per room per night',
    booking: 'per room for the stay',
  },
  flight: { person: 'per passenger', booking: 'per booking' },
  car: { booking: 'per rental', day: 'per rental day' },
};

interface Draft {
  readonly key: number;
  code: string;
  name: string;
  kind: 'percent' | 'fee';
  percent: string;
  included: boolean;
  amount: string;
  currency: string;
  per: TaxPer;
}

function fetchTaxes(owner: Owner): Promise<TaxRules> {
  switch (owner.itemType) {
    case 'hotel':
      return call('getHotelTaxes', { params: { hotelId: owner.id } });
    case 'flight':
      return call('getFlightTaxes', { params: { flightId: owner.id } });
    case 'car':
      return call('getCarLocationTaxes', { params: { code: owner.id } });
  }
}

function saveTaxes(owner: Owner, items: TaxRule[]): Promise<TaxRules> {
  const body = { items };
  switch (owner.itemType) {
    case 'hotel':
      return call('setHotelTaxes', { params: { hotelId: owner.id }, body });
    case 'flight':
      return call('setFlightTaxes', { params: { flightId: owner.id }, body });
    case 'car':
      return call('setCarLocationTaxes', { params: { code: owner.id }, body });
  }
}

/**
 * The taxes and fees of a hotel, flight or car location, as an admin edits them: a percentage of the
 * price (included, like VAT, or added) or a fixed fee counted per guest, night, booking or day. Saved
 * as a whole; quotes and holds use them from then on, items sold before keep theirs.
 */
export function TaxesEditor({
  owner,
  title,
  currency,
}: {
  owner: Owner;
  title: string;
  /** The currency fixed fees are in: the owner's prices'. */
  currency: string;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const key = inventoryKeys.taxes(owner.itemType, owner.id);
  const taxes = useQuery({ queryKey: key, queryFn: () => fetchTaxes(owner) });
  const pers = TAX_PER[owner.itemType];
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!taxes.data) return;
    setDrafts(
      taxes.data.items.map((r, i) => ({
        key: -1 - i,
        code: r.code,
        name: r.name,
        kind: r.percent !== undefined ? 'percent' : 'fee',
        percent: r.percent !== undefined ? String(r.percent) : '',
        included: r.included === true,
        amount: r.amount ? toDecimalString(r.amount) : '',
        currency: r.amount?.currency ?? currency,
        per: r.per ?? pers[0]!,
      })),
    );
  }, [taxes.data, currency, pers]);

  const save = useMutation<TaxRules, ApiError, TaxRule[]>({
    mutationFn: (items) => saveTaxes(owner, items),
    onSuccess: (result) => {
      queryClient.setQueryData(key, result);
      void queryClient.invalidateQueries({ queryKey: ['availability'] });
      setErrors({});
      setNotice(
        result.items.length === 0
          ? 'Saved: no taxes or fees.'
          : `Saved: ${result.items.length} ${result.items.length === 1 ? 'tax or fee' : 'taxes and fees'}, quoted from now on.`,
      );
    },
    onError: (error) => setErrors(rowErrorsOf(error)),
  });

  const update = (k: number, change: Partial<Draft>) =>
    setDrafts((list) => list?.map((d) => (d.key === k ? { ...d, ...change } : d)) ?? null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!drafts || save.isPending) return;
    const found: Record<string, string> = {};
    const items: TaxRule[] = [];
    const codes = new Set<string>();
    drafts.forEach((d, i) => {
      const code = d.code.trim();
      if (!/^[a-z][a-z0-9_-]{0,39}$/.test(code)) found[`${i}.code`] = 'Lowercase letters, digits, _ or -.';
      else if (codes.has(code)) found[`${i}.code`] = `${code} is listed twice.`;
      codes.add(code);
      if (d.name.trim() === '') found[`${i}.name`] = 'Enter the name the invoice shows.';
      if (d.kind === 'percent') {
        const p = Number(d.percent.trim().replace(',', '.'));
        if (!(p > 0 && p <= 50) || !/^\d+([.,]\d{1,2})?$/.test(d.percent.trim()))
          found[`${i}.percent`] = 'A percentage above 0 and at most 50, two decimals at most.';
        else items.push({ code, name: d.name.trim(), percent: p, included: d.included });
      } else {
        const amount = readMoney(d.amount, d.currency);
        if (typeof amount === 'string') found[`${i}.amount`] = amount;
        else items.push({ code, name: d.name.trim(), amount, per: d.per });
      }
    });
    setErrors(found);
    setNotice(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${id}-${first.replace('.', '-')}`)?.focus();
      return;
    }
    save.mutate(items);
  };

  const err = (i: number, name: string) => errors[`${i}.${name}`];
  const fieldId = (i: number, name: string) => `${id}-${i}-${name}`;

  return (
    <section className="panel extras-editor" aria-labelledby={`${id}-title`}>
      <div className="section-head">
        <h2 id={`${id}-title`}>{title}</h2>
      </div>
      {taxes.isPending ? <p className="muted">Loading the taxes…</p> : null}
      {taxes.isError ? <LoadError error={taxes.error} retry={() => void taxes.refetch()} /> : null}
      {drafts ? (
        <form onSubmit={submit} noValidate aria-label={title}>
          {drafts.length === 0 ? (
            <p className="empty-state">No taxes or fees: prices are quoted as they are. Add one below.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table extras-table">
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Name on the invoice</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Rate or fee
                    </th>
                    <th scope="col">Applies</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {drafts.map((d, i) => (
                    <tr key={d.key}>
                      <CodeAndNameCells
                        fieldId={fieldId}
                        index={i}
                        noun="Tax"
                        code={d.code}
                        name={d.name}
                        onChange={(change) => update(d.key, change)}
                        error={err}
                      />
                      <td>
                        <select
                          aria-label={`Tax ${i + 1} kind`}
                          value={d.kind}
                          onChange={(e) => update(d.key, { kind: e.target.value as Draft['kind'] })}
                        >
                          <option value="percent">Percentage of the price</option>
                          <option value="fee">Fixed fee</option>
                        </select>
                      </td>
                      <td className="num">
                        {d.kind === 'percent' ? (
                          <span className="money-input">
                            <input
                              id={fieldId(i, 'percent')}
                              inputMode="decimal"
                              aria-label={`Tax ${i + 1} percent`}
                              value={d.percent}
                              onChange={(e) => update(d.key, { percent: e.target.value })}
                              aria-invalid={err(i, 'percent') ? true : undefined}
                            />
                            <span className="muted">%</span>
                          </span>
                        ) : (
                          <span className="money-input">
                            <input
                              id={fieldId(i, 'amount')}
                              inputMode="decimal"
                              aria-label={`Tax ${i + 1} fee`}
                              value={d.amount}
                              onChange={(e) => update(d.key, { amount: e.target.value })}
                              aria-invalid={err(i, 'amount') ? true : undefined}
                            />
                            <span className="muted">{d.currency}</span>
                          </span>
                        )}
                        {err(i, 'percent') ? <span className="field-error">{err(i, 'percent')}</span> : null}
                        {err(i, 'amount') ? <span className="field-error">{err(i, 'amount')}</span> : null}
                      </td>
                      <td>
                        {d.kind === 'percent' ? (
                          <label className="checkbox-line">
                            <input
                              type="checkbox"
                              checked={d.included}
                              onChange={(e) => update(d.key, { included: e.target.checked })}
                            />
                            Included in the price
                          </label>
                        ) : (
                          <select
                            aria-label={`Tax ${i + 1} counts`}
                            value={d.per}
                            onChange={(e) => update(d.key, { per: e.target.value as TaxPer })}
                          >
                            {pers.map((p) => (
                              <option key={p} value={p}>
                                {PER_WORDS[owner.itemType][p]}
                              </option>
                            ))}
                          </select>
                        )}
                        {err(i, 'per') ? <span className="field-error">{err(i, 'per')}</span> : null}
                      </td>
                      <RemoveCell
                        label={`Remove ${d.name || `tax ${i + 1}`}`}
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
              disabled={drafts.length >= 10}
              onClick={() => {
                setDrafts((list) => [
                  ...(list ?? []),
                  {
                    key: nextKey,
                    code: '',
                    name: '',
                    kind: 'percent',
                    percent: '',
                    included: owner.itemType === 'hotel',
                    amount: '',
                    currency,
                    per: pers[0]!,
                  },
                ]);
                setNextKey((k) => k + 1);
                setTimeout(() => document.getElementById(fieldId(drafts.length, 'code'))?.focus(), 0);
              }}
            >
              Add tax or fee
            </button>
            <button type="submit" className="button button-primary" aria-busy={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save taxes'}
            </button>
          </div>
          <p className="field-hint">
            A percentage is of the price with extras. Quotes and holds use these from now on; items held or
            sold before keep the taxes they were sold with.
          </p>
          <ListMessages
            failures={[save.isError && Object.keys(errors).length === 0 ? save.error.message : null]}
            notice={notice}
          />
        </form>
      ) : null}
    </section>
  );
}
