// Turns the parsed department rows into full Matter records: codes, classification paths, legal basis,
// time limits with their legal grounds, materials, and the per-step operating standard.
import type { Duration, LegalRef, Matter, MatterType, Material, OperatingStandard, OperatingStep, TimeUnit } from './types.js';
import { parseRow, type DeptTable, type LimitSpec, type ParsedRow } from './parse-row.js';
import { LAWS, law } from './laws.js';
import { MATERIALS } from './materials.js';
import { DEPARTMENTS } from './departments.js';
import type { SchemeBuilder, TreeNode } from './classifications.js';

export const EFFECTIVE_FROM = '2025-01-01';
const SOURCE = '东莞市政务服务事项目录（Matterflow 示例数据）';

const TYPE_LETTER: Record<MatterType, string> = {
  行政许可: 'A', 行政处罚: 'B', 行政强制: 'C', 行政征收: 'D', 行政给付: 'E', 行政检查: 'F', 行政确认: 'G',
  行政奖励: 'H', 行政裁决: 'I', 其他行政权力: 'J', 公共服务: 'K', 诉求工单: 'R', 城管事件: 'S', 抽查事项: 'T', 协同事项: 'X',
};

/** Matter types started by the administration itself (依职权): no applicant, no application materials. */
const EX_OFFICIO = new Set<MatterType>(['行政处罚', '行政检查', '行政强制', '行政征收']);

const XZXKF = '中华人民共和国行政许可法';

export function duration(limit: LimitSpec, startEvent: string, endEvent: string, extra: Partial<Duration> = {}): Duration {
  return {
    value: limit.value, unit: limit.unit, startEvent, endEvent,
    ...(limit.unit === 'naturalDay' ? { lastDayRollover: true } : {}),
    ...extra,
  };
}

const wd = (value: number): LimitSpec => ({ value, unit: 'workingDay' });

function events(type: MatterType): [string, string] {
  if (type === '行政处罚' || type === '行政强制') return ['立案', '作出决定'];
  if (type === '行政检查') return ['启动检查', '办结'];
  if (type === '行政许可') return ['受理', '作出决定'];
  return ['受理', '办结'];
}

function lawRef(kind: LegalRef['kind'], key: string, article?: string): LegalRef {
  const l = law(key);
  return { kind, lawName: l.name, level: l.level, ...(l.docNo ? { docNo: l.docNo } : {}), ...(article ? { article } : {}) };
}

const XZCFF_KEY = 'XZCFF';

/**
 * 处罚依据 is the substantive law that sets the penalty. 行政处罚法 is the procedure every penalty follows:
 * it is an 实施依据, cited without an article; its 第六十条 (90 days) grounds the time limit, not the penalty.
 */
function legalBasis(row: ParsedRow): LegalRef[] {
  return row.laws.map((ref, i) => {
    if (row.matterType === '行政处罚' && ref.key === XZCFF_KEY && ref.article) {
      throw new Error(`${row.name}: 行政处罚法 ${ref.article} is a procedural article, not a 处罚依据`);
    }
    const kind: LegalRef['kind'] = row.matterType === '行政处罚' ? (ref.key === XZCFF_KEY ? '实施依据' : '处罚依据')
      : row.matterType === '行政检查' ? '实施依据' : i === 0 ? '设定依据' : '实施依据';
    return lawRef(kind, ref.key, ref.article);
  });
}

/** The ground of a limit set by a special rule (限据), cited by name and number, without an article. */
function specialLimitBasis(row: ParsedRow, what: string): string | undefined {
  if (!row.limitLaw) return undefined;
  const l = law(row.limitLaw);
  return `《${l.name}》${l.docNo ? `（${l.docNo}）` : ''}：${what}`;
}

function material(key: string, row: ParsedRow): Material {
  if (key === 'SQB') {
    return { name: `《${row.name}申请表》`, required: '必要', form: '电子', copies: 1, source: '申请人自备', acceptStandard: '填写完整，申请人签名或盖章' };
  }
  const lib = MATERIALS[key];
  if (lib) return { ...lib };
  if (/^[A-Z]+$/.test(key)) throw new Error(`unknown material key ${key} in ${row.name}`);
  return { name: key, required: '必要', form: '电子', copies: 1, source: '申请人自备' };
}

