import { attachmentKinds, caseKind, caseWords, defaultAttachmentKind } from '../../../designer/src/cases/case-kind.js';
import { caseValueText, isUnitVariable, maskedPaths, type ValueWords } from '../../../designer/src/cases/case-values.js';
import { reopenFacts, reopeningEvaluation } from '../../../designer/src/cases/reopen-facts.js';

const UNITS = new Map([['GAJ-441900121', '东莞市公安局虎门分局'], ['RX12345', '东莞市12345政务服务便民热线']]);
// The names variable-labels.ts gives (that module parses BPMN with the browser's DOMParser; the browser test reads its names on screen).
const LABELS: Record<string, string> = { applicant: '申请人', data: '诉求内容', content: '诉求内容', name: '姓名', phone: '联系电话', idNo: '身份证号', address: '地址', location: '位置' };
const words = (): ValueWords => ({ yes: '是', no: '否', label: (name) => LABELS[name] ?? name, unitName: (code) => UNITS.get(code) });

describe('what kind of case: the catalog binds the matter type to the case', () => {
  test('诉求工单, 城管事件 and 协同事项 are appeals; permits and the rest are approvals, as is a case without a matter', () => {
    expect(caseKind({ matter: { code: '4419R050201000', type: '诉求工单' } })).toBe('appeal');
    expect(caseKind({ matter: { type: '城管事件' } })).toBe('appeal');
    expect(caseKind({ matter: { type: '协同事项' } })).toBe('appeal');
    expect(caseKind({ matter: { type: '行政许可' } })).toBe('approval');
    expect(caseKind({ applicant: { name: '诉求工单' } })).toBe('approval');
    expect(caseKind(null)).toBe('approval');
  });

  test('an appeal speaks of 诉求人 and 处置意见; a permit keeps 申请人 and 审批意见', () => {
    expect(caseWords('appeal')).toMatchObject({ applicant: 'Complainant', opinion: 'Opinion on the handling', opinions: 'Handling opinions' });
    expect(caseWords('approval')).toMatchObject({ applicant: 'Applicant', opinion: 'Opinion', opinions: 'Opinions' });
  });

  test('the attachment kind fits the step: materials for a permit; for an appeal the photo before, then after handling', () => {
    expect(attachmentKinds('approval')[0]).toBe('material');
    expect(attachmentKinds('appeal')).toEqual(['before', 'after', 'other', 'material']);
    expect(defaultAttachmentKind('approval', [], 't1')).toBe('material');
    // The citizen's pictures from intake are the case's, not this step's: the handler still starts with a before-photo.
    expect(defaultAttachmentKind('appeal', [{ kind: 'before', taskId: null }], 't1')).toBe('before');
    expect(defaultAttachmentKind('appeal', [{ kind: 'before', taskId: 't1' }], 't1')).toBe('after');
    expect(defaultAttachmentKind('appeal', [{ kind: 'after', taskId: 't0' }], 't2')).toBe('after');
  });
});

describe('case values as a person reads them', () => {
  test('a person: the name, then the facts in brackets, not 姓名：…；联系电话：…', () => {
    expect(caseValueText('applicant', { name: '李女士', phone: '138****0000' }, words())).toBe('李女士（联系电话：138****0000）');
    expect(caseValueText('applicant', { name: '李女士' }, words())).toBe('李女士');
    expect(caseValueText('applicant', { name: '张三', idNo: '4401**********1234', address: '虎门镇' }, words())).toBe('张三（身份证号：4401**********1234，地址：虎门镇）');
  });

  test('诉求内容 shows once: a one-field object is its value; a field named as the variable is not named again', () => {
    expect(caseValueText('data', { content: '广场舞音响噪声扰民' }, words())).toBe('广场舞音响噪声扰民');
    expect(caseValueText('data', { content: '噪声', location: '银龙路' }, words())).toBe('噪声；位置：银龙路');
  });

  test('every unit-valued variable by its unit name: the catalog units, a rule\'s unit, lists of units; unknown codes stay', () => {
    for (const name of ['handlingUnit', 'acceptingUnit', 'responsibleUnit', 'caseDepartment', 'unit', 'coUnits']) expect(isUnitVariable(name)).toBe(true);
    for (const name of ['content', 'community', 'unitName', 'applicant']) expect(isUnitVariable(name)).toBe(false);
    expect(caseValueText('handlingUnit', 'GAJ-441900121', words())).toBe('东莞市公安局虎门分局');
    expect(caseValueText('coUnits', ['GAJ-441900121', 'RX12345'], words())).toBe('东莞市公安局虎门分局、东莞市12345政务服务便民热线');
    expect(caseValueText('dispatchRule', { unit: 'GAJ-441900121', source: 'rule' }, words())).toContain('unit：东莞市公安局虎门分局');
    expect(caseValueText('handlingUnit', 'XYZ-1', words())).toBe('XYZ-1');
    // A plain text that happens to equal a code is not renamed.
    expect(caseValueText('content', 'RX12345', words())).toBe('RX12345');
  });

  test('a matter by its name, a limit as 15个工作日, yes/no and empty values in words', () => {
    expect(caseValueText('matter', { code: '4419R050201000', name: '噪声扰民类诉求办理', version: 1, type: '诉求工单' }, words())).toBe('噪声扰民类诉求办理');
    expect(caseValueText('legalTimeLimit', { value: 15, unit: 'workingDay', basis: '广东省12345政务服务便民热线管理办法' }, words())).toBe('15个工作日');
    expect(caseValueText('approved', true, words())).toBe('是');
    expect(caseValueText('x', null, words())).toBe('—');
    expect(caseValueText('x', {}, words())).toBe('—');
  });

  test('masked values inside a person can be revealed field by field', () => {
    expect(maskedPaths('applicant', { name: '李女士', phone: '138****0000' })).toEqual(['applicant.phone']);
    expect(maskedPaths('applicantIdNo', '4401**********1234')).toEqual(['applicantIdNo']);
    expect(maskedPaths('content', '噪声')).toEqual([]);
  });
});

describe('不满意重办 from the case trails', () => {
  const original = [
    { at: '2026-12-03T03:10:00Z', type: 'instance.started', data: null },
    { at: '2026-12-03T03:15:00Z', type: 'case.evaluated', data: { result: '不满意', comment: '十点后仍有音响声', satisfied: false } },
    { at: '2026-12-03T03:15:00Z', type: 'case.reopened', data: { originalInstanceId: 'o1', reopenedInstanceId: 'r1', reopenCount: 1 } },
  ];
  const reopened = [{ at: '2026-12-03T03:15:00Z', type: 'case.reopen.started', data: { originalInstanceId: 'o1', reopenedInstanceId: 'r1', reopenCount: 1 } }];

  test('the reopened case names its original and its round; the original names the reopened case', () => {
    expect(reopenFacts(reopened)).toEqual({ original: { instanceId: 'o1', reopenCount: 1, at: '2026-12-03T03:15:00Z' }, reopenedAs: null });
    expect(reopenFacts(original)).toEqual({ original: null, reopenedAs: { instanceId: 'r1', at: '2026-12-03T03:15:00Z' } });
    expect(reopenFacts([{ at: 'x', type: 'instance.started', data: null }])).toEqual({ original: null, reopenedAs: null });
  });

  test('why: the unsatisfied evaluation on the original\'s trail', () => {
    expect(reopeningEvaluation(original)).toEqual({ result: '不满意', comment: '十点后仍有音响声', at: '2026-12-03T03:15:00Z' });
    expect(reopeningEvaluation([{ at: 'x', type: 'case.evaluated', data: { result: '满意', satisfied: true } }])).toBeNull();
  });
});
