/** `flotilla controller`: the long-running, leader-elected reconciler with failover. */
import os from 'node:os';
import path from 'node:path';
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
import { createStatusReader, statusFileLogFields } from '../../writeback/index.ts';
import { defineCommand } from '../command.ts';
import { flag, type FlagValues } from '../flags.ts';
import { exitOk, type IO } from '../io.ts';
import { createLog, logFlags } from '../logger.ts';
import { duration, formatDuration, integerAtLeast, memberAccessFlags } from '../shared-flags.ts';
import { gitLockPolicy, openTarget, parseAuthor } from './reconcile.ts';
import { controllerAbout, controllerFooter } from './controller-help.ts';
import { deschedulerFlags, deschedulerFrom } from '../descheduler-options.ts';
import {
  evictionSettings,
  failoverFlags,
  healthSettings,
  memberAccess,
  pruneGuardFlags,
  pruneGuardFrom,
} from '../controller-options.ts';

const controllerFlags = {
  repo: flag.string('URL|DIR', 'fleet repo (or FLOTILLA_REPO; default: .)'),
  branch: flag.string('NAME', "source branch (default: the remote's HEAD branch)"),
  'status-branch': flag.string('NAME', 'default: flotilla.yaml statusBranch, flotilla-status'),
  'rendered-branch': flag.string('NAME', 'default: flotilla.yaml renderedBranch, flotilla-rendered'),
  'rendered-cluster-branches': flag.boolean(
    "also publish each cluster's rendered folder alone on branch <rendered branch>-<cluster> (default: flotilla.yaml renderedClusterBranches)",
  ),
  'status-repo': flag.string('URL|DIR', 'write the status and rendered branches there instead'),
  'cache-dir': flag.string('DIR', 'bare repository cache (default: ~/.cache/flotilla/repos)'),
  'git-credentials-file': flag.string('FILE', 'lines username=, password= or token='),
  author: flag.string('"N <E>"', "identity of flotilla's commits"),
  interval: flag.parsed('DURATION', duration, 'a pass at least this often', { default: '10s' }),
  'git-backoff-max': flag.parsed('DURATION', duration, 'longest wait between git retries in an outage', {
    default: formatDuration(defaultGitBackoff.maxMs),
  }),
  'poll-schedule': flag.string('CRON', 'extra passes on a cron schedule'),
  listen: flag.string('HOST:PORT', 'HTTP endpoints', { default: '0.0.0.0:8080' }),
  'webhook-secret-file': flag.string('FILE', 'secret of POST /webhook'),
  ...memberAccessFlags('30s'),
  prune: flag.boolean('delete what flotilla owns and no longer plans', { default: true }),
  'force-conflicts': flag.boolean('take over fields another field manager owns'),
  ...pruneGuardFlags,
  'leader-elect': flag.boolean('hold a Lease before acting'),
  'lease-namespace': flag.string('NS', 'default: POD_NAMESPACE, else flotilla-system'),
  'lease-name': flag.string('NAME', 'the Lease', { default: 'flotilla' }),
  'lease-duration': flag.parsed(
    'DURATION',
    duration,
    'a standby takes over once the holder has not renewed for this long',
    { default: '15s' },
  ),
  identity: flag.string('NAME', 'Lease holder identity (default: POD_NAME, else host-pid)'),
  shards: flag.parsed('N', integerAtLeast(1), 'split the member clusters across N shards', { default: '1' }),
  shard: flag.parsed('I', integerAtLeast(0), "this process's shard, 0..N-1 (0 decides)", { default: '0' }),
  ...failoverFlags,
  ...deschedulerFlags,
  ...logFlags('json'),
};

