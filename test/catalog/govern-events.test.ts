// The 基层治理 collaborative event catalog (协同事项) in catalog/sample: its size, a handling unit in every
// town for every event, operating standards whose steps all carry a limit and the photos required before
// and after, handling requirements, legal bases that cite only checked articles, and the corrected
// citations (无犯罪记录证明, 行政处罚法 第六十条, 食品经营许可 under the 2023 measures). Reads only the project's files.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGovernTree } from '../../catalog/sample/generator/govern-events.js';
import { parseRow } from '../../catalog/sample/generator/parse-row.js';
import { buildBaseMatters } from '../../catalog/sample/generator/build-matters.js';
import { SchemeBuilder, buildLifecycle } from '../../catalog/sample/generator/classifications.js';
import type { CategoryNode, LawEntry, Matter, MatterImpl, Org, Region } from '../../catalog/sample/generator/types.js';
import { MatterSchema } from '../../catalog/schemas/index.js';
import { schemaIssues } from '../../catalog/validation/schema-validator.js';

const sampleDir = join(dirname(fileURLToPath(import.meta.url)), '../../catalog/sample');
const load = <T>(file: string): T => JSON.parse(readFileSync(join(sampleDir, file), 'utf8')) as T;

const { matters } = load<{ matters: Matter[] }>('matters.json');
const { implementations } = load<{ implementations: MatterImpl[] }>('implementations.json');
const { organisations } = load<{ organisations: Org[] }>('departments.json');
const { regions } = load<{ regions: Region[] }>('regions.json');
const { laws } = load<{ laws: LawEntry[] }>('laws.json');
const { nodes } = load<{ nodes: CategoryNode[] }>('classifications.json');

const events = matters.filter((m) => m.matterType === '协同事项');
const towns = regions.filter((r) => r.level === 'town');
const orgByCode = new Map(organisations.map((o) => [o.code, o]));
const lawByName = new Map(laws.map((l) => [l.name, l]));
const validateMatter = (m: Matter) => schemaIssues(MatterSchema, m);
const byName = (name: string) => matters.find((m) => m.name === name) as Matter;
const implsByMatter = new Map<string, MatterImpl[]>();
for (const i of implementations) implsByMatter.set(i.matterCode, [...(implsByMatter.get(i.matterCode) ?? []), i]);

describe('基层治理 collaborative events: size and classification', () => {
  it('holds at least 1,000 events, and the whole catalog at least 1,500 matters', () => {
    expect(events.length).toBeGreaterThanOrEqual(1000);
    expect(matters.length).toBeGreaterThanOrEqual(1500);
  });

  it('classifies every event at L4 of the four-level GOVERN scheme', () => {
    const governNodes = new Map(nodes.filter((n) => n.scheme === 'GOVERN').map((n) => [n.code, n]));
    expect(new Set([...governNodes.values()].map((n) => n.level))).toEqual(new Set([1, 2, 3, 4]));
    const bad = events.filter((m) => m.category.length !== 4 || governNodes.get(m.category[3])?.name !== m.name
      || m.classifications[0].scheme !== 'GOVERN');
    expect(bad.map((m) => m.code)).toEqual([]);
  });

  it('spans the departments the seeds name and more', () => {
    const depts = new Set(events.map((m) => m.competentDept));
    // 城管, 市场监管, 应急管理, 住建, 公安 (non-police), 生态环境, 水务, 交通, 消防, 自然资源, 卫健, 民政
    for (const code of ['CGJ', 'SCJGJ', 'YJGLJ', 'ZJJ', 'GAJ', 'STHJJ', 'SWUJ', 'JTJ', 'XFZD', 'ZRZYJ', 'WJJ', 'MZJ']) {
      expect({ code, present: depts.has(code) }).toEqual({ code, present: true });
    }
    expect(depts.size).toBeGreaterThanOrEqual(20);
  });
});

