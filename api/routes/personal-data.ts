import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { IdParams, named } from '../schemas.js';

const RevealedValue = named('RevealedPersonalData', {
  type: 'object',
  properties: {
    path: { type: 'string', description: 'The variable, or a dotted path into it (applicant.phone). 变量名或路径' },
    value: { description: 'The value in clear. 完整值' },
  },
  required: ['path', 'value'],
});

/** Personal data (ID and phone numbers) is masked in every answer; one value is revealed on the record (engine/personal/). */
export function personalDataRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/process-instances/:id/personal-data/reveal',
      operationId: 'revealPersonalData',
      summary: 'Show one masked personal value of a case (an ID or phone number) in clear: staff of a department working the case only; recorded on the case trail',
      summaryZh: '查看案件中一项被遮蔽的个人信息（身份证号、电话）：仅限办理该案件部门的工作人员，查看记入办理轨迹',
      tag: 'Task operations',
      roles: ['staff'],
      params: IdParams,
      body: {
        type: 'object',
        properties: {
          path: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^.]+(\\.[^.]+)*$' },
          reason: { type: 'string', minLength: 2, maxLength: 500 },
        },
        required: ['path'],
        additionalProperties: false,
      },
      response: RevealedValue,
    },
    async (req, res) => {
      res.json(await engine.operations.revealPersonalData(actorOf(req), String(req.params.id), req.body));
    },
  );
}
