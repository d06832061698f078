/** `flotilla controller`: the long-running, leader-elected reconciler with failover. */
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import pino from 'pino';
import { UsageError } from '../../api/index.ts';
import { kubeConfigForContext, loadKubeConfig, parseContextMap, type CredentialSource } from '../../cluster/credentials.ts';
import { hubSecretReader, limitsFrom, parseDuration } from '../../cluster/member-access.ts';
import { runController, type Election } from '../../controller/controller.ts';
import type { ControllerContext } from '../../controller/fleet-pass.ts';
import { leaseCandidate } from '../../controller/lease.ts';
import { createMetrics } from '../../controller/metrics.ts';
import { defaultCacheRoot, resolveCredentials } from '../../git/index.ts';
import { assertSchedule, openSource } from '../../source/index.ts';
import { defaultEvictionSettings, defaultHealthSettings, type EvictionSettings, type HealthSettings } from '../../status/index.ts';
import { createStatusReader } from '../../writeback/index.ts';
import { exitOk, type Command, type IO } from '../io.ts';
import { stringFlag } from '../load-revision.ts';
import { openTarget, parseAuthor } from './reconcile.ts';
import { controllerHelp } from './controller-help.ts';

type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** `flotilla controller`: the command definition (K1). */
export const controllerCommand: Command = {
  name: 'controller',
  summary: 'Run the long-running controller: plan, apply, observe, fail over; leader-elected',
  maxPositionals: 0,
  options: {
    repo: { type: 'string' }, branch: { type: 'string' }, 'status-branch': { type: 'string' }, 'rendered-branch': { type: 'string' },
    'status-repo': { type: 'string' }, 'cache-dir': { type: 'string' }, 'git-credentials-file': { type: 'string' }, author: { type: 'string' },
    'poll-schedule': { type: 'string' }, interval: { type: 'string', default: '10s' },
    listen: { type: 'string', default: '0.0.0.0:8080' }, 'webhook-secret-file': { type: 'string' },
    kubeconfig: { type: 'string' }, 'context-map': { type: 'string' }, 'hub-context': { type: 'string' }, timeout: { type: 'string', default: '30s' },
    prune: { type: 'string', default: 'true' }, 'force-conflicts': { type: 'boolean', default: false },
    'leader-elect': { type: 'string', default: 'false' }, 'lease-namespace': { type: 'string' }, 'lease-name': { type: 'string', default: 'flotilla' },
    'lease-duration': { type: 'string', default: '15s' }, identity: { type: 'string' },
    'cluster-failure-threshold': { type: 'string', default: '30s' }, 'cluster-success-threshold': { type: 'string', default: '30s' },
    'cluster-monitor-grace-period': { type: 'string', default: '40s' }, 'cluster-startup-grace-period': { type: 'string', default: '60s' },
    'failover-eviction-timeout': { type: 'string', default: '5m' }, 'graceful-eviction-timeout': { type: 'string', default: '10m' },
    'enable-no-execute-taint-eviction': { type: 'string', default: 'true' }, 'no-execute-taint-eviction-purge-mode': { type: 'string', default: 'Gracefully' },
  },
  help: controllerHelp,
  async run(values, _positionals, io) {
    const repo = stringFlag(values['repo']) ?? io.env['FLOTILLA_REPO'];
    if (!repo) throw new UsageError('--repo URL|DIR is required (or FLOTILLA_REPO)');
    const schedule = stringFlag(values['poll-schedule']);
    if (schedule) assertSchedule(schedule);
    const log = pino({ base: { component: 'flotilla-controller' } }, pino.destination({ fd: 2, sync: true }));
    const access = memberAccess(values, io);
    const cacheRoot = resolved(stringFlag(values['cache-dir']), io) ?? defaultCacheRoot(io.env);
    const gitCredentials = await resolveCredentials(io.env, resolved(stringFlag(values['git-credentials-file']), io));
    const source = await openSource({ repo, cwd: io.cwd, branch: stringFlag(values['branch']), cacheRoot, credentials: gitCredentials });
    if (source.kind !== 'git') throw new UsageError(`--repo ${repo} is not a git repository: the controller needs branches to write status to`);
    const statusRepo = stringFlag(values['status-repo']);
    const target = statusRepo ? await openTarget(statusRepo, io, cacheRoot, gitCredentials) : source.store;
    const ctx: ControllerContext = {
      source, target, identity: parseAuthor(stringFlag(values['author'])), now: () => new Date(),
      log: (fields) => log.info(fields),
      branches: { status: stringFlag(values['status-branch']), rendered: stringFlag(values['rendered-branch']) },
      statusReader: createStatusReader(target),
      members: { credentials: access.credentials, ...access.limits, prune: bool(values, 'prune'), forceConflicts: values['force-conflicts'] === true },
      health: healthSettings(values), eviction: evictionSettings(values),
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
        onReady: (r) => log.info({ msg: 'controller started', listen: r.address, repo: source.store.location, branch: source.branch, identity, leaderElection: election !== undefined }),
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log.info({ msg: 'controller stopped' });
    }
    return exitOk;
  },
};

