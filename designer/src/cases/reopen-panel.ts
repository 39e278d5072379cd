import { api } from '../api/client.js';
import type { HistoryEvent, ListOf, ProcessInstance } from '../api/types.js';
import { formatDateTime, h } from '../app/dom.js';
import { t } from '../i18n/index.js';
import type { CaseKind } from './case-kind.js';
import { reopenFacts, reopeningEvaluation } from './reopen-facts.js';

/**
 * 重办情况 on a case page: a reopened case says which round it is (第2次办理) and links the case it reopens,
 * with when and why (the citizen's 不满意); the original links the case it was reopened as. Null for a case
 * that was never reopened. Read from the trails the engine keeps; the other case is read as the viewer may.
 */
export async function reopenPanel(history: readonly HistoryEvent[], kind: CaseKind): Promise<HTMLElement | null> {
  const facts = reopenFacts(history);
  if (!facts.original && !facts.reopenedAs) return null;
  const other = facts.original?.instanceId ?? facts.reopenedAs!.instanceId;
  const [otherCase, otherHistory] = await Promise.all([
    api<ProcessInstance>(`/process-instances/${encodeURIComponent(other)}`).catch(() => null),
    facts.original ? api<ListOf<HistoryEvent>>(`/process-instances/${encodeURIComponent(other)}/history`).then((list) => list.items).catch(() => [] as HistoryEvent[]) : Promise.resolve([] as HistoryEvent[]),
  ]);
  // Why: the evaluation on the original's trail (this case's own when it is the original).
  const evaluation = reopeningEvaluation(facts.original ? otherHistory : history);
  const link = h('a', { href: `#/monitor/${other}`, id: facts.original ? 'case-original-link' : 'case-reopened-link' }, otherCase?.businessKey ?? (facts.original ? t('Open the original case') : t('Reopened as')));
  const ticket = kind === 'appeal';
  return h('section', { class: 'card', id: 'case-reopen' },
    h('h3', {}, t('Reopened (重办)')),
    h('dl', { class: 'case-fields' },
      facts.original ? [h('dt', {}, t('Handling round')), h('dd', { id: 'case-round' }, t('Handled for the {n}th time', { n: facts.original.reopenCount + 1 }))] : null,
      h('dt', {}, facts.original ? t(ticket ? 'Original ticket' : 'Original case') : t(ticket ? 'Reopened as ticket' : 'Reopened as')), h('dd', {}, link),
      evaluation
        ? [h('dt', {}, t('Why reopened')), h('dd', { id: 'case-reopen-reason' }, evaluation.comment ? t('Evaluation “{result}”: {comment}', { result: evaluation.result, comment: evaluation.comment }) : t('Evaluation “{result}”', { result: evaluation.result }))]
        : null,
      h('dt', {}, t('Reopened at')), h('dd', { id: 'case-reopened-at' }, formatDateTime((facts.original ?? facts.reopenedAs)!.at)),
    ),
  );
}
