import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

type Reader = ExcelJS.stream.xlsx.WorkbookReader;
type ReaderPrototype = {
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
};

/** Decodes UTF-8 across chunk boundaries (a Chinese character's bytes may arrive in two chunks). */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * ExcelJS's streaming reader, which reads a workbook piece by piece and so never holds the
 * event loop for long (loading a 20,000-row workbook whole held it for seconds). Its XML
 * parser decodes each chunk on its own, which garbles a multi-byte character split between two
 * chunks (exceljs 4.4.0); the shared strings and the worksheets are handed to it decoded here.
 */
function workbookReader(bytes: Uint8Array): Reader {
  const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: object) => Reader & ReaderPrototype;
  const base = Base.prototype as unknown as ReaderPrototype;
  class Utf8WorkbookReader extends Base {
    override _parseSharedStrings(entry: Readable) {
      entry.setEncoding('utf8');
      return base._parseSharedStrings.call(this, entry);
    }
    override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
      return base._parseWorksheet.call(this, utf8(iterator), sheetNo);
    }
  }
  return new Utf8WorkbookReader(Readable.from([Buffer.from(bytes)]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
}

/** The rows of a workbook's first sheet, one at a time (row.number is 1-based). */
export async function* firstSheetRows(bytes: Uint8Array): AsyncGenerator<ExcelJS.Row> {
  for await (const sheet of workbookReader(bytes)) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) yield row;
    return;
  }
}
