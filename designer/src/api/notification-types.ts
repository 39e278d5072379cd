/** One entry of GET /me/notifications: 催办, 抄送, tasks handed to me. */
export interface UserNotification {
  seq: number;
  type: string;
  at: string;
  processInstanceId: string;
  data: { taskId?: string; taskName?: string | null; reason?: string; message?: string; by?: string; [key: string]: unknown };
  read: boolean;
}
