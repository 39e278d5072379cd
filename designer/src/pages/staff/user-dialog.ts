import { api } from '../../api/client.js';
import type { Post, Region, StaffUser } from '../../api/staff-types.js';
import type { Me } from '../../api/types.js';
import { h } from '../../app/dom.js';
import { openFormDialog } from '../../app/form-dialog.js';
import { t } from '../../i18n/index.js';

/** Add or edit a member of staff: name, roles, posts (岗位) and the town (镇街) they are scoped to. */
export function openUserDialog(me: Me, department: string, posts: Post[], towns: Region[], existing: StaffUser | null): Promise<boolean> {
  const id = h('input', { id: 'user-id', value: existing?.id ?? '', disabled: !!existing, maxlength: 64, placeholder: t('e.g. scjgj.wang') });
  const name = h('input', { id: 'user-name', value: existing?.name ?? '', maxlength: 100 });
  // The roles the server lets this user grant (GET /me): an administrator all, a department administrator the department's.
  const grantable: readonly string[] = me.grantableRoles ?? [];
  const roles = [...new Set([...grantable, ...(existing?.roles ?? [])])].map((role) => ({
    role,
    box: h('input', { type: 'checkbox', value: role, id: `user-role-${role}`, checked: existing ? existing.roles.includes(role) : role === 'staff', disabled: !grantable.includes(role) }),
  }));
  const postBoxes = posts.map((post) => ({ post, box: h('input', { type: 'checkbox', value: post.code, id: `user-post-${post.code}`, checked: !!existing?.groups.includes(post.code) }) }));
  const region = h('select', { id: 'user-region' },
    h('option', { value: '' }, t('City level (all towns)')),
    towns.map((town) => h('option', { value: town.code, selected: existing?.regionCode === town.code }, town.name)),
  );
  const disabled = h('input', { type: 'checkbox', id: 'user-disabled', checked: !!existing?.disabled });
  const chosenRoles = () => roles.filter((entry) => entry.box.checked).map((entry) => entry.role);
  return openFormDialog({
    id: 'user-dialog',
    title: existing ? t('Edit {name}', { name: existing.name }) : t('Add a member of staff'),
    body: [
      h('label', {}, t('Account'), id),
      h('label', {}, t('Full name'), name),
      h('label', {}, t('Roles'), h('fieldset', { class: 'radio-group' }, roles.map(({ role, box }) => h('label', { for: box.id }, box, ` ${t(`role.${role}`)}`)))),
      h('label', {}, t('Posts (岗位)'), posts.length ? h('fieldset', { class: 'radio-group', id: 'user-posts' }, postBoxes.map(({ post, box }) => h('label', { for: box.id }, box, ` ${post.name}`))) : h('span', { class: 'muted' }, t('The department has no posts yet'))),
      h('label', {}, t('Town (镇街)'), region),
      existing ? h('label', { class: 'checkbox' }, h('span', {}, disabled, ' ', t('Disabled (their tokens stop working at once)'))) : null,
    ],
    submitLabel: t('Save'),
    validate: () => {
      if (!existing && !/^[A-Za-z0-9._-]{1,64}$/.test(id.value.trim())) return t('The account may hold letters, digits, dot, dash and underscore');
      if (!name.value.trim()) return t('Give the person’s name');
      if (!chosenRoles().length) return t('Give at least one role');
      return null;
    },
    submit: async () => {
      const body = {
        name: name.value.trim(),
        department,
        roles: chosenRoles(),
        groups: postBoxes.filter((entry) => entry.box.checked).map((entry) => entry.post.code),
        regionCode: region.value || null,
        ...(existing ? { disabled: disabled.checked } : {}),
      };
      if (existing) await api(`/users/${encodeURIComponent(existing.id)}`, { method: 'PUT', body });
      else await api('/users', { method: 'POST', body: { id: id.value.trim(), ...body } });
    },
  });
}
