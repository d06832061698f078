/** Exceptions of member-cluster I/O (E5). Messages name the cluster, the object and the reason, never a credential (E4). */
import { FlotillaError } from '../api/index.ts';
import type { ApiStatus } from './api-status.ts';

/** The member cannot be reached: connection refused, DNS, TLS, or a timeout. Transient (E6). */
export class ClusterUnreachable extends FlotillaError<{ cluster: string; reason: string }> {
  constructor(data: { cluster: string; reason: string }, options?: { cause?: unknown }) {
    super(`cluster ${data.cluster} is unreachable: ${data.reason}`, data, options);
  }
  override get transient(): boolean {
    return true;
  }
}

/** The member answered a request with an error status (403, 404, 409, 422, ...). Transient for a conflict, throttling or a server error (E6). */
export class ClusterRequestFailed extends FlotillaError<{ cluster: string; what: string; status: ApiStatus }> {
  constructor(data: { cluster: string; what: string; status: ApiStatus }, options?: { cause?: unknown }) {
    super(
      `cluster ${data.cluster}: ${data.what}: ${data.status.reason} (${data.status.code}): ${data.status.message}`,
      data,
      options,
    );
  }
  override get transient(): boolean {
    const code = this.data.status.code;
    return code === 409 || code === 429 || code >= 500;
  }
}

/** The member does not serve this apiVersion and kind (discovery has no such resource, e.g. a missing CRD). Terminal. */
export class KindNotServed extends FlotillaError<{ cluster: string; apiVersion: string; kind: string }> {
  constructor(data: { cluster: string; apiVersion: string; kind: string }, options?: { cause?: unknown }) {
    super(
      `cluster ${data.cluster} does not serve ${data.kind} in ${data.apiVersion} (is its CustomResourceDefinition installed?)`,
      data,
      options,
    );
  }
}

/** No credentials for a member: no kubeconfig context, or no usable hub Secret. Terminal (E6). */
export class CredentialsMissing extends FlotillaError<{ cluster: string; detail: string }> {
  constructor(data: { cluster: string; detail: string }, options?: { cause?: unknown }) {
    super(`cluster ${data.cluster}: no credentials: ${data.detail}`, data, options);
  }
}

/** True for failures that mean "could not talk to the member", as opposed to an answer. */
export function isUnreachable(err: unknown): err is ClusterUnreachable {
  return err instanceof ClusterUnreachable;
}
