import type { OpinionPhrase } from '../api/operation-types.js';
import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';
import { fetchAll } from '../app/paged-list.js';
import { caseWords, type CaseKind } from './case-kind.js';

/**
 * The opinion given when completing a step, with the common phrases (常用语) to pick: a permit's 审批意见,
 * an appeal's 处置意见 with a handler's phrases (the server's for the kind of case).
 */
export async function opinionField(kind: CaseKind = 'approval'): Promise<{ element: HTMLElement; value: () => string }> {
  const phrases = await fetchAll<OpinionPhrase>(`/opinion-phrases?kind=${kind}`).catch(() => [] as OpinionPhrase[]);
  const words = caseWords(kind);
  const input = h('textarea', { id: 'task-opinion', maxlength: 2000, placeholder: t(words.opinionPlaceholder) });
  const picker = h('div', { class: 'phrase-picker', id: 'opinion-phrases' },
    phrases.length ? h('span', { class: 'muted' }, t('Common phrases:')) : null,
    phrases.map((phrase) =>
      h('button', {
        type: 'button',
        class: 'link-button',
        title: phrase.scope === 'system' ? t('System phrase') : phrase.scope === 'department' ? t('Department phrase') : t('My phrase'),
        // Picking appends, so a phrase can start or finish what the clerk writes.
        onclick: () => {
          input.value = input.value.trim() ? `${input.value.trim()}${phrase.text}` : phrase.text;
          input.focus();
        },
      }, phrase.text),
    ),
  );
  return {
    element: h('div', { class: 'opinion-field' }, h('label', { for: 'task-opinion' }, t(words.opinion)), input, picker),
    value: () => input.value.trim(),
  };
}
