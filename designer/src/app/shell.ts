import type { Me } from '../api/types.js';
import { currentUser, holdsPost, signOut } from '../auth/session.js';
import { currentLanguage, setLanguage, t } from '../i18n/index.js';
import { calendarNotice } from './calendar-notice.js';
import { h } from './dom.js';
import { navigate } from './router.js';
import { showUnreadCount } from '../pages/messages/unread-count.js';
import { INTAKE_POST } from '../pages/hotline/intake-facts.js';

/** The unread count beside 消息, filled once the header is shown. */
function unreadBadge(signedIn: boolean): HTMLElement {
  const badge = h('span', { class: 'nav-badge', id: 'unread-count', hidden: true });
  if (signedIn) void showUnreadCount(badge);
  return badge;
}

const NAVIGATION: { page: string; label: string; roles?: string[]; post?: string }[] = [
  { page: 'modeler', label: 'Process design' },
  { page: 'decisions', label: 'Decision tables', roles: ['designer', 'integrator', 'supervisor', 'admin'] },
  { page: 'forms', label: 'Form design', roles: ['designer'] },
  { page: 'inbox', label: 'My tasks' },
  { page: 'monitor', label: 'Case monitor' },
  { page: 'catalog', label: 'Matter catalog' },
  { page: 'bundles', label: 'One-stop services (一件事)' },
  { page: 'dashboards', label: 'Dashboards' },
  // 集中受理: those the API lets take in a ticket (POST /hotline/tickets): holders of the intake post, administrators.
  { page: 'intake', label: '12345 intake', roles: ['staff', 'integrator', 'admin'], post: INTAKE_POST },
  { page: 'hotline', label: '12345 dashboard', roles: ['staff', 'supervisor', 'admin'] },
  { page: 'messages', label: 'Messages' },
  // 人员管理: only those who manage staff see it in the menu (others may still open it read-only).
  { page: 'staff', label: 'Staff management', roles: ['admin', 'department-admin'] },
];

/** Whether the menu offers a page: by role, and for a post's page by the post (GET /me's groups); an administrator sees it all. */
function offered(item: (typeof NAVIGATION)[number], user: Me | null): boolean {
  if (item.roles && !item.roles.some((role) => user?.roles.includes(role as never))) return false;
  return !item.post || holdsPost(item.post);
}

/** The header: app name, navigation, who is signed in and the language switch. */
export function renderShell(activePage: string): { header: HTMLElement; notice: HTMLElement; main: HTMLElement } {
  const user = currentUser();
  const languageSwitch = h(
    'select',
    {
      class: 'language-switch',
      'aria-label': 'Language / 语言',
      onchange: (event: Event) => {
        setLanguage((event.target as HTMLSelectElement).value === 'en' ? 'en' : 'zh-CN');
        window.location.reload();
      },
    },
    h('option', { value: 'zh-CN', selected: currentLanguage() === 'zh-CN' }, '中文'),
    h('option', { value: 'en', selected: currentLanguage() === 'en' }, 'English'),
  );
  const header = h(
    'header',
    { class: 'app-header' },
    h('a', { class: 'brand', href: '#/' }, h('strong', {}, 'Matterflow'), h('span', {}, t('Government process platform'))),
    h(
      'nav',
      { class: 'app-nav' },
      NAVIGATION.filter((item) => offered(item, user)).map((item) =>
        h('a', { href: `#/${item.page}`, class: item.page === activePage ? 'active' : '', 'data-page': item.page }, t(item.label), item.page === 'messages' ? unreadBadge(!!user) : null),
      ),
    ),
    h(
      'div',
      { class: 'user-area' },
      user
        ? h(
            'span',
            { class: 'user-badge', title: user.roles.map((role) => t(`role.${role}`)).join('、') },
            `${user.name} · ${user.departmentName ?? user.department}`,
          )
        : null,
      user
        ? h('button', { class: 'link-button', onclick: () => { signOut(); navigate('/sign-in'); } }, t('Sign out'))
        : h('a', { href: '#/sign-in' }, t('Sign in')),
      languageSwitch,
    ),
  );
  const main = h('main', { class: 'app-main', id: 'page' });
  return { header, notice: calendarNotice(user), main };
}
