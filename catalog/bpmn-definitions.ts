/**
 * The opening of a BPMN file the catalog writes (templates, 一件事 flows): the namespaces
 * Camunda Modeler writes, plus our gov: one, so that the file opens in either modeler.
 */
export function definitionsOpening(id: string, targetNamespace: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  xmlns:gov="http://matterflow.dev/schema/gov/1.0"
                  id="${id}" targetNamespace="${targetNamespace}">`;
}
