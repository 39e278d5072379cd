import { ApiProblem } from '../api/client.js';
import { h } from '../app/dom.js';
import { notify } from '../app/notify.js';
import { navigate } from '../app/router.js';
import { currentUser, forgetToken, rememberedTokens, signIn } from '../auth/session.js';
import { t } from '../i18n/index.js';

/** Sign-in with an API token: paste a new one or pick one used before on this browser. */
export function renderPage(root: HTMLElement): void {
  const user = currentUser();
  const tokenInput = h('textarea', { id: 'token-input', rows: 3, placeholder: t('Paste your API token'), autocomplete: 'off' });
  const errorLine = h('p', { class: 'error-text', id: 'sign-in-error' });

  async function useToken(token: string): Promise<void> {
    errorLine.textContent = '';
    try {
      const me = await signIn(token.trim());
      notify(t('Signed in as {name}', { name: me.name }), 'success');
      navigate(me.roles.includes('designer') ? '/modeler' : me.roles.includes('supervisor') ? '/monitor' : '/inbox');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      errorLine.textContent = error instanceof ApiProblem ? error.describe() : String(error);
    }
  }

  const remembered = rememberedTokens();
  root.append(
    h(
      'div',
      { class: 'sign-in' },
      user
        ? h(
            'div',
            { class: 'card', id: 'who-am-i' },
            h('h2', {}, t('You are signed in')),
            h('p', {}, `${user.name}（${user.id}）`),
            h('p', {}, `${t('Department')}：${user.departmentName ?? user.department}`),
            h('p', {}, `${t('Roles')}：${user.roles.map((role) => t(`role.${role}`)).join('、')}`),
          )
        : null,
      h(
        'form',
        {
          class: 'card',
          onsubmit: (event: Event) => {
            event.preventDefault();
            if (tokenInput.value.trim()) void useToken(tokenInput.value);
          },
        },
        h('h2', {}, t('Sign in')),
        h('p', { class: 'muted' }, t('Sign in with the API token your administrator gave you.')),
        tokenInput,
        errorLine,
        h('button', { class: 'primary', type: 'submit', id: 'sign-in-button' }, t('Sign in')),
      ),
      remembered.length
        ? h(
            'div',
            { class: 'card' },
            h('h3', {}, t('Recently used on this browser')),
            h(
              'ul',
              { class: 'remembered' },
              remembered.map((entry) =>
                h(
                  'li',
                  {},
                  h('span', {}, `${entry.name} · ${entry.department} · ${entry.roles.map((role) => t(`role.${role}`)).join('、')}`),
                  h('button', { onclick: () => void useToken(entry.token) }, t('Use')),
                  h('button', { class: 'link-button', onclick: (event: Event) => { forgetToken(entry.token); (event.target as HTMLElement).closest('li')?.remove(); } }, t('Forget')),
                ),
              ),
            ),
          )
        : null,
    ),
  );
}
