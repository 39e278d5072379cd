// 协同事项: the 基层治理 collaborative events of GOVERN_TREE, one matter per L4 event, each with its
// operating standard (steps with a limit each and the photos required before and after), its handling
// requirements and its legal basis. The tree grammar is described in govern-tree.ts.
import type { Duration, LegalRef, Matter, OperatingStep } from './types.js';
import { SchemeBuilder, type TreeNode } from './classifications.js';
import { duration, EFFECTIVE_FROM } from './build-matters.js';
import { law } from './laws.js';
import { deptByCode } from './departments.js';
import { parseLimit, type LimitSpec } from './parse-row.js';
import { PHOTO_PROFILES, type PhotoProfile } from './photos.js';

const LOCAL = '本地工作规范（示例值，非法定）';
const SOURCE = '基层治理协同事项目录（智网与12345合并的四级分类，Matterflow 示例）';

interface LawRef { key: string; article?: string }

/** What a GOVERN node carries besides its place in the tree; children inherit every field. */
interface GovernMeta {
  dept?: string;
  limit?: LimitSpec;
  laws?: LawRef[];
  photos?: string;
  requirements?: string[];
  cityOnly?: boolean;
}

export interface GovernTree {
  builder: SchemeBuilder;
  meta: Map<string, GovernMeta>;
}

function lawRefs(text: string, where: string): LawRef[] {
  return text.split(',').map((ref) => {
    const [key, article] = ref.split('#');
    const entry = law(key);
    if (article && !entry.articles.some((a) => a.article === article)) {
      throw new Error(`${where}: article ${article} of ${entry.name} is not in the checked article list`);
    }
    return article ? { key, article } : { key };
  });
}

function parseMeta(tokens: string[], where: string): GovernMeta {
  const meta: GovernMeta = {};
  for (const t of tokens) {
    if (t.startsWith('@')) { deptByCode(t.slice(1)); meta.dept = t.slice(1); }
    else if (t.startsWith('!')) meta.limit = parseLimit(t.slice(1));
    else if (t.startsWith('%')) meta.laws = lawRefs(t.slice(1), where);
    else if (t.startsWith('~')) {
      if (!PHOTO_PROFILES[t.slice(1)]) throw new Error(`${where}: unknown photo profile ${t}`);
      meta.photos = t.slice(1);
    } else if (t.startsWith('要求:')) meta.requirements = t.slice(3).split('；').filter(Boolean);
    else if (t === '^市') meta.cityOnly = true;
    else throw new Error(`${where}: unknown token "${t}"`);
  }
  return meta;
}

/** Parses GOVERN_TREE; a typo (unknown department, law, article, photo profile or token) stops the generator. */
export function buildGovernTree(text: string): GovernTree {
  const builder = new SchemeBuilder('GOVERN');
  const meta = new Map<string, GovernMeta>();
  const stack: TreeNode[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    const depth = (raw.length - raw.trimStart().length) / 2;
    if (!Number.isInteger(depth) || depth > 2) throw new Error(`GOVERN: bad indentation: "${raw}"`);
    const [head, events] = raw.trim().split('＝').map((s) => s.trim());
    if ((depth === 2) !== (events !== undefined)) throw new Error(`GOVERN: only a 小类 line lists events (＝): "${raw}"`);
    const [name, ...tokens] = head.split(/\s+/);
    const parent = depth === 0 ? null : stack[depth - 1];
    if (depth > 0 && !parent) throw new Error(`GOVERN: "${raw}" has no parent`);
    const node = builder.child(parent, name);
    const inherited = parent ? meta.get(parent.code) ?? {} : {};
    meta.set(node.code, { ...inherited, ...parseMeta(tokens, name) });
    stack[depth] = node;
    stack.length = depth + 1;
    if (events !== undefined) {
      for (const event of events.split('/').map((e) => e.trim())) {
        if (!event) throw new Error(`GOVERN: empty event under ${name}`);
        const leaf = builder.child(node, event);
        if (meta.has(leaf.code)) throw new Error(`GOVERN: event ${event} listed twice under ${name}`);
        meta.set(leaf.code, meta.get(node.code) as GovernMeta);
      }
    }
  }
  return { builder, meta };
}

const hours = (value: number): LimitSpec => ({ value, unit: 'hour' });
const minutes = (value: number): LimitSpec => ({ value, unit: 'minute' });
const wd = (value: number): LimitSpec => ({ value, unit: 'workingDay' });

/** Limits of two hours or less are urgent: dispatch, signing and verification run in minutes and hours. */
function isUrgent(limit: LimitSpec): boolean {
  return limit.unit === 'minute' || (limit.unit === 'hour' && limit.value <= 2);
}

