import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
// The font file (woff2, 13 KiB) instead of the 96 KiB base64-embedded stylesheet.
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import '@bpmn-io/properties-panel/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import camundaCloudBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import govDescriptor from '../../../engine/model/gov-moddle.json';
import { translateModule } from '../i18n/translate-module.js';
import { decisionLinkModule } from './gov/decision-link.js';
import { keepLineBreaksModule } from './interchange/keep-line-breaks.js';
import { keepMarkerVisibilityModule } from './interchange/keep-marker-visibility.js';
import { keepSubprocessPlanesModule } from './interchange/keep-subprocess-planes.js';
import { keepUndrawnDiModule } from './interchange/keep-undrawn-di.js';
import { keepUnresolvedReferencesModule } from './interchange/keep-unresolved-references.js';
import { govPropertiesProviderModule } from './gov/gov-properties-provider.js';
import { bpmnlintConfig } from './lint/packed-config.js';

/** bpmn-js Modeler wired for Matterflow: Zeebe + gov: properties, Chinese labels, bpmnlint. */
export function createModeler(canvas: HTMLElement, propertiesPanel: HTMLElement): Modeler {
  return new Modeler({
    container: canvas,
    // 常规, 政务属性 and 被调用决策 start open: they are what a government process designer edits most.
    propertiesPanel: { parent: propertiesPanel, layout: { groups: { general: { open: true }, gov: { open: true }, calledDecision: { open: true } } } },
    linting: { bpmnlint: bpmnlintConfig, active: true },
    additionalModules: [
      translateModule,
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      ZeebePropertiesProviderModule,
      camundaCloudBehaviors,
      lintModule,
      govPropertiesProviderModule,
      decisionLinkModule,
      // Models made elsewhere come back as they were read (MIWG round trip).
      keepUnresolvedReferencesModule,
      keepMarkerVisibilityModule,
      keepSubprocessPlanesModule,
      keepUndrawnDiModule,
      keepLineBreaksModule,
    ],
    moddleExtensions: { zeebe: zeebeDescriptor, gov: govDescriptor },
  });
}
