import { neutraliseCell, readTable, writeCsv, writeXlsx } from '../../../catalog/io/table-file.js';

const dangerous = ['=HYPERLINK("http://evil.example","点此")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '=cmd|\' /C calc\'!A0'];

describe('formula injection (OWASP CSV injection): exports neutralise, imports restore', () => {
  test.each(dangerous)('%j is exported as text', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  test('ordinary cells are left alone', () => {
    for (const cell of ['食品经营许可', '20个工作日', "'quoted already", '', '4419A21012000', 'a=b']) expect(neutraliseCell(cell)).toBe(cell);
  });

  test('a CSV export carries no cell a spreadsheet would run, and imports back to the same text', async () => {
    const bytes = writeCsv(['事项名称', '备注'], dangerous.map((cell) => [cell, '正常']), 'utf-8');
    const text = new TextDecoder().decode(bytes);
    for (const line of text.split(/\r?\n/).slice(1).filter(Boolean)) expect(line).toMatch(/^"?'/);
    const read = await readTable(bytes, 'csv');
    expect(read.ok && read.table.rows.map((row) => row[0])).toEqual(dangerous);
  });

  test('an xlsx export stores such cells as quoted text, and imports back to the same text', async () => {
    const bytes = await writeXlsx([{ name: '事项', headers: ['事项名称', '备注'], rows: dangerous.map((cell) => [cell, '正常']) }]);
    const read = await readTable(bytes, 'xlsx');
    // XML normalises a carriage return to a line feed: that is the file format, not the neutralisation.
    expect(read.ok && read.table.rows.map((row) => row[0])).toEqual(dangerous.map((cell) => cell.replace('\r', '\n')));
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells = workbook.worksheets[0].getColumn(1).values.slice(2) as unknown[];
    for (const cell of cells) expect(String(cell)).toMatch(/^'/);
  });
});