function limitText(limit: LimitSpec): string {
  const unit = { minute: '分钟', hour: '小时', naturalDay: '日', workingDay: '个工作日', month: '个月', year: '年' }[limit.unit];
  return `${limit.value}${unit}`;
}

function steps(limit: LimitSpec, photos: PhotoProfile, requirements: string[]): OperatingStep[] {
  const urgent = isUrgent(limit);
  const step = (stepKey: string, name: string, role: string, max: LimitSpec, start: string, end: string, checklist: string[], extra: Partial<OperatingStep> = {}): OperatingStep => ({
    stepKey, name, role, maxDuration: duration(max, start, end, { basis: LOCAL }), checklist, ...extra,
  });
  return [
    step('report', '发现上报', '网格员、巡查员或12345受理员', urgent ? minutes(15) : hours(1), '发现', '上报',
      ['地址匹配到镇街、村社和网格', '按四级分类选择事项', '拍摄处置前照片'], { photos: { before: photos.before, after: [] } }),
    step('dispatch', '受理分拨', '镇街综治中心（指挥调度）', urgent ? minutes(15) : hours(1), '上报', '分拨',
      ['按事项和属地确定处置单位', '多部门事项明确主办、协办', '疑似重复的合并办理']),
    step('sign', '签收', '处置单位', urgent ? minutes(15) : hours(2), '分拨', '签收',
      ['核对是否属于本单位职责', '不属于的在签收时限内退单并说明理由']),
    step('handle', '处置', '处置单位', limit, '签收', '处置完毕',
      [...requirements, '按作业规范处置并留存影像'], { photos: { before: photos.before, after: photos.after }, requiredOutputs: ['处置结果说明'] }),
    step('feedback', '反馈', '处置单位', hours(1), '处置完毕', '反馈',
      ['上传处置结果和处置后照片', '12345来源的答复诉求人'], { requiredOutputs: ['处置结果说明', '处置后照片'] }),
    step('verify', '核查结案', '网格员或监督员', urgent ? hours(2) : wd(1), '反馈', '结案',
      ['现场核查处置结果', '与处置前照片同角度比对', '不合格的退回重新处置'], { photos: { before: [], after: photos.after } }),
  ];
}

function ref(r: LawRef): LegalRef {
  const l = law(r.key);
  return { kind: '实施依据', lawName: l.name, level: l.level, ...(l.docNo ? { docNo: l.docNo } : {}), ...(r.article ? { article: r.article } : {}) };
}

export function governMatters(tree: GovernTree): Matter[] {
  const { builder, meta } = tree;
  return builder.nodes.filter((n) => n.level === 4).map((n, i) => {
    const m = meta.get(n.code) as GovernMeta;
    if (!m.dept || !m.limit || !m.laws?.length || !m.photos || !m.requirements?.length) {
      throw new Error(`GOVERN event ${n.name} lacks a department, limit, legal basis, photo profile or requirements`);
    }
    const limit: Duration = duration(m.limit, '签收', '处置完毕', { basis: LOCAL });
    const classRequirements = m.requirements;
    const requirements = [
      `签收后${limitText(m.limit)}内处置完毕`,
      ...classRequirements,
      '处置前后照片同一位置、同一角度拍摄，带时间和位置水印',
      '不属于本单位职责的，签收时限内退单并说明理由，职责争议由指挥中心裁定（快处快裁）',
    ];
    const path = builder.path(n);
    return {
      code: `4419X${n.code}`,
      name: n.name,
      matterType: '协同事项' as const,
      category: path,
      classifications: [{ scheme: 'GOVERN' as const, path }],
      serviceObjects: ['自然人', '法人', '其他组织'] as Matter['serviceObjects'],
      themes: [],
      competentDept: m.dept,
      implementingLevel: m.cityOnly ? ['市'] : ['市', '镇街'],
      legalBasis: m.laws.map(ref),
      legalTimeLimit: limit,
      promisedTimeLimit: limit,
      handlingForm: '承诺件' as const,
      channels: [],
      visitsRequired: 0,
      isCharged: false,
      conditions: ['属于本市行政区域内的基层治理事项', '非110、119、120、122等紧急警情（火情、险情同时报119）'],
      materials: [],
      result: { type: '其他' as const, name: '事件处置结案记录' },
      operatingStandard: {
        steps: steps(m.limit, PHOTO_PROFILES[m.photos], classRequirements),
        qualityRules: ['一起事项一条标准、全市互认', '一张工单跟到底', '处置前后照片比对', '不满意重办'],
      },
      handlingRequirements: requirements,
      status: 'active' as const,
      effectiveFrom: EFFECTIVE_FROM,
      source: { list: SOURCE, seq: i + 1 },
      verified: false as const,
    };
  });
}
