/**
 * bpmn-moddle writes a line feed inside an attribute as &#10; but a carriage return or a tab
 * literally, and every XML reader turns those into spaces (attribute-value normalisation) or
 * drops the CR (line-end normalisation). Names made on Windows ("Gateway&#xD;&#xA;(Split Flow)")
 * would lose their line break. This escapes them as character references after serialisation.
 */
export function keepLineBreaks(xml: string): string {
  if (!/[\r\t]/.test(xml)) return xml;
  let out = '';
  let inTag = false;
  let quote = '';
  for (let index = 0; index < xml.length; index++) {
    const char = xml[index]!;
    if (quote) {
      if (char === quote) quote = '';
      out += char === '\r' ? '&#13;' : char === '\t' ? '&#9;' : char === '\n' ? '&#10;' : char;
      continue;
    }
    if (inTag) {
      if (char === '"' || char === "'") quote = char;
      else if (char === '>') inTag = false;
      out += char;
      continue;
    }
    if (char === '<') {
      // CDATA, comments and processing instructions are copied as they are.
      const end = xml.startsWith('<![CDATA[', index) ? xml.indexOf(']]>', index) + 3 : xml.startsWith('<!--', index) ? xml.indexOf('-->', index) + 3 : xml.startsWith('<?', index) ? xml.indexOf('?>', index) + 2 : -1;
      if (end > 2) {
        out += xml.slice(index, end);
        index = end - 1;
        continue;
      }
      inTag = true;
      out += char;
      continue;
    }
    out += char === '\r' ? '&#13;' : char;
  }
  return out;
}

/** bpmn-js module: every saveXML (export, draft, deploy, version diff) keeps the line breaks. */
function KeepLineBreaks(eventBus: { on(event: string, callback: (event: { xml: string }) => string): void }): void {
  eventBus.on('saveXML.serialized', (event) => keepLineBreaks(event.xml));
}
KeepLineBreaks.$inject = ['eventBus'];

export const keepLineBreaksModule = { __init__: ['keepLineBreaks'], keepLineBreaks: ['type', KeepLineBreaks] };
