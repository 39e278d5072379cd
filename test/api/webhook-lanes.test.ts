import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { slaOf } from '../../engine/sla/index.js';
import { DEFAULT_DELIVERY, Webhooks } from '../../engine/sla/webhooks.js';
import { as, createTestApp, FakeClock, PERMIT_POSTS, type TestApp } from '../support/context.js';

const permitXml = fs.readFileSync(new URL('../../examples/administrative-permit.bpmn', import.meta.url), 'utf8');
const shanghai = (local: string) => new Date(`${local}+08:00`);

// The receivers of this test listen on this machine, which webhooks may reach only when allowed.
process.env.MATTERFLOW_WEBHOOK_HOSTS = '127.0.0.1';

/** A webhook receiver on this machine: answers 204, or (hanging) takes the request and never answers. */
async function receiver(hanging: boolean) {
  const bodies: Array<{ seq: number }> = [];
  const open = new Set<http.ServerResponse>();
  let onRequest: () => void = () => undefined;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      if (hanging) open.add(res);
      else res.writeHead(204).end();
      onRequest();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    /** Requests taken and not answered (a hanging receiver's). */
    open,
    /** Resolves once the receiver has taken `count` requests. */
    received: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => bodies.length >= count && resolve();
        onRequest = check;
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('webhook deliveries: a receiver that hangs holds up neither the other receivers nor the SLA monitor', () => {
  const clock = new FakeClock(shanghai('2025-09-26T10:00:00'));
  let t: TestApp;
  let staff: ReturnType<typeof as>;
  let integrator: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    staff = as(t.app, await t.userToken({ id: 'staff1', department: 'SCJGJ', roles: ['staff', 'designer'], groups: PERMIT_POSTS }));
    integrator = as(t.app, await t.userToken({ id: 'hook1', department: 'SCJGJ', roles: ['integrator'] }));
    await staff.post('/api/v1/deployments').send({ xml: permitXml }).expect(201);
  });
  afterAll(() => t.close());

  /** Starts a permit case and pauses its clocks: one 'sla.clock.paused' notification. */
  async function pausedCase(): Promise<string> {
    const started = await staff.post('/api/v1/process-instances').send({ processId: 'administrative-permit' }).expect(201);
    await staff.post(`/api/v1/process-instances/${started.body.id}/sla/pause`).send({ kind: '补正', reason: '补正材料' }).expect(200);
    return started.body.id;
  }

  test('the healthy receiver gets all its deliveries in feed order while the hanging one still holds its first; the hanging one is tried once, the rest wait with it', async () => {
    const hanging = await receiver(true);
    const healthy = await receiver(false);
    try {
      const dead = (await integrator.post('/api/v1/notifications/webhooks').send({ url: hanging.url, events: ['sla.clock.paused'] }).expect(201)).body;
      await integrator.post('/api/v1/notifications/webhooks').send({ url: healthy.url, events: ['sla.clock.paused'] }).expect(201);
      for (let index = 0; index < 3; index++) await pausedCase();

      let hangingStillOpen = false;
      void healthy.received(3).then(() => (hangingStillOpen = hanging.open.size === 1));
      const webhooks = new Webhooks(t.context.db, clock, { ...DEFAULT_DELIVERY, timeoutMs: 1_500 });
      expect(await webhooks.deliverDue()).toEqual({ delivered: 3, failed: 1 });

      expect(hangingStillOpen).toBe(true);
      const seqs = healthy.bodies.map((body) => body.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(hanging.bodies).toHaveLength(1);
      expect(hanging.bodies[0].seq).toBe(seqs[0]);

      const rows = await t.context.db.query<{ attempts: number; next_attempt_at: Date; lock_owner: string | null; state: string; last_error: string }>(
        'SELECT attempts, next_attempt_at, lock_owner, state, last_error FROM sla_webhook_deliveries WHERE webhook_id = $1 ORDER BY notification_seq',
        [dead.id],
      );
      expect(rows.map((row) => [row.state, row.attempts, row.lock_owner])).toEqual([['pending', 1, null], ['pending', 0, null], ['pending', 0, null]]);
      // The integrator's list says why the two wait: the first timed out, the others were held back with it.
      const listed = (await integrator.get(`/api/v1/notifications/webhooks/${dead.id}/deliveries`).expect(200)).body.items as Array<{ attempts: number; last_error: string }>;
      expect(listed.filter((row) => row.attempts === 0).map((row) => row.last_error)).toEqual([expect.stringContaining('暂缓'), expect.stringContaining('暂缓')]);
      expect(rows[0].last_error).not.toContain('暂缓');
      // The two not tried wait for the failed one's next attempt (30 s of backoff), not a moment sooner.
      expect(rows.map((row) => row.next_attempt_at.getTime() - clock.now().getTime())).toEqual([30_000, 30_000, 30_000]);
      expect(await webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    } finally {
      await hanging.close();
      await healthy.close();
      await t.context.db.query(`UPDATE sla_webhooks SET disabled_at = $1 WHERE disabled_at IS NULL`, [clock.now()]);
      await t.context.db.query(`DELETE FROM sla_webhook_deliveries`);
    }
  });

  test('the monitor marks a case overdue while a delivery hangs until its 10-second timeout', async () => {
    const hanging = await receiver(true);
    const monitor = slaOf(t.context.engine).monitor;
    try {
      await integrator.post('/api/v1/notifications/webhooks').send({ url: hanging.url, events: ['sla.clock.paused'] }).expect(201);
      const running = (await staff.post('/api/v1/process-instances').send({ processId: 'administrative-permit' }).expect(201)).body.id;
      await pausedCase();
      monitor.start(50);
      await hanging.received(1);
      // 20 working days of the statutory limit pass while the receiver holds the delivery.
      clock.advance(60 * 86_400_000);
      const overdue = async () =>
        (await t.context.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM history WHERE instance_id = $1 AND type = 'sla.overdue'`, [running]))[0].n;
      const until = Date.now() + 5_000;
      while ((await overdue()) === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(hanging.open.size).toBe(1);
      expect(await overdue()).toBeGreaterThan(0);
    } finally {
      await hanging.close();
      await monitor.stop();
    }
  }, 30_000);
});
