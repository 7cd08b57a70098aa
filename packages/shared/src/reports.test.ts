import { describe, expect, it } from 'vitest';
import {
  csvField,
  OccupancyQuerySchema,
  perUnit,
  ratio,
  reportFileName,
  ReportQuerySchema,
  salesCsv,
  toCsv,
} from './reports.ts';

describe('report figures', () => {
  it('gives a ratio to 4 decimals, and null over a zero denominator', () => {
    expect(ratio(5, 90)).toBe(0.0556);
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(0, 7)).toBe(0);
    expect(ratio(7, 7)).toBe(1);
    // No stock to sell, no attempts: no rate, rather than a made-up 0 % or 100 %.
    expect(ratio(0, 0)).toBeNull();
  });

  it('divides money into whole minor units, halves up, null over no units', () => {
    expect(perUnit(80_000, 90)).toBe(889); // 888.89
    expect(perUnit(8_000, 30)).toBe(267); // 266.67
    expect(perUnit(5, 2)).toBe(3); // 2.5: the half goes up
    expect(perUnit(0, 4)).toBe(0);
    expect(perUnit(1_000, 0)).toBeNull();
  });
});

describe('report CSV', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas in text', () => {
    expect(csvField('Alfama')).toBe('Alfama');
    expect(csvField('Inn, Lisbon')).toBe('"Inn, Lisbon"');
    expect(csvField('The "Ritz"')).toBe('"The ""Ritz"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    for (const bad of ['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvField(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    // Numbers are figures, not formulas; empty for no value.
    expect(csvField(-3)).toBe('-3');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('writes a header row and CRLF lines', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, 'y,z'],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n,"y,z"\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });

  it('writes amounts as major units beside their currency', () => {
    const csv = salesCsv({
      from: '2026-11-01',
      to: '2026-11-02',
      days: [
        {
          date: '2026-11-01',
          itemType: 'car',
          currency: 'JPY',
          salesCount: 1,
          salesAmount: { amount: 12_000, currency: 'JPY' },
          taxesAmount: { amount: 960, currency: 'JPY' },
          refundsCount: 0,
          refundsAmount: { amount: 0, currency: 'JPY' },
        },
      ],
      totals: [],
    });
    expect(csv.split('\r\n')[1]).toBe('2026-11-01,car,JPY,1,12000,0,0,960');
    expect(reportFileName('occupancy', '2026-11-01', '2026-12-01')).toBe(
      'occupancy-2026-11-01-2026-12-01.csv',
    );
  });
});

describe('report queries', () => {
  const issues = (schema: typeof ReportQuerySchema | typeof OccupancyQuerySchema, q: unknown) => {
    const r = schema.safeParse(q);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes a period of 1 to 366 days, to exclusive', () => {
    expect(ReportQuerySchema.parse({ from: '2026-11-01', to: '2026-11-02' })).toEqual({
      from: '2026-11-01',
      to: '2026-11-02',
    });
    expect(issues(ReportQuerySchema, { from: '2028-01-01', to: '2029-01-01' })).toEqual([]);
    expect(issues(ReportQuerySchema, { from: '2028-01-01', to: '2029-01-02' })).toEqual([
      'to: at most 366 days after from',
    ]);
    expect(issues(ReportQuerySchema, { from: '2026-11-01', to: '2026-11-01' })).toEqual([
      'to: must be after from',
    ]);
    expect(issues(ReportQuerySchema, { from: '2026-02-29', to: '2026-03-01' })).toHaveLength(1);
    expect(issues(ReportQuerySchema, { from: '2026-11-01' })).toHaveLength(1);
  });

  it('reads format, hotel and paging, blanks as absent', () => {
    expect(
      OccupancyQuerySchema.parse({
        from: '2026-11-01',
        to: '2026-12-01',
        hotelId: '',
        format: 'csv',
        limit: '10',
        offset: '20',
      }),
    ).toEqual({ from: '2026-11-01', to: '2026-12-01', format: 'csv', limit: 10, offset: 20 });
    expect(issues(ReportQuerySchema, { from: '2026-11-01', to: '2026-12-01', format: 'xlsx' })).toHaveLength(
      1,
    );
    expect(issues(OccupancyQuerySchema, { from: '2026-11-01', to: '2026-12-01', limit: '201' })).toHaveLength(
      1,
    );
  });
});
