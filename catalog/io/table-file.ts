import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CatalogIssue } from '../validation/catalog-error.js';
import { decodeText, encodeText, type TextEncoding } from './decode-text.js';

/** A sheet as text: the header row and the data rows, each cell trimmed of nothing but line ends. */
export interface Table {
  headers: string[];
  rows: string[][];
  encoding?: 'utf-8' | 'gb18030';
}

export type TableFormat = 'xlsx' | 'csv';

export async function readTable(bytes: Uint8Array, format: TableFormat, encoding: TextEncoding = 'auto'): Promise<{ ok: true; table: Table } | { ok: false; issue: CatalogIssue }> {
  if (format === 'xlsx') return readXlsx(bytes);
  const decoded = decodeText(bytes, encoding);
  if (!decoded.ok) return decoded;
  let records: string[][];
  try {
    records = parse(decoded.text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    return { ok: false, issue: { code: 'invalid-csv', message: `The CSV cannot be read: ${(error as Error).message}`, messageZh: `CSV 文件无法解析：${(error as Error).message}` } };
  }
  const [headers = [], ...rows] = records;
  return { ok: true, table: { headers: headers.map((header) => header.trim()), rows, encoding: decoded.encoding } };
}

async function readXlsx(bytes: Uint8Array): Promise<{ ok: true; table: Table } | { ok: false; issue: CatalogIssue }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    return { ok: false, issue: { code: 'invalid-xlsx', message: `The file is not an Excel workbook (.xlsx): ${(error as Error).message}`, messageZh: '文件不是 Excel 工作簿（.xlsx）' } };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, issue: { code: 'invalid-xlsx', message: 'The workbook has no sheet', messageZh: '工作簿中没有工作表' } };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column += 1) cells.push(cellText(row.getCell(column).value));
    rows[rowNumber - 1] = cells;
  });
  const filled = Array.from(rows, (row) => row ?? []);
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

export async function writeXlsx(sheets: Array<{ name: string; headers: string[]; rows: string[][]; widths?: number[] }>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Matterflow';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    sheet.addRow(spec.headers).font = { bold: true };
    for (const row of spec.rows) sheet.addRow(row);
    sheet.columns.forEach((column, index) => {
      column.width = spec.widths?.[index] ?? 18;
      column.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function writeCsv(headers: string[], rows: string[][], encoding: 'utf-8' | 'gb18030'): Buffer {
  return encodeText(stringify([headers, ...rows]), encoding);
}