function conditions(row: ParsedRow): string[] {
  const first = law(row.laws[0].key).name;
  switch (row.matterType) {
    case '行政许可':
      return [
        row.objects.includes('自然人') ? '申请人具有完全民事行为能力，或为依法设立的法人、其他组织' : '申请人为依法设立的法人或其他组织',
        `符合《${first}》及相关规定的许可条件`,
        '申请材料齐全、符合法定形式',
      ];
    case '行政给付':
      return [`符合《${first}》及本市规定的待遇或补助条件`, '如实申报家庭或个人情况，同意数据共享核验', '申请材料齐全、符合法定形式'];
    case '行政处罚':
      return ['有违法事实，依法应当给予行政处罚', '属于本机关管辖', '在法定追责时效内'];
    case '行政检查':
      return ['列入年度检查计划、双随机抽查或接到投诉举报、转办交办线索', '检查人员不少于两人并出示执法证件'];
    case '行政强制':
      return ['有法律、法规规定的实施行政强制措施的情形', '经行政机关负责人批准', '由两名以上行政执法人员实施'];
    case '行政征收':
      return [`符合《${first}》规定的征收条件和程序`];
    default:
      return [`符合《${first}》及相关规定的条件`, '申请材料齐全、符合法定形式'];
  }
}

function step(stepKey: string, name: string, role: string, limit: LimitSpec, start: string, end: string, checklist: string[], outputs?: string[], signOff?: string): OperatingStep {
  return {
    stepKey, name, role, maxDuration: duration(limit, start, end), checklist,
    ...(outputs ? { requiredOutputs: outputs } : {}), ...(signOff ? { signOff } : {}),
  };
}

/** Splits a committed limit over review and decision, keeping at least one unit each. */
function split(total: LimitSpec, reviewShare: number): [LimitSpec, LimitSpec] {
  if (total.value <= 1) return [{ ...total }, { value: total.value === 0 ? 0 : 1, unit: total.unit }];
  const decide = Math.max(1, Math.round(total.value * (1 - reviewShare)));
  return [{ value: total.value - decide, unit: total.unit }, { value: decide, unit: total.unit }];
}

function reviewChecklist(row: ParsedRow, mats: Material[]): string[] {
  const lawName = law(row.laws[0].key).shortName;
  return [
    `申请人主体资格符合《${lawName}》规定`,
    ...mats.filter((m) => !m.name.startsWith('《')).slice(0, 3).map((m) => `核验${m.name}的真实性、有效性${m.sharedFrom ? `（通过数据共享调取${m.sharedFrom}）` : ''}`),
    ...(row.special.length ? [`需${row.special.map((s) => s.type).join('、')}的，书面告知申请人所需时间（不计入办理时限）`] : []),
    ...(row.visits && row.visits > 0 && row.matterType === '行政许可' ? ['需现场核查的，核查人员不少于两人并形成核查记录'] : []),
  ];
}

