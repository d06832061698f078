/**
 * Turning the command line's cluster flags into credentials and limits, shared by `apply`,
 * `status` and `clusters`: --kubeconfig/KUBECONFIG, --context-map, --hub-context, --timeout.
 */
import { UsageError } from '../api/index.ts';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  kubeConfigForContext,
  loadKubeConfig,
  parseContextMap,
  type CredentialSource,
  type SecretReader,
} from './credentials.ts';
import { parseDuration } from './duration.ts';
import { MemberClient } from './member-client.ts';

/** The flag values these commands share. */
export interface AccessFlags {
  readonly kubeconfig?: string | undefined;
  readonly contextMap?: string | undefined;
  readonly hubContext?: string | undefined;
  readonly timeout?: string | undefined;
}

/** Time limits of member access. */
export interface Limits {
  /** Everything one member may take (--timeout). */
  readonly timeoutMs: number;
  /** One request. */
  readonly requestTimeoutMs: number;
}

/** Limits from --timeout (default 2m); a request never waits more than 30s. */
export function limitsFrom(flags: AccessFlags): Limits {
  return limitsFor(flags.timeout ? parseDuration(flags.timeout) : 120_000);
}

/** Limits of a member given everything it may take; a request never waits more than 30s. */
export function limitsFor(timeoutMs: number): Limits {
  return { timeoutMs, requestTimeoutMs: Math.min(30_000, timeoutMs) };
}

/** Credentials from the flags; with --hub-context, Secrets are read from that cluster. */
export function credentialsFrom(
  flags: AccessFlags,
  env: Readonly<Record<string, string | undefined>>,
  limits: Limits,
): CredentialSource {
  const kubeconfig = loadKubeConfig(flags.kubeconfig, env);
  const contextMap = parseContextMap(flags.contextMap);
  if (!flags.hubContext) return { kubeconfig, contextMap };
  const hub = kubeConfigForContext(kubeconfig, flags.hubContext);
  if (!hub) throw new UsageError(`--hub-context: the kubeconfig has no context "${flags.hubContext}"`);
  return { kubeconfig, contextMap, hubSecrets: hubSecretReader(hub, limits) };
}

/** Reads member credentials (Cluster.spec.secretRef) from Secrets in the hub cluster. */
export function hubSecretReader(hub: KubeConfig, limits: Limits): SecretReader {
  return async (namespace, name) => {
    const client = new MemberClient('hub', hub, { requestTimeoutMs: limits.requestTimeoutMs });
    try {
      const secret = await client.get({ group: '', version: 'v1', kind: 'Secret', namespace, name });
      return secret ? ((secret['data'] as Record<string, string> | undefined) ?? {}) : undefined;
    } finally {
      await client.close();
    }
  };
}
