/** Escapes text for an XML attribute. */
function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A decision id must be an XML NCName: letters, digits, '_', '-', '.', not starting with a digit. */
export function isDecisionId(id: string): boolean {
  return /^[A-Za-z_][\w.-]*$/.test(id);
}

/**
 * The starting point of 新建: a small UNIQUE table (one input, one output, two rules) with its
 * DRD shape, so every dmn-js view has something to show. Labels are Chinese, variables English.
 */
export function newDecisionXml(decisionId: string, name: string): string {
  const id = attribute(decisionId);
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="${id}-definitions" name="${attribute(name)}" namespace="http://matterflow.example/dmn">
  <decision id="${id}" name="${attribute(name)}">
    <decisionTable id="${id}-table" hitPolicy="UNIQUE">
      <input id="${id}-input-1" label="申请人年龄">
        <inputExpression id="${id}-input-expression-1" typeRef="number"><text>applicant.age</text></inputExpression>
      </input>
      <output id="${id}-output-1" name="approve" label="准予" typeRef="boolean" />
      <rule id="${id}-rule-1">
        <description>年满十八周岁</description>
        <inputEntry id="${id}-rule-1-input-1"><text>&gt;= 18</text></inputEntry>
        <outputEntry id="${id}-rule-1-output-1"><text>true</text></outputEntry>
      </rule>
      <rule id="${id}-rule-2">
        <description>未满十八周岁</description>
        <inputEntry id="${id}-rule-2-input-1"><text>&lt; 18</text></inputEntry>
        <outputEntry id="${id}-rule-2-output-1"><text>false</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="${id}-diagram">
      <dmndi:DMNShape id="${id}-shape" dmnElementRef="${id}">
        <dc:Bounds x="160" y="100" width="180" height="80" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
`;
}
