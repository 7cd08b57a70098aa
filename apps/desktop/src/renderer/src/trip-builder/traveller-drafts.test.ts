import { describe, expect, it } from 'vitest';
import { emptyDraft, travellerRequests, type TravellerDraft } from './traveller-drafts.ts';

const TODAY = '2026-11-21';
const contact = { email: 'ann@example.test' };
const ann: TravellerDraft = { ...emptyDraft(), name: 'Ann Lee' };
const passport = { type: 'passport' as const, number: 'x1234567q', country: 'gb', expiry: '2031-05-01' };

describe('travellerRequests', () => {
  it('sends a date of birth and a document only when given, the document upper case', () => {
    expect(
      travellerRequests(
        [ann, { ...emptyDraft(), name: 'Bo Lee', dateOfBirth: '1984-02-03', document: passport }],
        contact,
        TODAY,
      ),
    ).toEqual({
      travellers: [
        { name: 'Ann Lee', kind: 'adult', email: 'ann@example.test' },
        {
          name: 'Bo Lee',
          kind: 'adult',
          dateOfBirth: '1984-02-03',
          document: { ...passport, number: 'X1234567Q', country: 'GB' },
        },
      ],
    });
  });

  it('refuses, in the row’s documents, a birth that disagrees and a document half typed', () => {
    const cy = { ...emptyDraft('child'), name: 'Cy Lee', age: '7' };
    expect(travellerRequests([ann, { ...cy, dateOfBirth: '2010-06-01' }], contact, TODAY)).toEqual({
      problem: 'Cy Lee’s date of birth says 16 years old, not 7.',
      row: 1,
      papers: true,
    });
    expect(
      travellerRequests([ann, { ...cy, document: { ...passport, country: '' } }], contact, TODAY),
    ).toEqual({
      problem: 'Enter the country of Cy Lee’s passport as two letters, e.g. GB.',
      row: 1,
      papers: true,
    });
    expect(
      travellerRequests([ann, { ...cy, document: { ...passport, expiry: '' } }], contact, TODAY),
    ).toMatchObject({ problem: 'Enter the expiry date of Cy Lee’s passport.' });
    expect(travellerRequests([{ ...ann, unreadable: { expiry: true } }], contact, TODAY)).toMatchObject({
      problem: 'Correct the expiry date of Ann Lee’s passport, or clear it.',
      row: 0,
    });
  });

  it('names the row as the editor does, past an empty row left out', () => {
    const rows = [ann, emptyDraft(), { ...emptyDraft('infant'), name: 'Di Lee' }];
    expect(travellerRequests(rows, contact, TODAY)).toEqual({
      problem: 'Enter Di Lee’s age (0 to 1 for an infant).',
      row: 2,
    });
  });
});
