/** Flags shared by `flotilla controller` and `flotilla reconcile --kubeconfig`: member access and Karmada's failover settings. */
import path from 'node:path';
import { UsageError } from '../api/index.ts';
import { inClusterKubeConfig, kubeConfigForContext, loadKubeConfig, parseContextMap, type CredentialSource, type KubeConfig } from '../cluster/credentials.ts';
import { hubSecretReader, limitsFrom, parseDuration } from '../cluster/member-access.ts';
import { defaultPruneGuard, type PruneGuard } from '../cluster/prune-guard.ts';
import { defaultEvictionSettings, defaultHealthSettings, type EvictionSettings, type HealthSettings } from '../status/index.ts';
import type { IO } from './io.ts';
import { stringFlag } from './load-revision.ts';

/** Parsed option values of a command. */
export type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

/** The option definitions of the failover settings (Karmada's controller flags and defaults). */
export const failoverOptions = {
  'cluster-failure-threshold': { type: 'string', default: '30s' }, 'cluster-success-threshold': { type: 'string', default: '30s' },
  'cluster-monitor-grace-period': { type: 'string', default: '40s' }, 'cluster-startup-grace-period': { type: 'string', default: '60s' },
  'failover-eviction-timeout': { type: 'string', default: '5m' }, 'graceful-eviction-timeout': { type: 'string', default: '10m' },
  'enable-no-execute-taint-eviction': { type: 'string', default: 'true' }, 'no-execute-taint-eviction-purge-mode': { type: 'string', default: 'Gracefully' },
} as const;

/** The mass-prune guard's flags (apply, reconcile --once --kubeconfig, controller). */
export const pruneGuardOptions = {
  'allow-mass-prune': { type: 'boolean', default: false },
  'max-prune-share': { type: 'string', default: `${defaultPruneGuard.maxPruneShare * 100}%` },
} as const;

/** The mass-prune guard from --allow-mass-prune and --max-prune-share (a percentage in (0, 100]). */
export function pruneGuardFrom(values: Values): PruneGuard {
  const text = String(values['max-prune-share']);
  const m = /^([0-9]+(?:\.[0-9]+)?)%?$/.exec(text);
  const pct = m ? Number(m[1]) : NaN;
  if (!(pct > 0 && pct <= 100)) throw new UsageError(`--max-prune-share must be a percentage above 0 and at most 100, e.g. 50% (got "${text}")`);
  return { allowMassPrune: values['allow-mass-prune'] === true, maxPruneShare: pct / 100 };
}

/** Member credentials and the hub: a kubeconfig (local use) or the in-cluster service account (hub) with Secrets for members. */
export function memberAccess(values: Values, io: IO): { credentials: CredentialSource; limits: ReturnType<typeof limitsFrom>; hub: () => KubeConfig } {
  const limits = limitsFrom({ timeout: stringFlag(values['timeout']) });
  const contextMap = parseContextMap(stringFlag(values['context-map']));
  const file = stringFlag(values['kubeconfig']);
  if (!file && !io.env['KUBECONFIG'] && io.env['KUBERNETES_SERVICE_HOST']) {
    const hub = inClusterKubeConfig();
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

/** Karmada's cluster health flags. */
export function healthSettings(values: Values): HealthSettings {
  const s = (flag: string) => duration(values, flag) / 1000;
  return {
    ...defaultHealthSettings,
    failureThresholdSeconds: s('cluster-failure-threshold'), successThresholdSeconds: s('cluster-success-threshold'),
    monitorGracePeriodSeconds: s('cluster-monitor-grace-period'), startupGracePeriodSeconds: s('cluster-startup-grace-period'),
    failoverEvictionTimeoutSeconds: s('failover-eviction-timeout'),
  };
}

/** Karmada's eviction flags. */
export function evictionSettings(values: Values): EvictionSettings {
  const mode = String(values['no-execute-taint-eviction-purge-mode']);
  if (mode !== 'Gracefully' && mode !== 'Directly') throw new UsageError(`--no-execute-taint-eviction-purge-mode must be one of: Gracefully, Directly (got "${mode}")`);
  return {
    ...defaultEvictionSettings,
    enableNoExecuteTaintEviction: bool(values, 'enable-no-execute-taint-eviction'),
    gracefulEvictionTimeoutSeconds: duration(values, 'graceful-eviction-timeout') / 1000, defaultPurgeMode: mode,
  };
}

/** A duration flag in milliseconds. */
export function duration(values: Values, flag: string): number {
  return parseDuration(String(values[flag]), `--${flag}`);
}

/** A true|false flag. */
export function bool(values: Values, flag: string): boolean {
  const v = String(values[flag]);
  if (v !== 'true' && v !== 'false') throw new UsageError(`--${flag} must be one of: true, false (got "${v}")`);
  return v === 'true';
}

