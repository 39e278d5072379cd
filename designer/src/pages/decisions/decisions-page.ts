import { api, ApiProblem } from '../../api/client.js';
import type { DecisionDefinition, DecisionDeployment, ProblemError } from '../../api/types.js';
import { download, openDialog } from '../../app/dialog.js';
import { formatDateTime, h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { navigate, type Route } from '../../app/router.js';
import { hasRole } from '../../auth/session.js';
import type { DmnDecision, DmnEditor, DmnView } from '../../decisions/create-dmn-modeler.js';
import { dropDecisionDraft, listDecisionDrafts, loadDecisionDraft, saveDecisionDraft } from '../../decisions/decision-drafts.js';
import { isDecisionId, newDecisionXml } from '../../decisions/new-decision.js';
import { markProblems } from '../../decisions/problem-marks.js';
import { TrialPanel } from '../../decisions/trial-panel.js';
import { pickLanguage, t } from '../../i18n/index.js';
import { fetchAll } from '../../app/paged-list.js';

/** What the editor holds: a deployed version, or a new/uploaded file not deployed yet. */
interface Opened {
  decisionId: string;
  deployed?: DecisionDefinition;
}

/**
 * 决策表: the department's DMN decisions, edited with dmn-js (decision table, DRD, literal
 * expression), deployed as a new version, tried out with inputs by column label (试算).
 */
export async function renderPage(root: HTMLElement, route: Route): Promise<() => void> {
  const canDeploy = hasRole('designer');
  const listElement = h('div', { class: 'decision-list', id: 'decision-list' });
  const editorElement = h('div', { class: 'decision-editor', id: 'decision-editor' });
  const noticeElement = h('p', { class: 'empty', id: 'decision-notice', hidden: true });
  const problemsElement = h('div', { class: 'deploy-problems', id: 'decision-problems', hidden: true });
  const trialElement = h('div', { class: 'decision-trial', id: 'decision-trial' });
  const titleElement = h('span', { class: 'title', id: 'decision-title' });
  const stateElement = h('span', { class: 'draft-state', id: 'decision-state' });
  const viewSelect = h('select', { id: 'decision-view', 'aria-label': t('View'), onchange: () => void openView(viewSelect.value) });
  const versionSelect = h('select', { id: 'decision-version', 'aria-label': t('Version'), onchange: () => void openVersion(versionSelect.value) });
  const fileInput = h('input', { type: 'file', accept: '.dmn,.xml,application/xml', hidden: true, id: 'decision-upload-input' });
  const notDesigner = canDeploy ? '' : t('Only designers may deploy');
  const discardButton = h('button', { id: 'discard-draft', hidden: true, onclick: () => void discardDraft() }, t('Discard draft'));

  root.append(
    h(
      'div',
      { class: 'modeler-toolbar' },
      titleElement,
      h('button', { id: 'new-decision', disabled: !canDeploy, title: notDesigner, onclick: () => void newDecision() }, t('New')),
      h('button', { id: 'upload-decision', disabled: !canDeploy, title: notDesigner || t('Deploys the .dmn file you choose'), onclick: () => fileInput.click() }, t('Upload .dmn and deploy')),
      h('button', { id: 'export-decision', onclick: () => void exportXml() }, t('Export XML')),
      h('label', { class: 'inline-label' }, t('View'), viewSelect),
      h('label', { class: 'inline-label' }, t('Version'), versionSelect),
      h('button', { id: 'deploy-decision', class: 'primary', disabled: !canDeploy, title: notDesigner, onclick: () => void deploy() }, t('Deploy')),
      discardButton,
      stateElement,
      fileInput,
    ),
    h('div', { class: 'modeler-body' }, listElement, h('div', { class: 'decision-editor-wrap' }, noticeElement, editorElement), h('div', { class: 'modeler-side decision-side' }, problemsElement, trialElement)),
  );

  // dmn-js is as big as bpmn-js: fetched only when this page opens.
  const { createDmnEditor } = await import('../../decisions/create-dmn-modeler.js');
  const editor: DmnEditor = createDmnEditor(editorElement);
  const trial = new TrialPanel(trialElement, editor);
  let decisions: DecisionDefinition[] = [];
  let opened: Opened | undefined;
  let importing = false;
  let changed = false;
  const watchedViewers = new WeakSet<object>();
  let lastProblems: ProblemError[] = [];
  let draftTimer: ReturnType<typeof setTimeout> | undefined;

  // Every view has its own viewer: listen to each one's command stack once it shows.
  editor.on('views.changed', () => {
    showViews();
    const viewer = editor.getActiveViewer();
    if (viewer && !watchedViewers.has(viewer)) {
      watchedViewers.add(viewer);
      (viewer.get('eventBus') as { on(event: string, callback: () => void): void }).on('commandStack.changed', () => {
        if (importing) return;
        changed = true;
        stateElement.textContent = t('Changed, not deployed yet');
        trial.refresh(opened?.decisionId, opened?.deployed?.version, changed);
        clearTimeout(draftTimer);
        draftTimer = setTimeout(() => void saveDraftNow(), 400);
      });
    }
    markProblems(editor, lastProblems);
  });

  /** Keeps the edits on this browser until they are deployed. */
  async function saveDraftNow(): Promise<void> {
    clearTimeout(draftTimer);
    draftTimer = undefined;
    if (!opened?.decisionId || !changed) return;
    saveDecisionDraft({ decisionId: opened.decisionId, xml: await currentXml(), baseVersion: opened.deployed?.version ?? null });
    discardButton.hidden = false;
  }

  /** Opens the draft kept for this decision, on top of the version it started from. */
  async function restoreDraft(decisionId: string): Promise<void> {
    const draft = loadDecisionDraft(decisionId);
    if (!draft) return;
    const base = draft.baseVersion === null ? undefined : decisions.find((decision) => decision.decisionId === decisionId && decision.version === draft.baseVersion);
    if (await importXml(draft.xml, { decisionId, deployed: base }, t('Draft of {time} restored', { time: formatDateTime(draft.savedAt) }))) {
      changed = true;
      discardButton.hidden = false;
      showVersions();
      trial.refresh(decisionId, base?.version, changed);
    }
  }

  async function discardDraft(): Promise<void> {
    if (!opened?.decisionId) return;
    dropDecisionDraft(opened.decisionId);
    discardButton.hidden = true;
    const latest = latestVersions().find((decision) => decision.decisionId === opened?.decisionId);
    if (latest) await openVersion(opened.deployed?.key ?? latest.key);
    else {
      // Never deployed: the table stays on screen until the page is left, but is no longer kept.
      changed = false;
      stateElement.textContent = t('Draft discarded');
      showList();
    }
  }

  async function loadList(): Promise<void> {
    try {
      decisions = await fetchAll<DecisionDefinition>('/decision-definitions');
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
      decisions = [];
    }
    showList();
  }

  /** Newest version of each decision id, by name (Chinese collation). */
  function latestVersions(): DecisionDefinition[] {
    const latest = new Map<string, DecisionDefinition>();
    for (const decision of decisions) {
      const known = latest.get(decision.decisionId);
      if (!known || known.version < decision.version) latest.set(decision.decisionId, decision);
    }
    return [...latest.values()].sort((a, b) => (a.name ?? a.decisionId).localeCompare(b.name ?? b.decisionId, 'zh-CN'));
  }

  function showList(): void {
    const latest = latestVersions();
    listElement.replaceChildren(
      h('h3', {}, t('Decisions of my department')),
      latest.length
        ? h(
            'table',
            { class: 'list' },
            h('tr', {}, h('th', {}, t('Decision')), h('th', {}, t('Version')), h('th', {}, t('Deployed at'))),
            latest.map((decision) =>
              h(
                'tr',
                {
                  class: `clickable${decision.decisionId === opened?.decisionId ? ' selected' : ''}`,
                  'data-decision-id': decision.decisionId,
                  onclick: () => navigate(`/decisions/${encodeURIComponent(decision.decisionId)}`),
                },
                h('td', {}, h('div', {}, decision.name ?? decision.decisionId), h('div', { class: 'muted small' }, decision.decisionId)),
                h('td', {}, `v${decision.version}`, decision.versionTag ? h('div', { class: 'muted small' }, decision.versionTag) : ''),
                h('td', { class: 'small' }, formatDateTime(decision.createdAt)),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('No decision has been deployed yet')),
      localDrafts(latest),
    );
  }

  /** Drafts of decisions never deployed (新建, or a refused upload that was then edited). */
  function localDrafts(deployed: DecisionDefinition[]): HTMLElement | string {
    const known = new Set(deployed.map((decision) => decision.decisionId));
    const drafts = listDecisionDrafts().filter((draft) => !known.has(draft.decisionId));
    if (!drafts.length) return '';
    return h(
      'div',
      { id: 'decision-drafts' },
      h('h3', {}, t('Drafts on this browser (not deployed)')),
      h('ul', { class: 'plain-list' }, drafts.map((draft) => h('li', {}, h('a', { href: `#/decisions/${encodeURIComponent(draft.decisionId)}` }, draft.decisionId), h('div', { class: 'muted small' }, formatDateTime(draft.savedAt))))),
    );
  }

  function showVersions(): void {
    const versions = decisions.filter((decision) => decision.decisionId === opened?.decisionId).sort((a, b) => b.version - a.version);
    versionSelect.replaceChildren(
      ...(opened?.deployed ? [] : [h('option', { value: '', selected: true }, t('Not deployed'))]),
      ...versions.map((version) =>
        h('option', { value: version.key, selected: version.key === opened?.deployed?.key }, `v${version.version}${version.versionTag ? `（${version.versionTag}）` : ''} · ${formatDateTime(version.createdAt)}`),
      ),
    );
    versionSelect.disabled = versions.length === 0;
  }

  function viewLabel(view: DmnView): string {
    if (view.type === 'drd') return t('Decision requirements diagram (DRD)');
    const kind = view.type === 'decisionTable' ? t('Decision table') : view.type === 'literalExpression' ? t('Literal expression') : t('Boxed expression');
    return `${kind}：${view.element.name || view.element.id}`;
  }

  function showViews(): void {
    const active = editor.getActiveView();
    viewSelect.replaceChildren(
      ...editor.getViews().map((view, index) => h('option', { value: String(index), selected: view === active }, viewLabel(view))),
    );
  }

  async function openView(index: string): Promise<void> {
    const view = editor.getViews()[Number(index)];
    if (view) await editor.open(view);
  }

  /** Shows the view of one decision (its table or literal expression). */
  async function openDecisionView(decisionId: string): Promise<void> {
    const view = editor.getViews().find((candidate) => candidate.type !== 'drd' && candidate.element.id === decisionId);
    if (view && view !== editor.getActiveView()) await editor.open(view);
  }

  async function importXml(xml: string, next: Opened, source: string): Promise<boolean> {
    // Edits still waiting for their draft save are kept before another table replaces them.
    if (draftTimer !== undefined) await saveDraftNow();
    importing = true;
    try {
      await editor.importXML(xml);
      opened = next;
      noticeElement.hidden = true;
      await openDecisionView(next.decisionId);
      changed = false;
      discardButton.hidden = true;
      lastProblems = [];
      markProblems(editor, []);
      problemsElement.hidden = true;
      stateElement.textContent = source;
      showTitle();
      showVersions();
      showViews();
      showList();
      trial.refresh(opened.decisionId, opened.deployed?.version, changed);
      return true;
    } catch (error) {
      notify(`${t('The decision could not be opened')}: ${(error as Error).message}`, 'error');
      return false;
    } finally {
      importing = false;
    }
  }

  function showTitle(): void {
    const decision = decisionElement(opened?.decisionId);
    const name = decision?.name || opened?.deployed?.name || '';
    titleElement.textContent = name ? `${name}（${opened?.decisionId}）` : opened?.decisionId ?? t('Decision tables');
  }

  function decisionElement(decisionId: string | undefined): DmnDecision | undefined {
    return editor.getDefinitions()?.drgElement?.find((element) => element.$type === 'dmn:Decision' && element.id === decisionId);
  }

  async function openVersion(key: string): Promise<void> {
    if (!key) return;
    try {
      const definition = await api<DecisionDefinition>(`/decision-definitions/${encodeURIComponent(key)}`);
      await importXml(definition.xml ?? '', { decisionId: definition.decisionId, deployed: definition }, t('Version {version} from the server', { version: definition.version }));
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
    }
  }

  async function openLatest(decisionId: string): Promise<boolean> {
    const latest = latestVersions().find((decision) => decision.decisionId === decisionId);
    if (!latest) return false;
    await openVersion(latest.key);
    await restoreDraft(decisionId);
    return true;
  }

  async function currentXml(): Promise<string> {
    return (await editor.saveXML({ format: true })).xml;
  }

  async function newDecision(): Promise<void> {
    const nameInput = h('input', { id: 'new-decision-name', value: t('New decision') });
    const idInput = h('input', { id: 'new-decision-id', value: `decision-${Math.random().toString(36).slice(2, 8)}` });
    const ok = await openDialog(
      t('New decision table'),
      [
        h('div', { class: 'form-grid' }, h('label', {}, t('Decision name'), nameInput), h('label', {}, t('Decision ID (used by business rule tasks)'), idInput)),
        h('p', { class: 'muted' }, t('Starts from a small table: one input, one output, two rules.')),
      ],
      [{ label: t('Create'), value: true, primary: true, id: 'confirm-new-decision' }],
      'new-decision-dialog',
    );
    if (!ok) return;
    const decisionId = idInput.value.trim();
    if (!isDecisionId(decisionId)) {
      notify(t('A decision ID starts with a letter and has only letters, digits, _ - .'), 'error');
      return;
    }
    if (await importXml(newDecisionXml(decisionId, nameInput.value.trim() || t('New decision')), { decisionId }, t('New decision, not deployed yet'))) {
      // Kept as a draft from the start, so it can be found again before it is deployed.
      changed = true;
      await saveDraftNow();
      showList();
    }
  }

  async function exportXml(): Promise<void> {
    download(`${opened?.decisionId || 'decision'}.dmn`, await currentXml(), 'application/xml');
  }

  /** zeebe:versionTag of the opened decision, as Camunda Modeler writes it in the file. */
  function fileVersionTag(): string {
    const extensions = (decisionElement(opened?.decisionId) as { extensionElements?: { values?: { $type?: string; value?: string }[] } } | undefined)?.extensionElements;
    return extensions?.values?.find((value) => /versionTag$/i.test(value.$type ?? ''))?.value ?? '';
  }

  /** The decision the file is about: the one opened, else the file's first decision. */
  function firstDecisionId(): string | undefined {
    return editor.getDefinitions()?.drgElement?.find((element) => element.$type === 'dmn:Decision')?.id;
  }

  async function deploy(): Promise<void> {
    const tagInput = h('input', { id: 'deploy-version-tag', placeholder: t('e.g. 2026-12 or v1.1 (optional)') });
    const fileTag = fileVersionTag();
    const confirmed = await openDialog(
      t('Deploy a new version'),
      [
        h('div', { class: 'form-grid' }, h('label', {}, t('Version tag'), tagInput)),
        fileTag ? h('p', { class: 'muted', id: 'file-version-tag' }, t('Left empty, the tag in the file applies: {tag}', { tag: fileTag })) : '',
        h('p', { class: 'muted' }, t('Business rule tasks bound to the latest version use it from now on; running cases already decided keep their result.')),
      ],
      [{ label: t('Deploy'), value: true, primary: true, id: 'confirm-deploy' }],
      'deploy-dialog',
    );
    if (!confirmed) return;
    const versionTag = tagInput.value.trim();
    await deployXml(await currentXml(), versionTag || undefined);
  }

  /** Deploys a DMN file; a refusal lists the problems (decision, rule, cell) and marks the cells. */
  async function deployXml(xml: string, versionTag?: string): Promise<boolean> {
    lastProblems = [];
    problemsElement.hidden = true;
    markProblems(editor, []);
    try {
      const deployment = await api<DecisionDeployment>('/deployments', { body: { decisions: [xml], ...(versionTag ? { versionTag } : {}) } });
      await loadList();
      const wanted = deployment.decisions.find((decision) => decision.decisionId === opened?.decisionId) ?? deployment.decisions[0];
      const text = deployment.unchanged
        ? t('Nothing changed: version {version} is still current', { version: wanted?.version ?? '?' })
        : t('Deployed decision {decision} version {version}', { decision: decisions.find((decision) => decision.key === wanted?.key)?.name ?? wanted?.decisionId ?? '', version: wanted?.version ?? '?' });
      notify(text, 'success');
      clearTimeout(draftTimer);
      draftTimer = undefined;
      for (const decisionId of new Set([opened?.decisionId, ...deployment.decisions.map((decision) => decision.decisionId)])) if (decisionId) dropDecisionDraft(decisionId);
      discardButton.hidden = true;
      if (wanted) {
        const definition = decisions.find((decision) => decision.key === wanted.key);
        opened = { decisionId: wanted.decisionId, deployed: definition };
        changed = false;
        showVersions();
        showList();
        showTitle();
        trial.refresh(opened.decisionId, opened.deployed?.version, changed);
      }
      stateElement.textContent = text;
      return true;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      showProblems(error);
      // A refused deployment never costs the edits: they are kept on this browser at once.
      await saveDraftNow();
      return false;
    }
  }

  function showProblems(error: ApiProblem): void {
    lastProblems = error.problem.errors ?? [];
    problemsElement.hidden = false;
    problemsElement.replaceChildren(
      h('strong', { class: 'error-text' }, error.describe()),
      h('p', { class: 'muted' }, t('Nothing was deployed; the table stays as you edited it. Marked cells are in red.')),
      h(
        'ul',
        {},
        lastProblems.map((item) =>
          h('li', { 'data-rule-index': item.ruleIndex ?? '', onclick: () => item.elementId && void openDecisionView(item.elementId) }, pickLanguage(item.message, item.messageZh), item.line ? ` (${t('line')} ${item.line})` : ''),
        ),
      ),
    );
    const first = lastProblems.find((item) => item.elementId && decisionElement(item.elementId));
    markProblems(editor, lastProblems);
    if (first?.elementId) void openDecisionView(first.elementId).then(() => revealMarkedCell());
  }

  /** The table scrolls sideways: bring the first marked cell (else its rule) into sight. */
  function revealMarkedCell(): void {
    const marks = document.getElementById('decision-problem-marks')?.textContent ?? '';
    const selector = marks.match(/td\[data-row-id="[^"]*"\]\[data-col-id="[^"]*"\]/)?.[0] ?? marks.match(/td\[data-row-id="[^"]*"\]/)?.[0];
    if (selector) editorElement.querySelector(selector)?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    const xml = await file.text();
    // Shown first, so a refused file can be mended here.
    const shown = await importXml(xml, { decisionId: '' }, t('Uploaded {file}', { file: file.name }));
    if (shown) {
      opened = { decisionId: firstDecisionId() ?? '' };
      showTitle();
    }
    await deployXml(xml);
    if (opened?.deployed) stateElement.textContent = t('Uploaded {file} and deployed', { file: file.name });
  });

  await loadList();
  const wanted = route.params[0];
  if (wanted && !(await openLatest(wanted)) && loadDecisionDraft(wanted)) {
    await restoreDraft(wanted);
  } else if (wanted && !opened) {
    titleElement.textContent = wanted;
    trial.refresh(undefined, undefined, false);
    noticeElement.hidden = false;
    noticeElement.textContent = t('Decision {decision} has not been deployed by your department', { decision: wanted });
  } else if (!wanted) {
    const first = latestVersions()[0];
    if (first) await openLatest(first.decisionId);
    else {
      titleElement.textContent = t('Decision tables');
      trial.refresh(undefined, undefined, false);
    }
  }
  document.body.dataset.decisionsReady = 'true';

  return () => {
    void saveDraftNow().catch(() => undefined);
    delete document.body.dataset.decisionsReady;
    markProblems(editor, []);
    editor.destroy();
  };
}
