import type { Me, UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { departmentPosts, departmentUsers } from '../../../staff/staff-directory.js';
import { radioGroup, reasonField, userSelect } from './fields.js';
import { postTaskOperation } from './post-operation.js';

/** 转办: hand the task to a colleague, or to another post (岗位) of the department. */
export async function openTransferDialog(task: UserTask, me: Me): Promise<boolean> {
  const department = task.department ?? me.department;
  const [users, posts] = await Promise.all([departmentUsers(department), departmentPosts(department)]);
  const target = radioGroup<'user' | 'post'>('transfer-to', [{ value: 'user', label: t('A colleague') }, { value: 'post', label: t('A post (岗位)') }], 'user');
  const person = userSelect('transfer-user', users, [me.id, task.assignee], t('Colleague'));
  const post = h('select', { id: 'transfer-post' }, h('option', { value: '' }, t('— choose a post —')), posts.map((entry) => h('option', { value: entry.code }, entry.name)));
  const postLabel = h('label', { hidden: true }, t('Post'), post);
  const reason = reasonField('transfer-reason');
  for (const input of target.inputs) {
    input.addEventListener('change', () => {
      person.element.hidden = target.value() !== 'user';
      postLabel.hidden = target.value() !== 'post';
    });
  }
  return openFormDialog({
    id: 'transfer-dialog',
    title: t('Hand over (转办) “{task}”', { task: task.name ?? t('this task') }),
    body: [target.element, person.element, postLabel, reason.element],
    submitLabel: t('Hand over'),
    validate: () => {
      if (target.value() === 'user' && !person.value()) return t('Choose the colleague to hand the task to');
      if (target.value() === 'post' && !post.value) return t('Choose the post to hand the task to');
      return reason.problem();
    },
    submit: async () => {
      await postTaskOperation(task.id, 'transfer', { ...(target.value() === 'user' ? { toUser: person.value() } : { toPost: post.value }), reason: reason.value() });
    },
  });
}
