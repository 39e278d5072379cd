import { currentLanguage } from './index.js';
import { formJsComponentNames, formJsOwnTexts, formJsPatterns, zhCNFormJs } from './zh-CN-form-js.js';

/**
 * Chinese for form-js (viewer and editor). form-js 1.23 has no translate service (bpmn-io/form-js#77),
 * so it is done in three places: the validator's messages (a didi decorator, so the inline error and
 * form.submit()'s errors agree), the component names the palette and new fields take (the editor's
 * own formFields registry, so the palette search finds Chinese names), and the rest of its fixed
 * English (properties panel, viewer chrome), which is hard-coded in its components and is replaced
 * in the DOM as it renders.
 */

/** form-js's English text in Chinese; anything else (a designer's label, a custom message) unchanged. */
export function formJsText(text: string): string {
  if (currentLanguage() !== 'zh-CN') return text;
  const trimmed = text.trim();
  if (!trimmed) return text;
  let translated = formJsOwnTexts[trimmed] ?? zhCNFormJs[trimmed];
  if (translated === undefined) {
    for (const [pattern, render] of formJsPatterns) {
      const match = trimmed.match(pattern);
      if (match) {
        translated = render(match);
        break;
      }
    }
  }
  return translated === undefined ? text : text.replace(trimmed, translated);
}

/**
 * form-js's date picker is flatpickr, with its own texts (months, weekdays, screen-reader labels):
 * its Chinese locale, set as flatpickr's default before form-js creates one.
 */
export async function chineseDatePicker(): Promise<void> {
  if (currentLanguage() !== 'zh-CN') return;
  const [{ default: flatpickr }, { Mandarin }] = await Promise.all([import('flatpickr'), import('flatpickr/dist/l10n/zh.js')]);
  flatpickr.localize({ ...Mandarin, yearAriaLabel: '年份', monthAriaLabel: '月份', hourAriaLabel: '小时', minuteAriaLabel: '分钟', amPM: ['上午', '下午'], firstDayOfWeek: 1 });
  flatpickr.setDefaults({ ariaDateFormat: 'Y年n月j日' });
}

/** Where a text means something else as a tooltip than as a label ('Increment': the number field's up arrow vs. its step property). */
const ATTRIBUTE_TEXTS: Record<string, string> = { Increment: '增加', Decrement: '减少' };

interface ValidatorService {
  validateField(field: unknown, value: unknown): string[];
  validateFieldInstance(fieldInstance: unknown, value: unknown): string[];
}

/** Decorates form-js's validator: its messages come out in Chinese (it is not exported, so it cannot be subclassed). */
function ChineseValidation(validator: ValidatorService): void {
  for (const method of ['validateField', 'validateFieldInstance'] as const) {
    const original = validator[method].bind(validator);
    validator[method] = (field, value) => original(field, value).map(formJsText);
  }
}
ChineseValidation.$inject = ['validator'];

/** The viewer's module: pass in `additionalModules` of `new Form(...)`. */
export const formJsChineseModule = {
  __init__: ['chineseValidation'],
  chineseValidation: ['type', ChineseValidation],
};

type FormFieldComponent = ((...args: unknown[]) => unknown) & { config: { label?: string; name?: string } };

interface FormFieldsService {
  _formFields: Record<string, FormFieldComponent>;
  register(type: string, component: FormFieldComponent): void;
}

/**
 * Gives the editor's components Chinese names: the palette lists (and searches) `config.name || config.label`,
 * and a new field's default label is `config.label`. The components are copied, never changed: the
 * viewer shares them.
 */
function ChineseComponentNames(formFields: FormFieldsService): void {
  for (const [type, component] of Object.entries(formFields._formFields)) {
    const englishName = component.config.name ?? component.config.label;
    const chineseName = (englishName && currentLanguage() === 'zh-CN' && formJsComponentNames[englishName]) || formJsText(englishName ?? '');
    if (!englishName || chineseName === englishName) continue;
    const named = Object.assign(function (this: unknown, ...args: unknown[]) {
      return component.apply(this, args);
    }, component);
    named.config = { ...component.config, name: chineseName, ...(component.config.label ? { label: chineseName } : {}) };
    formFields.register(type, named);
  }
}
ChineseComponentNames.$inject = ['formFields'];

/** The editor's module: pass in `additionalModules` of `new FormEditor(...)`. */
export const formJsEditorChineseModule = {
  __init__: ['chineseComponentNames'],
  chineseComponentNames: ['type', ChineseComponentNames],
};

/**
 * What a designer wrote is never translated, even when it happens to read like form-js's English:
 * labels, descriptions, text and HTML views, options, table cells, the properties panel's field name.
 */
const USER_CONTENT = [
  '.fjs-form-field-label',
  '.fjs-form-field-description',
  '.fjs-form-field-text',
  '.fjs-form-field-html',
  '.fjs-taglist-tag',
  '.fjs-dropdownlist-item',
  '.fjs-table-td',
  '.fjs-form-field-button',
  '.bio-properties-panel-header-label',
  // CodeMirror (FEEL and templating inputs) owns its DOM: it would take a changed text for typing.
  '.cm-editor',
].join(',');

/** Inside those, what form-js writes itself: the file picker's "No files selected", the editor's sample table cells. */
const FORM_JS_OWN = '.fjs-filepicker-container > span, .fjs-editor-container .fjs-table-td';

const TRANSLATED_ATTRIBUTES = ['placeholder', 'title', 'aria-label', 'alt'];

/**
 * Replaces form-js's fixed English under `root` as it renders (preact re-renders from its own virtual
 * DOM, so a replaced text stays until form-js changes it, and then it is replaced again). Returns the stop.
 */
export function translateFormJsChrome(root: HTMLElement): () => void {
  if (currentLanguage() !== 'zh-CN') return () => undefined;
  const isUserContent = (node: Node): boolean => {
    const element = node instanceof Element ? node : node.parentElement;
    return Boolean(element?.closest(USER_CONTENT) && !element.closest(FORM_JS_OWN));
  };
  const translateText = (node: Node): void => {
    if (!node.nodeValue || isUserContent(node)) return;
    const translated = formJsText(node.nodeValue);
    if (translated !== node.nodeValue) node.nodeValue = translated;
  };
  const translateAttribute = (element: Element, name: string): void => {
    const value = element.getAttribute(name);
    if (!value || isUserContent(element)) return;
    const translated = ATTRIBUTE_TEXTS[value.trim()] ?? formJsText(value);
    if (translated !== value) element.setAttribute(name, translated);
  };
  const translateTree = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) return translateText(node);
    if (!(node instanceof Element)) return;
    for (const name of TRANSLATED_ATTRIBUTES) translateAttribute(node, name);
    const texts = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = texts.nextNode(); text; text = texts.nextNode()) translateText(text);
    for (const name of TRANSLATED_ATTRIBUTES) node.querySelectorAll(`[${name}]`).forEach((element) => translateAttribute(element, name));
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') translateText(record.target);
      else if (record.type === 'attributes' && record.attributeName) translateAttribute(record.target as Element, record.attributeName);
      else record.addedNodes.forEach(translateTree);
    }
  });
  translateTree(root);
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: TRANSLATED_ATTRIBUTES });
  return () => observer.disconnect();
}
