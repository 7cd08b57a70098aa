import { describe, expect, it } from 'vitest';
import { compareSeats, parseSeatLetters, parseSeatRows, seatsOf } from './seat-rows.ts';

describe('seat rows and letters', () => {
  it('reads rows as ranges and lists', () => {
    expect(parseSeatRows('1-3')).toEqual({ ok: true, value: [1, 2, 3] });
    expect(parseSeatRows('20-22, 30')).toEqual({ ok: true, value: [20, 21, 22, 30] });
    expect(parseSeatRows('')).toEqual({ ok: false, error: 'Enter the rows, e.g. 1-3 or 20-28, 30.' });
    expect(parseSeatRows('5-2')).toEqual({
      ok: false,
      error: '“5-2” runs backwards; write the lower row first.',
    });
    expect(parseSeatRows('1-3, 3')).toEqual({ ok: false, error: 'Row 3 is listed twice.' });
    expect(parseSeatRows('0-4')).toEqual({ ok: false, error: 'Rows run from 1 to 999.' });
    expect(parseSeatRows('a')).toEqual({ ok: false, error: '“a” is not a row number or a range.' });
  });

  it('reads letters one by one or as a range, skipping I', () => {
    expect(parseSeatLetters('acdf')).toEqual({ ok: true, value: ['A', 'C', 'D', 'F'] });
    expect(parseSeatLetters('A-F')).toEqual({ ok: true, value: ['A', 'B', 'C', 'D', 'E', 'F'] });
    expect(parseSeatLetters('A-K')).toEqual({
      ok: true,
      value: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K'],
    });
    expect(parseSeatLetters('A B, C')).toEqual({ ok: true, value: ['A', 'B', 'C'] });
    expect(parseSeatLetters('AA')).toEqual({ ok: false, error: 'Seat letter A is listed twice.' });
    expect(parseSeatLetters('A1')).toEqual({ ok: false, error: '“1” is not a seat letter; use A to Z.' });
  });

  it('multiplies rows by letters in cabin order', () => {
    expect(seatsOf([1, 2], ['A', 'C'])).toEqual(['1A', '1C', '2A', '2C']);
    expect(['10A', '2C', '2A', '1F'].sort(compareSeats)).toEqual(['1F', '2A', '2C', '10A']);
  });
});
