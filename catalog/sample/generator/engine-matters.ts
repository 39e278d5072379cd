// Engine-only matter types: 12345 appeals (诉求工单) resolve to one matter per HOTLINE small class, and
// grid events (城管事件) to one matter per CITYMGMT small class, each with its handling limit.
import type { Matter, SlaProfile, Duration } from './types.js';
import type { SchemeBuilder, TreeNode } from './classifications.js';
import { duration, EFFECTIVE_FROM } from './build-matters.js';
import { law } from './laws.js';
import type { LimitSpec } from './parse-row.js';

const wd = (value: number): LimitSpec => ({ value, unit: 'workingDay' });
const hours = (value: number): LimitSpec => ({ value, unit: 'hour' });
const minutes = (value: number): LimitSpec => ({ value, unit: 'minute' });

const GD = '《广东省12345政务服务便民热线管理办法》';
const LOCAL = '本地工作规范（示例值，非法定）';

/** 12345 SLA profile: resolve limits per appeal type from the Guangdong rules; response and dispatch
 * limits are local practice and illustrative. */
export const HOTLINE_SLA: SlaProfile = {
  id: 'GD12345-2022',
  name: '广东省12345热线诉求办理时限',
  basis: `${GD}：咨询类2个工作日，求助、建议类10个工作日，投诉、举报类15个工作日`,
  rules: [
    { match: { urgency: '紧急' },
      dispatch: duration(minutes(30), '受理', '派单', { basis: LOCAL }),
      response: duration(hours(2), '派单', '首次联系', { basis: LOCAL }),
      resolve: duration(hours(24), '派单', '办结', { basis: LOCAL }),
      warnAt: 0.8, escalation: ['督办', '通报'] },
    ...([['咨询', 2], ['求助', 10], ['建议', 10], ['投诉', 15], ['举报', 15]] as const).map(([appealType, days]) => ({
      match: { appealType },
      dispatch: duration(hours(2), '受理', '派单', { basis: LOCAL }),
      response: duration(hours(24), '派单', '首次联系', { basis: LOCAL }),
      resolve: duration(wd(days), '派单', '办结', { basis: GD }),
      extension: { max: duration(wd(days), '派单', '办结', { basis: LOCAL }), approval: '12345热线管理机构' },
      warnAt: 0.8,
      escalation: ['督办', '通报', '约谈'] as ('督办' | '通报' | '约谈')[],
    })),
  ],
};

function ref(key: string) {
  const l = law(key);
  return { kind: '实施依据' as const, lawName: l.name, level: l.level, ...(l.docNo ? { docNo: l.docNo } : {}) };
}

const common = {
  channels: [] as Matter['channels'], visitsRequired: 0, isCharged: false, materials: [], status: 'active' as const,
  effectiveFrom: EFFECTIVE_FROM, verified: false as const, themes: [] as string[],
  serviceObjects: ['自然人', '法人', '其他组织'] as Matter['serviceObjects'],
};

export function hotlineMatters(tree: SchemeBuilder): Matter[] {
  return tree.nodes.filter((n) => n.level === 3).map((n, i) => {
    if (!n.dept) throw new Error(`HOTLINE node ${n.name} has no handling department`);
    const resolve = duration(wd(15), '派单', '办结', { basis: `${GD}（投诉、举报类）` });
    const steps = [
      ['dispatch', '派单', '12345热线话务员', hours(2)],
      ['sign', '签收', '承办单位', hours(24)],
      ['handle', '处置', '承办单位', wd(13)],
      ['reply', '回复', '承办单位', wd(1)],
      ['revisit', '回访评价', '12345热线回访员', wd(1)],
    ] as const;
    return {
      ...common,
      code: `4419R${n.code}000`,
      name: `${n.name}类诉求办理`,
      matterType: '诉求工单' as const,
      category: tree.path(n),
      classifications: [{ scheme: 'HOTLINE' as const, path: tree.path(n) }],
      competentDept: n.dept,
      implementingLevel: ['市', '镇街'],
      legalBasis: [ref('GD12345'), ref('GBF202053')],
      legalTimeLimit: resolve,
      promisedTimeLimit: resolve,
      handlingForm: '承诺件' as const,
      conditions: ['诉求内容属于本市行政区域和政府职能范围', '非110、119、120、122等紧急类事项'],
      result: { type: '其他' as const, name: '诉求办理结果答复' },
      operatingStandard: {
        steps: steps.map(([stepKey, name, role, limit]) => ({
          stepKey, name, role, maxDuration: duration(limit, '上一环节完成', name), checklist: stepChecklist(stepKey),
        })),
        qualityRules: ['首接负责', '限时办理', '不满意重办'],
      },
      slaProfile: HOTLINE_SLA,
      source: { list: '12345诉求分类（示例）', seq: i + 1 },
    };
  });
}

function stepChecklist(stepKey: string): string[] {
  switch (stepKey) {
    case 'dispatch': return ['按诉求分类和属地确定承办单位', '多部门事项明确主办和协办'];
    case 'sign': return ['核对是否属于本单位职责', '不属于的说明理由申请退回'];
    case 'handle': return ['联系诉求人核实情况', '现场处置并留存影像'];
    case 'reply': return ['答复内容针对诉求、依据充分', '上传办理结果'];
    default: return ['回访诉求人满意度', '不满意的启动重办'];
  }
}

