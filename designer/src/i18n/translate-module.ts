import { t } from './index.js';

/** Replaces bpmn-js's default `translate` service (the documented way to localise diagram-js). */
function translate(template: string, replacements?: Record<string, unknown>): string {
  return t(template, replacements ?? {});
}

export const translateModule = {
  translate: ['value', translate],
};