function operatingStandard(row: ParsedRow, mats: Material[], handlingForm: Matter['handlingForm']): OperatingStandard {
  const t = row.matterType;
  const p = row.promised;
  const acceptList = ['核对申请人身份及授权委托', '检查材料是否齐全、符合法定形式', '材料不全的一次性告知需补正的全部内容'];
  if (t === '行政处罚') {
    const days = (v: number): LimitSpec => ({ value: v, unit: 'naturalDay' });
    const investigate = Math.max(5, p.value - 25);
    return {
      steps: [
        step('register', '立案', '承办执法人员', wd(7), '发现线索', '立案', ['核查线索来源和初步证据', '确认属于本机关管辖', '报负责人批准立案'], ['立案审批表'], '执法机构负责人'),
        step('investigate', '调查取证', '承办执法人员（不少于两人）', days(investigate), '立案', '调查终结', ['出示执法证件', '制作现场检查（勘验）笔录、询问笔录', '依法收集、保存证据'], ['调查终结报告']),
        step('legal_review', '法制审核', '法制审核人员', wd(5), '送审', '审核完毕', ['执法主体和权限合法', '事实清楚、证据确凿', '适用依据和裁量基准准确', '程序合法'], ['法制审核意见书']),
        step('notify', '告知', '承办执法人员', wd(3), '审核完毕', '陈述申辩期满', ['告知拟作出的处罚内容及事实、理由、依据', '告知陈述、申辩权；符合条件的告知听证权'], ['行政处罚事先告知书']),
        step('decide', '决定', '行政机关负责人', days(5), '陈述申辩期满', '作出决定', ['复核当事人陈述申辩意见', '情节复杂或重大的提交集体讨论'], ['行政处罚决定书'], '行政机关负责人'),
        step('deliver', '送达', '承办执法人员', days(7), '作出决定', '送达', ['依法送达并制作送达回证', '按规定公示行政处罚信息']),
      ],
      documentTemplates: ['立案审批表', '现场检查笔录', '询问笔录', '行政处罚事先告知书', '行政处罚决定书', '送达回证'],
      qualityRules: ['执法全过程记录', '重大执法决定法制审核', '行政执法公示'],
    };
  }
  if (t === '行政检查') {
    const [doIt, handle] = split(p, 0.6);
    return {
      steps: [
        step('plan', '制定检查方案', '执法机构', wd(3), '启动检查', '方案批准', ['随机抽取检查对象和执法检查人员', '执法人员回避审查']),
        step('inspect', '实施检查', '执法检查人员（不少于两人）', doIt, '方案批准', '检查完毕', ['出示执法证件', '按检查表逐项检查并记录', '发现问题当场责令改正'], ['现场检查记录']),
        step('handle', '结果处理', '执法机构', handle, '检查完毕', '办结', ['依法作出处理或移送立案', '检查结果录入监管系统']),
        step('publish', '结果公示', '执法机构', wd(20), '办结', '公示', ['在规定期限内通过国家企业信用信息公示系统等公示检查结果']),
      ],
      qualityRules: ['双随机一公开', '执法全过程记录'],
    };
  }
  if (t === '行政强制') {
    return {
      steps: [
        step('approve', '审批', '行政机关负责人', { value: 1, unit: 'workingDay' }, '立案', '批准', ['确认符合实施强制措施的法定情形', '情况紧急当场实施的，24小时内补办批准手续']),
        step('enforce', '实施', '行政执法人员（不少于两人）', { value: 1, unit: 'workingDay' }, '批准', '实施完毕', ['通知当事人到场', '当场告知理由、依据和权利', '制作现场笔录和清单'], ['查封（扣押）决定书', '现场笔录', '查封（扣押）清单']),
        step('decide', '处理决定', '行政机关', p, '实施完毕', '作出决定', ['期限内查清事实，作出处理决定', '需延长的经负责人批准并书面告知'], ['处理决定书'], '行政机关负责人'),
      ],
      qualityRules: ['执法全过程记录'],
    };
  }
  if (handlingForm === '即办件') {
    return {
      steps: [step('accept_and_decide', '受理并当场办结', '窗口受理人员', { value: 1, unit: 'hour' }, '收到申请', '办结', [...acceptList, '当场作出决定并出具结果'], [row.result.name])],
      qualityRules: ['首问负责', '一次性告知', '当场办结'],
    };
  }
  const isPermit = t === '行政许可';
  const [review, decide] = split(p, 0.6);
  const accept = step('accept', '受理', '窗口受理人员', isPermit ? wd(5) : wd(1), '收到申请', '受理', acceptList,
    isPermit ? ['受理通知书或不予受理决定书', '补正材料通知书'] : ['受理回执']);
  const steps: OperatingStep[] = [accept];
  if (handlingForm === '上报件') {
    steps.push(
      step('preliminary_review', '初审', '业务科室审查人员', wd(Math.min(20, p.value)), '受理', '初审完毕', reviewChecklist(row, mats), ['初审意见']),
      step('report_up', '报送上级机关', '业务科室', wd(1), '初审完毕', '报送', ['将初审意见和全部申请材料报送上级机关']),
    );
  } else {
    steps.push(
      step('review', t === '公共服务' || t === '行政给付' ? '审核' : '审查', '业务科室审查人员', review, '受理', '审查完毕', reviewChecklist(row, mats), ['审查意见']),
      step('decide', t === '行政给付' ? '审批' : '决定', '分管负责人', decide, '审查完毕', isPermit ? '作出决定' : '办结',
        ['审查意见依据充分', '不予许可（办理）的说明理由并告知救济途径'],
        isPermit ? ['准予行政许可决定书或不予行政许可决定书'] : [row.result.name], '分管负责人'),
    );
  }
  if (row.result.type !== '其他' || isPermit) {
    steps.push(step('deliver', '送达', '窗口出件人员', isPermit ? wd(row.delivery ?? 10) : wd(3), isPermit ? '作出决定' : '办结', '送达',
      ['通过窗口领取、邮寄或电子证照方式送达', '同步生成电子证照并归集'], [row.result.name]));
  }
  return {
    steps,
    ...(isPermit ? { documentTemplates: ['受理通知书', '补正材料通知书', '不予受理决定书', '准予行政许可决定书', '不予行政许可决定书', '延长审查期限告知书'] } : {}),
    qualityRules: ['首问负责', '一次性告知', '限时办结', ...(mats.some((m) => m.required === '容缺') ? ['容缺受理'] : [])],
  };
}

