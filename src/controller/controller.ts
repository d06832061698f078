/**
 * The long-running controller: triggers (a pass interval for health, a poll schedule, push
 * webhooks) feed one coalescing queue; each dequeued request runs one pass, but only while this
 * process leads (a Lease in the hub, when election is on). One HTTP port serves `/healthz`,
 * `/readyz`, `/metrics` and `POST /webhook`. On abort (SIGTERM) the running pass finishes — an
 * apply is never cut in half — then the Lease is released so the standby takes over at once.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { createTriggerQueue, startPoll, startWebhook, type Trigger } from '../source/index.ts';
import { runPass, type ControllerContext, type PassOutcome } from './fleet-pass.ts';
import type { LeaseCandidate } from './lease.ts';
import type { ControllerMetrics } from './metrics.ts';
import { describeError } from './reconcile.ts';

/** Leader election settings: the candidate and how often it tries (client-go's retry period and renew deadline). */
export interface Election {
  readonly candidate: LeaseCandidate;
  readonly retryMs: number;
  /** A leader that could not renew for this long steps down (must be below the lease duration). */
  readonly renewDeadlineMs: number;
}

/** How the controller runs. */
export interface ControllerOptions {
  readonly ctx: ControllerContext;
  /** A pass at least this often, for cluster health and failover even when git is quiet. */
  readonly intervalMs: number;
  readonly pollSchedule: string | undefined;
  readonly listen: string;
  readonly webhookSecret: string | undefined;
  readonly election: Election | undefined;
  readonly metrics: ControllerMetrics;
  readonly signal: AbortSignal;
  readonly onReady?: (info: { readonly address: string }) => void;
  readonly onPass?: (o: PassOutcome) => void;
  /** The pass to run (default: the decider's full pass; a worker shard runs its own). */
  readonly pass?: (ctx: ControllerContext) => Promise<PassOutcome>;
}

/** Runs until `signal` aborts. */
export async function runController(o: ControllerOptions): Promise<void> {
  const { ctx } = o;
  let leading = o.election === undefined;
  o.metrics.setLeader(leading);
  const queue = createTriggerQueue(async (reasons) => {
    if (!leading || o.signal.aborted) return;
    const started = performance.now();
    const outcome = await (o.pass ?? runPass)(ctx);
    o.metrics.observePass(outcome, (performance.now() - started) / 1000);
    if (outcome.kind === 'passed')
      ctx.log({
        msg: 'pass done',
        by: reasons.join(','),
        revision: outcome.revision,
        inForce: outcome.inForce ?? undefined,
        valid: outcome.valid,
        decisions: outcome.decisions.length,
        status: outcome.status.kind,
        ms: Math.round(performance.now() - started),
      });
    o.onPass?.(outcome);
  });
  const triggers: Trigger[] = [];
  const server = await startWebhook({
    listen: o.listen,
    secret: o.webhookSecret ?? '',
    disabled: o.webhookSecret === undefined,
    onPush: (e) => {
      if (e.ref === `refs/heads/${ctx.source.branch}`) queue.request(`webhook:${e.provider}:${e.after.slice(0, 12)}`);
    },
    onVerdict: (v) => {
      if (v.kind === 'rejected')
        ctx.log({ level: 'warn', msg: 'webhook rejected', status: v.status, reason: v.reason });
    },
    routes: (req, res) => serveProbes(req, res, o.metrics),
  });
  triggers.push(server);
  try {
    if (o.pollSchedule) triggers.push(startPoll(o.pollSchedule, () => queue.request('poll')));
    triggers.push(every(o.intervalMs, () => queue.request('interval')));
    if (o.election)
      triggers.push(
        elect(o.election, o, (isLeader) => {
          leading = isLeader;
          o.metrics.setLeader(isLeader);
          ctx.log({ level: isLeader ? 'info' : 'warn', msg: isLeader ? 'became leader' : 'lost leadership' });
          ctx.statusWatch?.reset();
          if (isLeader) queue.request('leader');
        }),
      );
    else queue.request('start');
    o.onReady?.({ address: server.address });
    await aborted(o.signal);
  } finally {
    for (const t of triggers.slice(1).reverse()) await t.stop();
    await queue.stop();
    if (leading && o.election)
      await o.election.candidate
        .release()
        .catch((err: unknown) => ctx.log({ level: 'error', msg: 'lease release failed', error: describeError(err) }));
    await server.stop();
  }
}

/** /healthz (the process serves), /readyz (it is up: a standby is ready too), /metrics. */
function serveProbes(req: http.IncomingMessage, res: http.ServerResponse, metrics: ControllerMetrics): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (req.method !== 'GET') return false;
  if (path === '/healthz' || path === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
    return true;
  }
  if (path === '/metrics') {
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (err: unknown) => res.writeHead(500).end(`${describeError(err)}\n`),
    );
    return true;
  }
  return false;
}

/** The election loop: try every retry period; a leader that cannot renew within the deadline steps down. */
function elect(e: Election, o: ControllerOptions, changed: (leader: boolean) => void): Trigger {
  let leader = false;
  let lastRenew = 0;
  let busy = false;
  let following = '';
  const tick = async () => {
    if (busy || o.signal.aborted) return;
    busy = true;
    try {
      const v = await e.candidate.tryAcquireOrRenew();
      if (v.kind === 'leader') lastRenew = performance.now();
      // A standby says once whom it follows (and again when that changes), so an operator can see it is alive.
      if (v.kind === 'follower' && v.holder !== following) o.ctx.log({ msg: 'standing by', holder: v.holder });
      following = v.kind === 'follower' ? v.holder : '';
      const now = v.kind === 'leader';
      if (now !== leader) {
        leader = now;
        changed(now);
      }
    } catch (err) {
      o.ctx.log({ level: 'error', msg: 'lease renewal failed', error: describeError(err) });
      if (leader && performance.now() - lastRenew > e.renewDeadlineMs) {
        leader = false;
        changed(false);
      }
    } finally {
      busy = false;
    }
  };
  void tick();
  return every(e.retryMs, () => void tick());
}

function every(ms: number, fire: () => void): Trigger {
  const timer = setInterval(fire, ms);
  return { stop: async () => clearInterval(timer) };
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
