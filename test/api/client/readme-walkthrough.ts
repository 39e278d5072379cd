import { createClient } from '../../../api/client/client.js';

/**
 * The README walk-through (deploy, start, the inbox, complete, the trail) written against the client
 * generated from the OpenAPI document. It is type-checked (npm run typecheck, and
 * test/api/generated-client.test.ts) and run against a real server by that test.
 */
export async function readmeWalkthrough(baseUrl: string, token: string, xml: string) {
  const api = createClient(baseUrl, token);

  // 1. Is it up?
  const health = await api.get('/health');

  // 2. Deploy a process version (the same XML again creates no new version).
  const deployment = await api.post('/deployments', { body: { xml, name: 'administrative-permit.bpmn' } });

  // 3. Start a case of the latest version, with a business key and variables.
  const instance = await api.post('/process-instances', {
    body: { processId: 'administrative-permit', businessKey: 'SP-2026-0001', variables: { applicant: '东莞市某餐饮有限公司' } },
  });

  // 4. The department's inbox: claim the task and complete it, accepting the application.
  const inbox = await api.get('/user-tasks', { query: { processInstanceId: instance.id } });
  const acceptance = inbox.items[0];
  await api.post('/user-tasks/{id}/claim', { path: { id: acceptance.id }, body: {} });
  await api.post('/user-tasks/{id}/complete', { path: { id: acceptance.id }, body: { variables: { acceptance: '受理' } } });

  // 5. Work the remaining steps (审查 → 决定 → 送达) the same way.
  for (let step = 0; step < 3; step++) {
    const [task] = (await api.get('/user-tasks', { query: { processInstanceId: instance.id, state: 'created' } })).items;
    await api.post('/user-tasks/{id}/complete', { path: { id: task.id }, body: { variables: { decision: '准予许可' } } });
  }

  // 6. The case is completed; its whole trail (一张工单跟到底) is kept.
  const done = await api.get('/process-instances/{id}', { path: { id: instance.id } });
  const trail = await api.get('/process-instances/{id}/history', { path: { id: instance.id } });
  return {
    health: health.status,
    unchanged: deployment.unchanged,
    businessKey: instance.businessKey,
    status: done.status,
    trail: trail.items.map((event) => `${event.type} ${event.elementName ?? ''}`.trim()),
  };
}
