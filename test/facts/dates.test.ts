import { describe, expect, it } from 'vitest';
import {
  compareDates,
  DATE_FORMAT_HINT,
  daysInMonth,
  endKey,
  formatDate,
  formatDateShort,
  isAfter,
  parseDate,
  startKey,
  type PartialDate,
} from '../../src/facts/dates.js';

const d = (text: string | number): PartialDate => {
  const parsed = parseDate(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('parseDate', () => {
  it('reads year, month and day precision', () => {
    expect(parseDate('1987')).toEqual({ year: 1987, precision: 'year' });
    expect(parseDate(1987)).toEqual({ year: 1987, precision: 'year' });
    expect(parseDate('2019-08')).toEqual({ year: 2019, month: 8, precision: 'month' });
    expect(parseDate(' 2019-02-13 ')).toEqual({ year: 2019, month: 2, day: 13, precision: 'day' });
  });

  it('says how to write a date when the shape is wrong', () => {
    for (const bad of ['13/02/2019', '2019-2-13', '19-02-13', 'February 2019', '']) {
      expect(parseDate(bad)).toBe(`"${bad}" is not a date: ${DATE_FORMAT_HINT}`);
    }
    expect(DATE_FORMAT_HINT).toContain('YYYY-MM-DD');
  });

  it('refuses months outside 01–12', () => {
    expect(parseDate('2019-00')).toBe('"2019-00" has no month 00: months run from 01 to 12');
    expect(parseDate('2019-13-01')).toMatch(/has no month 13/);
  });

  it('refuses days the month does not have', () => {
    expect(parseDate('2019-02-30')).toBe('"2019-02-30" does not exist: February 2019 has 28 days');
    expect(parseDate('2019-04-31')).toBe('"2019-04-31" does not exist: April 2019 has 30 days');
    expect(parseDate('2019-01-00')).toMatch(/does not exist/);
    expect(parseDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29, precision: 'day' });
    expect(parseDate('2000-02-29')).not.toBeTypeOf('string');
    expect(parseDate('1900-02-29')).toBeTypeOf('string');
  });
});

describe('periods', () => {
  it('covers the whole year or month', () => {
    expect(daysInMonth(2019, 2)).toBe(28);
    expect([startKey(d('2019')), endKey(d('2019'))]).toEqual([20190101, 20191231]);
    expect([startKey(d('2020-02')), endKey(d('2020-02'))]).toEqual([20200201, 20200229]);
    expect([startKey(d('2019-02-13')), endKey(d('2019-02-13'))]).toEqual([20190213, 20190213]);
  });

  it('counts a period as after a date only when all of it is', () => {
    const asOf = d('2019-02-13');
    expect(isAfter(d('2019-02-14'), asOf)).toBe(true);
    expect(isAfter(d('2019-03'), asOf)).toBe(true);
    expect(isAfter(d('2019-02-13'), asOf)).toBe(false);
    expect(isAfter(d('2019-02'), asOf)).toBe(false); // February has begun
    expect(isAfter(d('2019'), asOf)).toBe(false);
  });

  it('orders by start, then the more precise date first', () => {
    const sorted = ['2019-02-02', '2019', '2019-02', '2019-02-01', '2018-12-31'].map(d).sort(compareDates).map(formatDate);
    expect(sorted).toEqual(['31 December 2018', '2019', '1 February 2019', 'February 2019', '2 February 2019']);
  });
});

describe('formatting', () => {
  it('writes dates unambiguously', () => {
    expect(formatDate(d('1987'))).toBe('1987');
    expect(formatDate(d('2019-08'))).toBe('August 2019');
    expect(formatDate(d('2019-02-03'))).toBe('3 February 2019');
    expect(formatDateShort(d('2019-08'))).toBe('Aug 2019');
    expect(formatDateShort(d('2019-02-03'))).toBe('3 Feb 2019');
  });
});
