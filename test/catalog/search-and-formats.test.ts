import iconv from 'iconv-lite';
import { MatterSearchIndex } from '../../catalog/search/search-index.js';
import { formatDuration, formatLegalRef, parseDuration, parseLegalRef } from '../../catalog/io/cell-formats.js';
import { decodeText } from '../../catalog/io/decode-text.js';
import { diffSnapshots } from '../../catalog/diff.js';
import type { Matter } from '../../catalog/model.js';

const matter = (code: string, name: string, extra: Partial<Matter> = {}): Matter => ({
  code,
  name,
  matterType: '行政许可',
  category: ['01', '0103'],
  serviceObjects: ['法人'],
  competentDept: 'SCJGJ',
  legalBasis: [{ kind: '设定依据', lawName: '中华人民共和国食品安全法', level: '法律' }],
  status: 'active',
  ...extra,
});

describe('the search index', () => {
  const index = new MatterSearchIndex({
    matters: [
      { version: 1, document: matter('A1', '食品经营许可', { aliases: ['餐饮许可证'] }) },
      { version: 1, document: matter('A2', '食品生产许可') },
      { version: 1, document: matter('B1', '建筑工程施工许可', { competentDept: 'ZJJ', legalBasis: [{ kind: '设定依据', lawName: '中华人民共和国建筑法', level: '法律' }], category: ['02', '0201'], classifications: [{ scheme: 'DEPT', path: ['02', '0201'] }] }) },
    ],
    impls: [{ matterCode: 'A1', regionCode: 'T1' }],
    regionParents: new Map([['T1', 'C'], ['C', undefined]]),
    organisationNames: new Map([['SCJGJ', '东莞市市场监督管理局']]),
  });
  const codes = (query: Parameters<typeof index.search>[0]) => index.search(query).items.map((item) => item.code);

  test('pinyin initials find 食品经营许可, exact and prefix matches rank first', () => {
    expect(codes({ q: 'spjy' })).toEqual(['A1']);
    expect(codes({ q: 'SPJYXK' })).toEqual(['A1']);
    expect(codes({ q: '食品' })).toEqual(['A1', 'A2']);
    expect(codes({ q: '许可' })).toEqual(['A1', 'A2', 'B1']);
    expect(codes({ q: '餐饮' })).toEqual(['A1']);
    expect(codes({ q: '建筑法' })).toEqual(['B1']);
    expect(codes({ q: 'a2' })).toEqual(['A2']);
  });

  test('filters: department, region (and its ancestors), classification with counts', () => {
    expect(codes({ department: 'ZJJ' })).toEqual(['B1']);
    expect(codes({ region: 'T1' })).toEqual(['A1']);
    expect(codes({ region: 'C' })).toEqual(['A1']);
    expect(codes({ classification: '0201', scheme: 'DEPT' })).toEqual(['B1']);
    expect(index.countOf('DEPT', '02')).toBe(1);
    expect(index.search({ q: '许可', limit: 1 })).toMatchObject({ total: 3, items: [expect.objectContaining({ code: 'A1', departmentName: '东莞市市场监督管理局' })] });
  });
});

describe('cell formats', () => {
  test('time limits: units in Chinese, an unknown unit is named', () => {
    expect(parseDuration('20个工作日')).toEqual({ ok: true, value: { value: 20, unit: 'workingDay' } });
    expect(parseDuration('60日')).toEqual({ ok: true, value: { value: 60, unit: 'naturalDay' } });
    expect(parseDuration('24 小时')).toEqual({ ok: true, value: { value: 24, unit: 'hour' } });
    expect(parseDuration('3个月')).toEqual({ ok: true, value: { value: 3, unit: 'month' } });
    expect(parseDuration('2周')).toMatchObject({ ok: false, code: 'unknown-time-unit' });
    expect(parseDuration('尽快')).toMatchObject({ ok: false, code: 'invalid-duration' });
    expect(formatDuration({ value: 20, unit: 'workingDay' })).toBe('20个工作日');
  });

  test('legal basis: 《law》（level，doc no.）article round-trips; no 《》 means no law name', () => {
    const levels = new Map([['中华人民共和国行政许可法', '法律']]);
    const ref = { kind: '设定依据', lawName: '国务院对确需保留的行政审批项目设定行政许可的决定', level: '国务院决定', docNo: '国务院令第412号', article: '附件第1项' };
    expect(parseLegalRef(formatLegalRef(ref), levels)).toEqual({ ok: true, value: ref });
    expect(parseLegalRef('《中华人民共和国行政许可法》第四十二条', levels)).toEqual({ ok: true, value: { kind: '设定依据', lawName: '中华人民共和国行政许可法', level: '法律', article: '第四十二条' } });
    expect(parseLegalRef('行政许可法第四十二条', levels)).toMatchObject({ ok: false, code: 'legal-basis-without-law' });
    expect(parseLegalRef('《某某条例》', levels)).toMatchObject({ ok: false, code: 'unknown-law-level' });
  });

  test('encodings: UTF-8 and GB18030 are told apart, a contradicting declaration is refused', () => {
    const text = '事项编码,事项名称\n1,食品经营许可\n';
    const gb = iconv.encode(text, 'gb18030');
    expect(decodeText(gb, 'auto')).toEqual({ ok: true, text, encoding: 'gb18030' });
    expect(decodeText(Buffer.from(text), 'auto')).toEqual({ ok: true, text, encoding: 'utf-8' });
    expect(decodeText(gb, 'utf-8')).toMatchObject({ ok: false, issue: { code: 'wrong-encoding' } });
    expect(decodeText(Buffer.from(text), 'gb18030')).toMatchObject({ ok: false, issue: { code: 'wrong-encoding' } });
    expect(decodeText(gb, 'gb18030')).toMatchObject({ ok: true, text });
  });
});

describe('diff', () => {
  test('added, removed and modified entries, field by field, ignoring the version number', () => {
    const before = new Map([
      ['A', { version: 1, document: { code: 'A', name: 'a', version: 1, limit: { value: 10 } } }],
      ['B', { version: 1, document: { code: 'B', name: 'b', version: 1 } }],
    ]);
    const after = new Map([
      ['A', { version: 2, document: { code: 'A', name: 'a', version: 2, limit: { value: 5 } } }],
      ['C', { version: 1, document: { code: 'C', name: 'c', version: 1 } }],
    ]);
    const diff = diffSnapshots(before, after);
    expect(diff).toMatchObject({ added: 1, removed: 1, modified: 1 });
    expect(diff.changes.find((change) => change.code === 'A')?.fields).toEqual([{ field: 'limit', from: { value: 10 }, to: { value: 5 } }]);
  });
});
