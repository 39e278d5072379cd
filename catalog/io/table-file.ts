import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { ROWS_PER_SLICE, tooManyRows, yieldToEventLoop } from './import-limits.js';
import { firstSheetRows } from './xlsx-rows.js';
import type { CatalogIssue } from '../validation/catalog-error.js';
import { decodeText, encodeText, type TextEncoding } from './decode-text.js';

/** A sheet as text: the header row and the data rows, each cell trimmed of nothing but line ends. */
export interface Table {
  headers: string[];
  rows: string[][];
  encoding?: 'utf-8' | 'gb18030';
}

export type TableFormat = 'xlsx' | 'csv';

/**
 * Reads a CSV or xlsx file row by row (streaming parsers that yield to the event loop between
 * chunks), refusing it as soon as it has more than `maxRows` data rows.
 */
export async function readTable(bytes: Uint8Array, format: TableFormat, encoding: TextEncoding = 'auto', maxRows = Infinity): Promise<{ ok: true; table: Table } | { ok: false; issue: CatalogIssue }> {
  if (format === 'xlsx') return readXlsx(bytes, maxRows);
  const decoded = decodeText(bytes, encoding);
  if (!decoded.ok) return decoded;
  const records: string[][] = [];
  try {
    const parser = Readable.from(slices(decoded.text)).pipe(parse({ relax_column_count: true, skip_empty_lines: true, bom: true }));
    for await (const record of parser) {
      records.push((record as string[]).map(restoreCell));
      if (records.length > maxRows + 1) {
        parser.destroy();
        throw tooManyRows(maxRows);
      }
      if (records.length % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    }
  } catch (error) {
    if ((error as { kind?: string }).kind === 'too-large') throw error;
    return { ok: false, issue: { code: 'invalid-csv', message: `The CSV cannot be read: ${(error as Error).message}`, messageZh: `CSV 文件无法解析：${(error as Error).message}` } };
  }
  const [headers = [], ...rows] = records;
  return { ok: true, table: { headers: headers.map((header) => header.trim()), rows, encoding: decoded.encoding } };
}

/** The text in pieces: the parser handles one piece per turn of the event loop, not megabytes at once. */
function* slices(text: string, size = 64 * 1024): Generator<string> {
  for (let from = 0; from < text.length; from += size) yield text.slice(from, from + size);
}

/** The first sheet of a workbook, read as a stream (the whole workbook is never built in memory). */
async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<{ ok: true; table: Table } | { ok: false; issue: CatalogIssue }> {
  const rows: string[][] = [];
  let sheets = 0;
  try {
    for await (const row of firstSheetRows(bytes)) {
      sheets = 1;
      const values = (row.values as ExcelJS.CellValue[]) ?? [];
      rows[row.number - 1] = Array.from({ length: Math.max(0, values.length - 1) }, (_, index) => restoreCell(cellText(values[index + 1])));
      if (row.number > maxRows + 1) throw tooManyRows(maxRows);
      if (row.number % ROWS_PER_SLICE === 0) await yieldToEventLoop();
    }
    if (sheets === 0) return { ok: false, issue: { code: 'invalid-xlsx', message: 'The workbook has no sheet', messageZh: '工作簿中没有工作表' } };
  } catch (error) {
    if ((error as { kind?: string }).kind === 'too-large') throw error;
    return { ok: false, issue: { code: 'invalid-xlsx', message: `The file is not an Excel workbook (.xlsx): ${(error as Error).message}`, messageZh: '文件不是 Excel 工作簿（.xlsx）' } };
  }
  const width = Math.max(0, ...rows.map((row) => row?.length ?? 0));
  const filled = Array.from(rows, (row) => Array.from({ length: width }, (_, index) => row?.[index] ?? ''));
  const [headers = [], ...data] = filled;
  // Trailing blank rows are formatting, not data.
  while (data.length > 0 && data[data.length - 1].every((cell) => cell.trim() === '')) data.pop();
  return { ok: true, table: { headers: headers.map((header) => header.trim()), rows: data } };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

/**
 * Formula injection (CSV injection, OWASP): a cell that starts with = + - @, a tab or a carriage
 * return can be run as a formula by a spreadsheet that opens the file. Exports prefix such a
 * cell with an apostrophe, which spreadsheets show as text; imports drop that apostrophe again,
 * so an export still imports back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// XML reads a carriage return back as a line feed: an exported "'\r…" comes back as "'\n…".
const NEUTRALISED = /^'[=+\-@\t\r\n]/;

function restoreCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

export async function writeXlsx(sheets: Array<{ name: string; headers: string[]; rows: string[][]; widths?: number[] }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Matterflow';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    sheet.addRow(spec.headers.map(neutraliseCell)).font = { bold: true };
    for (const row of spec.rows) sheet.addRow(row.map(neutraliseCell));
    sheet.columns.forEach((column, index) => {
      column.width = spec.widths?.[index] ?? 18;
      column.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function writeCsv(headers: string[], rows: string[][], encoding: 'utf-8' | 'gb18030'): Buffer {
  return encodeText(stringify([headers, ...rows].map((row) => row.map(neutraliseCell))), encoding);
}
