import type { OpinionPhrase } from '../api/operation-types.js';
import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';
import { fetchAll } from '../app/paged-list.js';

/** The opinion (审批意见) given when completing a step, with the common phrases (常用语) to pick. */
export async function opinionField(): Promise<{ element: HTMLElement; value: () => string }> {
  const phrases = await fetchAll<OpinionPhrase>('/opinion-phrases').catch(() => [] as OpinionPhrase[]);
  const input = h('textarea', { id: 'task-opinion', maxlength: 2000, placeholder: t('Your opinion on this step, kept on the case trail') });
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
    element: h('div', { class: 'opinion-field' }, h('label', { for: 'task-opinion' }, t('Opinion')), input, picker),
    value: () => input.value.trim(),
  };
}
