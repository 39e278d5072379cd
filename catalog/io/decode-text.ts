import iconv from 'iconv-lite';
import type { CatalogIssue } from '../validation/catalog-error.js';

export type TextEncoding = 'utf-8' | 'gb18030' | 'auto';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function asUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Any byte ≥ 0x80: without one, UTF-8 and GB18030 read the same. */
const hasNonAscii = (bytes: Uint8Array) => bytes.some((byte) => byte >= 0x80);

/**
 * Decodes a CSV file's bytes. `auto` takes UTF-8 when the bytes are valid UTF-8 and GB18030
 * otherwise (the two encodings Chinese spreadsheets are saved in). A named encoding the bytes
 * contradict is reported as a wrong encoding, never silently turned into mojibake.
 */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): { ok: true; text: string; encoding: 'utf-8' | 'gb18030' } | { ok: false; issue: CatalogIssue } {
  const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const utf8 = asUtf8(withoutBom);
  if (encoding === 'utf-8') {
    if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };
    return {
      ok: false,
      issue: { code: 'wrong-encoding', message: 'The file is not valid UTF-8 (it looks like GB18030/GBK): send it with encoding=gb18030 or encoding=auto', messageZh: '文件不是 UTF-8 编码（疑似 GB18030/GBK）：请使用 encoding=gb18030 或 encoding=auto' },
    };
  }
  if (encoding === 'gb18030') {
    if (utf8 !== undefined && hasNonAscii(withoutBom) && bytes !== withoutBom) {
      return { ok: false, issue: { code: 'wrong-encoding', message: 'The file starts with a UTF-8 byte order mark: it is UTF-8, not GB18030', messageZh: '文件带 UTF-8 BOM，是 UTF-8 编码而非 GB18030' } };
    }
    if (utf8 !== undefined && hasNonAscii(withoutBom) && /[\u4e00-\u9fff]/.test(utf8)) {
      return { ok: false, issue: { code: 'wrong-encoding', message: 'The file is UTF-8 text, not GB18030: send it with encoding=utf-8 or encoding=auto', messageZh: '文件是 UTF-8 编码而非 GB18030：请使用 encoding=utf-8 或 encoding=auto' } };
    }
    return { ok: true, text: iconv.decode(Buffer.from(withoutBom), 'gb18030'), encoding: 'gb18030' };
  }
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };
  return { ok: true, text: iconv.decode(Buffer.from(withoutBom), 'gb18030'), encoding: 'gb18030' };
}

export function encodeText(text: string, encoding: 'utf-8' | 'gb18030'): Buffer {
  // Excel opens a UTF-8 CSV correctly only with a byte order mark.
  return encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
