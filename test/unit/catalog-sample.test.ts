// Integrity of the sample catalog shipped in catalog/sample: counts, unique codes, every reference
// resolving, classification trees without cycles, legal bases that name real laws from laws.json, time
// limits in known units, and implementation entries inside 东莞市. Reads only the project's own files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../../catalog/sample/generator/build-catalog.js';
import { parseRow } from '../../catalog/sample/generator/parse-row.js';
import type { CategoryNode, Duration, LawEntry, Matter, MatterImpl, Org, Region, SlaProfile } from '../../catalog/sample/generator/types.js';

const sampleDir = join(dirname(fileURLToPath(import.meta.url)), '../../catalog/sample');
const load = <T>(file: string): T => JSON.parse(readFileSync(join(sampleDir, file), 'utf8')) as T;

const { matters, slaProfiles } = load<{ matters: Matter[]; slaProfiles: SlaProfile[] }>('matters.json');
const { implementations } = load<{ implementations: MatterImpl[] }>('implementations.json');
const { organisations } = load<{ organisations: Org[] }>('departments.json');
const { regions } = load<{ regions: Region[] }>('regions.json');
const { laws } = load<{ laws: LawEntry[] }>('laws.json');
const { nodes, appealTypes } = load<{ nodes: CategoryNode[]; appealTypes: { code: string; name: string }[] }>('classifications.json');

const ENGINE_ONLY = new Set(['诉求工单', '城管事件', '协同事项']);
const PUBLIC_POWER = new Set(['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力']);
const UNITS = new Set(['minute', 'hour', 'naturalDay', 'workingDay', 'month', 'year']);
const CITY = '441900';

const baseMatters = matters.filter((m) => !ENGINE_ONLY.has(m.matterType));
const orgByCode = new Map(organisations.map((o) => [o.code, o]));
const regionByCode = new Map(regions.map((r) => [r.code, r]));
const nodeByKey = new Map(nodes.map((n) => [`${n.scheme}:${n.code}`, n]));
const lawByName = new Map(laws.map((l) => [l.name, l]));
const matterCodes = new Set(matters.map((m) => m.code));

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
}

/** Every Duration inside a value, found by shape, with the JSON path that leads to it. */
function durations(value: unknown, path = ''): { path: string; d: Duration }[] {
  if (!value || typeof value !== 'object') return [];
  if ('unit' in value && 'value' in value) return [{ path, d: value as Duration }];
  return Object.entries(value).flatMap(([k, v]) => durations(v, `${path}/${k}`));
}

function isInsideCity(code: string): boolean {
  const seen = new Set<string>();
  for (let r = regionByCode.get(code); r && !seen.has(r.code); r = r.parentCode ? regionByCode.get(r.parentCode) : undefined) {
    if (r.code === CITY) return true;
    seen.add(r.code);
  }
  return false;
}

describe('sample catalog: sizes', () => {
  it('holds at least 300 base matters from at least 25 departments', () => {
    expect(baseMatters.length).toBeGreaterThanOrEqual(300);
    const departments = new Set(baseMatters.map((m) => m.competentDept));
    const government = [...departments].filter((code) => !orgByCode.get(code)?.isPublicUtility);
    expect(government.length).toBeGreaterThanOrEqual(25);
  });

  it('lists at least 30 city-level government departments', () => {
    const kinds = new Set(['市政府工作部门', '垂直管理部门', '市政府直属事业单位']);
    expect(organisations.filter((o) => o.level === '市' && kinds.has(o.kind)).length).toBeGreaterThanOrEqual(30);
  });

  it('expands into well over 1,000 implementation entries', () => {
    expect(implementations.length).toBeGreaterThanOrEqual(3000);
  });

  it('has a 12345 tree of at least 150 nodes over four levels and GB/T 30428.2-style classes', () => {
    const hotline = nodes.filter((n) => n.scheme === 'HOTLINE');
    expect(hotline.length).toBeGreaterThanOrEqual(150);
    expect(new Set(hotline.map((n) => n.level))).toEqual(new Set([1, 2, 3, 4]));
    const cm = nodes.filter((n) => n.scheme === 'CITYMGMT');
    const bigClasses = (root: string) => {
      const r = cm.find((n) => n.level === 1 && n.name === root);
      return cm.filter((n) => n.parentCode === r?.code && !n.code.slice(-2).startsWith('9')).map((n) => n.name);
    };
    expect(bigClasses('部件')).toEqual(['公用设施', '道路交通', '市容环境', '园林绿化', '房屋土地', '其他设施']);
    expect(bigClasses('事件')).toEqual(['市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序']);
    expect(appealTypes.map((a) => a.name)).toEqual(expect.arrayContaining(['咨询', '求助', '投诉', '举报', '建议']));
  });
});

