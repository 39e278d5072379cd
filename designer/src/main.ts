import './app/styles.css';
import { clear } from './app/dom.js';
import type { Cleanup, PageModule } from './app/page.js';
import { parseRoute } from './app/router.js';
import { renderShell } from './app/shell.js';
import { currentUser, restoreSession } from './auth/session.js';
import { currentLanguage, setLanguage, t } from './i18n/index.js';

/** Pages load on demand so the inbox never downloads the modeler and vice versa. */
const PAGES: Record<string, () => Promise<PageModule>> = {
  'sign-in': () => import('./pages/sign-in.js'),
  modeler: () => import('./pages/modeler/modeler-page.js'),
  decisions: () => import('./pages/decisions/decisions-page.js'),
  inbox: () => import('./pages/inbox/inbox-page.js'),
  monitor: () => import('./pages/monitor/monitor-page.js'),
  catalog: () => import('./pages/catalog/catalog-page.js'),
  bundles: () => import('./pages/bundles/bundles-page.js'),
  dashboards: () => import('./pages/dashboards/dashboards-page.js'),
  hotline: () => import('./pages/hotline/hotline-page.js'),
  intake: () => import('./pages/hotline/intake-page.js'),
  staff: () => import('./pages/staff/staff-page.js'),
  messages: () => import('./pages/messages/messages-page.js'),
  forms: () => import('./pages/forms/forms-page.js'),
};

const appRoot = document.getElementById('app')!;
let cleanup: Cleanup | void = undefined;
let renderCount = 0;

async function render(): Promise<void> {
  const renderId = ++renderCount;
  const route = parseRoute();
  if (!route.page || !PAGES[route.page]) route.page = currentUser() ? 'inbox' : 'sign-in';
  if (!currentUser() && route.page !== 'sign-in') route.page = 'sign-in';
  if (cleanup) cleanup();
  cleanup = undefined;
  const { header, notice, main } = renderShell(route.page);
  clear(appRoot);
  appRoot.append(header, notice, main);
  document.body.dataset.page = route.page;
  try {
    const page = await PAGES[route.page]();
    if (renderId !== renderCount) return;
    cleanup = await page.renderPage(main, route);
  } catch (error) {
    main.textContent = `${t('This page could not be shown')}: ${(error as Error).message}`;
    console.error(error);
  }
}

async function start(): Promise<void> {
  setLanguage(currentLanguage());
  document.title = t('Matterflow government process platform');
  await restoreSession();
  window.addEventListener('hashchange', () => void render());
  await render();
}

void start();
