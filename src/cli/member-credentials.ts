/**
 * Credentials and limits from the member access flags (apply, status, clusters…). Apart from
 * shared-flags.ts because it loads the Kubernetes client, which plan and validate never need.
 */
import type { CredentialSource } from '../cluster/credentials.ts';
import { credentialsFrom, limitsFor, type Limits } from '../cluster/member-access.ts';
import type { FlagValues } from './flags.ts';
import type { memberAccessFlags } from './shared-flags.ts';

/** Credentials and limits from the member access flags (apply, status, clusters). */
export function membersFrom(
  values: FlagValues<ReturnType<typeof memberAccessFlags>>,
  env: Readonly<Record<string, string | undefined>>,
): { credentials: CredentialSource; limits: Limits } {
  const limits = limitsFor(values.timeout);
  return {
    limits,
    credentials: credentialsFrom(
      { kubeconfig: values.kubeconfig, contextMap: values['context-map'], hubContext: values['hub-context'] },
      env,
      limits,
    ),
  };
}
