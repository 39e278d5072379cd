import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Response } from 'supertest';
import { as, createTestApp, type TestApp } from '../support/context.js';

const FOOD = '4419A21012000'; // 食品经营许可 (SCJGJ)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** supertest collects a binary body as a Buffer only when told to. */
const binary = (res: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('catalog import and export: xlsx, csv (UTF-8, GB18030), json; all or nothing into a draft batch', () => {
  let t: TestApp;
  let scjg: string;
  let zjj: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ sampleCatalog: true });
    scjg = await t.userToken({ id: 'scjg1', department: 'SCJGJ', roles: ['designer'] });
    zjj = await t.userToken({ id: 'zjj1', department: 'ZJJ', roles: ['designer'] });
    admin = await t.userToken({ id: 'cadmin', department: 'ZSJ', roles: ['catalog-admin'] });
  });
  afterAll(() => t.close());

  const download = async (path: string) => (await as(t.app, scjg).get(path).buffer(true).parse(binary as never)).body as Buffer;
  const drafts = async () => (await as(t.app, scjg).get('/api/v1/catalog/batches?status=draft')).body.items.length as number;

  test('the xlsx export of a department imports back unchanged; edited and added rows become a draft batch to publish', async () => {
    const exported = await download('/api/v1/catalog/export/matters?format=xlsx&department=SCJGJ');
    const again = await as(t.app, scjg).post('/api/v1/catalog/import/matters').type(XLSX).send(exported);
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ code: 'nothing-to-import' })]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const column = (header: string) => headers.indexOf(header) + 1;
    sheet.eachRow((row) => {
      if (row.getCell(column('事项编码')).text === FOOD) row.getCell(column('承诺时限')).value = '7个工作日';
    });
    const added = sheet.addRow([]);
    const cells: Record<string, string> = {
      事项编码: 'T-XLSX-001',
      事项名称: '食品经营许可（试点新办）',
      事项类型: '行政许可',
      主管部门: '东莞市市场监督管理局',
      服务对象: '法人；其他组织',
      事项分类: '01/0103/010301/01030101',
      设定依据: '设定依据：《中华人民共和国食品安全法》第三十五条',
      法定时限: '20个工作日',
      承诺时限: '5个工作日',
      申请材料: '营业执照（必要）\n承诺书（容缺）',
    };
    for (const [header, value] of Object.entries(cells)) added.getCell(column(header)).value = value;
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());

    const imported = await as(t.app, scjg).post('/api/v1/catalog/import/matters?name=2026年市场监管调整&effectiveDate=2026-05-01').type(XLSX).send(edited);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ rows: 2, batch: { status: 'draft', name: '2026年市场监管调整', effectiveDate: '2026-05-01', itemCount: 2 } });
    const diff = (await as(t.app, scjg).get(`/api/v1/catalog/batches/${imported.body.batch.id}/diff`)).body.matters;
    expect(diff).toMatchObject({ added: 1, modified: 1 });
    const modified = diff.changes.find((change: { code: string }) => change.code === FOOD);
    // Only the value changed: the limit's start and end events survive the flat cell.
    expect(modified.fields).toEqual([{ field: 'promisedTimeLimit', from: expect.objectContaining({ value: 5 }), to: expect.objectContaining({ value: 7, unit: 'workingDay', startEvent: '受理' }) }]);

    expect((await as(t.app, admin).post(`/api/v1/catalog/batches/${imported.body.batch.id}/publish`)).status).toBe(200);
    const created = await as(t.app, scjg).get('/api/v1/catalog/matters/T-XLSX-001?asOf=2026-05-01');
    expect(created.body).toMatchObject({
      competentDept: 'SCJGJ',
      serviceObjects: ['法人', '其他组织'],
      legalBasis: [{ kind: '设定依据', lawName: '中华人民共和国食品安全法', level: '法律', article: '第三十五条' }],
      materials: [{ name: '营业执照', required: '必要' }, { name: '承诺书', required: '容缺' }],
      promisedTimeLimit: { value: 5, unit: 'workingDay' },
      status: 'active',
    });
  });

  test('a CSV with several bad rows is rejected whole, every error by row and column, nothing written', async () => {
    const before = await drafts();
    const header = '事项编码,事项名称,事项类型,主管部门,服务对象,事项分类,设定依据,法定时限,承诺时限';
    const good = 'T-CSV-001,测试事项一,行政许可,SCJGJ,法人,01/0103/010301/01030101,《中华人民共和国食品安全法》第三十五条,20个工作日,10个工作日';
    const csv = [
      header,
      good,
      'T-CSV-002,测试事项二,行政许可,NO-DEPT,法人,01/0103/010301/01030101,《中华人民共和国食品安全法》,20个工作日,10个工作日',
      'T-CSV-003,测试事项三,行政许可,SCJGJ,法人,01/0103/010301/01030101,《中华人民共和国食品安全法》,20个礼拜,10个工作日',
      'T-CSV-004,测试事项四,行政许可,SCJGJ,法人,01/0103/010301/01030101,食品安全法第三十五条,20个工作日,10个工作日',
      good,
      'T-CSV-006,测试事项六,行政许可,SCJGJ,法人,01/0103/999999,《中华人民共和国食品安全法》,20个工作日,10个工作日',
      'T-CSV-007,测试\u0000事项七,行政许可,SCJGJ,法人,01/0103/010301/01030101,《中华人民共和国食品安全法》,20个工作日,10个工作日',
      'T-CSV-008,测试事项八\u001b[2J,行政许可,SCJGJ,法人,01/0103/010301/01030101,《中华人民共和国食品安全法》,20个工作日,10个工作日',
    ].join('\n');
    const response = await as(t.app, scjg).post('/api/v1/catalog/import/matters').type('text/csv').send(Buffer.from(csv, 'utf8'));
    expect(response.status).toBe(422);
    expect(response.body.titleZh).toContain('未导入');
    const errors = response.body.errors as Array<{ row: number; field: string; code: string; message: string; messageZh: string }>;
    const pick = (row: number) => errors.filter((error) => error.row === row).map((error) => [error.field, error.code]);
    expect(pick(2)).toEqual([]);
    expect(pick(3)).toContainEqual(['主管部门', 'unknown-department']);
    expect(pick(4)).toEqual([['法定时限', 'unknown-time-unit']]);
    expect(pick(5)).toEqual([['设定依据', 'legal-basis-without-law']]);
    expect(pick(6)).toEqual([['事项编码', 'duplicate-code']]);
    expect(pick(7)).toEqual([['事项分类', 'unknown-classification']]);
    // A NUL (which PostgreSQL refused for the whole file, without a row) and an escape sequence: named by row and column.
    expect(pick(8)).toEqual([['事项名称', 'invalid-text']]);
    expect(pick(9)).toEqual([['事项名称', 'invalid-text']]);
    expect(errors.find((error) => error.row === 4)?.messageZh).toContain('礼拜');
    expect(errors.every((error) => error.message && error.messageZh)).toBe(true);
    expect(await drafts()).toBe(before);
    expect((await as(t.app, scjg).get('/api/v1/catalog/matters/T-CSV-001')).status).toBe(404);
  });

  test('extra and missing columns are named before any row is read', async () => {
    const csv = '事项编码,事项名称,事项类型,主管部门,服务对象,设定依据,承诺时限,备注\nT-1,x,行政许可,SCJGJ,法人,《中华人民共和国食品安全法》,10个工作日,hello\n';
    const response = await as(t.app, scjg).post('/api/v1/catalog/import/matters?format=csv').send(Buffer.from(csv, 'utf8'));
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { code: string; field: string; row: number }) => [error.row, error.field, error.code])).toEqual([
      [1, '备注', 'unknown-column'],
      [1, '法定时限', 'missing-column'],
    ]);
  });

  test('a GB18030 CSV is detected and imported; declared as UTF-8 it is refused as the wrong encoding', async () => {
    const csv = '实施编码,事项编码,区划代码,实施主体,受理单位,本地承诺时限\n' + `T-GB-001,${FOOD},441900005,东莞市市场监督管理局,SMFWZX,3个工作日\n`;
    const bytes = iconv.encode(csv, 'gb18030');
    const wrong = await as(t.app, scjg).post('/api/v1/catalog/import/implementations?encoding=utf-8').type('text/csv').send(bytes);
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ code: 'wrong-encoding' })]);
    const declaredGb = await as(t.app, scjg).post('/api/v1/catalog/import/implementations?encoding=gb18030').type('text/csv').send(Buffer.from(csv, 'utf8'));
    expect(declaredGb.body.errors).toEqual([expect.objectContaining({ code: 'wrong-encoding' })]);

    const imported = await as(t.app, scjg).post('/api/v1/catalog/import/implementations').type('text/csv').send(bytes);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ rows: 1, encoding: 'gb18030' });
    const batch = await as(t.app, scjg).get(`/api/v1/catalog/batches/${imported.body.batch.id}`);
    expect(batch.body.items[0]).toMatchObject({ action: 'add', document: { implCode: 'T-GB-001', implementingUnit: 'SCJGJ', promisedTimeLimit: { value: 3, unit: 'workingDay' }, status: 'active' } });
  });

  test('CSV (GB18030) and JSON exports import back unchanged; a department may not import another department’s rows', async () => {
    const csv = await download(`/api/v1/catalog/export/implementations?format=csv&encoding=gb18030&matter=${FOOD}`);
    expect(iconv.decode(csv, 'gb18030').split('\n')[0]).toContain('实施编码');
    const back = await as(t.app, scjg).post('/api/v1/catalog/import/implementations?encoding=gb18030').type('text/csv').send(csv);
    expect(back.body.errors).toEqual([expect.objectContaining({ code: 'nothing-to-import' })]);

    const json = await as(t.app, scjg).get('/api/v1/catalog/export/matters?format=json&department=SCJGJ');
    expect(json.body.matters.length).toBeGreaterThan(10);
    const same = await as(t.app, scjg).post('/api/v1/catalog/import/matters').send({ matters: json.body.matters });
    expect(same.body.errors).toEqual([expect.objectContaining({ code: 'nothing-to-import' })]);
    const food = json.body.matters.find((matter: { code: string }) => matter.code === FOOD);
    const renamed = await as(t.app, zjj).post('/api/v1/catalog/import/matters').send({ matters: [{ ...food, aliases: ['小餐饮许可'] }] });
    expect(renamed.status).toBe(422);
    expect(renamed.body.errors).toEqual([expect.objectContaining({ row: 1, code: 'not-your-department' })]);
  });

  test('the import templates explain every column', async () => {
    const template = await download('/api/v1/catalog/import-templates/matters');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['事项', '填写说明']);
    expect((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(expect.arrayContaining(['事项编码', '事项名称', '事项类型', '主管部门', '法定时限', '承诺时限', '设定依据']));
  });
});
