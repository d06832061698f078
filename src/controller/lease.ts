/**
 * Leader election on a `coordination.k8s.io/v1` Lease in the hub cluster, as client-go's
 * leaderelection package does it: the holder renews `renewTime` every retry period; a candidate
 * takes the Lease over only when it has seen no renewal for `leaseDurationSeconds` (measured on
 * its own clock from when it last saw the record change, so clock skew between pods cannot
 * shorten a lease); every write carries the read resourceVersion, so two candidates can never
 * both win (the loser gets 409 Conflict).
 */
import { ApiException, CoordinationV1Api, V1MicroTime, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { LeaseUnavailable } from './errors.ts';

/** Where the Lease lives and how long a leadership lasts. */
export interface LeaseOptions {
  readonly namespace: string;
  readonly name: string;
  /** This process's identity (the pod name in a cluster). */
  readonly identity: string;
  readonly leaseDurationSeconds: number;
  /** Clock of the shell, injected so tests can drive it. */
  readonly now: () => Date;
}

/** One attempt's verdict. */
export type LeaseVerdict =
  | { readonly kind: 'leader'; readonly transitions: number }
  | { readonly kind: 'follower'; readonly holder: string };

/** A candidate for one Lease: call `tryAcquireOrRenew` every retry period. */
export interface LeaseCandidate {
  tryAcquireOrRenew(): Promise<LeaseVerdict>;
  /** Gives the Lease up (clears the holder) so a standby takes over at once; only when held. */
  release(): Promise<void>;
}

/** Creates a candidate over the hub's API. */
export function leaseCandidate(hub: KubeConfig, o: LeaseOptions): LeaseCandidate {
  const api = hub.makeApiClient(CoordinationV1Api);
  let observed: { record: string; at: number } | undefined;
  const where = { namespace: o.namespace, name: o.name };
  const fail = (what: string, err: unknown) =>
    new LeaseUnavailable(
      `cannot ${what} Lease ${o.namespace}/${o.name} in the hub: ${err instanceof ApiException ? `HTTP ${err.code}` : err instanceof Error ? err.message : String(err)}`,
      where,
      { cause: err },
    );

  async function read(): Promise<V1Lease | undefined> {
    try {
      return await api.readNamespacedLease(where);
    } catch (err) {
      if (err instanceof ApiException && err.code === 404) return undefined;
      throw fail('read', err);
    }
  }

  return {
    async tryAcquireOrRenew() {
      const now = new V1MicroTime(o.now().getTime());
      const lease = await read();
      const spec = lease?.spec ?? {};
      const holder = spec.holderIdentity ?? '';
      const record = JSON.stringify([holder, spec.renewTime, spec.leaseTransitions]);
      if (observed?.record !== record) observed = { record, at: now.getTime() };
      const durationMs = (spec.leaseDurationSeconds ?? o.leaseDurationSeconds) * 1000;
      if (holder !== '' && holder !== o.identity && now.getTime() < observed.at + durationMs)
        return { kind: 'follower', holder };
      const transitions = (spec.leaseTransitions ?? 0) + (holder === o.identity ? 0 : 1);
      const body: V1Lease = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name: o.name,
          namespace: o.namespace,
          ...(lease?.metadata?.resourceVersion ? { resourceVersion: lease.metadata.resourceVersion } : {}),
        },
        spec: {
          holderIdentity: o.identity,
          leaseDurationSeconds: o.leaseDurationSeconds,
          acquireTime: holder === o.identity && spec.acquireTime ? spec.acquireTime : now,
          renewTime: now,
          leaseTransitions: lease ? transitions : 0,
        },
      };
      try {
        if (lease) await api.replaceNamespacedLease({ ...where, body });
        else await api.createNamespacedLease({ namespace: o.namespace, body });
      } catch (err) {
        // Someone else wrote first (409) or created it first: they lead this round.
        if (err instanceof ApiException && (err.code === 409 || err.code === 422))
          return { kind: 'follower', holder: '(changed concurrently)' };
        throw fail(lease ? 'renew' : 'create', err);
      }
      observed = undefined;
      return { kind: 'leader', transitions: body.spec?.leaseTransitions ?? 0 };
    },
    async release() {
      const lease = await read();
      if (!lease || lease.spec?.holderIdentity !== o.identity) return;
      try {
        await api.replaceNamespacedLease({
          ...where,
          body: {
            ...lease,
            spec: {
              ...lease.spec,
              holderIdentity: '',
              leaseDurationSeconds: 1,
              renewTime: new V1MicroTime(o.now().getTime()),
            },
          },
        });
      } catch (err) {
        if (!(err instanceof ApiException && err.code === 409)) throw fail('release', err);
      }
    },
  };
}
