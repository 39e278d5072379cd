import type Modeler from 'bpmn-js/lib/Modeler';
import type { Element } from 'bpmn-js/lib/model/Types';
import { api, ApiProblem, query } from '../../api/client.js';
import type { Deployment, ListOf, ProcessDefinition } from '../../api/types.js';
import { download, openDialog } from '../../app/dialog.js';
import { formatDateTime, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import type { Route } from '../../app/router.js';
import { hasRole } from '../../auth/session.js';
import { pickLanguage, t } from '../../i18n/index.js';
import { createModeler } from '../../modeler/create-modeler.js';
import { DeployProblems } from '../../modeler/deploy-problems.js';
import { fitDiagram } from '../../modeler/fit-diagram.js';
import { currentDraft, deleteBlankDrafts, listDrafts, loadDraft, saveDraft, type Draft } from '../../modeler/draft-store.js';
import { govValue, setGovValues } from '../../modeler/gov/gov-extension.js';
import { newDiagramXml } from '../../modeler/new-diagram.js';
import { DiagramSwitcher } from '../../modeler/interchange/diagram-switcher.js';
import { ImportedXml } from '../../modeler/interchange/imported-xml.js';
import { describeImportWarning, type ImportWarning } from '../../modeler/interchange/import-warnings.js';
import { fetchAll } from '../../app/paged-list.js';
import { renderDiffView } from '../../modeler/diff-view.js';
import { diffXml } from '../../modeler/version-diff.js';

interface ProcessInfo {
  id: string;
  name: string;
}

interface ProcessTemplate {
  key: string;
  processId: string;
  name: string;
  matterTypes: string[];
}

interface LintIssue {
  id: string;
  message: string;
  category: 'error' | 'warn' | string;
}

/** 流程设计: draw, lint, keep local drafts, import/export, deploy, compare versions. */
export async function renderPage(root: HTMLElement, route: Route): Promise<() => void> {
  const canvasElement = h('div', { class: 'modeler-canvas', id: 'canvas' });
  const panelElement = h('div', { class: 'properties-panel', id: 'properties-panel' });
  const problemsElement = h('div', { class: 'deploy-problems', id: 'deploy-problems', hidden: true });
  const importNotesElement = h('div', { class: 'deploy-problems import-notes', id: 'import-notes', hidden: true });
  const draftState = h('span', { class: 'draft-state', id: 'draft-state' });
  const titleElement = h('span', { class: 'title', id: 'diagram-title' });
  const fileInput = h('input', { type: 'file', accept: '.bpmn,.xml,application/xml', hidden: true });

  const toolbar = h(
    'div',
    { class: 'modeler-toolbar' },
    titleElement,
    h('button', { id: 'new-diagram', onclick: () => void newDiagram() }, t('New')),
    h('button', { id: 'open-diagram', onclick: () => void openDiagram() }, t('Open')),
    h('button', { id: 'save-draft', onclick: () => void saveNow(true) }, t('Save draft')),
    h('button', { id: 'import-xml', onclick: () => fileInput.click() }, t('Import XML')),
    h('button', { id: 'export-xml', onclick: () => void exportXml() }, t('Export XML')),
    h('button', { id: 'export-svg', onclick: () => void exportSvg() }, t('Export SVG')),
    h('button', { id: 'versions', onclick: () => void showVersions() }, t('Versions')),
    h('button', { id: 'deploy', class: 'primary', disabled: !hasRole('designer'), title: hasRole('designer') ? '' : t('Only designers may deploy'), onclick: () => void deploy() }, t('Deploy')),
    draftState,
    fileInput,
  );
  root.append(toolbar, h('div', { class: 'modeler-body' }, canvasElement, h('div', { class: 'modeler-side' }, importNotesElement, problemsElement, panelElement)));

  const modeler: Modeler = createModeler(canvasElement, panelElement);
  const importedXml = new ImportedXml(modeler as never);
  // A switched diagram opens as an imported one does: fitted right of the palette, not under it.
  const diagramSwitcher = new DiagramSwitcher(modeler as never, () => fitDiagram(modeler.get('canvas'), canvasElement));
  titleElement.after(diagramSwitcher.element);
  const deployProblems = new DeployProblems(modeler as never);
  let processInfo: ProcessInfo = { id: '', name: '' };
  let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  let importing = false;
  // A draft is kept once the user has changed something (or asks for it): merely visiting the
  // page, or opening a version or a generated flow, leaves no draft behind.
  let edited = false;

  function readProcessInfo(): ProcessInfo {
    const definitions = (modeler as unknown as { getDefinitions(): { rootElements?: { $type: string; id: string; name?: string; processRef?: { id: string; name?: string } }[] } }).getDefinitions();
    const roots = definitions?.rootElements ?? [];
    const process = roots.find((element) => element.$type === 'bpmn:Process');
    return { id: process?.id ?? '', name: process?.name ?? '' };
  }

  function showTitle(): void {
    titleElement.textContent = processInfo.name ? `${processInfo.name}（${processInfo.id}）` : processInfo.id;
  }

  async function importXml(xml: string, source: string): Promise<boolean> {
    // Edits still waiting for their autosave are kept before another diagram replaces them.
    if (edited) {
      clearTimeout(autosaveTimer);
      await saveNow();
    }
    importing = true;
    try {
      const result = await modeler.importXML(xml);
      importedXml.imported(xml);
      diagramSwitcher.refresh();
      edited = false;
      showImportNotes(result.warnings as unknown as ImportWarning[]);
      fitDiagram(modeler.get('canvas'), canvasElement);
      processInfo = readProcessInfo();
      showTitle();
      deployProblems.clear();
      problemsElement.hidden = true;
      draftState.textContent = source;
      return true;
    } catch (error) {
      notify(`${t('The diagram could not be opened')}: ${(error as Error).message}`, 'error');
      return false;
    } finally {
      importing = false;
    }
  }

  /** The XML as imported until the user edits, then bpmn-js's serialisation (see ImportedXml). */
  function currentXml(): Promise<string> {
    return importedXml.xml();
  }

  /** bpmn-js's import warnings, in Chinese and by element name: what the user should know about their file. */
  function showImportNotes(warnings: ImportWarning[]): void {
    importNotesElement.hidden = warnings.length === 0;
    if (!warnings.length) return importNotesElement.replaceChildren();
    notify(t('Imported with {count} notes; nothing was dropped', { count: warnings.length }), 'info');
    importNotesElement.replaceChildren(
      h('strong', {}, t('Import notes')),
      h('button', { class: 'link', id: 'close-import-notes', onclick: () => (importNotesElement.hidden = true) }, t('Close')),
      h('ul', {}, [...new Set(warnings.map(describeImportWarning))].map((text) => h('li', {}, text))),
    );
  }

  /** Keeps the diagram as this browser's draft of its process: after an edit, or when `force`d (Save draft, Deploy). */
  async function saveNow(announce = false, force = announce): Promise<Draft | undefined> {
    if (!edited && !force) return undefined;
    const previous = processInfo.id;
    processInfo = readProcessInfo();
    if (!processInfo.id) return undefined;
    const draft = saveDraft({ processId: processInfo.id, name: processInfo.name, xml: await currentXml() }, previous);
    showTitle();
    draftState.textContent = t('Draft saved {time}', { time: formatDateTime(draft.savedAt) });
    if (announce) notify(t('Draft saved on this browser'), 'success');
    return draft;
  }

  // Autosave after every change: a network error or a closed tab never loses work.
  const eventBus = modeler.get('eventBus') as { on(event: string, callback: (event: { trigger?: string }) => void): void };
  eventBus.on('commandStack.changed', (event: { trigger?: string }) => {
    // 'clear' comes with imports and with switching diagrams: nothing changed.
    if (importing || event.trigger === 'clear') return;
    edited = true;
    draftState.textContent = t('Unsaved changes…');
    clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(() => void saveNow(), 400);
  });

  async function newDiagram(): Promise<void> {
    const nameInput = h('input', { id: 'new-process-name', value: t('New process') });
    const templates = await api<ListOf<ProcessTemplate> | null>('/catalog/process-templates', { allowNotFound: true }).catch(() => null);
    const templateSelect = h('select', { id: 'new-process-template' },
      h('option', { value: '' }, t('Empty diagram')),
      (templates?.items ?? []).map((template) => h('option', { value: template.key }, `${template.name}（${template.matterTypes.join('、')}）`)));
    const matterInput = h('input', { id: 'new-process-matter', placeholder: t('Matter code (optional)') });
    const ok = await openDialog(
      t('New process'),
      [h('div', { class: 'form-grid' },
        h('label', {}, t('Process name'), nameInput),
        templates?.items.length ? h('label', {}, t('Start from a template'), templateSelect) : '',
        templates?.items.length ? h('label', {}, t('Bind to matter'), matterInput) : '')],
      [{ label: t('Create'), value: true, primary: true, id: 'confirm-new' }],
    );
    if (!ok) return;
    let xml = newDiagramXml(nameInput.value.trim() || t('New process'));
    if (templateSelect.value) {
      try {
        // The catalog fills in my department (and the matter with its statutory limits as gov:sla).
        xml = await api<string>(`/catalog/process-templates/${encodeURIComponent(templateSelect.value)}${query({ matter: matterInput.value.trim() })}`);
      } catch (error) {
        notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
        return;
      }
    }
    // A template is content the user asked for: kept at once. An empty diagram is kept once drawn on.
    if ((await importXml(xml, t('New diagram'))) && templateSelect.value) await saveNow(false, true);
  }

  async function openDiagram(): Promise<void> {
    const drafts = listDrafts();
    let definitions: ProcessDefinition[] = [];
    try {
      definitions = await fetchAll<ProcessDefinition>('/process-definitions');
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
    }
    const latest = new Map<string, ProcessDefinition>();
    for (const definition of definitions) {
      const known = latest.get(definition.processId);
      if (!known || known.version < definition.version) latest.set(definition.processId, definition);
    }
    type Choice = { kind: 'draft'; draft: Draft } | { kind: 'server'; definition: ProcessDefinition };
    const choice = await openDialog<Choice>(t('Open'), (close) => {
      const pick = (value: Choice) => (event: Event) => {
        event.preventDefault();
        close(value);
      };
      return [
        h('h4', {}, t('Local drafts')),
        drafts.length
          ? h('ul', {}, drafts.map((draft) => h('li', {}, h('a', { href: '#', onclick: pick({ kind: 'draft', draft }) }, draft.name || draft.processId), h('span', { class: 'muted' }, ` ${draft.processId} · ${formatDateTime(draft.savedAt)}`))))
          : h('p', { class: 'muted' }, t('No local drafts')),
        h('h4', {}, t('Deployed processes')),
        latest.size
          ? h('ul', {}, [...latest.values()].map((definition) => h('li', {}, h('a', { href: '#', onclick: pick({ kind: 'server', definition }) }, definition.name ?? definition.processId), h('span', { class: 'muted' }, ` ${definition.processId} · v${definition.version}${definition.versionTag ? ` (${definition.versionTag})` : ''}`))))
          : h('p', { class: 'muted' }, t('Nothing deployed yet')),
      ];
    }, [], 'open-dialog');
    if (!choice) return;
    if (choice.kind === 'draft') await importXml(choice.draft.xml, t('Draft of {time}', { time: formatDateTime(choice.draft.savedAt) }));
    else await openDefinition(choice.definition.id);
  }

  async function openDefinition(definitionId: string): Promise<void> {
    try {
      const definition = await api<ProcessDefinition>(`/process-definitions/${encodeURIComponent(definitionId)}`);
      if (definition.xml) await importXml(definition.xml, t('Version {version} from the server', { version: definition.version }));
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
    }
  }

  async function openLatestOf(processId: string): Promise<boolean> {
    try {
      const { items } = await api<ListOf<ProcessDefinition>>(`/process-definitions${query({ processId })}`);
      const latestVersion = items.sort((a, b) => b.version - a.version)[0];
      if (!latestVersion) return false;
      await openDefinition(latestVersion.id);
      return true;
    } catch {
      return false;
    }
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    await importXml(await file.text(), t('Imported {file}', { file: file.name }));
    fileInput.value = '';
  });

  async function exportXml(): Promise<void> {
    download(`${processInfo.id || 'diagram'}.bpmn`, await currentXml(), 'application/xml');
  }

  async function exportSvg(): Promise<void> {
    const { svg } = await modeler.saveSVG();
    download(`${processInfo.id || 'diagram'}.svg`, svg, 'image/svg+xml');
  }

  async function lintIssues(): Promise<LintIssue[]> {
    const linting = modeler.get('linting') as { lint(): Promise<Record<string, LintIssue[]>> };
    const results = await linting.lint();
    return Object.values(results).flat();
  }

  async function deploy(): Promise<void> {
    // Kept whatever the server answers: a refused model is not lost.
    await saveNow(false, true);
    const issues = await lintIssues();
    const errors = issues.filter((issue) => issue.category === 'error');
    const processElement = processShape();
    const versionInput = h('input', { id: 'deploy-version-tag', placeholder: 'v1.0', value: processElement ? govValue(processElement, 'zeebe:VersionTag', 'value') : '' });
    const nameInput = h('input', { id: 'deploy-name', value: processInfo.name });
    const confirmed = await openDialog(
      t('Deploy a new version'),
      [
        h('div', { class: 'form-grid' }, h('label', {}, t('Version tag'), versionInput), h('label', {}, t('Deployment name'), nameInput)),
        errors.length ? h('p', { class: 'error-text' }, t('The checker found {count} errors; the server will probably refuse this model.', { count: errors.length })) : h('p', { class: 'muted' }, t('The checker found no errors.')),
      ],
      [{ label: t('Deploy'), value: true, primary: true, id: 'confirm-deploy' }],
      'deploy-dialog',
    );
    if (!confirmed) return;
    // The version tag travels inside the model (zeebe:VersionTag), as Camunda Modeler stores it.
    const versionTag = versionInput.value.trim();
    if (processElement && versionTag !== govValue(processElement, 'zeebe:VersionTag', 'value')) {
      setGovValues(processElement, 'zeebe:VersionTag', { value: versionTag }, modeler.get('commandStack'), modeler.get('bpmnFactory'));
      await saveNow();
    }
    deployProblems.clear();
    problemsElement.hidden = true;
    try {
      const deployment = await api<Deployment>('/deployments', {
        body: { xml: await currentXml(), name: nameInput.value.trim() || undefined },
      });
      const definition = deployment.definitions[0];
      const text = deployment.unchanged
        ? t('Nothing changed: version {version} is still current', { version: definition?.version ?? '?' })
        : t('Deployed {process} version {version}', { process: definition?.name ?? definition?.processId ?? '', version: definition?.version ?? '?' });
      notify(text, 'success');
      draftState.textContent = text;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const problem = error.problem;
      const { onDiagram, elsewhere } = deployProblems.show(problem.errors ?? []);
      problemsElement.hidden = false;
      problemsElement.replaceChildren(
        h('strong', { class: 'error-text' }, error.describe()),
        h('p', { class: 'muted' }, t('{count} problems are marked on the diagram; your draft is kept.', { count: onDiagram })),
        h(
          'ul',
          {},
          (problem.errors ?? []).map((item) =>
            h(
              'li',
              {
                'data-element-id': item.elementId ?? '',
                onclick: () => item.elementId && selectElement(item.elementId),
              },
              // An element's problem is found by clicking it (the canvas selects the element); a line is for what has none.
              `${item.elementId ? `${item.elementId}：` : ''}${pickLanguage(item.message, item.messageZh)}${item.line && !item.elementId ? ` (${t('line')} ${item.line})` : ''}`,
            ),
          ),
        ),
      );
      if (elsewhere.length === 0 && onDiagram === 0) notify(error.describe(), 'error');
    }
  }

  /** The diagram element that stands for the process: the root, or the participant of a collaboration. */
  function processShape(): Element | undefined {
    const root = (modeler.get('canvas') as { getRootElement(): Element }).getRootElement();
    if (root.type === 'bpmn:Process') return root;
    const registry = modeler.get('elementRegistry') as { filter(predicate: (element: Element) => boolean): Element[] };
    return registry.filter((element) => element.type === 'bpmn:Participant' && !!element.businessObject?.processRef)[0];
  }

  function selectElement(elementId: string): void {
    const element = (modeler.get('elementRegistry') as { get(id: string): unknown }).get(elementId);
    if (element) (modeler.get('selection') as { select(element: unknown): void }).select(element);
  }

  async function showVersions(): Promise<void> {
    processInfo = readProcessInfo();
    let versions: ProcessDefinition[];
    try {
      versions = (await fetchAll<ProcessDefinition>(`/process-definitions${query({ processId: processInfo.id })}`)).sort((a, b) => b.version - a.version);
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
      return;
    }
    const options = (selected: number) => versions.map((version, index) => h('option', { value: version.id, selected: index === selected }, `v${version.version}${version.versionTag ? ` (${version.versionTag})` : ''} · ${formatDateTime(version.createdAt)}`));
    const current = h('option', { value: 'draft' }, t('Current diagram'));
    const fromSelect = h('select', { id: 'diff-from' }, options(versions.length > 1 ? 1 : 0));
    const toSelect = h('select', { id: 'diff-to' }, current, options(-1));
    const result = h('div', { id: 'diff-result' });
    const table = versions.length
      ? h('table', { class: 'list' }, h('tr', {}, h('th', {}, t('Version')), h('th', {}, t('Version tag')), h('th', {}, t('Deployed at')), h('th', {}, '')),
          versions.map((version) => h('tr', {}, h('td', {}, `v${version.version}`), h('td', {}, version.versionTag ?? ''), h('td', {}, formatDateTime(version.createdAt)), h('td', {}, h('button', { onclick: () => closeVersions?.(version.id) }, t('Open'))))))
      : h('p', { class: 'muted' }, t('This process has not been deployed yet'));
    const compareButton = h('button', { id: 'compare-versions', onclick: () => void compare() }, t('Compare'));
    async function xmlOf(value: string): Promise<string> {
      if (value === 'draft') return currentXml();
      return (await api<ProcessDefinition>(`/process-definitions/${encodeURIComponent(value)}`)).xml ?? '';
    }
    let releaseDiff: (() => void) | undefined;
    const titleOf = (select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '';
    async function compare(): Promise<void> {
      const [beforeXml, afterXml] = await Promise.all([xmlOf(fromSelect.value), xmlOf(toSelect.value)]);
      const changes = await diffXml(modeler.get('moddle') as Parameters<typeof diffXml>[0], beforeXml, afterXml);
      releaseDiff?.();
      releaseDiff = await renderDiffView(result, { title: titleOf(fromSelect), xml: beforeXml }, { title: titleOf(toSelect), xml: afterXml }, changes);
    }
    let closeVersions: ((value: string | null) => void) | undefined;
    const opened = await openDialog<string>(
      t('Versions of {process}', { process: processInfo.name || processInfo.id }),
      (close) => (closeVersions = close, [table, versions.length ? h('div', { class: 'toolbar' }, h('label', {}, t('Compare version'), fromSelect), h('label', {}, t('with version'), toSelect), compareButton) : '', result]),
      [],
      'versions-dialog',
    );
    releaseDiff?.();
    if (opened) await openDefinition(opened);
  }

  /** A 一件事's flow: the version my department deployed (processId, as the catalog names it), else the one the catalog generates. */
  async function openBundleFlow(code: string, processId: string | null): Promise<void> {
    if (processId && (await openLatestOf(processId))) return;
    try {
      const xml = await api<string>(`/catalog/bundles/${encodeURIComponent(code)}/process`);
      await importXml(xml, t('Flow generated for 一件事 {code}', { code }));
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
    }
  }

  // Start-up: a process asked for in the URL, else the last draft, else a new diagram.
  const wantedProcess = route.query.get('processId');
  const wantedDefinition = route.query.get('definition');
  const wantedBundle = route.query.get('bundle');
  // Blank diagrams kept by earlier releases on every visit (未命名 clutter) go.
  deleteBlankDrafts();
  const draft = currentDraft();
  if (wantedDefinition) await openDefinition(wantedDefinition);
  else if (wantedBundle) await openBundleFlow(wantedBundle, wantedProcess);
  else if (wantedProcess && loadDraft(wantedProcess)) await importXml(loadDraft(wantedProcess)!.xml, t('Draft restored'));
  else if (wantedProcess && (await openLatestOf(wantedProcess))) {
    // opened from the server
  } else if (draft) await importXml(draft.xml, t('Draft of {time} restored', { time: formatDateTime(draft.savedAt) }));
  else await importXml(newDiagramXml(t('New process')), t('New diagram'));
  document.body.dataset.modelerReady = 'true';
  // bench/designer.ts reads this mark: navigation start → canvas ready.
  performance.mark('matterflow:modeler-ready');

  return () => {
    clearTimeout(autosaveTimer);
    if (edited) void saveNow();
    delete document.body.dataset.modelerReady;
    modeler.destroy();
  };
}
