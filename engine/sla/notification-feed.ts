import type { Actor } from '../actor.js';
import type { Page } from '../store/queries/page.js';
import type { Db } from '../db/index.js';
import { notificationPage, notificationsAfter, publishNotifications, type NotificationRow } from '../store/sla/notification-feed.js';


export interface FeedQuery {
  after: number;
  type?: string;
  instanceId?: string;
  limit: number;
}

export interface FeedItem {
  seq: number;
  type: string;
  at: Date;
  instanceId: string;
  department: string;
  data: Record<string, unknown>;
}

/** The actor's department's notifications after a feed position, oldest first (an administrator's: every department's). */
export async function readNotificationFeed(db: Db, actor: Actor, query: FeedQuery): Promise<FeedItem[]> {
  await publishNotifications(db);
  return (await notificationsAfter(db, actor, query)).map(toFeedItem);
}

/**
 * readNotificationFeed as a page: the total after `after`, and a cursor for the rest when more than
 * `limit` follow (the last item's seq, as `after`, reads on just as well).
 */
export async function readNotificationPage(db: Db, actor: Actor, query: FeedQuery & { cursor?: string }): Promise<Page<FeedItem>> {
  await publishNotifications(db);
  const page = await notificationPage(db, actor, query);
  return { ...page, items: page.items.map(toFeedItem) };
}

/** A notification as the feed gives it: its feed position is its seq. */
function toFeedItem(row: NotificationRow): FeedItem {
  return { seq: Number(row.position), type: row.type, at: new Date(row.at), instanceId: row.instance_id, department: row.department, data: row.data };
}
