import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { Uuid, Variables } from '../schemas.js';

/** Signals: broadcast within the caller's department (signals never cross departments: see engine/messaging/broadcast-signal.ts). */
export function signalRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/signals',
      operationId: 'broadcastSignal',
      summary: "Broadcast a signal to every signal catch event, boundary, event subprocess and signal start event of your department's instances and processes",
      summaryZh: '广播信号（仅限本部门的流程实例与流程）',
      tag: 'Signals',
      roles: ['integrator', 'supervisor'],
      body: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, variables: Variables },
        required: ['name'],
        additionalProperties: false,
      },
      response: {
        type: 'object',
        properties: {
          triggered: { type: 'array', items: { type: 'object', properties: { processInstanceId: Uuid, elementId: { type: 'string' } } } },
          started: { type: 'array', items: { type: 'object', properties: { processInstanceId: Uuid, processId: { type: 'string' } } } },
        },
      },
    },
    async (req, res) => {
      res.json(await engine.broadcastSignal(actorOf(req), { name: req.body.name, variables: req.body.variables }));
    },
  );
}
