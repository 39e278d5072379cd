import { api } from '../../../api/client.js';

/** POST one 办理操作 on a task (/user-tasks/{id}/{operation}); throws the server's problem. */
export function postTaskOperation(taskId: string, operation: string, body: Record<string, unknown>): Promise<unknown> {
  return api(`/user-tasks/${encodeURIComponent(taskId)}/${operation}`, { method: 'POST', body });
}