describe('sample catalog: identity', () => {
  it('has unique codes everywhere', () => {
    expect(duplicates(matters.map((m) => m.code))).toEqual([]);
    expect(duplicates(implementations.map((i) => i.implCode))).toEqual([]);
    expect(duplicates(organisations.map((o) => o.code))).toEqual([]);
    expect(duplicates(regions.map((r) => r.code))).toEqual([]);
    expect(duplicates(nodes.map((n) => `${n.scheme}:${n.code}`))).toEqual([]);
    expect(duplicates(laws.map((l) => l.name))).toEqual([]);
  });

  it('has one implementation entry per matter, region and implementing unit', () => {
    expect(duplicates(implementations.map((i) => `${i.matterCode}|${i.regionCode}|${i.implementingUnit}`))).toEqual([]);
  });

  it('is exactly what the generator tables produce (the committed JSON is not stale)', () => {
    const built = buildCatalog(join(sampleDir, 'dongguan-towns.csv'));
    for (const [file, body] of Object.entries(built)) {
      const { note: _note, ...committed } = load<Record<string, unknown>>(file);
      expect({ file, body: committed }).toEqual({ file, body: JSON.parse(JSON.stringify(body)) });
    }
  });
});

describe('sample catalog: references', () => {
  it('names a known competent department for every matter', () => {
    expect(matters.filter((m) => !orgByCode.has(m.competentDept)).map((m) => m.code)).toEqual([]);
  });

  it('resolves every organisation parent and region', () => {
    const bad = organisations.filter((o) => (o.parentCode && !orgByCode.has(o.parentCode)) || !regionByCode.has(o.regionCode));
    expect(bad.map((o) => o.code)).toEqual([]);
  });

  it('resolves every region parent and organisation, with no cycle, all inside 东莞市', () => {
    const bad = regions.filter((r) => (r.parentCode && !regionByCode.has(r.parentCode)) || (r.orgCode && !orgByCode.has(r.orgCode)) || !isInsideCity(r.code));
    expect(bad.map((r) => r.code)).toEqual([]);
  });

  it('resolves every implementation entry to a matter, units that exist and a region inside 东莞市', () => {
    const bad = implementations.filter((i) =>
      !matterCodes.has(i.matterCode) || !isInsideCity(i.regionCode) ||
      [i.implementingUnit, i.acceptingUnit, i.jurisdictionUnit, i.handlingUnit, i.delegatedFrom?.org].some((u) => u !== undefined && !orgByCode.has(u)));
    expect(bad.map((i) => i.implCode)).toEqual([]);
  });

  it('names existing departments as the source of shared materials', () => {
    const bad = matters.flatMap((m) => m.materials.filter((x) => x.sourceDept && !orgByCode.has(x.sourceDept)).map((x) => `${m.code}: ${x.name}`));
    expect(bad).toEqual([]);
  });

  it('encodes the matter type in the matter code (A 许可, B 处罚 … R 诉求工单, S 城管事件, X 协同事项)', () => {
    const letter: Record<string, string> = {
      行政许可: 'A', 行政处罚: 'B', 行政强制: 'C', 行政征收: 'D', 行政给付: 'E', 行政检查: 'F', 行政确认: 'G',
      行政奖励: 'H', 行政裁决: 'I', 其他行政权力: 'J', 公共服务: 'K', 诉求工单: 'R', 城管事件: 'S', 协同事项: 'X',
    };
    expect(matters.filter((m) => !m.code.startsWith(`4419${letter[m.matterType]}`)).map((m) => m.code)).toEqual([]);
  });

  it('builds implementation codes in the national format 基本编码-12位区划-000-实施主体-1-业务项', () => {
    const bad = implementations.filter((i) => {
      const [code, region, zeros, ...rest] = i.implCode.split('-');
      return code !== i.matterCode || region !== i.regionCode.padEnd(12, '0') || zeros !== '000' || rest.slice(-2).join('-') !== '1-00';
    });
    expect(bad.map((i) => i.implCode)).toEqual([]);
  });

  it('gives every town-level matter (base matters, 诉求工单 and events alike) one entry per 镇街 and functional zone', () => {
    const towns = regions.filter((r) => r.level === 'town');
    const townMatters = matters.filter((m) => m.implementingLevel.includes('镇街'));
    expect(townMatters.filter((m) => m.matterType === '诉求工单').length).toBeGreaterThan(0);
    const regionsByMatter = new Map<string, Set<string>>();
    for (const i of implementations) regionsByMatter.set(i.matterCode, (regionsByMatter.get(i.matterCode) ?? new Set()).add(i.regionCode));
    for (const m of townMatters) {
      const covered = regionsByMatter.get(m.code) ?? new Set<string>();
      expect({ code: m.code, missing: towns.filter((t) => !covered.has(t.code)).map((t) => t.name) }).toEqual({ code: m.code, missing: [] });
    }
  });
});