describe('基层治理 collaborative events: who handles them in each town', () => {
  it('gives every town-level event one entry per 镇街 and 功能区, naming an existing handling unit of that town or the owner utility', () => {
    const bad: string[] = [];
    for (const m of events.filter((e) => e.implementingLevel.includes('镇街'))) {
      const entries = implsByMatter.get(m.code) ?? [];
      for (const t of towns) {
        const entry = entries.find((i) => i.regionCode === t.code);
        const unit = entry ? orgByCode.get(entry.handlingUnit) : undefined;
        if (!entry || !unit) { bad.push(`${m.code} ${t.name}: no handling unit`); continue; }
        const ownTown = unit.regionCode === t.code;
        if (!ownTown && !unit.isPublicUtility) bad.push(`${m.code} ${t.name}: handled by ${unit.code} outside the town`);
        if (entry.jurisdictionUnit !== `GOV-${t.code}`) bad.push(`${m.code} ${t.name}: jurisdiction ${entry.jurisdictionUnit}`);
      }
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('routes a town event to the branch of a department that has one (消防 大队, 市场监管 分局)', () => {
    const fire = events.find((m) => m.competentDept === 'XFZD' && m.implementingLevel.includes('镇街')) as Matter;
    const humen = towns.find((t) => t.name === '虎门镇') as Region;
    const entry = implsByMatter.get(fire.code)?.find((i) => i.regionCode === humen.code);
    expect(orgByCode.get(entry?.handlingUnit ?? '')?.name).toBe('东莞市消防救援支队虎门大队');
  });

  it('gives a city-only event (网上办事) a city entry and no town entry', () => {
    const online = events.filter((m) => !m.implementingLevel.includes('镇街'));
    expect(online.length).toBeGreaterThan(0);
    for (const m of online) expect((implsByMatter.get(m.code) ?? []).map((i) => i.regionCode)).toEqual(['441900']);
  });

  it('gives 12345 appeal types town entries too, so a 虎门 ticket resolves to a 虎门 unit (or the utility that owns the problem)', () => {
    const humen = towns.find((t) => t.name === '虎门镇') as Region;
    const appeals = matters.filter((m) => m.matterType === '诉求工单');
    const bad = appeals.filter((m) => !(implsByMatter.get(m.code) ?? []).some((i) => {
      const unit = orgByCode.get(i.handlingUnit);
      return i.regionCode === humen.code && (unit?.regionCode === humen.code || unit?.isPublicUtility === true);
    }));
    expect(bad.map((m) => m.code)).toEqual([]);
  });
});

describe('基层治理 collaborative events: operating standard and handling requirements', () => {
  it('gives every step a limit, and the 处置 step the photos required before and after', () => {
    const bad: string[] = [];
    for (const m of events) {
      const steps = m.operatingStandard.steps;
      if (steps.length < 4) bad.push(`${m.code}: ${steps.length} steps`);
      for (const s of steps) if (!(s.maxDuration.value > 0) || !s.maxDuration.startEvent || !s.maxDuration.endEvent) bad.push(`${m.code} ${s.name}: no limit`);
      const handle = steps.find((s) => s.stepKey === 'handle');
      if (!handle?.photos?.before.length || !handle.photos.after.length) bad.push(`${m.code}: 处置 without before/after photos`);
      if (JSON.stringify(handle?.maxDuration) !== JSON.stringify(m.promisedTimeLimit)) bad.push(`${m.code}: 处置 limit differs from the event limit`);
    }
    expect(bad.slice(0, 20)).toEqual([]);
  });

  it('states handling requirements, the first one naming the handling limit', () => {
    const units: Record<string, string> = { minute: '分钟', hour: '小时', workingDay: '个工作日', naturalDay: '日' };
    const bad = events.filter((m) => {
      const req = m.handlingRequirements ?? [];
      return req.length < 3 || req[0] !== `签收后${m.promisedTimeLimit.value}${units[m.promisedTimeLimit.unit]}内处置完毕`;
    });
    expect(bad.map((m) => m.code)).toEqual([]);
    // The 处置要求 column of the spreadsheet template writes one item per line and splits on ；/; too.
    expect(events.flatMap((m) => (m.handlingRequirements ?? []).filter((r) => /[；;\n]/.test(r)))).toEqual([]);
  });

  it('validates against the catalog schema, new fields included, and the schema refuses a photo list of the wrong shape', () => {
    expect(validateMatter(events[0])).toEqual([]);
    const broken = structuredClone(events[0]);
    (broken.operatingStandard.steps[3] as unknown as { photos: unknown }).photos = { before: '现场照片' };
    expect(validateMatter(broken).length).toBeGreaterThan(0);
  });
});

describe('legal basis: real laws, checked articles only, and the corrected citations', () => {
  it('cites only laws of laws.json and, anywhere in the catalog, only the articles recorded there as checked', () => {
    const bad = matters.flatMap((m) => m.legalBasis.flatMap((ref) => {
      const law = lawByName.get(ref.lawName);
      if (!law) return [`${m.code}: unknown law ${ref.lawName}`];
      if (ref.article && !law.articles.some((a) => a.article === ref.article)) return [`${m.code}: ${ref.lawName} ${ref.article}`];
      return [];
    }));
    expect(bad).toEqual([]);
    expect(events.every((m) => m.legalBasis.length > 0)).toBe(true);
  });

  it('refuses an event tree that cites an unchecked article or an unknown law', () => {
    expect(() => buildGovernTree('领域 @CGJ\n  大类 !1 %SRHWTL#第九十九条 ~site 要求:甲\n    小类 ＝ 事件')).toThrow(/not in the checked article list/);
    expect(() => buildGovernTree('领域 @CGJ\n  大类 !1 %NOSUCHLAW ~site 要求:甲\n    小类 ＝ 事件')).toThrow(/unknown law/);
  });

  it('bases 无犯罪记录证明 on the police rules for criminal-record checks, not on 治安管理处罚法', () => {
    const certificate = byName('无犯罪记录证明开具');
    expect(certificate.legalBasis.map((r) => r.lawName)).toEqual(['公安机关办理犯罪记录查询工作规定']);
    expect(matters.filter((m) => m.matterType !== '行政处罚' && m.legalBasis.some((r) => r.lawName === '中华人民共和国治安管理处罚法')
      && m.competentDept !== 'GAJ').map((m) => m.code)).toEqual([]);
  });

  it('never cites 行政处罚法 第六十条 (a time limit) as a 处罚依据: penalties cite their substantive law, and 第六十条 only grounds the limit', () => {
    const penalties = matters.filter((m) => m.matterType === '行政处罚');
    const bad = penalties.filter((m) => m.legalBasis.some((r) => r.lawName === '中华人民共和国行政处罚法' && (r.article || r.kind === '处罚依据'))
      || !m.legalBasis.some((r) => r.kind === '处罚依据' && r.lawName !== '中华人民共和国行政处罚法'));
    expect(bad.map((m) => m.code)).toEqual([]);
    expect(penalties.filter((m) => m.legalTimeLimit.value === 90).every((m) => m.legalTimeLimit.basis === '《中华人民共和国行政处罚法》第六十条')).toBe(true);
    const ctx = { dept: new SchemeBuilder('DEPT'), lifecycle: buildLifecycle() };
    expect(() => buildBaseMatters([{ dept: 'SCJGJ', domain: '市场监管', rows: ['对某违法行为的行政处罚|处罚|测试|市|法||SPAQF,XZCFF#第六十条|90n/60n|他:行政处罚决定书|'] }], ctx))
      .toThrow(/not a 处罚依据/);
  });

  it('gives 食品经营许可 the limits of the 2023 measures (总局令第78号): 10 + 5 working days, licence within 5', () => {
    const measures = lawByName.get('食品经营许可和备案管理办法');
    expect(measures?.docNo).toBe('国家市场监督管理总局令第78号');
    for (const name of ['食品经营许可', '食品经营许可变更', '食品经营许可延续']) {
      const m = byName(name);
      expect({ name, legal: m.legalTimeLimit.value, ext: m.legalExtension?.value, delivery: m.deliveryTimeLimit?.value })
        .toEqual({ name, legal: 10, ext: 5, delivery: 5 });
      expect(m.legalTimeLimit.basis).toContain('国家市场监督管理总局令第78号');
      expect(m.operatingStandard.steps.find((s) => s.stepKey === 'deliver')?.maxDuration.value).toBe(5);
    }
    expect(() => parseRow('某许可|许可|测试|市|法||SPAQF|10/5|证:某证|SQB|限据=SPJYXKBF')).toThrow(/not among the row's laws/);
  });

  it('cites, for a city-management class handled by another department, that department\'s law', () => {
    const hydrant = matters.find((m) => m.matterType === '城管事件' && m.name === '消防栓问题处置') as Matter;
    expect(hydrant.legalBasis.map((r) => r.lawName)).toEqual(['中华人民共和国消防法']);
  });
});
