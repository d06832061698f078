/** Flags shared by `flotilla controller` and `flotilla reconcile --kubeconfig`: member access and Karmada's failover settings. */
import path from 'node:path';
import { UsageError } from '../api/index.ts';
import {
  inClusterKubeConfig,
  kubeConfigForContext,
  loadKubeConfig,
  parseContextMap,
  type CredentialSource,
  type KubeConfig,
} from '../cluster/credentials.ts';
import { hubSecretReader, limitsFor, type Limits } from '../cluster/member-access.ts';
import { defaultPruneGuard, type PruneGuard } from '../cluster/prune-guard.ts';
import {
  defaultEvictionSettings,
  defaultHealthSettings,
  type EvictionSettings,
  type HealthSettings,
} from '../status/index.ts';
import { flag, type FlagValues } from './flags.ts';
import type { IO } from './io.ts';
import { duration, type memberAccessFlags, secondsText } from './shared-flags.ts';

const h = defaultHealthSettings;

/** Karmada's controller flags for cluster health and failover; the defaults are the core's (status/ready-condition.ts, status/eviction-task.ts). */
export const failoverFlags = {
  'cluster-failure-threshold': flag.parsed('D', duration, 'unhealthy this long → Ready False', {
    default: secondsText(h.failureThresholdSeconds),
  }),
  'cluster-success-threshold': flag.parsed('D', duration, 'healthy this long → Ready True again', {
    default: secondsText(h.successThresholdSeconds),
  }),
  'cluster-monitor-grace-period': flag.parsed('D', duration, 'not probed this long → Ready Unknown', {
    default: secondsText(h.monitorGracePeriodSeconds),
  }),
  'cluster-startup-grace-period': flag.parsed('D', duration, 'the same for a cluster never probed', {
    default: secondsText(h.startupGracePeriodSeconds),
  }),
  'failover-eviction-timeout': flag.parsed('D', duration, 'NoSchedule → NoExecute taint after', {
    default: secondsText(h.failoverEvictionTimeoutSeconds),
  }),
  'graceful-eviction-timeout': flag.parsed('D', duration, 'longest wait for a replacement', {
    default: secondsText(defaultEvictionSettings.gracefulEvictionTimeoutSeconds),
  }),
  'enable-no-execute-taint-eviction': flag.boolean('evict on NoExecute taints', {
    default: defaultEvictionSettings.enableNoExecuteTaintEviction,
  }),
  'no-execute-taint-eviction-purge-mode': flag.oneOf(
    ['Gracefully', 'Directly'],
    'for policies without failover.cluster',
    { default: defaultEvictionSettings.defaultPurgeMode },
  ),
};

/** A share of a cluster's objects: `50%`, `12.5` (percent), in (0, 100]; the value is a fraction. */
export function percentage(text: string, name: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)%?$/.exec(text);
  const pct = m ? Number(m[1]) : NaN;
  if (!(pct > 0 && pct <= 100))
    throw new UsageError(`${name} must be a percentage above 0 and at most 100, e.g. 50% (got "${text}")`);
  return pct / 100;
}

/** The mass-prune guard's flags (apply, reconcile --once --kubeconfig, controller). */
export const pruneGuardFlags = {
  'allow-mass-prune': flag.boolean(
    'confirm a revision that deletes everything flotilla owns on a cluster, leaving it empty (or more than --max-prune-share of it)',
  ),
  'max-prune-share': flag.parsed(
    'PCT',
    percentage,
    "share of a cluster's objects one revision may delete, e.g. 50% (100%: only emptying a cluster is held)",
    { default: `${defaultPruneGuard.maxPruneShare * 100}%` },
  ),
};

/** The mass-prune guard from --allow-mass-prune and --max-prune-share. */
export function pruneGuardFrom(values: FlagValues<typeof pruneGuardFlags>): PruneGuard {
  return { allowMassPrune: values['allow-mass-prune'], maxPruneShare: values['max-prune-share'] };
}

/** The values of the member access flags. */
export type MemberAccessValues = FlagValues<ReturnType<typeof memberAccessFlags>>;

/** Member credentials and the hub: a kubeconfig (local use) or the in-cluster service account (hub) with Secrets for members. */
export function memberAccess(
  values: MemberAccessValues,
  io: IO,
): { credentials: CredentialSource; limits: Limits; hub: () => KubeConfig } {
  const limits = limitsFor(values.timeout);
  const contextMap = parseContextMap(values['context-map']);
  const file = values.kubeconfig;
  if (!file && !io.env['KUBECONFIG'] && io.env['KUBERNETES_SERVICE_HOST']) {
    const hub = inClusterKubeConfig();
    return { credentials: { contextMap, hubSecrets: hubSecretReader(hub, limits) }, limits, hub: () => hub };
  }
  const kubeconfig = loadKubeConfig(file ? path.resolve(io.cwd, file) : undefined, io.env);
  const hubContext = values['hub-context'];
  const hubKc = hubContext ? kubeConfigForContext(kubeconfig, hubContext) : undefined;
  if (hubContext && !hubKc) throw new UsageError(`--hub-context: the kubeconfig has no context "${hubContext}"`);
  const credentials: CredentialSource = hubKc
    ? { kubeconfig, contextMap, hubSecrets: hubSecretReader(hubKc, limits) }
    : { kubeconfig, contextMap };
  return {
    credentials,
    limits,
    hub: () => {
      if (hubKc) return hubKc;
      throw new UsageError(
        '--leader-elect=true needs the hub cluster: pass --hub-context CONTEXT, or run in a cluster',
      );
    },
  };
}

/** Karmada's cluster health flags. */
export function healthSettings(values: FlagValues<typeof failoverFlags>): HealthSettings {
  const s = (ms: number) => ms / 1000;
  return {
    ...defaultHealthSettings,
    failureThresholdSeconds: s(values['cluster-failure-threshold']),
    successThresholdSeconds: s(values['cluster-success-threshold']),
    monitorGracePeriodSeconds: s(values['cluster-monitor-grace-period']),
    startupGracePeriodSeconds: s(values['cluster-startup-grace-period']),
    failoverEvictionTimeoutSeconds: s(values['failover-eviction-timeout']),
  };
}

/** Karmada's eviction flags. */
export function evictionSettings(values: FlagValues<typeof failoverFlags>): EvictionSettings {
  return {
    ...defaultEvictionSettings,
    enableNoExecuteTaintEviction: values['enable-no-execute-taint-eviction'],
    gracefulEvictionTimeoutSeconds: values['graceful-eviction-timeout'] / 1000,
    defaultPurgeMode: values['no-execute-taint-eviction-purge-mode'],
  };
}