describe('sample catalog: classification', () => {
  it('is a forest: parents exist, levels step by one, codes extend the parent by two digits, no cycle', () => {
    const bad: string[] = [];
    for (const n of nodes) {
      if (n.level === 1) {
        if (n.parentCode !== null || !/^\d{2}$/.test(n.code)) bad.push(`${n.scheme}:${n.code}`);
        continue;
      }
      const parent = n.parentCode ? nodeByKey.get(`${n.scheme}:${n.parentCode}`) : undefined;
      if (!parent || parent.level !== n.level - 1 || n.code !== `${parent.code}${n.code.slice(-2)}` || !/^\d+$/.test(n.code)) bad.push(`${n.scheme}:${n.code}`);
    }
    expect(bad).toEqual([]);
  });

  it('points every matter classification at an existing L3 or L4 node through an unbroken chain', () => {
    const bad: string[] = [];
    for (const m of matters) {
      const paths = [...m.classifications, { scheme: m.classifications[0].scheme, path: m.category }];
      expect(m.category).toEqual(m.classifications[0].path);
      for (const { scheme, path } of paths) {
        path.forEach((code, i) => {
          const node = nodeByKey.get(`${scheme}:${code}`);
          if (!node || node.level !== i + 1 || (node.parentCode ?? null) !== (i === 0 ? null : path[i - 1])) bad.push(`${m.code} ${scheme}:${code}`);
        });
        if (path.length < 3) bad.push(`${m.code} ${scheme} too shallow`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('lists the life-cycle stage of the 一件事 scenario among the matter themes', () => {
    const bad = matters.flatMap((m) => m.classifications.filter((c) => c.scheme === 'LIFECYCLE')
      .map((c) => nodeByKey.get(`LIFECYCLE:${c.path[1]}`)?.name)
      .filter((stage) => !stage || !m.themes.includes(stage))
      .map((stage) => `${m.code} ${m.name}: ${stage}`));
    expect(bad).toEqual([]);
  });

  it('classifies 12345 appeals and city-management cases in their own schemes', () => {
    for (const m of matters.filter((x) => ENGINE_ONLY.has(x.matterType))) {
      expect(m.classifications[0].scheme).toBe({ 诉求工单: 'HOTLINE', 城管事件: 'CITYMGMT', 协同事项: 'GOVERN' }[m.matterType as string]);
    }
    const leafL3 = (scheme: string) => nodes.filter((n) => n.scheme === scheme && n.level === 3).length;
    expect(matters.filter((m) => m.matterType === '诉求工单').length).toBe(leafL3('HOTLINE'));
    expect(matters.filter((m) => m.matterType === '城管事件').length).toBe(leafL3('CITYMGMT'));
    expect(matters.filter((m) => m.matterType === '协同事项').length).toBe(nodes.filter((n) => n.scheme === 'GOVERN' && n.level === 4).length);
  });
});

describe('sample catalog: legal basis', () => {
  it('gives every public-power matter a legal basis whose law is listed in laws.json with the same level and number', () => {
    const bad: string[] = [];
    for (const m of matters) {
      if (PUBLIC_POWER.has(m.matterType) && m.legalBasis.length === 0) bad.push(`${m.code} has no legal basis`);
      for (const ref of m.legalBasis) {
        const law = lawByName.get(ref.lawName);
        if (!law) bad.push(`${m.code}: unknown law ${ref.lawName}`);
        else if (law.level !== ref.level || law.docNo !== ref.docNo) bad.push(`${m.code}: ${ref.lawName} level/docNo differ`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('cites an article only where laws.json records that article as checked', () => {
    const bad = matters.flatMap((m) => m.legalBasis
      .filter((ref) => ref.article && !lawByName.get(ref.lawName)?.articles.some((a) => a.article === ref.article))
      .map((ref) => `${m.code}: ${ref.lawName} ${ref.article}`));
    expect(bad).toEqual([]);
  });

  it('refuses a table row that cites an article not on the checked list', () => {
    expect(() => parseRow('某许可|许可|测试|市|法||SPAQF#第九十九条|20/10|证:某证|SQB')).toThrow(/not in the checked article list/);
    expect(() => parseRow('某许可|许可|测试|市|法||NOSUCHLAW|20/10|证:某证|SQB')).toThrow(/unknown law/);
  });
});

describe('sample catalog: time limits', () => {
  it('uses only known units, whole non-negative values and a start and end event', () => {
    const bad = [...matters, ...implementations, ...slaProfiles].flatMap((x) => durations(x))
      .filter(({ d }) => !UNITS.has(d.unit) || !Number.isInteger(d.value) || d.value < 0 || !d.startEvent || !d.endEvent)
      .map(({ path, d }) => `${path}: ${JSON.stringify(d)}`);
    expect(bad).toEqual([]);
  });

  it('never commits to more than the statutory limit when both are in the same unit', () => {
    const bad = matters.filter((m) => m.promisedTimeLimit.unit === m.legalTimeLimit.unit && m.promisedTimeLimit.value > m.legalTimeLimit.value);
    expect(bad.map((m) => m.code)).toEqual([]);
    const byCode = new Map(matters.map((m) => [m.code, m]));
    const local = implementations.filter((i) => i.promisedTimeLimit && i.promisedTimeLimit.value > (byCode.get(i.matterCode)?.promisedTimeLimit.value ?? 0));
    expect(local.map((i) => i.implCode)).toEqual([]);
  });

  it('applies 行政许可法 to permits: 5-day acceptance (第32条), 20+10 days (第42条), 10-day delivery (第44条) unless a special rule sets its own', () => {
    const permits = baseMatters.filter((m) => m.matterType === '行政许可');
    expect(permits.length).toBeGreaterThan(100);
    for (const m of permits) {
      expect({ code: m.code, acceptance: m.acceptanceTimeLimit?.value }).toEqual({ code: m.code, acceptance: m.handlingForm === '即办件' ? 0 : 5 });
      // A special rule (食品经营许可和备案管理办法: 5 working days) names itself in the basis.
      const special = m.deliveryTimeLimit?.basis && !m.deliveryTimeLimit.basis.includes('行政许可法');
      if (m.handlingForm !== '上报件' && !special) expect({ code: m.code, d: m.deliveryTimeLimit?.value }).toEqual({ code: m.code, d: 10 });
      if (m.legalTimeLimit.value === 20 && m.legalTimeLimit.unit === 'workingDay') expect(m.legalTimeLimit.basis).toContain('第四十二条');
      expect(m.legalTimeLimit.excludes).toContain('特别程序');
    }
  });

  it('marks 即办件 exactly when the committed limit is zero', () => {
    const bad = baseMatters.filter((m) => (m.handlingForm === '即办件') !== (m.promisedTimeLimit.value === 0 && m.handlingForm !== '上报件'));
    expect(bad.map((m) => m.code)).toEqual([]);
  });

  it('carries the Guangdong 12345 limits: 咨询 2, 求助/建议 10, 投诉/举报 15 working days', () => {
    const profile = slaProfiles[0];
    const resolve = (appealType: string) => profile.rules.find((r) => r.match.appealType === appealType)?.resolve;
    expect([resolve('咨询'), resolve('求助'), resolve('建议'), resolve('投诉'), resolve('举报')].map((d) => `${d?.value} ${d?.unit}`))
      .toEqual(['2 workingDay', '10 workingDay', '10 workingDay', '15 workingDay', '15 workingDay']);
    expect(profile.rules.every((r) => r.response?.unit === 'hour')).toBe(true);
    for (const m of matters.filter((x) => x.matterType === '诉求工单')) expect(m.slaProfile?.id).toBe(profile.id);
  });

  it('gives every step of every operating standard a limit, and permits the four steps 受理/审查/决定/送达', () => {
    for (const m of matters) {
      expect(m.operatingStandard.steps.length).toBeGreaterThan(0);
      for (const s of m.operatingStandard.steps) expect(UNITS.has(s.maxDuration.unit)).toBe(true);
    }
    const permit = baseMatters.find((m) => m.name === '食品经营许可');
    expect(permit?.operatingStandard.steps.map((s) => s.name)).toEqual(['受理', '审查', '决定', '送达']);
  });
});

describe('sample catalog: regions', () => {
  it('holds 东莞市 with 4 街道, 28 镇 and 4 功能区 directly below it (no county level)', () => {
    const towns = regions.filter((r) => r.level === 'town');
    expect(towns.filter((t) => t.kind === '街道').length).toBe(4);
    expect(towns.filter((t) => t.kind === '镇').length).toBe(28);
    expect(towns.filter((t) => t.kind === '功能区').length).toBe(4);
    expect(towns.every((t) => t.parentCode === CITY && !t.illustrative)).toBe(true);
    expect(regions.some((r) => r.level === 'county')).toBe(false);
  });

  it('matches the NBS town list copied beside the data', () => {
    const csv = readFileSync(join(sampleDir, 'dongguan-towns.csv'), 'utf8').trim().split('\n').slice(1);
    const fromCsv = csv.map((line) => line.split(',').slice(0, 2).join(',').replace(/"/g, ''));
    const towns = regions.filter((r) => r.level === 'town').map((r) => `${r.code},${r.name}`);
    expect(towns).toEqual(fromCsv);
  });

  it('marks villages, communities and grids as illustrative', () => {
    expect(regions.filter((r) => (r.level === 'village' || r.level === 'grid') && !r.illustrative)).toEqual([]);
  });
});