function defaultChannels(row: ParsedRow): Matter['channels'] {
  if (EX_OFFICIO.has(row.matterType)) return [];
  if (row.channels) return row.channels as Matter['channels'];
  return row.objects.includes('自然人') ? ['窗口', '网办', '掌办'] : ['窗口', '网办'];
}

function feeBasis(text: string): string {
  const l = LAWS[text];
  return l ? `《${l.name}》${l.docNo ? `（${l.docNo}）` : ''}` : text;
}

export interface BuildContext {
  dept: SchemeBuilder;
  lifecycle: { builder: SchemeBuilder; scenarioNode: Map<string, TreeNode> };
}

export function buildBaseMatters(tables: DeptTable[], ctx: BuildContext): Matter[] {
  const out: Matter[] = [];
  const seqByDept = new Map<string, number>();
  for (const table of tables) {
    const deptNo = DEPARTMENTS.findIndex((d) => d.code === table.dept);
    if (deptNo < 0) throw new Error(`unknown department ${table.dept}`);
    const l1 = ctx.dept.child(null, table.domain);
    for (const text of table.rows) {
      const row = parseRow(text);
      const seq = (seqByDept.get(table.dept) ?? 0) + 1;
      seqByDept.set(table.dept, seq);
      const l4 = ctx.dept.child(ctx.dept.child(ctx.dept.child(l1, row.sub), row.matterType), row.name, { aliases: row.aliases });
      const deptPath = ctx.dept.path(l4);
      const classifications: Matter['classifications'] = [{ scheme: 'DEPT', path: deptPath }];
      const themes = [...row.themes];
      if (row.scenario) {
        const node = ctx.lifecycle.scenarioNode.get(row.scenario);
        if (!node) throw new Error(`unknown scenario ${row.scenario} in ${row.name}`);
        const path = ctx.lifecycle.builder.path(node);
        classifications.push({ scheme: 'LIFECYCLE', path });
        // The scenario's life-cycle stage is a theme of the matter too.
        const stage = ctx.lifecycle.builder.nodes.find((n) => n.code === path[1]);
        if (stage && !themes.includes(stage.name)) themes.push(stage.name);
      }
      const [start, end] = events(row.matterType);
      const isPermit = row.matterType === '行政许可';
      const handlingForm: Matter['handlingForm'] = row.reportUp ? '上报件' : row.promised.value === 0 ? '即办件' : '承诺件';
      const exOfficio = EX_OFFICIO.has(row.matterType);
      const mats = exOfficio ? [] : row.materials.map((k) => material(k, row));
      const permitExcludes: Duration['excludes'] = ['特别程序', '补正期间'];
      const special = specialLimitBasis(row, `受理后${row.legal.value}个工作日内作出决定${row.extension ? `，经负责人批准可延长${row.extension.value}个工作日` : ''}`);
      const legalBasisText = special ?? (isPermit && row.legal.value === 20 && row.legal.unit === 'workingDay' ? `《${XZXKF}》第四十二条`
        : row.matterType === '行政处罚' && row.legal.value === 90 && row.legal.unit === 'naturalDay' ? '《中华人民共和国行政处罚法》第六十条'
          : row.laws[0].key === 'ZFXXGKTL' ? '《中华人民共和国政府信息公开条例》第三十三条'
            : undefined);
      const matter: Matter = {
        code: `4419${TYPE_LETTER[row.matterType]}${String(deptNo).padStart(2, '0')}${String(seq).padStart(3, '0')}000`,
        name: row.name,
        ...(row.aliases.length ? { aliases: row.aliases } : {}),
        ...(row.businessItems.length ? { businessItems: row.businessItems.map((n, i) => ({ code: String(i + 1).padStart(2, '0'), name: n })) } : {}),
        matterType: row.matterType,
        category: deptPath,
        classifications,
        serviceObjects: row.objects,
        themes,
        competentDept: table.dept,
        implementingLevel: row.levels,
        legalBasis: legalBasis(row),
        legalTimeLimit: duration(row.legal, start, end, {
          ...(isPermit ? { excludes: permitExcludes } : {}),
          ...(legalBasisText ? { basis: legalBasisText } : {}),
        }),
        ...(row.extension ? { legalExtension: duration(row.extension, start, end, special ? { basis: special }
          : isPermit && row.extension.value === 10 ? { basis: `《${XZXKF}》第四十二条：经本行政机关负责人批准` } : {}) } : {}),
        promisedTimeLimit: duration(row.promised, start, end, isPermit ? { excludes: permitExcludes } : {}),
        ...(row.special.length ? {
          specialProcedures: row.special.map((s) => ({
            type: s.type, ...(s.limit ? { timeLimit: duration(s.limit, `${s.type}开始`, `${s.type}结束`) } : {}), counted: false as const,
          })),
        } : {}),
        ...(!exOfficio ? {
          acceptanceTimeLimit: handlingForm === '即办件'
            ? duration({ value: 0, unit: 'workingDay' }, '收到申请', '受理', { basis: '当场受理' })
            : duration(wd(5), '收到申请', '受理', isPermit ? { basis: `《${XZXKF}》第三十二条：当场或者五日内一次告知补正` } : {}),
        } : {}),
        ...(isPermit && !row.reportUp ? {
          deliveryTimeLimit: row.delivery !== undefined
            ? duration(wd(row.delivery), '作出决定', '送达', { basis: specialLimitBasis(row, `作出准予许可决定之日起${row.delivery}个工作日内颁发许可证`) ?? '' })
            : duration(wd(10), '作出决定', '送达', { basis: `《${XZXKF}》第四十四条` }),
        } : {}),
        handlingForm,
        channels: defaultChannels(row),
        visitsRequired: exOfficio ? 0 : row.visits ?? 1,
        isCharged: row.fees.length > 0,
        ...(row.fees.length ? { fees: row.fees.map((f) => ({ name: f.name, standard: f.standard, basis: feeBasis(f.basis) })) } : {}),
        conditions: conditions(row),
        materials: mats,
        result: row.result,
        operatingStandard: operatingStandard(row, mats, handlingForm),
        status: 'active',
        effectiveFrom: EFFECTIVE_FROM,
        source: { list: SOURCE, seq: out.length + 1 },
        verified: false,
      };
      out.push(matter);
    }
  }
  return out;
}

export type { TimeUnit };
