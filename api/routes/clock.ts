import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { IdParams } from '../schemas.js';
import { PAUSE_KINDS, slaOf, type PauseKind } from '../../engine/sla/index.js';
import { CaseSla, Duration } from './sla-schemas.js';

const STAFF = ['staff', 'supervisor'] as const;
const TAG = 'SLA';
const Text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max });

/**
 * Clock control of a case: pause (补正, 第45条 特别程序, 中止) and resume with the reason and the law, and
 * extensions (延期) within the matter's allowance. A process can do the same by completing a task with the
 * variables slaPause / slaResume / slaExtension (see engine/sla/sla-extension.ts).
 */
export function clockRoutes(api: ApiRouter, { engine }: AppContext): void {
  const sla = slaOf(engine);

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/sla/pause',
      operationId: 'pauseProcessInstanceSla',
      summary: 'Pause the case clock (补正, special procedure under 行政许可法 第45条, suspension); 409 when already paused',
      summaryZh: '暂停计时（补正、特别程序、中止），已暂停时返回 409',
      tag: TAG,
      roles: STAFF,
      params: IdParams,
      body: {
        type: 'object',
        properties: { kind: { enum: [...PAUSE_KINDS] }, reason: Text(500), legalBasis: Text(200) },
        required: ['kind', 'reason'],
        additionalProperties: false,
      },
      response: CaseSla,
    },
    async (req, res) => {
      const actor = actorOf(req);
      const body = req.body as { kind: PauseKind; reason: string; legalBasis?: string };
      await sla.pause(actor, String(req.params.id), body);
      res.json(await sla.views.ofInstance(actor, String(req.params.id)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/sla/resume',
      operationId: 'resumeProcessInstanceSla',
      summary: 'Resume the paused case clock; 409 when it is running',
      summaryZh: '恢复计时，未暂停时返回 409',
      tag: TAG,
      roles: STAFF,
      params: IdParams,
      body: { type: 'object', properties: { reason: Text(500) }, additionalProperties: false },
      response: CaseSla,
    },
    async (req, res) => {
      const actor = actorOf(req);
      await sla.resume(actor, String(req.params.id), { reason: (req.body as { reason?: string } | undefined)?.reason ?? null });
      res.json(await sla.views.ofInstance(actor, String(req.params.id)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/sla/extensions',
      operationId: 'extendProcessInstanceSla',
      summary: "Grant an extension (延期) within the matter's allowance; 422 naming the rule otherwise",
      summaryZh: '延期（不得超过事项规定的延长期限，否则返回 422 并说明规则）',
      tag: TAG,
      roles: STAFF,
      params: IdParams,
      body: {
        type: 'object',
        properties: { duration: Duration, reason: Text(500), legalBasis: Text(200), approvedBy: Text(200) },
        required: ['duration', 'reason'],
        additionalProperties: false,
      },
      response: CaseSla,
      status: 201,
    },
    async (req, res) => {
      const actor = actorOf(req);
      const body = req.body as { duration: unknown; reason: string; legalBasis?: string; approvedBy?: string };
      await sla.extend(actor, String(req.params.id), body);
      res.status(201).json(await sla.views.ofInstance(actor, String(req.params.id)));
    },
  );
}
