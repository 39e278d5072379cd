import type { StaffUser } from '../../../api/staff-types.js';
import { h } from '../../../app/dom.js';
import { t } from '../../../i18n/index.js';

/** The reason every 办理操作 records on the trail; the API wants 2 to 500 characters. */
export function reasonField(id: string, label = t('Reason (required)'), placeholder = t('Why, as it will be recorded on the case trail')) {
  const input = h('textarea', { id, name: 'reason', maxlength: 500, placeholder });
  return {
    element: h('label', {}, label, input),
    value: () => input.value.trim(),
    /** A message when missing or too short; null when fine. */
    problem: () => (input.value.trim().length < 2 ? t('Please give a reason (at least 2 characters)') : null),
  };
}

/** A select of colleagues by name (with their posts), without the signed-in user. */
export function userSelect(id: string, users: StaffUser[], exclude: (string | null | undefined)[], label: string) {
  const select = h('select', { id },
    h('option', { value: '' }, t('— choose a person —')),
    users
      .filter((user) => !user.disabled && !exclude.includes(user.id))
      .map((user) => h('option', { value: user.id }, user.groups.length ? `${user.name}（${user.groups.join('、')}）` : user.name)),
  );
  return { element: h('label', {}, label, select), select, value: () => select.value };
}

/** Radio buttons for a small choice; returns the chosen value. */
export function radioGroup<T extends string>(name: string, options: { value: T; label: string }[], initial: T) {
  const inputs = options.map((option) => h('input', { type: 'radio', name, value: option.value, id: `${name}-${option.value}`, checked: option.value === initial }));
  return {
    element: h('fieldset', { class: 'radio-group' }, options.map((option, index) => h('label', { for: `${name}-${option.value}` }, inputs[index], ` ${option.label}`))),
    value: () => (inputs.find((input) => input.checked)?.value ?? initial) as T,
    inputs,
  };
}
