/** `flotilla controller`: the long-running, leader-elected reconciler with failover. */
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { UsageError } from '../../api/index.ts';
import { runController, type Election } from '../../controller/controller.ts';
import type { ControllerContext } from '../../controller/fleet-pass.ts';
import { ClusterBackoff } from '../../controller/backoff.ts';
import { StatusWatch } from '../../controller/status-watch.ts';
import { defaultGitBackoff, GitLink } from '../../controller/git-link.ts';
import { leaseCandidate } from '../../controller/lease.ts';
import { ownsCluster, type Sharding } from '../../controller/shard.ts';
import { runWorkerPass } from '../../controller/worker-pass.ts';
import { createMetrics } from '../../controller/metrics.ts';
import { armKillPoint, defaultCacheRoot, resolveCredentials } from '../../git/index.ts';
import { assertSchedule, openSource } from '../../source/index.ts';
import { createStatusReader } from '../../writeback/index.ts';
import { exitOk, type Command, type IO } from '../io.ts';
import { stringFlag } from '../load-revision.ts';
import { gitLockPolicy, openTarget, parseAuthor } from './reconcile.ts';
import { controllerHelp } from './controller-help.ts';
import { deschedulerFrom, deschedulerOptions } from '../descheduler-options.ts';
import { bool, duration, evictionSettings, failoverOptions, healthSettings, memberAccess, pruneGuardFrom, pruneGuardOptions, type Values } from '../controller-options.ts';

