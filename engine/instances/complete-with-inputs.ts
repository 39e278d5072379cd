import { EngineError } from '../errors.js';
import { refuseMaskedEcho } from '../personal/masked-echo.js';
import { completeWaitingElement, missingGatewayInputs, type MissingGatewayInput, type Variables } from '../runtime/index.js';
import type { Step } from './instance-runner.js';

/**
 * Completes a waiting user task or job, unless it writes a masked personal value back
 * (personal/masked-echo.ts) or a gateway it leads to straight on needs a variable
 * nobody has given (runtime/gateway-inputs.ts): then the command is refused with a 422 naming the
 * variables and the gateways, and nothing is written. Why we refuse where Camunda 8 raises an
 * incident: docs/gateway-inputs.md.
 */
export function completeWithGatewayInputs(elementInstanceId: string, variables: Variables): Step {
  return (model, state, now, services) => {
    refuseMaskedEcho(state.variables, variables);
    const missing = missingGatewayInputs(model, state, elementInstanceId, variables);
    if (missing.length > 0) throw gatewayInputsMissing(missing);
    return completeWaitingElement(model, state, elementInstanceId, variables, now, services);
  };
}

function gatewayInputsMissing(missing: readonly MissingGatewayInput[]): EngineError {
  const details = missing.flatMap((gateway) => {
    const named = gateway.gatewayName ?? gateway.gatewayId;
    return gateway.variables.map((variable) => ({
      code: 'gateway-needs-variable',
      field: `/variables/${variable.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      elementId: gateway.gatewayId,
      message: `The gateway '${named}' decides by '${variable}', which is neither in the case data nor in the completion`,
      messageZh: `下一步的判断“${named}”需要“${variable}”的值，案件数据和本次提交中都没有`,
    }));
  });
  const variables = [...new Set(missing.flatMap((gateway) => gateway.variables))];
  const gateways = missing.map((gateway) => gateway.gatewayName ?? gateway.gatewayId);
  return new EngineError(
    'invalid',
    `Not completed: ${quoteAll(gateways, 'and')} ${gateways.length > 1 ? 'need' : 'needs'} ${quoteAll(variables, 'and')}; supply ${variables.length > 1 ? 'them' : 'it'} with the completion`,
    `未办结：下一步的判断${gateways.map((name) => `“${name}”`).join('、')}需要${variables.map((name) => `“${name}”`).join('、')}，请填写后再提交`,
    details,
  );
}

function quoteAll(names: readonly string[], conjunction: string): string {
  const quoted = names.map((name) => `'${name}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}` : quoted[0];
}
