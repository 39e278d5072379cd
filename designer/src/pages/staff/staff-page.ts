import { ApiProblem } from '../../api/client.js';
import type { Post, Region, StaffUser } from '../../api/staff-types.js';
import type { Me } from '../../api/types.js';
import { append, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import type { Route } from '../../app/router.js';
import { currentUser } from '../../auth/session.js';
import { t } from '../../i18n/index.js';
import { departmentPosts, departments, departmentUsers, forgetStaff, towns } from '../../staff/staff-directory.js';
import { openUserDialog } from './user-dialog.js';

/**
 * Whether the server would let me change this member of staff: every role they hold is one I may grant (a
 * department administrator does not manage a supervisor or the system administrator), and a town-scoped
 * administrator does not manage city-level staff. The server decides; this hides the button it would refuse.
 */
function mayManage(me: Me, user: StaffUser): boolean {
  const grantable: readonly string[] = me.grantableRoles ?? [];
  if (!user.roles.every((role) => grantable.includes(role))) return false;
  return !(me.regionCode && !user.regionCode);
}

/** 人员管理: a department's staff with their posts (岗位) and town (镇街); add and edit for administrators. */
export async function renderPage(root: HTMLElement, route: Route): Promise<void> {
  const me = currentUser()!;
  // Who may change staff: whoever may grant a role (an administrator anywhere, a department administrator in their own).
  const manages = (me.grantableRoles ?? []).length > 0;
  const everyDepartment = me.roles.includes('admin') || me.roles.includes('supervisor');
  let department = everyDepartment && route.params[0] ? route.params[0] : me.department;
  const table = h('div', { id: 'staff-list' });
  const picker = h('select', { id: 'staff-department' });
  if (everyDepartment) {
    const all = await departments().catch(() => []);
    picker.replaceChildren(...all.map((entry) => h('option', { value: entry.code, selected: entry.code === department }, entry.name)));
    picker.addEventListener('change', () => { department = picker.value; void load(); });
  }
  const addButton = manages ? h('button', { id: 'staff-add', class: 'primary', onclick: () => void edit(null) }, t('Add a member of staff')) : null;
  append(root, [
    h('div', { class: 'toolbar' },
      h('h2', {}, t('Staff management')),
      everyDepartment ? h('label', {}, t('Department'), picker) : h('span', { class: 'muted' }, me.departmentName ?? me.department),
      h('span', { class: 'spacer' }),
      addButton,
    ),
    manages ? null : h('p', { class: 'muted', id: 'staff-read-only' }, t('Read only: only the department’s administrator changes staff.')),
    h('div', { class: 'card' }, table),
  ]);

  let posts: Post[] = [];
  let townList: Region[] = [];

  async function load(): Promise<void> {
    let users: StaffUser[];
    try {
      [users, posts, townList] = await Promise.all([departmentUsers(department), departmentPosts(department), towns().catch(() => [])]);
    } catch (error) {
      table.replaceChildren(h('p', { class: 'error-text' }, error instanceof ApiProblem ? error.describe() : String(error)));
      return;
    }
    const postName = new Map(posts.map((post) => [post.code, post.name]));
    table.replaceChildren(
      users.length
        ? h('table', { class: 'list' },
            h('thead', {}, h('tr', {}, h('th', {}, t('Full name')), h('th', {}, t('Posts (岗位)')), h('th', {}, t('Town (镇街)')), h('th', {}, t('Roles')), h('th', {}, t('State')), manages ? h('th', {}, '') : null)),
            h('tbody', {}, users.map((user) => h('tr', { 'data-user-id': user.id },
              h('td', {}, h('div', {}, user.name), h('div', { class: 'muted' }, user.id)),
              h('td', {}, user.groups.map((code) => postName.get(code) ?? code).join('、') || '—'),
              h('td', {}, user.regionName ?? (user.regionCode ? user.regionCode : t('City level'))),
              h('td', {}, user.roles.map((role) => t(`role.${role}`)).join('、')),
              h('td', {}, user.disabled ? h('span', { class: 'error-text' }, t('Disabled')) : t('In service')),
              manages ? h('td', {}, mayManage(me, user)
                ? h('button', { type: 'button', class: 'staff-edit', onclick: () => void edit(user) }, t('Edit'))
                : h('span', { class: 'muted staff-out-of-reach', title: t('Only a system administrator manages staff who hold this role') }, t('Administrator only'))) : null,
            ))))
        : h('p', { class: 'muted' }, t('No staff')),
    );
  }

  async function edit(user: StaffUser | null): Promise<void> {
    if (!(await openUserDialog(me, department, posts, townList, user))) return;
    notify(user ? t('Saved') : t('Member of staff added'), 'success');
    forgetStaff();
    await load();
  }

  await load();
}