/** `flotilla controller`: the command definition (K1). */
export const controllerCommand: Command = {
  name: 'controller',
  summary: 'Run the long-running controller: plan, apply, observe, fail over; leader-elected',
  maxPositionals: 0,
  options: {
    repo: { type: 'string' }, branch: { type: 'string' }, 'status-branch': { type: 'string' }, 'rendered-branch': { type: 'string' },
    'status-repo': { type: 'string' }, 'cache-dir': { type: 'string' }, 'git-credentials-file': { type: 'string' }, author: { type: 'string' },
    'poll-schedule': { type: 'string' }, interval: { type: 'string', default: '10s' }, 'git-backoff-max': { type: 'string', default: '1m' },
    listen: { type: 'string', default: '0.0.0.0:8080' }, 'webhook-secret-file': { type: 'string' },
    kubeconfig: { type: 'string' }, 'context-map': { type: 'string' }, 'hub-context': { type: 'string' }, timeout: { type: 'string', default: '30s' },
    prune: { type: 'string', default: 'true' }, 'force-conflicts': { type: 'boolean', default: false }, ...pruneGuardOptions,
    'leader-elect': { type: 'string', default: 'false' }, 'lease-namespace': { type: 'string' }, 'lease-name': { type: 'string', default: 'flotilla' },
    'lease-duration': { type: 'string', default: '15s' }, identity: { type: 'string' },
    shards: { type: 'string', default: '1' }, shard: { type: 'string', default: '0' },
    ...failoverOptions, ...deschedulerOptions,
  },
  help: controllerHelp,
  async run(values, _positionals, io) {
    const repo = stringFlag(values['repo']) ?? io.env['FLOTILLA_REPO'] ?? '.';
    if (!repo) throw new UsageError('--repo URL|DIR is required (or FLOTILLA_REPO)');
    const schedule = stringFlag(values['poll-schedule']);
    if (schedule) assertSchedule(schedule);
    const log = pino({ base: { component: 'flotilla-controller' } }, pino.destination({ fd: 2, sync: true }));
    const access = memberAccess(values, io);
    const cacheRoot = resolved(stringFlag(values['cache-dir']), io) ?? defaultCacheRoot(io.env);
    const gitCredentials = await resolveCredentials(io.env, resolved(stringFlag(values['git-credentials-file']), io));
    armKillPoint(io.env['FLOTILLA_TEST_KILL_AT']);
    const locks = gitLockPolicy((f) => log.warn({ ...f }));
    const source = await openSource({ repo, cwd: io.cwd, branch: stringFlag(values['branch']), cacheRoot, credentials: gitCredentials, locks });
    if (source.kind !== 'git') throw new UsageError(`--repo ${repo} is not a git repository: the controller needs branches to write status to`);
    const statusRepo = stringFlag(values['status-repo']);
    const target = statusRepo ? await openTarget(statusRepo, io, cacheRoot, gitCredentials, locks) : source.store;
    const sharding = shardingOf(values);
    const descheduler = deschedulerFrom(values);
    const ctx: ControllerContext = {
      source, target, identity: parseAuthor(stringFlag(values['author'])), now: () => new Date(),
      log: (fields) => logAt(log, fields),
      branches: { status: stringFlag(values['status-branch']), rendered: stringFlag(values['rendered-branch']) },
      statusReader: createStatusReader(target),
      members: {
        credentials: access.credentials, ...access.limits, prune: bool(values, 'prune'), forceConflicts: values['force-conflicts'] === true, pruneGuard: pruneGuardFrom(values),
        ...(sharding.shards > 1 ? { owns: ownsCluster(sharding) } : {}),
      },
      health: healthSettings(values), eviction: evictionSettings(values), backoff: new ClusterBackoff(), statusWatch: new StatusWatch(),
      gitLink: new GitLink({ ...defaultGitBackoff, maxMs: Math.max(defaultGitBackoff.initialMs, duration(values, 'git-backoff-max')) }),
      ...(descheduler ? { descheduler } : {}),
    };
    const identity = stringFlag(values['identity']) ?? io.env['POD_NAME'] ?? `${os.hostname()}-${process.pid}`;
    const leaseDurationMs = duration(values, 'lease-duration');
    const election: Election | undefined = bool(values, 'leader-elect')
      ? {
          candidate: leaseCandidate(access.hub(), {
            namespace: stringFlag(values['lease-namespace']) ?? io.env['POD_NAMESPACE'] ?? 'flotilla-system', name: stringFlag(values['lease-name']) ?? 'flotilla',
            identity, leaseDurationSeconds: Math.max(1, Math.round(leaseDurationMs / 1000)), now: () => new Date(),
          }),
          retryMs: Math.max(200, Math.round(leaseDurationMs / 5)), renewDeadlineMs: Math.round((leaseDurationMs * 2) / 3),
        }
      : undefined;
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await runController({
        ctx, intervalMs: duration(values, 'interval'), pollSchedule: schedule, listen: stringFlag(values['listen']) ?? '0.0.0.0:8080',
        webhookSecret: await webhookSecret(values, io), election, metrics: createMetrics(), signal: controller.signal,
        ...(sharding.shard > 0 ? { pass: (c: ControllerContext) => runWorkerPass({ ...c, sharding }) } : {}),
        onReady: (r) => log.info({ msg: 'controller started', listen: r.address, repo: source.store.location, branch: source.branch, identity, leaderElection: election !== undefined, shards: sharding.shards, shard: sharding.shard }),
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log.info({ msg: 'controller stopped' });
    }
    return exitOk;
  },
};

/** --shards N --shard I: shard 0 decides for the fleet; every shard applies to and observes the clusters it owns. */
function shardingOf(values: Values): Sharding {
  const shards = Number(values['shards']);
  const shard = Number(values['shard']);
  if (!Number.isInteger(shards) || shards < 1) throw new UsageError(`--shards must be a positive integer (got "${String(values['shards'])}")`);
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) throw new UsageError(`--shard must be an integer from 0 to ${shards - 1} (got "${String(values['shard'])}")`);
  return { shards, shard };
}

async function webhookSecret(values: Values, io: IO): Promise<string | undefined> {
  const file = resolved(stringFlag(values['webhook-secret-file']), io);
  if (!file) return io.env['FLOTILLA_WEBHOOK_SECRET'] || undefined;
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(file, 'utf8').catch(() => { throw new UsageError(`cannot read --webhook-secret-file ${file}`); });
  return text.trim() || undefined;
}

function resolved(v: string | undefined, io: IO): string | undefined {
  return v === undefined ? undefined : path.resolve(io.cwd, v);
}

/** Logs at the level a `level: 'error' | 'warn'` field names (info otherwise), without repeating the field. */
function logAt(log: pino.Logger, fields: Readonly<Record<string, unknown>>): void {
  const { level, ...rest } = fields;
  if (level === 'error') log.error(rest);
  else if (level === 'warn') log.warn(rest);
  else log.info(rest);
}
