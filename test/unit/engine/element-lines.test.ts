import { withElementLines } from '../../../engine/model/element-lines.js';

const xml = [
  '<bpmn:definitions>',
  '  <bpmn:process id="p">',
  '    <bpmn:sequenceFlow sourceRef="task" targetRef="end" />',
  "    <bpmn:userTask\n      name='审查' id='task' />",
  '    <bpmn:endEvent id="a&amp;b" />',
  '  </bpmn:process>',
  '  <bpmndi:BPMNShape id="task_di" bpmnElement="task" />',
  '</bpmn:definitions>',
].join('\n');

test('a problem naming an element gets the line and column of the start tag that carries its id', () => {
  const problems: Array<{ code: string; elementId: string; line?: number; column?: number }> = [
    { code: 'x', elementId: 'task' },
    { code: 'y', elementId: 'a&b' },
    { code: 'z', elementId: 'p' },
  ];
  const found = withElementLines(xml, problems);
  // The id on the tag's second line: the tag itself starts on line 4; references and diagram shapes are not the element.
  expect(found.map(({ line, column }) => [line, column])).toEqual([
    [4, 5],
    [6, 5],
    [2, 3],
  ]);
});

test('a position already given, an element not in the file and a problem with no element are left as they are', () => {
  const given = { code: 'a', elementId: 'task', line: 9, column: 9 };
  expect(withElementLines(xml, [given, { code: 'b', elementId: 'nowhere' }, { code: 'c' }])).toEqual([given, { code: 'b', elementId: 'nowhere' }, { code: 'c' }]);
});
