/**
 * Local drafts of decision tables, one per decision id, in localStorage: the 决策表 page saves
 * after every change, so leaving the page (or a refused deployment) never costs the edits.
 * A successful deployment drops the draft.
 */
export interface DecisionDraft {
  decisionId: string;
  xml: string;
  /** The deployed version the edits started from; null for a new or uploaded file. */
  baseVersion: number | null;
  savedAt: string;
}

const KEY = 'matterflow.decisionDrafts';

function readAll(): Record<string, DecisionDraft> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, DecisionDraft>) : {};
  } catch {
    return {};
  }
}

export function loadDecisionDraft(decisionId: string): DecisionDraft | undefined {
  return readAll()[decisionId];
}

export function saveDecisionDraft(draft: Omit<DecisionDraft, 'savedAt'>): DecisionDraft {
  const all = readAll();
  const saved = { ...draft, savedAt: new Date().toISOString() };
  all[draft.decisionId] = saved;
  localStorage.setItem(KEY, JSON.stringify(all));
  return saved;
}

export function dropDecisionDraft(decisionId: string): void {
  const all = readAll();
  if (!(decisionId in all)) return;
  delete all[decisionId];
  localStorage.setItem(KEY, JSON.stringify(all));
}

export function listDecisionDrafts(): DecisionDraft[] {
  return Object.values(readAll()).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}
