import iconv from 'iconv-lite';
import { problem, type ModelProblem } from './problem.js';

/**
 * BPMN files arrive as bytes in whatever encoding their XML declaration names: Chinese tools
 * still write GBK or GB18030, older ones ISO-8859-1 (XML 1.0 §4.3.3). The bytes are decoded
 * here, by the byte order mark or the declared encoding (UTF-8 when neither says otherwise), and
 * the parser gets text. A file that is not what it says it is, is refused: never guessed.
 */
export type Decoded = { ok: true; text: string } | { ok: false; problems: ModelProblem[] };

const DECLARED = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

export function decodeXml(bytes: Uint8Array): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return utf8(buffer.subarray(3));
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { ok: true, text: iconv.decode(buffer.subarray(2), 'utf-16le') };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { ok: true, text: iconv.decode(buffer.subarray(2), 'utf-16be') };
  // The declaration is ASCII in every encoding a BPMN file may use without a byte order mark.
  const declared = DECLARED.exec(buffer.subarray(0, 200).toString('latin1'))?.[1];
  if (!declared || /^utf-?8$/i.test(declared)) return utf8(buffer);
  if (!iconv.encodingExists(declared)) {
    return {
      ok: false,
      problems: [problem('xml.encoding', `The file declares the encoding '${declared}', which is not known; use UTF-8, GB18030, GBK or ISO-8859-1`, `文件声明的编码“${declared}”无法识别：请使用 UTF-8、GB18030、GBK 或 ISO-8859-1`, { line: 1 })],
    };
  }
  return { ok: true, text: iconv.decode(buffer, declared) };
}

function utf8(buffer: Buffer): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(buffer) };
  } catch {
    const offset = firstInvalidUtf8(buffer);
    const line = buffer.subarray(0, offset).toString('latin1').split('\n').length;
    return {
      ok: false,
      problems: [
        problem('xml.encoding', `The file is not valid UTF-8 (byte ${offset}): declare its encoding, e.g. <?xml version="1.0" encoding="GB18030"?>`, `文件不是有效的 UTF-8 编码（第 ${offset} 字节）：请在 XML 声明中写明编码，例如 <?xml version="1.0" encoding="GB18030"?>`, { line }),
      ],
    };
  }
}

/** Where UTF-8 decoding breaks: the first byte that does not start or continue a character properly. */
function firstInvalidUtf8(buffer: Buffer): number {
  for (let index = 0; index < buffer.length; ) {
    const byte = buffer[index];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) if ((buffer[index + next] & 0xc0) !== 0x80) return index;
    index += length;
  }
  return buffer.length;
}

/**
 * Text that was decoded already (from bytes, or a JSON string) no longer has the encoding its
 * declaration names; the parser must not be told otherwise (bpmn-moddle refuses anything but UTF-8).
 */
export function withoutDeclaredEncoding(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('<?xml', start)) return text;
  const end = text.indexOf('?>', start);
  if (end < 0) return text;
  const declaration = text.slice(start, end);
  const normalised = declaration.replace(/(\sencoding\s*=\s*)(["'])[^"']*\2/, '$1$2UTF-8$2');
  return normalised === declaration ? text.slice(start) : normalised + text.slice(end);
}
