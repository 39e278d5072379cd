/**
 * An open-loop load at a steady rate: request i is due at start + i / rate, whatever the answers to earlier ones, and
 * its latency is counted from that due time (so a late generator or a queue in front of the server shows in the
 * figures instead of being left out: no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it gives each connection a budget per second and lets it spend the budget at
 * once, so "500 requests/s" arrives as a burst of 500 at the start of every second, answered at the saturated
 * latency, and then nothing. Its p99 at 500/s is its p99 saturated.
 */
import http from 'node:http';

export interface PacedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  /** Requests sent (rate × seconds). */
  sent: number;
  /** Answers with a 2xx status. */
  ok: number;
  /** Answers with another status, and requests that failed outright. */
  failed: number;
  /** Latency percentiles in milliseconds, from the due time to the end of the answer, over the 2xx answers. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** p99 counted from when each request was really sent: without the generator's own lateness. */
  p99FromSend: number;
  /** How late, at worst, the generator sent a request (ms): above a millisecond or two it is the generator, not the server. */
  worstSendDelay: number;
}

/** Sends `rate` requests per second for `seconds`, each on a kept-alive connection of at most `connections`. */
export async function pacedLoad(request: PacedRequest, options: { rate: number; seconds: number; connections: number }): Promise<PacedResult> {
  const target = new URL(request.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  const fromSend: number[] = [];
  let failed = 0;
  let worstSendDelay = 0;
  const start = performance.now();
  const answers: Array<Promise<void>> = [];

  const send = (due: number): Promise<void> =>
    new Promise((resolve) => {
      const sent = performance.now();
      worstSendDelay = Math.max(worstSendDelay, sent - due);
      const outgoing = http.request(
        { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: request.method, headers: request.headers },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode! >= 200 && response.statusCode! < 300) {
              latencies.push(performance.now() - due);
              fromSend.push(performance.now() - sent);
            } else failed++;
            resolve();
          });
        },
      );
      outgoing.on('error', () => {
        failed++;
        resolve();
      });
      outgoing.end(request.body);
    });

  const dueOf = (index: number) => start + (index * 1000) / options.rate;
  let next = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && dueOf(next) <= now) answers.push(send(dueOf(next++)));
      if (next < total) setTimeout(tick, Math.max(0, dueOf(next) - performance.now()));
      else done();
    };
    tick();
  });
  await Promise.all(answers);
  agent.destroy();

  latencies.sort((a, b) => a - b);
  fromSend.sort((a, b) => a - b);
  const at = (values: number[], fraction: number) => Number((values[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? NaN).toFixed(1));
  return {
    sent: total, ok: latencies.length, failed, p50: at(latencies, 0.5), p90: at(latencies, 0.9), p99: at(latencies, 0.99), max: at(latencies, 1),
    p99FromSend: at(fromSend, 0.99), worstSendDelay: Number(worstSendDelay.toFixed(1)),
  };
}
