import { describe, expect, it } from 'vitest';
import { describeRoomNumbers, parseRoomNumbers } from './room-numbers.ts';

const numbers = (text: string) => {
  const parsed = parseRoomNumbers(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.numbers;
};
const error = (text: string) => {
  const parsed = parseRoomNumbers(text);
  return parsed.ok ? null : parsed.error;
};

describe('parseRoomNumbers', () => {
  it('expands a range, inclusive at both ends', () => {
    expect(numbers('301-305')).toEqual(['301', '302', '303', '304', '305']);
    expect(numbers('301 – 303')).toEqual(['301', '302', '303']);
    expect(numbers('301-320')).toHaveLength(20);
  });

  it('takes lists separated by commas, lines or spaces, and mixes them with ranges', () => {
    expect(numbers('101, 102\n105;106')).toEqual(['101', '102', '105', '106']);
    expect(numbers('101 102 201-203')).toEqual(['101', '102', '201', '202', '203']);
  });

  it('keeps prefixes, zero padding and names with spaces', () => {
    expect(numbers('A08-A11')).toEqual(['A08', 'A09', 'A10', 'A11']);
    expect(numbers('01-03')).toEqual(['01', '02', '03']);
    expect(numbers('Suite 3, Penthouse')).toEqual(['Suite 3', 'Penthouse']);
  });

  it('says what is wrong with a typo', () => {
    expect(error('')).toBe('Enter the room numbers, e.g. 301-320 or 101, 102.');
    expect(error('320-301')).toBe('“320-301” runs backwards; write the lower number first.');
    expect(error('101, 102, 101')).toBe('Room 101 is listed twice.');
    expect(error('101-105, 103')).toBe('Room 103 is listed twice.');
    expect(error('1-5000')).toBe('“1-5000” is more than 2000 rooms.');
    expect(error('A1-B3')).toBe('“A1-B3” mixes two prefixes; write ranges like A01-A12.');
    expect(error('The very long room name here')).toBe(
      '“The very long room name here” is longer than 20 characters.',
    );
  });
});

describe('describeRoomNumbers', () => {
  it('folds consecutive rooms into ranges', () => {
    expect(describeRoomNumbers(['301', '302', '303', '305', '401', '402'])).toBe('301–303, 305, 401–402');
    expect(describeRoomNumbers(['9', '10', '11'])).toBe('9–11');
    expect(describeRoomNumbers(['A09', 'A10'])).toBe('A09–A10');
    expect(describeRoomNumbers(['Suite 3', 'Penthouse'])).toBe('Suite 3, Penthouse');
    expect(describeRoomNumbers([])).toBe('');
  });
});
