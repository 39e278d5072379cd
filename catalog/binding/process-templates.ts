import fs from 'node:fs';
import { fromProjectRoot } from '../../engine/index.js';
import type { Duration, Matter } from '../model.js';
import { TEMPLATES, templateFor, type ProcessTemplate } from './template-catalog.js';

export { TEMPLATES, templateFor, type ProcessTemplate };

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function templateByKey(key: string): ProcessTemplate | undefined {
  return TEMPLATES.find((template) => template.key === key);
}

/**
 * A template ready for one department: handling department and unit filled in and, when a
 * matter is given, bound to it (gov:matter) with its committed limit. The result deploys as is
 * and opens in the designer (the templates carry diagram interchange).
 */
export function fillTemplate(template: ProcessTemplate, fill: { department: string; unitName?: string; matter?: Matter; processId?: string }): string {
  let xml = fs.readFileSync(fromProjectRoot('catalog', 'templates', template.file), 'utf8');
  xml = xml.replaceAll('__DEPARTMENT__', escapeAttribute(fill.department)).replaceAll('__UNIT__', escapeAttribute(fill.unitName ?? fill.department));
  if (fill.processId && fill.processId !== template.processId) {
    xml = xml.replaceAll(`"${template.processId}"`, `"${escapeAttribute(fill.processId)}"`).replaceAll(`_${template.processId}"`, `_${escapeAttribute(fill.processId)}"`);
  }
  if (fill.matter) {
    const committed = isoDuration(fill.matter.promisedTimeLimit);
    const matterXml = `<gov:matter code="${escapeAttribute(fill.matter.code)}" name="${escapeAttribute(fill.matter.name)}" />`;
    // The first gov:handling is the process-level one: put the matter beside it.
    xml = xml.replace(/(\n(\s*)<gov:handling [^>]*\/>)/, `\n$2${matterXml}$1`);
    if (committed) xml = xml.replace(/(<bpmn:process [\s\S]*?<gov:sla [^>]*?)( warnAt=)/, `$1 committed="${committed}"$2`);
  }
  return xml;
}

/** A catalog Duration as ISO 8601 for gov:sla (days or hours); calendar units are not representable. */
export function isoDuration(duration: Duration | undefined): string | undefined {
  if (!duration) return undefined;
  switch (duration.unit) {
    case 'workingDay':
    case 'naturalDay':
      return `P${duration.value}D`;
    case 'hour':
      return `PT${duration.value}H`;
    case 'minute':
      return `PT${duration.value}M`;
    case 'month':
      return `P${duration.value}M`;
    case 'year':
      return `P${duration.value}Y`;
  }
}
