import { currentLanguage, t } from '../i18n/index.js';
import { zhCNDmn } from '../i18n/zh-CN-dmn.js';

/**
 * dmn-js's `translate` service (the same contract as bpmn-js's): the dmn-js dictionary first,
 * then the app's (diagram-js palette and context pad texts of the DRD live there).
 * Placeholders are trimmed: dmn-js writes some as `{ sample }`.
 */
function translate(template: string, replacements: Record<string, unknown> = {}): string {
  const text = currentLanguage() === 'zh-CN' ? zhCNDmn[template] ?? t(template) : template;
  return text.replace(/{([^}]+)}/g, (whole, key: string) => {
    const value = replacements[key.trim()];
    return value === undefined || value === null ? whole : String(value);
  });
}

export const dmnTranslateModule = {
  translate: ['value', translate],
};
