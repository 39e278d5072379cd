import { ApiRouter } from '../http/api-router.js';
import { actorOf } from '../http/auth.js';
import type { AppContext } from '../context.js';
import { Uuid, Variables, named } from '../schemas.js';

const PublishBody = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    correlationKey: { type: 'string', maxLength: 500, description: 'Matches the FEEL-evaluated key of a waiting subscription (an empty string matches an empty key). 关联键。' },
    variables: Variables,
    timeToLiveMs: { type: 'integer', minimum: 0, maximum: 365 * 24 * 3_600_000, description: 'Keep the message this long when nobody waits for it yet. 暂存时长（毫秒）。' },
    messageId: { type: 'string', minLength: 1, maxLength: 200, description: 'Publishing again with the same id returns the first result and does nothing. 消息 ID（幂等）。' },
  },
  required: ['name', 'correlationKey'],
  additionalProperties: false,
};

const PublishResult = named('PublishedMessage', {
  type: 'object',
  properties: {
    correlated: { type: 'array', items: { type: 'object', properties: { processInstanceId: Uuid, elementId: { type: 'string' } } } },
    started: { type: 'array', items: { type: 'object', properties: { processInstanceId: Uuid, processId: { type: 'string' } } } },
    buffered: { type: ['object', 'null'], properties: { id: Uuid, expiresAt: { type: 'string', format: 'date-time' } } },
    duplicate: { type: 'boolean' },
  },
});

/** Messages from integrating systems, correlated by name and key within the caller's department. */
export function messageRoutes(api: ApiRouter, { engine }: AppContext): void {
  api.add(
    {
      method: 'post',
      path: '/messages',
      operationId: 'publishMessage',
      summary:
        'Publish a message: every instance waiting for it (name + correlation key) takes it, message start events start instances; ' +
        'if nobody takes it, it is kept for timeToLiveMs, and without timeToLiveMs the answer is 404 (message-not-correlated): a message is never silently dropped',
      summaryZh: '发布消息：等待该消息的实例接收，消息启动事件启动新实例；无人接收时按 timeToLiveMs 暂存，未指定则返回 404，不会静默丢弃',
      tag: 'Messages',
      roles: ['integrator', 'staff'],
      body: PublishBody,
      response: PublishResult,
    },
    async (req, res) => {
      const { name, correlationKey, variables, timeToLiveMs, messageId } = req.body;
      res.json(await engine.publishMessage(actorOf(req), { name, correlationKey, variables, timeToLiveMs, messageId }));
    },
  );
}
