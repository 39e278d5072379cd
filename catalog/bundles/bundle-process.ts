/**
 * 一件事 as one executable BPMN process: 综合受理 in the lead department, then every component
 * matter in its own department in dependency order, then 统一出件. Pure: it computes the XML
 * (with a diagram bpmn-js can draw); deploying it is the caller's job.
 */
import type { Duration } from '../model.js';
import { definitionsOpening } from '../bpmn-definitions.js';

export interface BundleComponentInput {
  matterCode: string;
  /** Only done when the applicant selects it: runs when `list contains(selectedMatters, "<matterCode>")`. */
  optional?: boolean;
  /** matterCodes of components that must finish first (e.g. 出生医学证明 before 户口登记). */
  dependsOn?: string[];
}

export interface BundleProcessInput {
  bundle: { code: string; name: string; leadDept: string; promisedTimeLimit?: Duration; components: BundleComponentInput[] };
  /** The component matters: name, competent department and limits. Every component's matterCode is in here. */
  matters: ReadonlyMap<string, { code: string; name: string; competentDept: string; legalTimeLimit?: Duration; promisedTimeLimit?: Duration }>;
  /** Display name of the lead department (for gov:handling unit); defaults to leadDept. */
  leadUnitName?: string;
}

/** The process id used for a bundle: `bundle-<code>` with any char outside [A-Za-z0-9_.-] replaced by '_'. */
export function bundleProcessId(code: string): string {
  return `bundle-${code.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

/**
 * The BPMN XML (process and diagram) of a bundle. Throws when a dependsOn names a matter that is
 * not a component, when the dependencies form a cycle, or when a component's matter is missing.
 */
export function bundleProcessXml(input: BundleProcessInput): string {
  const steps = orderSteps(input.bundle);
  const plan = planProcess(input, steps);
  return renderXml(input, plan, layout(plan, steps));
}

const WINDOW_GROUP = '综合窗口';
const REVIEW_GROUP = '审查科室';

// ---------------------------------------------------------------------------------------------
// Steps: 0 is 综合受理, 1..n the components in bundle order, n+1 统一出件.

interface Steps {
  /** The steps each step waits for. */
  before: number[][];
  /** The steps that wait for each step. */
  after: number[][];
  /** Longest dependency path from 综合受理 (column 1): the layout column. */
  column: number[];
}

function orderSteps(bundle: BundleProcessInput['bundle']): Steps {
  const { components } = bundle;
  const stepOf = new Map(components.map((component, index) => [component.matterCode, index + 1]));
  if (stepOf.size !== components.length) throw new Error(`一件事 ${bundle.code}: a matter is listed twice among its components`);
  const before: number[][] = [[]];
  for (const component of components) {
    const prerequisites = [...new Set(component.dependsOn ?? [])].map((code) => {
      const step = stepOf.get(code);
      if (step === undefined) throw new Error(`一件事 ${bundle.code}: ${component.matterCode} depends on ${code}, which is not one of its components`);
      return step;
    });
    before.push(prerequisites.length > 0 ? prerequisites : [0]);
  }

  const column: number[] = [1];
  const path: number[] = [];
  const columnOf = (step: number): number => {
    if (column[step] !== undefined) return column[step];
    if (path.includes(step)) {
      const cycle = [...path.slice(path.indexOf(step)), step].map((entry) => components[entry - 1].matterCode);
      throw new Error(`一件事 ${bundle.code}: the dependencies form a cycle (${cycle.join(' → ')})`);
    }
    path.push(step);
    column[step] = 1 + Math.max(...before[step].map(columnOf));
    path.pop();
    return column[step];
  };
  components.forEach((_, index) => columnOf(index + 1));

  // 统一出件 waits for every component nothing else waits for.
  const awaited = new Set(before.flat());
  const last = components.map((_, index) => index + 1).filter((step) => !awaited.has(step));
  before.push(last.length > 0 ? last : [0]);
  column.push(1 + Math.max(...before[before.length - 1].map((step) => column[step])));

  const after = before.map((): number[] => []);
  before.forEach((prerequisites, step) => prerequisites.forEach((prerequisite) => after[prerequisite].push(step)));
  return { before, after, column };
}

// ---------------------------------------------------------------------------------------------
// Plan: the flow nodes and sequence flows.

type NodeKind = 'startEvent' | 'endEvent' | 'userTask' | 'parallelGateway' | 'exclusiveGateway';
/** Where a node sits inside its step's column, left to right. */
type Slot = 'join' | 'select' | 'main' | 'merge' | 'fork';
const SLOTS: readonly Slot[] = ['join', 'select', 'main', 'merge', 'fork'];

interface PlanNode {
  id: string;
  kind: NodeKind;
  name?: string;
  /** Extension elements, already XML. */
  extensions: string[];
  defaultFlow?: string;
  /** The step whose row the node is drawn on. */
  step: number;
  column: number;
  slot: Slot;
}

interface PlanFlow {
  id: string;
  source: string;
  target: string;
  name?: string;
  /** A FEEL condition, with its leading '='. */
  condition?: string;
  /** The default flow around an optional component's task: drawn above it. */
  bypass?: boolean;
  /** For a dependency flow: the prerequisite step and the step that waits for it. */
  dependency?: readonly [number, number];
}

interface Plan {
  nodes: PlanNode[];
  flows: PlanFlow[];
}

function planProcess(input: BundleProcessInput, steps: Steps): Plan {
  const nodes: PlanNode[] = [];
  const flows: PlanFlow[] = [];
  const node = (spec: Omit<PlanNode, 'extensions'> & { extensions?: string[] }): PlanNode => {
    const created = { extensions: [], ...spec };
    nodes.push(created);
    return created;
  };
  const flow = (source: string, target: string, extra: Partial<PlanFlow> = {}): string => {
    const id = `Flow_${flows.length + 1}`;
    flows.push({ id, source, target, ...extra });
    return id;
  };
  const deliver = steps.before.length - 1;
  // Where each step hands its token on: its fork, else its last node.
  const exits: string[] = [];

  const start = node({ id: 'Start', kind: 'startEvent', name: '收到一件事申请', step: 0, column: 0, slot: 'main' });
  flow(start.id, 'Task_Accept');
  // Column by column, so that prerequisites are planned first and the XML reads left to right.
  const order = steps.column.map((_, step) => step).sort((a, b) => steps.column[a] - steps.column[b] || a - b);
  for (const step of order) {
    const at = { step, column: steps.column[step] };
    const { task: taskSpec, optional } = stepTask(input, step, deliver);
    // Parallel gateways only where a step has several prerequisites (join) or several successors (fork).
    const join = steps.before[step].length > 1 ? node({ id: `Gateway_Join_${stepName(step, deliver)}`, kind: 'parallelGateway', ...at, slot: 'join' }) : undefined;
    const select = optional ? node({ id: `Gateway_Select_${step}`, kind: 'exclusiveGateway', name: `是否办理${optional.name}？`, ...at, slot: 'select' }) : undefined;
    const task = node({ ...taskSpec, ...at, slot: 'main' });
    const merge = optional ? node({ id: `Gateway_Merge_${step}`, kind: 'exclusiveGateway', ...at, slot: 'merge' }) : undefined;
    const fork = steps.after[step].length > 1 ? node({ id: `Gateway_Fork_${stepName(step, deliver)}`, kind: 'parallelGateway', ...at, slot: 'fork' }) : undefined;

    const entry = select?.id ?? task.id;
    const exit = merge?.id ?? task.id;
    for (const prerequisite of steps.before[step]) flow(exits[prerequisite], join?.id ?? entry, { dependency: [prerequisite, step] });
    if (join) flow(join.id, entry);
    if (select && merge && optional) {
      // Split and merge, so that the branch gives the parallel structure exactly one token either way.
      flow(select.id, task.id, { name: '已选择', condition: `=list contains(selectedMatters, ${feelString(optional.code)})` });
      select.defaultFlow = flow(select.id, merge.id, { name: '未选择', bypass: true });
      flow(task.id, merge.id);
    }
    if (fork) flow(exit, fork.id);
    exits[step] = fork?.id ?? exit;
  }
  const end = node({ id: 'End_Done', kind: 'endEvent', name: '办结', step: deliver, column: steps.column[deliver] + 1, slot: 'main' });
  flow(exits[deliver], end.id);
  return { nodes, flows };
}

type TaskSpec = Pick<PlanNode, 'id' | 'kind' | 'name' | 'extensions'>;

/** The user task of a step, and the matter when the applicant may leave the step out. */
function stepTask(input: BundleProcessInput, step: number, deliver: number): { task: TaskSpec; optional?: { code: string; name: string } } {
  const { bundle } = input;
  if (step === 0 || step === deliver) {
    // The window of the applicant's town when the case names one (acceptingUnit, a town's service centre), else the lead department's.
    const extensions = [assignment(WINDOW_GROUP), handling(`=if acceptingUnit = null then ${feelString(bundle.leadDept)} else acceptingUnit`, input.leadUnitName ?? bundle.leadDept)];
    return { task: step === 0 ? { id: 'Task_Accept', kind: 'userTask', name: '综合受理（一表申请）', extensions } : { id: 'Task_Deliver', kind: 'userTask', name: '统一出件', extensions } };
  }
  const component = bundle.components[step - 1];
  const matter = input.matters.get(component.matterCode);
  if (!matter) throw new Error(`一件事 ${bundle.code}: no matter ${component.matterCode} was given for its component`);
  const sla = slaElement({ statutory: matter.legalTimeLimit, committed: matter.promisedTimeLimit });
  // Routed to the handling unit of the component's implementation entry in the applicant's region (a bureau's town
  // branch: its department and town), else to the matter's competent department (D10).
  const units = `components[matterCode = ${feelString(matter.code)} and handlingUnit != null]`;
  const department = `=if count(${units}) = 0 then ${feelString(matter.competentDept)} else ${units}[1].handlingUnit`;
  const extensions = [assignment(REVIEW_GROUP), handling(department), `<gov:matter code="${xml(matter.code)}" name="${xml(matter.name)}" />`, ...(sla ? [sla] : [])];
  return {
    task: { id: `Task_${step}`, kind: 'userTask', name: `办理：${matter.name}`, extensions },
    ...(component.optional ? { optional: { code: component.matterCode, name: matter.name } } : {}),
  };
}

function stepName(step: number, deliver: number): string {
  return step === 0 ? 'Accept' : step === deliver ? 'Deliver' : String(step);
}

function assignment(group: string): string {
  return `<zeebe:assignmentDefinition candidateGroups="${xml(group)}" />`;
}

function handling(department: string, unit?: string): string {
  return `<gov:handling department="${xml(department)}"${unit === undefined ? '' : ` unit="${xml(unit)}"`} />`;
}

/** A FEEL string literal. */
function feelString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// ---------------------------------------------------------------------------------------------
// Time limits: catalog durations as gov:sla ISO 8601 texts.

interface IsoLimit {
  text: string;
  calendar: 'working' | 'natural';
}

/** Only days and hours have an ISO form the SLA clocks read; other units are left to the catalog. */
function isoLimit(limit: Duration | undefined): IsoLimit | undefined {
  if (!limit || !Number.isFinite(limit.value) || limit.value < 0) return undefined;
  const wholeDays = Number.isInteger(limit.value);
  switch (limit.unit) {
    case 'workingDay':
      return wholeDays ? { text: `P${limit.value}D`, calendar: 'working' } : undefined;
    case 'naturalDay':
      return wholeDays ? { text: `P${limit.value}D`, calendar: 'natural' } : undefined;
    case 'hour':
      return { text: `PT${limit.value}H`, calendar: 'working' };
    default:
      return undefined;
  }
}

/**
 * One gov:sla has one calendar: the committed limit's (the one the step clock runs on) wins, and a
 * statutory limit counted in the other calendar is left out rather than misread.
 */
function slaElement(limits: { statutory?: Duration; committed?: Duration }, warnAt?: string): string | undefined {
  const committed = isoLimit(limits.committed);
  const statutoryLimit = isoLimit(limits.statutory);
  const calendar = committed?.calendar ?? statutoryLimit?.calendar;
  if (!calendar) return undefined;
  const statutory = statutoryLimit?.calendar === calendar ? statutoryLimit : undefined;
  const attributes = [
    ...(statutory ? [`statutory="${statutory.text}"`] : []),
    ...(committed ? [`committed="${committed.text}"`] : []),
    `calendar="${calendar}"`,
    ...(warnAt ? [`warnAt="${warnAt}"`] : []),
  ];
  return `<gov:sla ${attributes.join(' ')} />`;
}

// ---------------------------------------------------------------------------------------------
// Layout: columns left to right, each a run of the slots its nodes use, on a grid of rows
// 150 px apart. A flow that skips columns gets a row of its own in every column it crosses (as in
// a layered graph drawing), so it never runs through a shape.

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
type Point = readonly [number, number];

interface Layout {
  shapes: Map<string, Box>;
  edges: Map<string, Point[]>;
  /** Label positions bpmn-js would otherwise put in the way (the bypass label over the task above). */
  labels: Map<string, Box>;
}

const SIZE: Record<NodeKind, { width: number; height: number }> = {
  startEvent: { width: 36, height: 36 },
  endEvent: { width: 36, height: 36 },
  userTask: { width: 100, height: 80 },
  parallelGateway: { width: 50, height: 50 },
  exclusiveGateway: { width: 50, height: 50 },
};
const LEFT = 152;
/** Centre of the top row. */
const TOP = 200;
// Room under an optional component's gateway for its name (several lines) above the next row's bypass.
const ROW = 150;
const GAP = 50;
/** How far above its row an optional component's bypass runs: halfway to the row above, where no flow runs. */
const BYPASS = ROW / 2;

function layout(plan: Plan, steps: Steps): Layout {
  const rows = gridRows(steps);
  const rowY = (row: number) => TOP + row * ROW;

  const slotWidth = new Map<string, number>();
  for (const node of plan.nodes) {
    const key = `${node.column}:${node.slot}`;
    slotWidth.set(key, Math.max(slotWidth.get(key) ?? 0, SIZE[node.kind].width));
  }
  const slotX = new Map<string, number>();
  const columnX: number[] = [];
  let x = LEFT;
  const lastColumn = Math.max(...plan.nodes.map((node) => node.column));
  for (let column = 0; column <= lastColumn; column++) {
    columnX[column] = x;
    for (const slot of SLOTS) {
      const width = slotWidth.get(`${column}:${slot}`);
      if (width === undefined) continue;
      slotX.set(`${column}:${slot}`, x);
      x += width + GAP;
    }
  }

  const shapes = new Map<string, Box>();
  for (const node of plan.nodes) {
    const { width, height } = SIZE[node.kind];
    shapes.set(node.id, { x: slotX.get(`${node.column}:${node.slot}`) ?? LEFT, y: rowY(rows.step[node.step]) - height / 2, width, height });
  }
  // A fork may leave from its top or bottom, as Camunda Modeler draws it, when no other fork of its
  // column is in the way and nothing else of its column runs on the row it drops to.
  const canDrop = (fork: PlanNode, toY: number) =>
    !rows.taken.has(`${fork.column}:${(toY - TOP) / ROW}`) &&
    !plan.nodes.some((other) => other !== fork && other.column === fork.column && other.slot === 'fork' && onTheWay(rowY(rows.step[other.step]), rowY(rows.step[fork.step]), toY));
  const nodes = new Map(plan.nodes.map((node) => [node.id, node]));
  const routes = plan.flows.map((flow) => {
    const source = nodes.get(flow.source) as PlanNode;
    const target = nodes.get(flow.target) as PlanNode;
    // The rows the flow runs on, column by column after its source, each entered in the gap before its column.
    const crossed = flow.dependency ? (rows.crossing.get(crossingKey(...flow.dependency)) ?? []) : [];
    const lanes = [...crossed, rows.step[target.step]].map((row, index) => ({ gap: source.column + 1 + index, y: rowY(row) }));
    const route = routeOf(flow, shapes.get(source.id) as Box, shapes.get(target.id) as Box, source.slot === 'fork' && canDrop(source, lanes[0].y), lanes);
    // Flows into one join share their last track, and flows out of one node their first: they meet there anyway.
    route.bends.forEach((bend, index) => {
      if (index === route.bends.length - 1 && bend.gap === target.column && target.kind === 'parallelGateway') bend.group = `into ${target.id}`;
      else if (index === 0 && bend.gap === source.column + 1 && bend.from === rowY(rows.step[source.step])) bend.group = `from ${source.id}`;
      else bend.group = `${flow.id} ${bend.gap}`;
    });
    return { flow, route };
  });
  assignTracks(routes.flatMap(({ route }) => route.bends), columnX);

  const edges = new Map<string, Point[]>();
  const labels = new Map<string, Box>();
  for (const { flow, route } of routes) {
    const points = [...route.head, ...route.bends.flatMap((bend): Point[] => [[bend.x, bend.from], [bend.x, bend.to]]), ...route.tail];
    edges.set(flow.id, points);
    // At the merge end: the select gateway's own name (several lines under the gateway of the row above) reaches down to the start of the bypass.
    if (flow.bypass) labels.set(flow.id, { x: points[2][0] - 48, y: points[2][1] - 18, width: 40, height: 14 });
  }
  return { shapes, edges, labels };
}

/** Whether `value` lies on the way from `from` to `to` (the destination included). */
function onTheWay(value: number, from: number, to: number): boolean {
  return value !== from && value >= Math.min(from, to) && value <= Math.max(from, to);
}

function crossingKey(prerequisite: number, step: number): string {
  return `${prerequisite}>${step}`;
}

/** What takes a row in a column: a step, or a dependency flow passing through. */
interface RowItem {
  /** Where the item would like to be: level with what leads into it. */
  wish: () => number;
  place: (row: number) => void;
  order: readonly number[];
}

/**
 * Grid row of every step, and of every dependency flow in each column it crosses. Column by
 * column, items are sorted by the mean row of what leads into them (fewer crossings) and placed
 * as close to it as one item per row allows.
 */
function gridRows(steps: Steps): { step: number[]; crossing: Map<string, number[]>; taken: Set<string> } {
  const step: number[] = [];
  const cells: Array<[number, number]> = [];
  const crossing = new Map<string, number[]>();
  const columns = new Map<number, RowItem[]>();
  const add = (column: number, item: RowItem) => columns.set(column, [...(columns.get(column) ?? []), item]);
  // The row a flow from `prerequisite` arrives on in the column before `to`'s column.
  const arrivalRow = (prerequisite: number, to: number) => crossing.get(crossingKey(prerequisite, to))?.at(-1) ?? step[prerequisite];

  steps.before.forEach((prerequisites, current) => {
    const wish = () => (prerequisites.length === 0 ? 0 : mean(prerequisites.map((prerequisite) => arrivalRow(prerequisite, current))));
    add(steps.column[current], { wish, place: (row) => (step[current] = row), order: [0, current] });
    for (const prerequisite of prerequisites) {
      const key = crossingKey(prerequisite, current);
      for (let column = steps.column[prerequisite] + 1; column < steps.column[current]; column++) {
        const rows: number[] = crossing.get(key) ?? [];
        crossing.set(key, rows);
        add(column, { wish: () => rows.at(-1) ?? step[prerequisite], place: (row) => rows.push(row), order: [1, prerequisite, current] });
      }
    }
  });

  for (const column of [...columns.keys()].sort((a, b) => a - b)) {
    const items = (columns.get(column) ?? []).map((item) => ({ item, wish: item.wish() }));
    items.sort((a, b) => a.wish - b.wish || compareOrder(a.item.order, b.item.order));
    // Packed downwards from the wishes and upwards from them; halfway between keeps the group centred
    // (a tie goes up: rounding half down).
    const down: number[] = [];
    const up: number[] = [];
    items.forEach(({ wish }, index) => (down[index] = index === 0 ? wish : Math.max(wish, down[index - 1] + 1)));
    for (let index = items.length - 1; index >= 0; index--) up[index] = index === items.length - 1 ? items[index].wish : Math.min(items[index].wish, up[index + 1] - 1);
    items.forEach(({ item }, index) => {
      const row = Math.ceil((down[index] + up[index]) / 2 - 0.5);
      item.place(row);
      cells.push([column, row]);
    });
  }

  // The top row is row 0.
  const top = Math.min(...cells.map(([, row]) => row));
  return {
    step: step.map((row) => row - top),
    crossing: new Map([...crossing].map(([key, rows]) => [key, rows.map((row) => row - top)])),
    taken: new Set(cells.map(([column, row]) => `${column}:${row - top}`)),
  };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) if (a[index] !== b[index]) return a[index] - b[index];
  return a.length - b.length;
}

/** A vertical run in the gap before column `gap`; its x is set once every flow's runs are known. */
interface Bend {
  gap: number;
  from: number;
  to: number;
  /** Runs of one group share a track. */
  group: string;
  x: number;
}

interface Route {
  head: Point[];
  bends: Bend[];
  tail: Point[];
}

/**
 * Orthogonal: straight along a row; a row change bends in the gap before a column, or leaves a
 * fork from its top or bottom as Camunda Modeler draws it.
 */
function routeOf(flow: PlanFlow, source: Box, target: Box, dropFromSource: boolean, lanes: Array<{ gap: number; y: number }>): Route {
  const sourceX = source.x + source.width / 2;
  const sourceY = source.y + source.height / 2;
  if (flow.bypass) {
    const above = sourceY - BYPASS;
    const targetX = target.x + target.width / 2;
    return { head: [[sourceX, source.y], [sourceX, above], [targetX, above], [targetX, target.y]], bends: [], tail: [] };
  }
  const head: Point[] = [];
  let y = sourceY;
  const first = lanes[0].y;
  if (dropFromSource && first !== y) {
    head.push([sourceX, first > y ? source.y + source.height : source.y], [sourceX, first]);
    y = first;
  } else {
    head.push([source.x + source.width, y]);
  }
  const bends: Bend[] = [];
  for (const lane of lanes) {
    if (lane.y === y) continue;
    bends.push({ gap: lane.gap, from: y, to: lane.y, group: '', x: 0 });
    y = lane.y;
  }
  return { head, bends, tail: [[target.x, y]] };
}

/**
 * Gives every group of vertical runs in a gap its own track, so that unrelated flows never share a
 * stretch of line. A run leaving a row goes left of a run arriving on it, or their horizontal
 * stretches on that row would overlap.
 */
function assignTracks(bends: Bend[], columnX: number[]): void {
  const gaps = new Map<number, Map<string, Bend[]>>();
  for (const bend of bends) {
    const groups = gaps.get(bend.gap) ?? new Map<string, Bend[]>();
    gaps.set(bend.gap, groups);
    groups.set(bend.group, [...(groups.get(bend.group) ?? []), bend]);
  }
  for (const [gap, groups] of gaps) {
    const top = (runs: Bend[]) => Math.min(...runs.flatMap((run) => [run.from, run.to]));
    const remaining = [...groups.values()].sort((a, b) => top(a) - top(b));
    const mustPrecede = (a: Bend[], b: Bend[]) => a !== b && a.some((left) => b.some((right) => left.from === right.to));
    const ordered: Bend[][] = [];
    while (remaining.length > 0) {
      // The first group nothing else must precede; in a cycle of such demands, simply the first.
      const next = Math.max(0, remaining.findIndex((group) => !remaining.some((other) => mustPrecede(other, group))));
      ordered.push(...remaining.splice(next, 1));
    }
    const spacing = ordered.length > 1 ? Math.min(10, (GAP - 10) / (ordered.length - 1)) : 0;
    ordered.forEach((group, track) => {
      const x = Math.round(columnX[gap] - GAP / 2 + (track - (ordered.length - 1) / 2) * spacing);
      for (const bend of group) bend.x = x;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// XML

function renderXml(input: BundleProcessInput, plan: Plan, { shapes, edges, labels }: Layout): string {
  const { bundle } = input;
  const processId = bundleProcessId(bundle.code);
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const flow of plan.flows) {
    outgoing.set(flow.source, [...(outgoing.get(flow.source) ?? []), flow.id]);
    incoming.set(flow.target, [...(incoming.get(flow.target) ?? []), flow.id]);
  }
  const processSla = slaElement({ committed: bundle.promisedTimeLimit }, '0.8');
  const processExtensions = [handling(bundle.leadDept, input.leadUnitName ?? bundle.leadDept), ...(processSla ? [processSla] : [])];

  const nodeXml = (node: PlanNode) => {
    const tag = `bpmn:${node.kind}`;
    const attributes = `id="${node.id}"${node.name ? ` name="${xml(node.name)}"` : ''}${node.defaultFlow ? ` default="${node.defaultFlow}"` : ''}`;
    const children = [
      ...(node.extensions.length > 0 ? [extensionElements(node.extensions, '      ')] : []),
      ...(incoming.get(node.id) ?? []).map((id) => `      <bpmn:incoming>${id}</bpmn:incoming>`),
      ...(outgoing.get(node.id) ?? []).map((id) => `      <bpmn:outgoing>${id}</bpmn:outgoing>`),
    ];
    return `    <${tag} ${attributes}>\n${children.join('\n')}\n    </${tag}>`;
  };
  const flowXml = (flow: PlanFlow) => {
    const attributes = `id="${flow.id}"${flow.name ? ` name="${xml(flow.name)}"` : ''} sourceRef="${flow.source}" targetRef="${flow.target}"`;
    if (!flow.condition) return `    <bpmn:sequenceFlow ${attributes} />`;
    return `    <bpmn:sequenceFlow ${attributes}>
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${xml(flow.condition)}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`;
  };
  const shapeXml = (node: PlanNode) => {
    const box = shapes.get(node.id) as Box;
    const marker = node.kind === 'exclusiveGateway' ? ' isMarkerVisible="true"' : '';
    return `      <bpmndi:BPMNShape id="${node.id}_di" bpmnElement="${node.id}"${marker}>
        ${bounds(box)}
      </bpmndi:BPMNShape>`;
  };
  const edgeXml = (flow: PlanFlow) => {
    const points = (edges.get(flow.id) ?? []).map(([x, y]) => `        <di:waypoint x="${x}" y="${y}" />`);
    const label = labels.get(flow.id);
    const labelXml = label ? [`        <bpmndi:BPMNLabel>\n          ${bounds(label)}\n        </bpmndi:BPMNLabel>`] : [];
    return `      <bpmndi:BPMNEdge id="${flow.id}_di" bpmnElement="${flow.id}">\n${[...points, ...labelXml].join('\n')}\n      </bpmndi:BPMNEdge>`;
  };

  return `${definitionsOpening(`Definitions_${processId}`, 'http://matterflow.dev/bundles')}
  <bpmn:process id="${processId}" name="${xml(`${bundle.name}（一件事）`)}" isExecutable="true">
${extensionElements(processExtensions, '    ')}
${plan.nodes.map(nodeXml).join('\n')}
${plan.flows.map(flowXml).join('\n')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="Diagram_${processId}">
    <bpmndi:BPMNPlane id="Plane_${processId}" bpmnElement="${processId}">
${plan.nodes.map(shapeXml).join('\n')}
${plan.flows.map(edgeXml).join('\n')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

function bounds(box: Box): string {
  return `<dc:Bounds x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" />`;
}

function extensionElements(values: string[], indent: string): string {
  return [`${indent}<bpmn:extensionElements>`, ...values.map((value) => `${indent}  ${value}`), `${indent}</bpmn:extensionElements>`].join('\n');
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
