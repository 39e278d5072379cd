import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';
import { fromProjectRoot } from '../paths.js';

// Read once: the same descriptors serve every compile, from source or from dist/.
const zeebe = JSON.parse(fs.readFileSync(fromProjectRoot('node_modules', 'zeebe-bpmn-moddle', 'resources', 'zeebe.json'), 'utf8'));
const gov = JSON.parse(fs.readFileSync(fromProjectRoot('engine', 'model', 'gov-moddle.json'), 'utf8'));

/** bpmn-moddle with the Zeebe extensions Camunda Modeler writes and our own gov: namespace. */
export function createModdle(): BpmnModdle {
  return new BpmnModdle({ zeebe, gov });
}
