import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, parseCsvRecords, parseCsvRecordsWithLines, parseCsvRows, toCsv } from './csv';

describe('parseCsv', () => {
  it('reads plain fields and rows', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('does not make a record of the final line break, LF or CRLF', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('treats a lone CR as a line break', () => {
    expect(parseCsv('a\rb\r')).toEqual([['a'], ['b']]);
  });

  it('returns no rows for empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv(',x,\n')).toEqual([['', 'x', '']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text =
      'code,name\r\nRCX,"THE QUEEN ELIZABETH HOSPITAL, KING\'S LYNN"\r\nX,"say ""hi""\r\nthere"\r\n';
    expect(parseCsv(text)).toEqual([
      ['code', 'name'],
      ['RCX', "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN"],
      ['X', 'say "hi"\r\nthere'],
    ]);
  });

  it('reads a quoted field at the very end of the text, and an empty quoted field', () => {
    expect(parseCsv('a,"b"')).toEqual([['a', 'b']]);
    expect(parseCsv('"",x')).toEqual([['', 'x']]);
  });

  it('keeps spaces around fields, as RFC 4180 says they are part of the field', () => {
    expect(parseCsv(' a , b ')).toEqual([[' a ', ' b ']]);
  });

  it('drops a leading byte-order mark', () => {
    expect(parseCsv('\uFEFFcode\nRRK\n')).toEqual([['code'], ['RRK']]);
  });

  it('rejects an unterminated quoted field, naming the line it starts on', () => {
    expect(() => parseCsv('a\nb,"open\nstill open')).toThrow('CSV line 2: quoted field is never closed');
  });

  it('rejects a quote inside an unquoted field', () => {
    expect(() => parseCsv('a\nab"c"')).toThrow('CSV line 2: a quote may only start a field');
  });

  it('rejects text after a closing quote, naming the line where the quote closes', () => {
    expect(() => parseCsv('"multi\nline"x')).toThrow('CSV line 2: a closing quote must end the field');
  });
});

describe('parseCsvRows', () => {
  it('gives the line each record starts on, counting line breaks inside quotes once each', () => {
    const rows = parseCsvRows('h\r\n"one\r\ntwo"\r\n"a\nb\rc"\nlast\n');
    expect(rows.map((row) => row.line)).toEqual([1, 2, 4, 7]);
  });
});

describe('parseCsvRecords', () => {
  it('keys each record by the header', () => {
    expect(parseCsvRecords('code,name\nRRK,BIRMINGHAM\nRX6,"NORTH EAST"\n')).toEqual([
      { code: 'RRK', name: 'BIRMINGHAM' },
      { code: 'RX6', name: 'NORTH EAST' },
    ]);
  });

  it('returns no records for a header alone', () => {
    expect(parseCsvRecords('code,name\r\n')).toEqual([]);
  });

  it('skips blank lines', () => {
    expect(parseCsvRecords('code,name\n\nRRK,B\n\n')).toEqual([{ code: 'RRK', name: 'B' }]);
  });

  it('names the line of a row with too many or too few fields', () => {
    expect(() => parseCsvRecords('code,name\nRRK,B\nRX6\n')).toThrow(
      'CSV line 3: 1 fields but the header has 2',
    );
    expect(() => parseCsvRecords('code,name\n"multi\nline",x\nRRK,B,extra\n')).toThrow(
      'CSV line 4: 3 fields but the header has 2',
    );
  });

  it('rejects empty text and a repeated header name', () => {
    expect(() => parseCsvRecords('')).toThrow('CSV has no header row');
    expect(() => parseCsvRecords('code,code\n')).toThrow('column "code" appears more than once');
  });

  it('can give each record its line', () => {
    expect(parseCsvRecordsWithLines('code\n\nRRK\n')).toEqual([{ line: 3, values: { code: 'RRK' } }]);
  });
});

describe('toCsv', () => {
  it('writes CRLF lines, quoting only fields that need it, null as empty', () => {
    const text = toCsv(
      ['code', 'name', 'count'],
      [
        ['RCX', "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN", 12],
        ['X', 'say "hi"', null],
        ['Y', 'two\nlines', 0.5],
        ['Z', 'carriage\rreturn', -3],
      ],
    );
    expect(text).toBe(
      'code,name,count\r\n' +
        'RCX,"THE QUEEN ELIZABETH HOSPITAL, KING\'S LYNN",12\r\n' +
        'X,"say ""hi""",\r\n' +
        'Y,"two\nlines",0.5\r\n' +
        'Z,"carriage\rreturn",-3\r\n',
    );
  });

  it('writes a header alone when there are no rows', () => {
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('quotes a field that starts with a byte-order mark so that reading keeps it', () => {
    const text = toCsv(['\uFEFFa'], [['\uFEFF']]);
    expect(parseCsv(text)).toEqual([['\uFEFFa'], ['\uFEFF']]);
  });

  it('rejects an empty header, a row of the wrong length and a non-finite number', () => {
    expect(() => toCsv([], [])).toThrow(RangeError);
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow('CSV row 1 has 1 fields but the header has 2');
    expect(() => toCsv(['a'], [[Number.NaN]])).toThrow('CSV cannot hold the number NaN');
    expect(() => toCsv(['a'], [[Number.POSITIVE_INFINITY]])).toThrow(RangeError);
  });
});

describe('round trip', () => {
  // Characters that exercise every quoting rule, plus ordinary and non-ASCII text.
  const awkwardChar = fc.constantFrom('a', 'Z', '1', ' ', ',', '"', '\r', '\n', '\r\n', 'é', '’', '\uFEFF');
  const field = fc.string({ unit: awkwardChar, maxLength: 8 });

  it('parseCsv(toCsv(header, rows)) gives back the same strings', () => {
    const table = fc
      .integer({ min: 1, max: 5 })
      .chain((width) =>
        fc.tuple(
          fc.array(field, { minLength: width, maxLength: width }),
          fc.array(fc.array(field, { minLength: width, maxLength: width }), { maxLength: 6 }),
        ),
      );
    fc.assert(
      fc.property(table, ([header, rows]) => {
        expect(parseCsv(toCsv(header, rows))).toEqual([header, ...rows]);
      }),
    );
  });

  it('writes numbers and nulls so that they read back as their text', () => {
    const value = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 5 }), (row) => {
        const header = row.map((_, index) => `c${index}`);
        const [, readBack] = parseCsv(toCsv(header, [row]));
        expect(readBack).toEqual(row.map((item) => (item === null ? '' : String(item))));
      }),
    );
  });
});
