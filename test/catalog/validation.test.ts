import { classificationIssues, implReferenceIssues, matterReferenceIssues, regionIssues, type CatalogReferences } from '../../catalog/validation/references.js';
import { schemaIssues } from '../../catalog/validation/schema-validator.js';
import { MatterSchema } from '../../catalog/schemas/index.js';
import type { CategoryNode, Matter, MatterImpl, Region } from '../../catalog/model.js';

const node = (code: string, parentCode: string | null, level: number, scheme: CategoryNode['scheme'] = 'DEPT'): CategoryNode => ({ code, name: code, level, parentCode, scheme });
const region = (code: string, level: Region['level'], parentCode?: string): Region => ({ code, name: code, level, kind: level, ...(parentCode ? { parentCode } : {}) });

const references: CatalogReferences = {
  organisations: new Map([['SCJGJ', { code: 'SCJGJ', name: '东莞市市场监督管理局', kind: '市政府工作部门', level: '市' }]]),
  regions: new Map(
    [region('441900', 'city'), region('441900003', 'town', '441900'), region('440100', 'city'), region('440103', 'county', '440100'), region('441900003901', 'village', '441900003')]
      .filter((r) => r.code !== '440100')
      .map((r) => [r.code, r]),
  ),
  nodes: new Map([node('01', null, 1), node('0103', '01', 2), node('010301', '0103', 3), node('01030101', '010301', 4)].map((n) => [`DEPT:${n.code}`, n])),
};

const matter: Matter = {
  code: 'M1',
  name: '食品经营许可',
  matterType: '行政许可',
  category: ['01', '0103', '010301', '01030101'],
  serviceObjects: ['法人'],
  competentDept: 'SCJGJ',
  legalBasis: [{ kind: '设定依据', lawName: '中华人民共和国食品安全法', level: '法律', article: '第三十五条' }],
  legalTimeLimit: { value: 20, unit: 'workingDay' },
  status: 'active',
};

describe('catalog validation beyond JSON Schema', () => {
  test('a well-formed matter passes the schema and its references', () => {
    expect(schemaIssues(MatterSchema, matter, 'M1')).toEqual([]);
    expect(matterReferenceIssues(matter, references)).toEqual([]);
  });

  test('an unknown time unit and a legal basis with no law name are named precisely', () => {
    const bad = { ...matter, legalTimeLimit: { value: 3, unit: 'week' }, legalBasis: [{ kind: '设定依据', level: '法律' }] };
    const issues = schemaIssues(MatterSchema, bad, 'M1');
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'unknown-time-unit', field: '/legalTimeLimit/unit', key: 'M1' }),
        expect.objectContaining({ code: 'legal-basis-without-law', field: '/legalBasis/0/lawName' }),
      ]),
    );
    expect(issues.every((issue) => issue.message && issue.messageZh)).toBe(true);
  });

  test('unknown department, broken or unknown classification path, a permit without legal basis', () => {
    const issues = matterReferenceIssues({ ...matter, competentDept: 'NOPE', category: ['01', '010301'], legalBasis: [] }, references);
    expect(issues.map((issue) => [issue.code, issue.field])).toEqual(
      expect.arrayContaining([
        ['unknown-department', '/competentDept'],
        ['classification-path-broken', '/category/1'],
        ['legal-basis-missing', '/legalBasis'],
      ]),
    );
    expect(matterReferenceIssues({ ...matter, category: ['01', '0103'] }, references).map((issue) => issue.code)).toEqual(['classification-too-shallow']);
  });

  test('an implementation entry outside the city, in an unknown region, or for an unknown matter', () => {
    const impl: MatterImpl = { implCode: 'I1', matterCode: 'M1', regionCode: '441900003', implementingUnit: 'SCJGJ', status: 'active' };
    const exists = (code: string) => code === 'M1';
    expect(implReferenceIssues(impl, references, exists)).toEqual([]);
    expect(implReferenceIssues({ ...impl, regionCode: '440103' }, references, exists).map((issue) => issue.code)).toEqual(['region-outside-city']);
    expect(implReferenceIssues({ ...impl, regionCode: '440199' }, references, exists).map((issue) => issue.code)).toEqual(['region-outside-city']);
    expect(implReferenceIssues({ ...impl, regionCode: '441900999' }, references, exists).map((issue) => issue.code)).toEqual(['unknown-region']);
    expect(implReferenceIssues({ ...impl, matterCode: 'M2', implementingUnit: 'X' }, references, exists).map((issue) => issue.code)).toEqual(['unknown-matter', 'unknown-organisation']);
  });

  test('a classification with a cycle, a duplicate code, an unknown parent or a skipped level', () => {
    const cycle = classificationIssues([node('01', '03', 1), node('02', '01', 2), node('03', '02', 3)]);
    expect(cycle.filter((issue) => issue.code === 'classification-cycle')).toHaveLength(1);
    expect(cycle.find((issue) => issue.code === 'classification-cycle')?.messageZh).toMatch(/分类存在循环：.+ → .+ → .+ → .+/);
    expect(classificationIssues([node('01', null, 1), node('01', null, 1)]).map((issue) => issue.code)).toEqual(['duplicate-code']);
    expect(classificationIssues([node('0101', '09', 2)]).map((issue) => issue.code)).toEqual(['unknown-classification']);
    expect(classificationIssues([node('01', null, 1), node('010101', '01', 3)]).map((issue) => issue.code)).toEqual(['classification-level']);
    // Two schemes may use the same code.
    expect(classificationIssues([node('01', null, 1), node('01', null, 1, 'HOTLINE')])).toEqual([]);
  });

  test('regions: a county level may sit between city and town; cycles and unknown parents are refused', () => {
    expect(regionIssues([region('440100', 'city'), region('440103', 'county', '440100'), region('440103001', 'town', '440103')])).toEqual([]);
    expect(regionIssues([region('A', 'town', 'B'), region('B', 'town', 'A')]).map((issue) => issue.code)).toContain('region-cycle');
    expect(regionIssues([region('A', 'town', 'Z')]).map((issue) => issue.code)).toEqual(['unknown-region']);
  });
});
