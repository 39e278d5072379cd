/*
 * bpmnlint configuration packed for the browser by hand (what bpmnlint-pack-config would emit):
 * the resolver hands the linter rule modules that the bundler has already imported, so no
 * bundler plugin is needed. `bpmnlint:recommended` is spelled out rule by rule from
 * bpmnlint/config/recommended.js, followed by the Matterflow rules.
 */
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noBpmndi from 'bpmnlint/rules/no-bpmndi';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousLabel from 'bpmnlint/rules/superfluous-label';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import type { LintRuleFactory } from './lint-types.js';
import engineExecutable from './rules/engine-executable.js';
import userTaskDepartment from './rules/user-task-department.js';

type Level = 'error' | 'warn' | 'off';

const RECOMMENDED: Record<string, [LintRuleFactory, Level]> = {
  'ad-hoc-sub-process': [adHocSubProcess, 'error'],
  'conditional-flows': [conditionalFlows, 'error'],
  'end-event-required': [endEventRequired, 'error'],
  'event-based-gateway': [eventBasedGateway, 'error'],
  'event-sub-process-typed-start-event': [eventSubProcessTypedStartEvent, 'error'],
  'fake-join': [fakeJoin, 'warn'],
  global: [global, 'warn'],
  // A task without a name is legal and common while drawing; warn, do not block.
  'label-required': [labelRequired, 'warn'],
  'link-event': [linkEvent, 'error'],
  'no-bpmndi': [noBpmndi, 'error'],
  'no-complex-gateway': [noComplexGateway, 'error'],
  'no-disconnected': [noDisconnected, 'error'],
  'no-duplicate-sequence-flows': [noDuplicateSequenceFlows, 'error'],
  'no-gateway-join-fork': [noGatewayJoinFork, 'error'],
  'no-implicit-split': [noImplicitSplit, 'error'],
  'no-implicit-end': [noImplicitEnd, 'error'],
  'no-implicit-start': [noImplicitStart, 'error'],
  'no-inclusive-gateway': [noInclusiveGateway, 'warn'],
  'no-overlapping-elements': [noOverlappingElements, 'warn'],
  'single-blank-start-event': [singleBlankStartEvent, 'error'],
  'single-event-definition': [singleEventDefinition, 'error'],
  'start-event-required': [startEventRequired, 'error'],
  'sub-process-blank-start-event': [subProcessBlankStartEvent, 'error'],
  'superfluous-gateway': [superfluousGateway, 'warn'],
  'superfluous-label': [superfluousLabel, 'warn'],
  'superfluous-termination': [superfluousTermination, 'warn'],
};

const MATTERFLOW: Record<string, [LintRuleFactory, Level]> = {
  'user-task-department': [userTaskDepartment, 'error'],
  'engine-executable': [engineExecutable, 'error'],
};

const cache: Record<string, LintRuleFactory> = {};
const rules: Record<string, Level> = {};
for (const [name, [rule, level]] of Object.entries(RECOMMENDED)) {
  cache[`bpmnlint/${name}`] = rule;
  rules[name] = level;
}
for (const [name, [rule, level]] of Object.entries(MATTERFLOW)) {
  cache[`bpmnlint-plugin-matterflow/${name}`] = rule;
  rules[`matterflow/${name}`] = level;
}

const resolver = {
  resolveRule(pkg: string, ruleName: string): LintRuleFactory {
    const rule = cache[`${pkg}/${ruleName}`];
    if (!rule) throw new Error(`cannot resolve rule <${pkg}/${ruleName}>`);
    return rule;
  },
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`cannot resolve config <${configName}> in <${pkg}>`);
  },
};

export const bpmnlintConfig = { config: { rules }, resolver };
