/**
 * A small RFC 4180 CSV reader and writer: quoted fields, doubled quotes, commas and line breaks inside
 * quotes, CRLF or LF line endings, and an optional final line break. Pure: takes and returns text.
 */

/** One parsed record and the 1-based line of the text on which it starts (for error messages). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** One record keyed by the header row, with the line on which it starts. */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

const QUOTE = '"';
const BYTE_ORDER_MARK = '\uFEFF';

/** Parses CSV text into rows of fields. A final line break does not start an empty record. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((row) => row.fields);
}

/**
 * Parses CSV text into rows, each with the line it starts on. A leading byte-order mark (as spreadsheet
 * programs write) is dropped. Throws an Error naming the line for an unterminated quoted field or a quote
 * in the wrong place, because such files are damaged rather than merely unusual.
 */
export function parseCsvRows(text: string): CsvRow[] {
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;

  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push({ line: rowLine, fields });
    fields = [];
  };

  while (i < source.length) {
    const char = source[i];
    if (char === QUOTE) {
      if (field !== '') throw new Error(`CSV line ${line}: a quote may only start a field`);
      const quoted = readQuotedField(source, i, line);
      field = quoted.value;
      line = quoted.line;
      i = quoted.next;
      const after = source[i];
      if (after !== undefined && after !== ',' && after !== '\r' && after !== '\n') {
        throw new Error(`CSV line ${line}: a closing quote must end the field`);
      }
    } else if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
    } else {
      field += char;
      i += 1;
    }
  }
  // Text that does not end with a line break still has a last record to close.
  const lastChar = source[source.length - 1];
  if (source.length > 0 && lastChar !== '\n' && lastChar !== '\r') endRow();
  return rows;
}

interface QuotedField {
  value: string;
  /** Index just after the closing quote. */
  next: number;
  /** Line on which the closing quote sits. */
  line: number;
}

function readQuotedField(source: string, openingQuote: number, startLine: number): QuotedField {
  let value = '';
  let line = startLine;
  let i = openingQuote + 1;
  while (i < source.length) {
    const char = source[i];
    if (char === QUOTE) {
      if (source[i + 1] !== QUOTE) return { value, next: i + 1, line };
      value += QUOTE;
      i += 2;
    } else {
      // CRLF counts as one line break, as outside quotes.
      if (char === '\n' || (char === '\r' && source[i + 1] !== '\n')) line += 1;
      value += char;
      i += 1;
    }
  }
  throw new Error(`CSV line ${startLine}: quoted field is never closed`);
}

/** Parses CSV text whose first row is the header into one object per record, keyed by column name. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  return parseCsvRecordsWithLines(text).map((record) => record.values);
}

/**
 * Like parseCsvRecords, with each record's line. Blank lines carry no record and are skipped (editors
 * often leave one at the end). Throws an Error naming the line when a row's field count differs from the
 * header's, and for a missing or repeated header name.
 */
export function parseCsvRecordsWithLines(text: string): CsvRecord[] {
  const [headerRow, ...dataRows] = parseCsvRows(text);
  if (headerRow === undefined) throw new Error('CSV has no header row');
  const header = headerRow.fields;
  assertUniqueHeader(header);
  return dataRows.filter((row) => !isBlankRow(row)).map((row) => toRecord(header, row));
}

function assertUniqueHeader(header: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new Error(`CSV line 1: column "${name}" appears more than once in the header`);
    seen.add(name);
  }
}

function isBlankRow(row: CsvRow): boolean {
  return row.fields.length === 1 && row.fields[0] === '';
}

function toRecord(header: readonly string[], row: CsvRow): CsvRecord {
  if (row.fields.length !== header.length) {
    throw new Error(`CSV line ${row.line}: ${row.fields.length} fields but the header has ${header.length}`);
  }
  const values: Record<string, string> = {};
  header.forEach((name, index) => {
    values[name] = row.fields[index] ?? '';
  });
  return { line: row.line, values };
}

export type CsvValue = string | number | null;

/**
 * Writes a header and rows as CSV text with CRLF line endings (RFC 4180), ending with a line break.
 * null becomes an empty field. Throws a RangeError for a row whose length differs from the header's, an
 * empty header (it could not be read back) or a number that is not finite.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  if (header.length === 0) throw new RangeError('CSV header must name at least one column');
  const lines = [formatRow(header)];
  rows.forEach((row, index) => {
    if (row.length !== header.length) {
      throw new RangeError(
        `CSV row ${index + 1} has ${row.length} fields but the header has ${header.length}`,
      );
    }
    lines.push(formatRow(row));
  });
  return `${lines.join('\r\n')}\r\n`;
}

function formatRow(row: readonly CsvValue[]): string {
  return row.map(formatField).join(',');
}

// A leading byte-order mark would be dropped on reading unless the field is quoted.
const NEEDS_QUOTES = /[",\r\n]|^\uFEFF/;

function formatField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`CSV cannot hold the number ${value}`);
    return String(value);
  }
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll(QUOTE, '""')}"` : value;
}
