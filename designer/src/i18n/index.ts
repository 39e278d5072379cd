import { ZH_CN_DICTIONARIES } from './dictionaries.js';
import { zhCNPatterns } from './patterns.js';

/** English for keys that are identifiers rather than English text (roles, statuses, history types). */
const ENGLISH_LABELS: Record<string, string> = {
  'role.designer': 'Designer',
  'role.staff': 'Staff',
  'role.integrator': 'Integrator',
  'role.admin': 'Administrator',
  'role.catalog-admin': 'Catalog administrator',
  'role.supervisor': 'Supervisor',
  'status.active': 'Active',
  'status.completed': 'Completed',
  'status.terminated': 'Terminated',
  'status.canceled': 'Cancelled',
  'status.suspended': 'Suspended',
  'scheme.DEPT': 'By department',
  'scheme.LIFECYCLE': 'By life event',
  'scheme.HOTLINE': '12345 appeal classes',
  'scheme.CITYMGMT': 'City management events and parts',
  'scheme.GOVERN': 'Community governance events',
  'clock.statutory': 'Statutory limit',
  'clock.committed': 'Committed limit',
  'clock.response': 'First response',
  'clock.step': 'Step limit',
  'level.normal': 'On track',
  'level.warning': 'Due soon',
  'level.overdue': 'Overdue',
  'unit.naturalDay': 'natural days',
  'unit.workingDay': 'working days',
  'role.department-admin': 'Department administrator',
  'taskState.created': 'open',
  'taskState.completed': 'completed',
  'taskState.canceled': 'cancelled',
  'taskState.terminated': 'terminated',
  'attachment.material': 'Application material',
  'attachment.before': 'Photo before',
  'attachment.after': 'Photo after',
  'attachment.other': 'Other',
  'extension.pending': 'Pending',
  'extension.approved': 'Granted',
  'extension.rejected': 'Refused',
};

/** Languages the app speaks. Keys of the dictionaries are the English texts, so English needs no dictionary. */
export type Language = 'zh-CN' | 'en';

const STORAGE_KEY = 'matterflow.language';

const dictionaries: Record<Language, Record<string, string>> = {
  'zh-CN': Object.assign({}, ...Object.values(ZH_CN_DICTIONARIES)) as Record<string, string>,
  en: ENGLISH_LABELS,
};

export function currentLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

/**
 * Translate an English text and fill `{placeholders}`. The same function backs
 * bpmn-js's `translate` service, so diagram and app chrome share one dictionary.
 */
export function t(text: string, replacements: Record<string, unknown> = {}): string {
  const language = currentLanguage();
  const translated = dictionaries[language][text] ?? (language === 'zh-CN' ? translateByPattern(text) : undefined) ?? text;
  return translated.replace(/{([^}]+)}/g, (whole, key: string) => {
    const value = replacements[key];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Pick the text for the current language when a server sends both (problem+json `title`/`titleZh`). */
export function pickLanguage(english: string | undefined, chinese: string | undefined): string {
  if (currentLanguage() === 'zh-CN' && chinese) return chinese;
  return english ?? chinese ?? '';
}

function translateByPattern(text: string): string | undefined {
  for (const [pattern, render] of zhCNPatterns) {
    const match = text.match(pattern);
    if (match) return render(match);
  }
  return undefined;
}
