import {
  dateOfBirthProblem,
  EARLIEST_BIRTH_DATE,
  TRAVELLER_AGES,
  TravelDocumentSchema,
  type CalendarDate,
  type Customer,
  type Traveller,
  type TravelDocument,
  type TravellerKind,
  type TravellerRequest,
} from '@tripdesk/shared';
import { DOCUMENT_WORDS } from './travel-documents.ts';

/** A travel document as typed: every field text, empty until filled. */
export interface DocumentDraft {
  readonly type: TravelDocument['type'];
  readonly number: string;
  readonly country: string;
  /** ISO `yyyy-mm-dd`, or '' (the date field sends '' while its text is not a date). */
  readonly expiry: string;
}

/** One row of the travellers editor, as typed. */
export interface TravellerDraft {
  /** Set for a traveller already on the trip: items refer to it. */
  readonly id?: string;
  readonly name: string;
  readonly kind: TravellerKind;
  readonly age: string;
  /** ISO `yyyy-mm-dd`, or ''. */
  readonly dateOfBirth: string;
  readonly document: DocumentDraft;
  /** The row's date of birth and document are shown (its "Documents" disclosure is open). */
  readonly papersOpen?: boolean;
  /** Text typed in a date field that is not a date it takes (the field sends '' for it). */
  readonly unreadable?: { readonly dateOfBirth?: boolean; readonly expiry?: boolean };
}

export const KIND_WORDS: Readonly<Record<TravellerKind, string>> = {
  adult: 'Adult',
  child: 'Child',
  infant: 'Infant',
};

const NO_DOCUMENT: DocumentDraft = { type: 'passport', number: '', country: '', expiry: '' };

export const emptyDraft = (kind: TravellerKind = 'adult'): TravellerDraft => ({
  name: '',
  kind,
  age: '',
  dateOfBirth: '',
  document: NO_DOCUMENT,
});

/** Something typed in the row's date of birth or document. */
export function hasPapers(d: Pick<TravellerDraft, 'dateOfBirth' | 'document' | 'unreadable'>): boolean {
  return d.dateOfBirth !== '' || hasDocument(d.document) || d.unreadable?.dateOfBirth === true;
}

function hasDocument(d: DocumentDraft, expiryTyped = false): boolean {
  return d.number.trim() !== '' || d.country.trim() !== '' || d.expiry !== '' || expiryTyped;
}

/** The trip's travellers as rows; a trip without any starts with its customer as the lead. */
export function draftsOf(travellers: readonly Traveller[] | undefined, customer: Customer): TravellerDraft[] {
  if (!travellers || travellers.length === 0) return [{ ...emptyDraft(), name: customer.name }];
  return travellers.map((t) => ({
    id: t.id,
    name: t.name,
    kind: t.kind,
    age: t.age === undefined ? '' : String(t.age),
    dateOfBirth: t.dateOfBirth ?? '',
    document: t.document ?? NO_DOCUMENT,
  }));
}

/** The rows with one row's documents shown (where a problem was found). */
export function openPapers(drafts: readonly TravellerDraft[], row: number): TravellerDraft[] {
  return drafts.map((d, i) => (i === row ? { ...d, papersOpen: true } : d));
}

/** What to correct, the row it is on, and whether it is in the row's documents (to open them). */
export interface DraftProblem {
  readonly problem: string;
  readonly row: number;
  readonly papers?: boolean;
}

/**
 * The rows as the API takes them, the first the lead with the customer's contact; or the first thing to
 * correct, with the row it is on. Empty rows after the first are left out. `today` is the desk's date:
 * a date of birth after it, or one that disagrees with the kind or the age, is refused here as the
 * server would.
 */
export function travellerRequests(
  drafts: readonly TravellerDraft[],
  contact: Pick<Customer, 'email' | 'phone'>,
  today: CalendarDate,
): { travellers: TravellerRequest[] } | DraftProblem {
  const travellers: TravellerRequest[] = [];
  // `i` is the row's place in the editor (its labels say "Traveller 3"), empty rows skipped.
  for (const [i, d] of drafts.entries()) {
    if (i > 0 && d.name.trim() === '' && d.kind === 'adult' && d.age === '' && !hasPapers(d)) continue;
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
    const kindOfDocument = DOCUMENT_WORDS[d.document.type].toLowerCase();
    if (d.unreadable?.dateOfBirth) {
      return { problem: `Correct ${name}’s date of birth, or clear it.`, row: i, papers: true };
    }
    if (d.unreadable?.expiry) {
      return {
        problem: `Correct the expiry date of ${name}’s ${kindOfDocument}, or clear it.`,
        row: i,
        papers: true,
      };
    }
    if (d.dateOfBirth) {
      const problem =
        d.dateOfBirth < EARLIEST_BIRTH_DATE
          ? `must be ${EARLIEST_BIRTH_DATE.slice(0, 4)} or later`
          : dateOfBirthProblem({ kind: d.kind, age, dateOfBirth: d.dateOfBirth }, today);
      if (problem) return { problem: `${name}’s date of birth ${problem}.`, row: i, papers: true };
    }
    let document: TravelDocument | undefined;
    if (hasDocument(d.document, d.unreadable?.expiry)) {
      const parsed = TravelDocumentSchema.safeParse(d.document);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'number');
        const kind = kindOfDocument;
        const problem =
          field === 'country'
            ? `Enter the country of ${name}’s ${kind} as two letters, e.g. GB.`
            : field === 'expiry'
              ? `Enter the expiry date of ${name}’s ${kind}.`
              : `Enter ${name}’s ${kind} number: 3 to 20 letters and digits.`;
        return { problem, row: i, papers: true };
      }
      document = parsed.data;
    }
    travellers.push({
      ...(d.id ? { id: d.id } : {}),
      name,
      kind: d.kind,
      ...(age !== undefined ? { age } : {}),
      ...(d.dateOfBirth ? { dateOfBirth: d.dateOfBirth } : {}),
      ...(document ? { document } : {}),
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
