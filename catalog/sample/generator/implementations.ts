// Expands base matters into implementation entries (实施清单): one per region × implementing body.
// Town-level work goes to the department's branch office where it has one, otherwise to the 镇街
// government under the province's devolution of county-level powers to Dongguan's towns.
import type { Matter, MatterImpl } from './types.js';
import { BRANCHED, CITY_REGION, deptByCode } from './departments.js';
import { branchCode, townCentreCode, townGovCode, type Town } from './regions.js';
import { EFFECTIVE_FROM } from './build-matters.js';

const DELEGATION = '镇街赋权：依广东省政府调整由东莞市镇街实施的县级行政职权事项目录（示例标注，未逐项核对）';
const region12 = (code: string) => code.padEnd(12, '0');
const orgIsUtility = (code: string) => deptByCode(code).isPublicUtility === true;
const implCode = (m: Matter, region: string, org: string) => `${m.code}-${region12(region)}-000-${org}-1-00`;

/** Functional zones commit to shorter limits for permits and confirmations (illustrative local policy). */
function localLimit(m: Matter, t: Town): MatterImpl['promisedTimeLimit'] {
  const p = m.promisedTimeLimit;
  if (t.kind !== '功能区' || p.unit !== 'workingDay' || p.value < 5) return undefined;
  if (m.matterType !== '行政许可' && m.matterType !== '行政确认') return undefined;
  return { ...p, value: p.value - 2, basis: '功能区承诺提速（示例）' };
}

export function buildImplementations(matters: Matter[], towns: Town[]): MatterImpl[] {
  const out: MatterImpl[] = [];
  for (const m of matters) {
    const engineOnly = m.matterType === '诉求工单' || m.matterType === '城管事件' || m.matterType === '协同事项';
    if (m.implementingLevel.includes('市')) {
      const accepting = m.matterType === '诉求工单' || m.matterType === '协同事项' ? 'RX12345'
        : m.channels.includes('窗口') && m.handlingForm !== '上报件' ? 'SMFWZX' : m.competentDept;
      out.push({
        implCode: implCode(m, CITY_REGION, m.competentDept), matterCode: m.code, regionCode: CITY_REGION,
        implementingUnit: m.matterType === '诉求工单' ? 'RX12345' : m.competentDept,
        acceptingUnit: accepting, jurisdictionUnit: m.competentDept, handlingUnit: m.competentDept,
        status: 'active', effectiveFrom: EFFECTIVE_FROM,
      });
    }
    // 诉求工单 have town entries too, so that a ticket from 虎门 resolves to 虎门's handling unit, not the city.
    if (!m.implementingLevel.includes('镇街')) continue;
    for (const t of towns) {
      const branched = BRANCHED.has(m.competentDept);
      // The hotline owns a 12345 ticket in every town as in the city; the town's unit only handles it.
      const implementing = m.matterType === '诉求工单' ? 'RX12345' : engineOnly ? townGovCode(t) : branched ? branchCode(m.competentDept, t) : townGovCode(t);
      // A town's grid events are handled by the department's branch or the public utility that owns the problem.
      const handling = !engineOnly ? implementing : branched ? branchCode(m.competentDept, t)
        : orgIsUtility(m.competentDept) ? m.competentDept : townGovCode(t);
      const local = localLimit(m, t);
      out.push({
        implCode: implCode(m, t.code, implementing), matterCode: m.code, regionCode: t.code,
        implementingUnit: implementing,
        acceptingUnit: m.matterType === '诉求工单' ? 'RX12345' : engineOnly ? townGovCode(t) : m.channels.includes('窗口') ? townCentreCode(t) : implementing,
        jurisdictionUnit: townGovCode(t),
        handlingUnit: handling,
        ...(!branched && !engineOnly ? { delegatedFrom: { org: m.competentDept, basis: DELEGATION } } : {}),
        ...(local ? { promisedTimeLimit: local } : {}),
        status: 'active', effectiveFrom: EFFECTIVE_FROM,
      });
    }
  }
  return out;
}
