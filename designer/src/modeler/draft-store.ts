/**
 * Local drafts, one per process id, in localStorage. The modeler autosaves here after every
 * change, so a failed deploy or a lost connection never costs the user their diagram.
 */
export interface Draft {
  processId: string;
  name: string;
  xml: string;
  savedAt: string;
}

const DRAFTS_KEY = 'matterflow.drafts';
const CURRENT_KEY = 'matterflow.currentDraft';

function readAll(): Record<string, Draft> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, Draft>) : {};
  } catch {
    return {};
  }
}

export function listDrafts(): Draft[] {
  return Object.values(readAll()).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export function loadDraft(processId: string): Draft | undefined {
  return readAll()[processId];
}

export function currentDraft(): Draft | undefined {
  const processId = localStorage.getItem(CURRENT_KEY);
  return processId ? loadDraft(processId) : undefined;
}

export function saveDraft(draft: Omit<Draft, 'savedAt'>, previousProcessId?: string): Draft {
  const all = readAll();
  // A renamed process id moves its draft instead of leaving a stale copy behind.
  if (previousProcessId && previousProcessId !== draft.processId) delete all[previousProcessId];
  const saved = { ...draft, savedAt: new Date().toISOString() };
  all[draft.processId] = saved;
  localStorage.setItem(DRAFTS_KEY, JSON.stringify(all));
  localStorage.setItem(CURRENT_KEY, draft.processId);
  return saved;
}

export function deleteDraft(processId: string): void {
  const all = readAll();
  delete all[processId];
  localStorage.setItem(DRAFTS_KEY, JSON.stringify(all));
  if (localStorage.getItem(CURRENT_KEY) === processId) localStorage.removeItem(CURRENT_KEY);
}

/** Whether a draft holds nothing but the start event of a new diagram. */
export function isBlankDraft(draft: Draft): boolean {
  const process = /<bpmn:process\b[\s\S]*?<\/bpmn:process>/.exec(draft.xml)?.[0] ?? '';
  const elements = process.match(/<bpmn:(?!process\b|extensionElements\b|documentation\b|incoming\b|outgoing\b)\w+/g) ?? [];
  return elements.length <= 1 && elements.every((element) => element === '<bpmn:startEvent') && !/<(?!bpmn:)\w+:\w+/.test(process.replace(/<bpmn:\w+/g, ''));
}

export function deleteBlankDrafts(): void {
  for (const draft of listDrafts()) if (isBlankDraft(draft)) deleteDraft(draft.processId);
}
