import {
  TAX_PER,
  type FieldError,
  type ItemType,
  type SetTaxRulesRequest,
  type TaxRule,
  type TaxRules,
} from '@tripdesk/shared';
import { notFound, validationFailed } from '../errors.ts';
import type { Stores } from '../stores/index.ts';
import type { TaxRulesRepository } from '../stores/tax-rules.ts';
import type { ExtrasOwner } from './extras.ts';

type TaxStores = Pick<Stores, 'taxes' | 'extras'>;

function repoOf(stores: Pick<Stores, 'taxes'>, itemType: ItemType): TaxRulesRepository {
  return itemType === 'hotel'
    ? stores.taxes.hotels
    : itemType === 'flight'
      ? stores.taxes.flights
      : stores.taxes.cars;
}

/** The owner's taxes and fees, for a quote. */
export function ownerTaxRules(stores: Pick<Stores, 'taxes'>, owner: ExtrasOwner): Promise<TaxRule[]> {
  return repoOf(stores, owner.itemType).rules(owner.id);
}

/** The same for a page of search results: one read for every owner in it. */
export async function ownersTaxRules(
  stores: Pick<Stores, 'taxes'>,
  itemType: ItemType,
  ids: readonly string[],
): Promise<(id: string) => TaxRule[]> {
  const rules = await repoOf(stores, itemType).rulesOf(ids);
  return (id) => rules.get(id) ?? [];
}

const OWNER_WORDS: Readonly<Record<ItemType, string>> = {
  hotel: 'Hotel',
  flight: 'Flight',
  car: 'Car location',
};

/** An admin's taxes and fees per hotel, flight and car location. */
export class TaxRulesService {
  readonly #stores: TaxStores;

  constructor(stores: TaxStores) {
    this.#stores = stores;
  }

  async #exists(owner: ExtrasOwner): Promise<void> {
    const repo =
      owner.itemType === 'hotel'
        ? this.#stores.extras.hotels
        : owner.itemType === 'flight'
          ? this.#stores.extras.flights
          : this.#stores.extras.cars;
    if (!(await repo.ownerExists(owner.id))) throw notFound(OWNER_WORDS[owner.itemType]);
  }

  async get(owner: ExtrasOwner): Promise<TaxRules> {
    await this.#exists(owner);
    return { items: await repoOf(this.#stores, owner.itemType).rules(owner.id) };
  }

  async set(owner: ExtrasOwner, req: SetTaxRulesRequest): Promise<TaxRules> {
    await this.#exists(owner);
    const allowed = TAX_PER[owner.itemType];
    const errors: FieldError[] = req.items.flatMap((r, i) =>
      r.per === undefined || allowed.includes(r.per)
        ? []
        : [
            {
              path: `body.items.${i}.per`,
              message: `one of ${allowed.join(', ')} for a ${OWNER_WORDS[owner.itemType].toLowerCase()}`,
            },
          ],
    );
    if (errors.length > 0) {
      throw validationFailed(`The taxes are not valid: ${errors[0]!.path} ${errors[0]!.message}.`, errors);
    }
    return { items: await repoOf(this.#stores, owner.itemType).setRules(owner.id, req.items) };
  }
}