/** Member credentials and the hub: a kubeconfig (local use) or the in-cluster service account (hub) with Secrets for members. */
function memberAccess(values: Values, io: IO): { credentials: CredentialSource; limits: ReturnType<typeof limitsFrom>; hub: () => KubeConfig } {
  const limits = limitsFrom({ timeout: stringFlag(values['timeout']) });
  const contextMap = parseContextMap(stringFlag(values['context-map']));
  const file = stringFlag(values['kubeconfig']);
  if (!file && !io.env['KUBECONFIG'] && io.env['KUBERNETES_SERVICE_HOST']) {
    const hub = new KubeConfig();
    hub.loadFromCluster();
    return { credentials: { contextMap, hubSecrets: hubSecretReader(hub, limits) }, limits, hub: () => hub };
  }
  const kubeconfig = loadKubeConfig(file ? path.resolve(io.cwd, file) : undefined, io.env);
  const hubContext = stringFlag(values['hub-context']);
  const hubKc = hubContext ? kubeConfigForContext(kubeconfig, hubContext) : undefined;
  if (hubContext && !hubKc) throw new UsageError(`--hub-context: the kubeconfig has no context "${hubContext}"`);
  const credentials: CredentialSource = hubKc ? { kubeconfig, contextMap, hubSecrets: hubSecretReader(hubKc, limits) } : { kubeconfig, contextMap };
  return {
    credentials, limits,
    hub: () => {
      if (hubKc) return hubKc;
      throw new UsageError('--leader-elect=true needs the hub cluster: pass --hub-context CONTEXT, or run in a cluster');
    },
  };
}

function healthSettings(values: Values): HealthSettings {
  const s = (flag: string) => duration(values, flag) / 1000;
  return {
    ...defaultHealthSettings,
    failureThresholdSeconds: s('cluster-failure-threshold'), successThresholdSeconds: s('cluster-success-threshold'),
    monitorGracePeriodSeconds: s('cluster-monitor-grace-period'), startupGracePeriodSeconds: s('cluster-startup-grace-period'),
    failoverEvictionTimeoutSeconds: s('failover-eviction-timeout'),
  };
}

function evictionSettings(values: Values): EvictionSettings {
  const mode = String(values['no-execute-taint-eviction-purge-mode']);
  if (mode !== 'Gracefully' && mode !== 'Directly') throw new UsageError(`--no-execute-taint-eviction-purge-mode must be one of: Gracefully, Directly (got "${mode}")`);
  return {
    ...defaultEvictionSettings,
    enableNoExecuteTaintEviction: bool(values, 'enable-no-execute-taint-eviction'),
    gracefulEvictionTimeoutSeconds: duration(values, 'graceful-eviction-timeout') / 1000, defaultPurgeMode: mode,
  };
}

function duration(values: Values, flag: string): number {
  return parseDuration(String(values[flag]), `--${flag}`);
}

function bool(values: Values, flag: string): boolean {
  const v = String(values[flag]);
  if (v !== 'true' && v !== 'false') throw new UsageError(`--${flag} must be one of: true, false (got "${v}")`);
  return v === 'true';
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
