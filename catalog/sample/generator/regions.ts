// Regions of 东莞市 and the town-level organisations. Towns come from the NBS 统计用区划代码 file copied
// beside this folder (dongguan-towns.csv); villages, communities and grids are illustrative.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Org, Region } from './types.js';
import { CITY_REGION, DEPARTMENTS } from './departments.js';

export interface Town { code: string; name: string; kind: '街道' | '镇' | '功能区'; short: string }

const ZONE_SHORT: Record<string, string> = {
  松山湖: '松山湖', 东莞港: '东莞港', 东莞生态园: '生态园', 东莞滨海湾新区: '滨海湾',
};
const ZONE_GOV: Record<string, { name: string; real: boolean }> = {
  松山湖: { name: '东莞松山湖高新技术产业开发区管理委员会', real: true },
  东莞港: { name: '东莞港管理机构（示例名称）', real: false },
  东莞生态园: { name: '东莞生态园管理委员会', real: false },
  东莞滨海湾新区: { name: '东莞滨海湾新区管理委员会', real: true },
};

export function readTowns(csvPath: string): Town[] {
  const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => {
    const suffix = Number(r.code.slice(6));
    const kind = suffix < 100 ? '街道' : suffix < 400 ? '镇' : '功能区';
    const short = kind === '功能区' ? ZONE_SHORT[r.name] : r.name.replace(/(街道|镇)$/, '');
    if (!short) throw new Error(`no short name for ${r.name}`);
    return { code: r.code, name: r.name, kind, short };
  });
}

export const townGovCode = (t: Town) => `GOV-${t.code}`;
export const townCentreCode = (t: Town) => `ZWFW-${t.code}`;
export const branchCode = (dept: string, t: Town) => `${dept}-${t.code}`;

export function townOrgs(towns: Town[]): Org[] {
  const out: Org[] = [];
  for (const t of towns) {
    const gov = t.kind === '功能区' ? ZONE_GOV[t.name]
      : { name: t.kind === '街道' ? `东莞市${t.name}办事处` : `东莞市${t.name}人民政府`, real: true };
    out.push({
      code: townGovCode(t), name: gov.name, shortName: t.name,
      kind: t.kind === '街道' ? '街道办事处' : t.kind === '镇' ? '镇人民政府' : '功能区管理委员会',
      level: '镇街', regionCode: t.code, parentCode: 'DGSZF', roles: ['实施', '承办', '督办'], real: gov.real,
    });
    out.push({
      code: townCentreCode(t), name: `${t.kind === '功能区' ? t.short : `东莞市${t.name}`}政务服务中心`,
      shortName: `${t.short}政务服务中心`, kind: '便民服务中心', level: '镇街', regionCode: t.code,
      parentCode: townGovCode(t), roles: ['受理'], real: false,
    });
    for (const d of DEPARTMENTS) {
      if (!d.branches) continue;
      out.push({
        code: branchCode(d.code, t), name: d.branches(t.short), shortName: `${t.short}${d.code === 'SWZJ' ? '税务分局' : d.code === 'XFZD' ? '消防救援大队' : '分局'}`,
        kind: '派出分局', level: '镇街', regionCode: t.code, parentCode: d.code, roles: ['实施', '承办'], real: false,
      });
    }
  }
  return out;
}

/** Illustrative villages/communities and grids for two towns; the codes use the unused 9xx range. */
const SAMPLE_VILLAGES: Record<string, string[]> = {
  '441900003': ['主山社区', '温塘社区', '桑园社区', '东泰社区'],
  '441900121': ['龙眼社区', '白沙社区', '虎门寨社区', '北栅社区'],
};

export function buildRegions(towns: Town[]): { regions: Region[]; villageOrgs: Org[] } {
  const regions: Region[] = [{ code: CITY_REGION, name: '东莞市', level: 'city', kind: '地级市', orgCode: 'DGSZF', illustrative: false }];
  const villageOrgs: Org[] = [];
  for (const t of towns) {
    regions.push({ code: t.code, name: t.name, level: 'town', parentCode: CITY_REGION, kind: t.kind, orgCode: townGovCode(t), illustrative: false });
    (SAMPLE_VILLAGES[t.code] ?? []).forEach((name, i) => {
      const code = `${t.code}${901 + i}`;
      const orgCode = `CJ-${code}`;
      regions.push({ code, name, level: 'village', parentCode: t.code, kind: '社区', orgCode, illustrative: true });
      villageOrgs.push({
        code: orgCode, name: `${t.name}${name}居民委员会`, shortName: name, kind: '居民委员会', level: '村社',
        regionCode: code, parentCode: townGovCode(t), roles: ['受理', '协办'], real: false,
      });
      for (let g = 1; g <= 3; g++) {
        regions.push({ code: `${code}-${String(g).padStart(3, '0')}`, name: `${name}第${g}综合网格`, level: 'grid', parentCode: code, kind: '综合网格', illustrative: true });
      }
    });
    if (SAMPLE_VILLAGES[t.code]) {
      const first = `${t.code}901`;
      regions.push({ code: `${first}-901`, name: `${t.short}某工业园专属网格`, level: 'grid', parentCode: first, kind: '专属网格', illustrative: true });
    }
  }
  return { regions, villageOrgs };
}
