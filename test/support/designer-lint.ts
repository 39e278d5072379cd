// Lints BPMN models with the designer's packed bpmnlint config, exactly as bpmn-js-bpmnlint does in the
// browser. A child process (node --import tsx): bpmnlint and its rules are CommonJS requiring ESM
// (min-dash), which jest's module loader cannot follow on Node 20 but Node itself can.
// stdin: a JSON array of BPMN texts; stdout: for each, its reports of category error as "rule: element: message".
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the designer's declarations of untyped bpmn-io modules, not a module itself
/// <reference path="../../designer/src/types/untyped-modules.d.ts" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import { bpmnlintConfig } from '../../designer/src/modeler/lint/packed-config.js';

type Reports = Record<string, Array<{ id?: string; message: string; category: string }>>;
const { Linter } = createRequire(import.meta.url)('bpmnlint') as { Linter: new (config: unknown) => { lint(root: unknown): Promise<Reports> } };

const gov = JSON.parse(fs.readFileSync('engine/model/gov-moddle.json', 'utf8'));
const zeebe = JSON.parse(fs.readFileSync('node_modules/zeebe-bpmn-moddle/resources/zeebe.json', 'utf8'));
const moddle = new BpmnModdle({ gov, zeebe });

const xmls = JSON.parse(fs.readFileSync(0, 'utf8')) as string[];
const results: string[][] = [];
for (const xml of xmls) {
  const { rootElement } = await moddle.fromXML(xml);
  // A new Linter for each model, as bpmn-js-bpmnlint makes one for each run: rules keep state while they run.
  const reports = await new Linter(bpmnlintConfig).lint(rootElement);
  results.push(Object.entries(reports).flatMap(([rule, list]) => list.filter((report) => report.category === 'error').map((report) => `${rule}: ${report.id}: ${report.message}`)));
}
process.stdout.write(JSON.stringify(results));
