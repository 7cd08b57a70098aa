import {
  TRAVELLER_AGES,
  type Customer,
  type Traveller,
  type TravellerKind,
  type TravellerRequest,
} from '@tripdesk/shared';

/** One row of the travellers editor, as typed. */
export interface TravellerDraft {
  /** Set for a traveller already on the trip: items refer to it. */
  readonly id?: string;
  readonly name: string;
  readonly kind: TravellerKind;
  readonly age: string;
  /** Kept as they were: the editor does not show them. */
  readonly dateOfBirth?: string;
  readonly document?: Traveller['document'];
}

export const KIND_WORDS: Readonly<Record<TravellerKind, string>> = {
  adult: 'Adult',
  child: 'Child',
  infant: 'Infant',
};

export const emptyDraft = (kind: TravellerKind = 'adult'): TravellerDraft => ({ name: '', kind, age: '' });

/** The trip's travellers as rows; a trip without any starts with its customer as the lead. */
export function draftsOf(travellers: readonly Traveller[] | undefined, customer: Customer): TravellerDraft[] {
  if (!travellers || travellers.length === 0) return [{ name: customer.name, kind: 'adult', age: '' }];
  return travellers.map((t) => ({
    id: t.id,
    name: t.name,
    kind: t.kind,
    age: t.age === undefined ? '' : String(t.age),
    ...(t.dateOfBirth ? { dateOfBirth: t.dateOfBirth } : {}),
    ...(t.document ? { document: t.document } : {}),
  }));
}

/**
 * The rows as the API takes them, the first the lead with the customer's contact; or the first thing to
 * correct, with the row it is on. Empty rows after the first are left out.
 */
export function travellerRequests(
  drafts: readonly TravellerDraft[],
  contact: Pick<Customer, 'email' | 'phone'>,
): { travellers: TravellerRequest[] } | { problem: string; row: number } {
  const rows = drafts.filter((d, i) => i === 0 || d.name.trim() !== '' || d.kind !== 'adult' || d.age !== '');
  const travellers: TravellerRequest[] = [];
  for (const [i, d] of rows.entries()) {
    const name = d.name.trim();
    if (name === '') return { problem: `Enter the name of traveller ${i + 1}.`, row: i };
    const range = TRAVELLER_AGES[d.kind];
    const age = d.age.trim() === '' ? undefined : Number(d.age);
    if (d.kind !== 'adult' && age === undefined) {
      return {
        problem: `Enter ${name}’s age (${range.min} to ${range.max} for ${d.kind === 'child' ? 'a child' : 'an infant'}).`,
        row: i,
      };
    }
    if (age !== undefined && (!Number.isInteger(age) || age < range.min || age > range.max)) {
      return {
        problem: `${name}: ${KIND_WORDS[d.kind].toLowerCase()}s are ${range.min} to ${range.max} years old.`,
        row: i,
      };
    }
    if (i === 0 && d.kind !== 'adult')
      return { problem: 'The first traveller, the lead, is an adult.', row: 0 };
    travellers.push({
      ...(d.id ? { id: d.id } : {}),
      name,
      kind: d.kind,
      ...(age !== undefined ? { age } : {}),
      ...(d.dateOfBirth ? { dateOfBirth: d.dateOfBirth } : {}),
      ...(d.document ? { document: d.document } : {}),
      ...(i === 0 ? { email: contact.email, ...(contact.phone ? { phone: contact.phone } : {}) } : {}),
    });
  }
  return { travellers };
}

/** Who takes a bed: adults and children (an infant shares). */
export function guestsOf(travellers: readonly Traveller[] | undefined): number {
  return (travellers ?? []).filter((t) => t.kind !== 'infant').length;
}

/** "Ann Lee, adult" / "Cy Lee, child 7" */
export function travellerLabel(t: Pick<Traveller, 'name' | 'kind' | 'age'>): string {
  return t.kind === 'adult' ? t.name : `${t.name}, ${t.kind} ${t.age ?? ''}`.trim();
}
