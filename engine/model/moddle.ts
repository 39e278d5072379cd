import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');
const gov = require('./gov-moddle.json');

/** bpmn-moddle with the Zeebe extensions Camunda Modeler writes and our own gov: namespace. */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ zeebe, gov });
}
