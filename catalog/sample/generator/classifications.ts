// Builds the four classification schemes. Codes are two digits per level (full code 8 characters);
// the 9x range is kept for local extensions, as GB/T 30428.2 does for 扩展部件/扩展事件.
import type { CategoryNode } from './types.js';
import { parseLimit, type LimitSpec } from './parse-row.js';

type Scheme = CategoryNode['scheme'];

export interface TreeNode extends CategoryNode {
  /** Default handling department (HOTLINE, CITYMGMT), inherited from the nearest ancestor. */
  dept?: string;
  /** Handling limit of a city-management class, inherited. */
  limit?: LimitSpec;
}

export class SchemeBuilder {
  readonly nodes: TreeNode[] = [];
  private readonly counters = new Map<string, number>();

  constructor(readonly scheme: Scheme) {}

  /** Child of `parent` named `name`, created on first use. */
  child(parent: TreeNode | null, name: string, opts: { aliases?: string[]; code?: string } = {}): TreeNode {
    const parentCode = parent ? parent.code : null;
    const existing = this.nodes.find((n) => n.parentCode === parentCode && n.name === name);
    if (existing) return existing;
    const key = parentCode ?? '';
    const next = (this.counters.get(key) ?? 0) + 1;
    const own = opts.code ?? String(next).padStart(2, '0');
    if (!opts.code) this.counters.set(key, next);
    if (Number(own) > 99 || (!opts.code && next >= 90)) throw new Error(`${this.scheme}: too many children under ${key || 'root'}`);
    const level = (parent ? parent.level + 1 : 1) as 1 | 2 | 3 | 4;
    const node: TreeNode = {
      code: `${key}${own}`, name, level, parentCode, scheme: this.scheme,
      sortNo: opts.code ? Number(own) : next, aliases: opts.aliases ?? [],
      ...(parent?.dept ? { dept: parent.dept } : {}),
      ...(parent?.limit ? { limit: parent.limit } : {}),
    };
    this.nodes.push(node);
    return node;
  }

  path(node: TreeNode): string[] {
    const out: string[] = [];
    for (let n: TreeNode | undefined = node; n; n = this.nodes.find((x) => x.code === n?.parentCode)) out.unshift(n.code);
    return out;
  }
}

/** Parses an indented tree text (see trees.ts for the syntax). */
export function buildTree(scheme: Scheme, text: string): SchemeBuilder {
  const b = new SchemeBuilder(scheme);
  const stack: TreeNode[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    const depth = (raw.length - raw.trimStart().length) / 2;
    if (!Number.isInteger(depth) || depth > 3) throw new Error(`${scheme}: bad indentation: "${raw}"`);
    const tokens = raw.trim().split(/\s+/);
    const [nameAndAliases] = tokens;
    const [name, aliasText] = nameAndAliases.split('|');
    const code = tokens.find((t) => t.startsWith('#'))?.slice(1);
    const parent = depth === 0 ? null : stack[depth - 1];
    if (depth > 0 && !parent) throw new Error(`${scheme}: "${raw}" has no parent`);
    const node = b.child(parent, name, { aliases: aliasText ? aliasText.split('/') : [], ...(code ? { code } : {}) });
    const dept = tokens.find((t) => t.startsWith('@'))?.slice(1);
    const limit = tokens.find((t) => t.startsWith('!'))?.slice(1);
    if (dept) node.dept = dept;
    if (limit) node.limit = parseLimit(limit);
    stack[depth] = node;
    stack.length = depth + 1;
  }
  return b;
}

/** 国办发〔2025〕24号 life-cycle stages, with the 一件事 scenarios the sample matters belong to. */
export const LIFECYCLE: { root: string; stages: { name: string; scenarios: string[] }[] }[] = [
  { root: '经营主体', stages: [
    { name: '准入准营', scenarios: ['开办企业', '开办餐饮店', '开办运输企业', '开办个体诊所'] },
    { name: '招聘用工', scenarios: ['员工入职'] },
    { name: '纳税缴费', scenarios: [] },
    { name: '经营发展', scenarios: ['企业信息变更', '信用修复'] },
    { name: '工程建设', scenarios: ['工程建设项目审批', '水电气网联合报装'] },
    { name: '注销退出', scenarios: ['企业注销'] },
  ] },
  { root: '个人', stages: [
    { name: '出生', scenarios: ['新生儿出生'] },
    { name: '教育', scenarios: ['教育入学一件事'] },
    { name: '就业', scenarios: ['灵活就业', '军人退役一件事'] },
    { name: '生活', scenarios: ['户口迁移'] },
    { name: '置业', scenarios: ['二手房转移登记', '公租房申请'] },
    { name: '出行', scenarios: [] },
    { name: '就医', scenarios: [] },
    { name: '救助', scenarios: ['残疾人服务一件事'] },
    { name: '养老', scenarios: ['退休一件事'] },
    { name: '身后', scenarios: ['身后一件事'] },
  ] },
];

export function buildLifecycle(): { builder: SchemeBuilder; scenarioNode: Map<string, TreeNode> } {
  const b = new SchemeBuilder('LIFECYCLE');
  const scenarioNode = new Map<string, TreeNode>();
  for (const root of LIFECYCLE) {
    const r = b.child(null, root.root);
    for (const stage of root.stages) {
      const s = b.child(r, stage.name);
      for (const scenario of stage.scenarios) {
        const display = scenario.endsWith('一件事') ? scenario : `${scenario}一件事`;
        scenarioNode.set(scenario, b.child(s, display, { aliases: [scenario] }));
      }
    }
  }
  return { builder: b, scenarioNode };
}

export const APPEAL_TYPES = [
  { code: '01', name: '咨询' }, { code: '02', name: '求助' }, { code: '03', name: '投诉' },
  { code: '04', name: '举报' }, { code: '05', name: '建议' }, { code: '06', name: '表扬' }, { code: '99', name: '其他' },
];
