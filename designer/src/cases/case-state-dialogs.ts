import { api } from '../api/client.js';
import { h } from '../app/dom.js';
import { openFormDialog } from '../app/form-dialog.js';
import { t } from '../i18n/index.js';
import { radioGroup, reasonField } from '../pages/inbox/operations/fields.js';

type CaseChange = 'suspend' | 'resume' | 'cancel';

const TITLES: Record<CaseChange, string> = { suspend: 'Suspend the case (挂起)', resume: 'Resume the case (恢复)', cancel: 'Terminate the case (终止)' };

/**
 * 挂起 / 恢复 / 终止 a case, each with the reason the trail keeps. A suspension pauses the legal clock
 * only on a legal ground (中止, 特别程序 …), which the clerk names with its basis.
 */
export function openCaseStateDialog(caseId: string, change: CaseChange): Promise<boolean> {
  const reason = reasonField(`case-${change}-reason`);
  const ground = radioGroup<'none' | '中止' | '特别程序' | '其他'>('case-pause-ground', [
    { value: 'none', label: t('The clock goes on') },
    { value: '中止', label: t('中止 (clock paused)') },
    { value: '特别程序', label: t('特别程序 (clock paused)') },
    { value: '其他', label: t('Other legal ground (clock paused)') },
  ], 'none');
  const basis = h('input', { id: 'case-pause-basis', maxlength: 200, placeholder: t('e.g. 《行政许可法》第四十五条') });
  return openFormDialog({
    id: `case-${change}-dialog`,
    title: t(TITLES[change]),
    body: [
      change === 'cancel' ? h('p', { class: 'error-text' }, t('Terminating ends the case and its open steps; it cannot be undone.')) : null,
      reason.element,
      change === 'suspend' ? h('label', {}, t('Statutory clock'), ground.element) : null,
      change === 'suspend' ? h('label', {}, t('Legal basis'), basis) : null,
    ],
    submitLabel: t(change === 'suspend' ? 'Suspend' : change === 'resume' ? 'Resume' : 'Terminate'),
    validate: () => reason.problem() ?? (change === 'suspend' && ground.value() !== 'none' && basis.value.trim().length < 2 ? t('Name the legal basis for pausing the clock') : null),
    submit: async () => {
      const pause = change === 'suspend' && ground.value() !== 'none' ? { pauseClock: { kind: ground.value(), legalBasis: basis.value.trim() } } : {};
      await api(`/process-instances/${encodeURIComponent(caseId)}/${change}`, { method: 'POST', body: { reason: reason.value(), ...pause } });
    },
  });
}
