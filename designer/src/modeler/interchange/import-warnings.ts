import { t } from '../../i18n/index.js';

/** A bpmn-js import warning: its English message and, often, the model element it is about. */
export interface ImportWarning {
  message: string;
  element?: { $type?: string; id?: string; name?: string };
}

const PATTERNS: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^unresolved reference <(.+)>$/, (m) => t('It refers to {id}, which is not in this file; the reference is kept as it is', { id: m[1]! })],
  [/^unsupported document encoding <(.+)>, falling back to UTF-8$/, (m) => t('The file says it is encoded in {encoding}; it was read as UTF-8', { encoding: m[1]! })],
  [/^unparsable content <(.+)> detected/, (m) => t('Content {tag} is not BPMN this modeler knows; it is kept but not shown', { tag: m[1]! })],
  [/^unknown (?:type|element) <(.+)>/, (m) => t('Content {tag} is not BPMN this modeler knows; it is kept but not shown', { tag: m[1]! })],
  [/^multiple DI elements defined for/, () => t('It is drawn more than once; only the first drawing is shown')],
  [/^no bpmnElement referenced in/, () => t('A drawing refers to no model element; it is kept but not shown')],
  [/^unknown di <.+> for element/, () => t('Its drawing is of a kind this modeler cannot show; it is kept but not shown')],
  [/not yet drawn$/, () => t('It connects to an element that is not drawn in this diagram, so it is not shown')],
  [/^missing <.+> reference/, () => t('A required reference is missing')],
];

/** The warning in the user's language, about the element by its name (or kind), not its id. */
export function describeImportWarning(warning: ImportWarning): string {
  const element = warning.element;
  const what = element?.name?.replace(/\s+/g, ' ').trim() || (element?.$type ? t(element.$type.replace(/^\w+:/, '').replace(/([a-z])([A-Z])/g, '$1 $2')) : '');
  for (const [pattern, describe] of PATTERNS) {
    const match = warning.message.match(pattern);
    if (match) return what ? `${what}：${describe(match)}` : describe(match);
  }
  return what ? `${what}：${warning.message}` : warning.message;
}