/** `flotilla controller`: the command definition (K1). */
/** `flotilla controller`: the command definition (K1). */
export const controllerCommand = defineCommand({
  name: 'controller',
  summary: 'Run the long-running controller: plan, apply, observe, fail over; leader-elected',
  maxPositionals: 0,
  flags: controllerFlags,
  about: controllerAbout,
  footer: controllerFooter,
  async run(values, _positionals, io) {
    const repo = values.repo ?? io.env['FLOTILLA_REPO'] ?? '.';
    if (!repo) throw new UsageError('--repo URL|DIR is required (or FLOTILLA_REPO)');
    const schedule = values['poll-schedule'];
    if (schedule) assertSchedule(schedule);
    const { log, logger } = createLog({
      level: values['log-level'],
      format: values['log-format'],
      base: { component: 'flotilla-controller' },
      write: io.stderr,
    });
    const access = memberAccess(values, io);
    const cacheRoot = resolved(values['cache-dir'], io) ?? defaultCacheRoot(io.env);
    const gitCredentials = await resolveCredentials(io.env, resolved(values['git-credentials-file'], io));
    armKillPoint(io.env['FLOTILLA_TEST_KILL_AT']);
    const locks = gitLockPolicy((f) => log({ level: 'warn', ...f }));
    const source = await openSource({
      repo,
      cwd: io.cwd,
      branch: values.branch,
      cacheRoot,
      credentials: gitCredentials,
      locks,
    });
    if (source.kind !== 'git')
      throw new UsageError(`--repo ${repo} is not a git repository: the controller needs branches to write status to`);
    const statusRepo = values['status-repo'];
    const target = statusRepo ? await openTarget(statusRepo, io, cacheRoot, gitCredentials, locks) : source.store;
    const sharding = shardingOf(values);
    const descheduler = deschedulerFrom(values);
    const ctx: ControllerContext = {
      source,
      target,
      identity: parseAuthor(values.author),
      now: () => new Date(),
      log,
      branches: {
        status: values['status-branch'],
        rendered: values['rendered-branch'],
        renderedPerCluster: values['rendered-cluster-branches'],
      },
      statusReader: createStatusReader(target, { onProblem: (p) => log({ level: 'warn', ...statusFileLogFields(p) }) }),
      members: {
        credentials: access.credentials,
        ...access.limits,
        prune: values.prune,
        forceConflicts: values['force-conflicts'],
        pruneGuard: pruneGuardFrom(values),
        ...(sharding.shards > 1 ? { owns: ownsCluster(sharding) } : {}),
      },
      health: healthSettings(values),
      eviction: evictionSettings(values),
      backoff: new ClusterBackoff(),
      statusWatch: new StatusWatch(),
      gitLink: new GitLink({
        ...defaultGitBackoff,
        maxMs: Math.max(defaultGitBackoff.initialMs, values['git-backoff-max']),
      }),
      ...(descheduler ? { descheduler } : {}),
    };
    const identity = values.identity ?? io.env['POD_NAME'] ?? `${os.hostname()}-${process.pid}`;
    const leaseDurationMs = values['lease-duration'];
    const election: Election | undefined = values['leader-elect']
      ? {
          candidate: leaseCandidate(access.hub(), {
            namespace: values['lease-namespace'] ?? io.env['POD_NAMESPACE'] ?? 'flotilla-system',
            name: values['lease-name'],
            identity,
            leaseDurationSeconds: Math.max(1, Math.round(leaseDurationMs / 1000)),
            now: () => new Date(),
          }),
          retryMs: Math.max(200, Math.round(leaseDurationMs / 5)),
          renewDeadlineMs: Math.round((leaseDurationMs * 2) / 3),
        }
      : undefined;
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      await runController({
        ctx,
        intervalMs: values.interval,
        pollSchedule: schedule,
        listen: values.listen,
        webhookSecret: await webhookSecret(values, io),
        election,
        metrics: createMetrics(),
        signal: controller.signal,
        ...(sharding.shard > 0 ? { pass: (c: ControllerContext) => runWorkerPass({ ...c, sharding }) } : {}),
        onReady: (r) =>
          logger.info({
            msg: 'controller started',
            listen: r.address,
            repo: source.store.location,
            branch: source.branch,
            identity,
            leaderElection: election !== undefined,
            shards: sharding.shards,
            shard: sharding.shard,
          }),
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      logger.info({ msg: 'controller stopped' });
    }
    return exitOk;
  },
});

type ControllerValues = FlagValues<typeof controllerFlags>;

/** --shards N --shard I: shard 0 decides for the fleet; every shard applies to and observes the clusters it owns. */
function shardingOf(values: ControllerValues): Sharding {
  const { shards, shard } = values;
  if (shard >= shards) throw new UsageError(`--shard must be an integer from 0 to ${shards - 1} (got "${shard}")`);
  return { shards, shard };
}

async function webhookSecret(values: ControllerValues, io: IO): Promise<string | undefined> {
  const file = resolved(values['webhook-secret-file'], io);
  if (!file) return io.env['FLOTILLA_WEBHOOK_SECRET'] || undefined;
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`cannot read --webhook-secret-file ${file}`);
  });
  return text.trim() || undefined;
}

function resolved(v: string | undefined, io: IO): string | undefined {
  return v === undefined ? undefined : path.resolve(io.cwd, v);
}
