import { h } from '@bpmn-io/properties-panel/preact';
import { useEffect, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';
import type { Element } from 'bpmn-js/lib/model/Types';
import { api, query } from '../../api/client.js';
import type { ListOf, Matter } from '../../api/types.js';
import { govValue, setGovValues } from './gov-extension.js';

type Translate = (text: string, replacements?: Record<string, unknown>) => string;

/**
 * A search box over the matter catalog (Chinese substring or pinyin initials); picking a
 * result binds the element to the matter and, when empty, fills in the handling department.
 */
export function MatterSearch(props: { element: Element }) {
  const { element } = props;
  const translate = useService<Translate>('translate');
  const commandStack = useService<{ execute(command: string, context: unknown): void }>('commandStack');
  const bpmnFactory = useService<{ create(type: string, attributes?: Record<string, unknown>): never }>('bpmnFactory');
  const [text, setText] = useState('');
  const [results, setResults] = useState<Matter[]>([]);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const term = text.trim();
    if (!term) {
      setResults([]);
      setStatus('');
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api<ListOf<Matter> | null>(`/catalog/matters${query({ q: term, limit: 20 })}`, { allowNotFound: true })
        .then((found) => {
          if (cancelled) return;
          const items = found?.items ?? [];
          setResults(items);
          setStatus(found === null ? translate('The catalog is not available yet') : items.length ? '' : translate('No matching matter'));
        })
        .catch(() => !cancelled && setStatus(translate('The catalog could not be searched')));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text]);

  function bind(matter: Matter): void {
    setGovValues(element, 'gov:Matter', { code: matter.code, name: matter.name }, commandStack, bpmnFactory);
    const department = typeof matter.department === 'string' ? matter.department : undefined;
    if (department && !govValue(element, 'gov:Handling', 'department')) {
      setGovValues(element, 'gov:Handling', { department }, commandStack, bpmnFactory);
    }
    setText('');
  }

  return h(
    'div',
    { class: 'bio-properties-panel-entry gov-matter-search', 'data-entry-id': 'gov-matter-search' },
    h('label', { class: 'bio-properties-panel-label', for: 'gov-matter-search-input' }, translate('Bind a catalog matter')),
    h('input', {
      id: 'gov-matter-search-input',
      class: 'bio-properties-panel-input',
      type: 'search',
      value: text,
      placeholder: translate('Search by name, code or pinyin initials'),
      onInput: (event: Event) => setText((event.target as HTMLInputElement).value),
    }),
    status ? h('div', { class: 'hint' }, status) : null,
    results.length
      ? h(
          'ul',
          { class: 'gov-matter-results' },
          results.map((matter) =>
            h('li', { key: matter.code, onClick: () => bind(matter), 'data-code': matter.code }, `${matter.name}（${matter.code}）`),
          ),
        )
      : null,
  );
}