const CITYMGMT_BASIS: Record<string, string[]> = {
  公用设施: ['CSDLTL'], 道路交通: ['CSDLTL'], 园林绿化: ['CSLHTL'], 房屋土地: ['CXGHF'], 其他设施: ['SRHWTL'],
  市容环境: ['SRHWTL', 'GDLJTL'], 宣传广告: ['SRHWTL'], 施工管理: ['JZLJGD', 'CSDLTL'], 突发事件: ['CSDLTL'],
  街面秩序: ['SRHWTL', 'CSDLTL'], 扩展部件: ['SRHWTL'], 扩展事件: ['SRHWTL'],
};

/**
 * A class handled by another department than its big class cites that department's law, not the big
 * class's: a 消防栓 cites 消防法, not 城市道路管理条例. Keyed by department, or by class name where one
 * department covers unrelated classes.
 */
const OWN_BASIS: Record<string, string[]> = {
  XFZD: ['XFF'], XARQ: ['CZRQTL'], GDJ: ['DLF', 'DLSSBHTL'], DJSW: ['CSGSTL'], SWUJ: ['PSWSTL'], GAJ: ['DLJTAQF'],
  YJGLJ: ['AQSCF', 'WXHXPTL'], WGLTJ: ['QMJSTL'], JTJ: ['DLYSTL'], CGJ: ['SRHWTL'],
  'ZJJ:在建工地': ['JZF', 'JSGCAQTL'], 'ZJJ:人防设施': ['RMFKF'], 'MZJ:路名牌': ['DMGLTL'], 'MZJ:乞讨卖艺': ['SHJZBF'],
  'SWUJ:水域不洁': ['HDGLTL'], 'SWUJ:水域护栏': ['HDGLTL'], 'CGJ:通信井盖': ['DXTL'], 'CGJ:通信交接箱': ['DXTL'],
  'ZRZYJ:空置地块': ['TDGLF'], 'ZJJ:施工扰民': ['ZSWRF'], 'ZJJ:城市黄土裸露': ['DQWRF', 'JZLJGD'],
};

function cityMgmtBasis(n: TreeNode, big: TreeNode): string[] {
  const own = OWN_BASIS[`${n.dept}:${n.name}`] ?? (n.dept !== big.dept ? OWN_BASIS[n.dept as string] : undefined);
  return own ?? CITYMGMT_BASIS[big.name] ?? ['SRHWTL'];
}

export function cityMgmtMatters(tree: SchemeBuilder): Matter[] {
  const byCode = new Map(tree.nodes.map((n) => [n.code, n]));
  return tree.nodes.filter((n) => n.level === 3).map((n, i) => {
    const big = byCode.get(n.parentCode ?? '') as TreeNode;
    const root = byCode.get(big.parentCode ?? '') as TreeNode;
    if (!n.dept || !n.limit) throw new Error(`CITYMGMT node ${n.name} lacks department or limit`);
    const isPart = root.name === '部件';
    const limit: Duration = duration(n.limit, '派遣', '处置完毕', { basis: LOCAL });
    return {
      ...common,
      code: `4419S${n.code}000`,
      name: isPart ? `${n.name}问题处置` : `${n.name}处置`,
      matterType: '城管事件' as const,
      category: tree.path(n),
      classifications: [{ scheme: 'CITYMGMT' as const, path: tree.path(n) }],
      competentDept: n.dept,
      implementingLevel: isPart ? ['市'] : ['市', '镇街'],
      legalBasis: cityMgmtBasis(n, big).map(ref),
      legalTimeLimit: limit,
      promisedTimeLimit: limit,
      handlingForm: '承诺件' as const,
      conditions: [`符合${big.name}类${n.name}的立案条件`, '位于本市城市管理责任网格内'],
      result: { type: '其他' as const, name: '案件结案记录' },
      operatingStandard: {
        steps: [
          { stepKey: 'register', name: '立案', role: '监督指挥中心值班长', maxDuration: duration(hours(1), '上报', '立案'), checklist: ['核实位置与分类', '判断是否符合立案条件'] },
          { stepKey: 'dispatch', name: '派遣', role: '监督指挥中心派遣员', maxDuration: duration(hours(1), '立案', '派遣'), checklist: ['按部件权属或事件属地派遣'] },
          { stepKey: 'handle', name: '处置', role: '专业处置单位', maxDuration: limit, checklist: ['按处置标准完成处置', '上传处置前后照片'] },
          { stepKey: 'verify', name: '核查', role: '信息采集员', maxDuration: duration(hours(4), '处置完毕', '核查'), checklist: ['现场核查处置结果', '不合格的返回重新处置'] },
          { stepKey: 'close', name: '结案', role: '监督指挥中心值班长', maxDuration: duration(hours(1), '核查', '结案'), checklist: ['核查通过后结案'] },
        ],
        qualityRules: ['按时处置', '核查结案'],
      },
      source: { list: '城市管理部件和事件分类（参照 GB/T 30428.2 编写的示例）', seq: i + 1 },
    };
  });
}
