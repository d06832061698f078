/**
 * What a person types for a kind (`deploy`, `deployments`, `Deployment`, `deployment.apps`,
 * `deployment.v1.apps`) → the apiVersion and kind a member serves, by discovery, as kubectl's
 * RESTMapper does: plural, singular, kind or short name, the core group first, then each
 * group's preferred version in the order the server lists them.
 */
import { FlotillaError } from '../api/index.ts';
import { mapLimit } from './concurrency.ts';
import { ClusterUnreachable } from './errors.ts';
import type { MemberClient } from './member-client.ts';

/** A served kind. */
export interface ResolvedKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** The plural resource name (`deployments`). */
  readonly resource: string;
  readonly namespaced: boolean;
}

/** One discovery document, with the fields kind resolution reads. */
export interface DiscoveryDoc {
  readonly groupVersion: string;
  readonly resources: readonly {
    readonly name: string;
    readonly kind: string;
    readonly namespaced?: boolean;
    readonly singularName?: string;
    readonly shortNames?: readonly string[];
  }[];
}

/** The member serves no resource by that name. */
export class KindUnknown extends FlotillaError<{ cluster: string; typed: string }> {
  constructor(data: { cluster: string; typed: string }) {
    super(`cluster ${data.cluster} has no resource type "${data.typed}"`, data);
  }
}

/** `typed` split into the name and, when given, the group (and version): `deployment.v1.apps` → deployment, apps, v1. */
export function parseTypedKind(typed: string): { name: string; group?: string; version?: string } {
  const [name = '', ...rest] = typed.split('.');
  if (rest.length === 0) return { name };
  const [first = '', ...more] = rest;
  if (/^v\d+((alpha|beta)\d+)?$/.test(first) && more.length) return { name, version: first, group: more.join('.') };
  return { name, group: rest.join('.') };
}

/** The first resource of `docs` (in priority order) that `typed` names; undefined when none. */
export function matchKind(docs: readonly DiscoveryDoc[], typed: string): ResolvedKind | undefined {
  const want = parseTypedKind(typed);
  const name = want.name.toLowerCase();
  for (const d of docs) {
    const [group, version] = d.groupVersion.includes('/') ? d.groupVersion.split('/') : ['', d.groupVersion];
    if (want.group !== undefined && want.group !== group) continue;
    if (want.version !== undefined && want.version !== version) continue;
    for (const r of d.resources) {
      if (r.name.includes('/')) continue;
      const names = [r.name, r.singularName ?? '', r.kind.toLowerCase(), ...(r.shortNames ?? [])];
      if (names.includes(name))
        return { apiVersion: d.groupVersion, kind: r.kind, resource: r.name, namespaced: r.namespaced ?? true };
    }
  }
  return undefined;
}

/** Resolves `typed` on the member by discovery; KindUnknown when it serves no such resource. */
export async function resolveKind(client: MemberClient, typed: string): Promise<ResolvedKind> {
  const want = parseTypedKind(typed);
  if (want.group === undefined || want.group === '' || want.group === 'core') {
    const core = await client.raw<DiscoveryDoc>('/api/v1');
    const hit = matchKind([{ groupVersion: 'v1', resources: core.resources ?? [] }], want.name);
    if (hit) return hit;
  }
  const groups = await client.raw<{
    groups?: {
      name: string;
      preferredVersion?: { groupVersion: string };
      versions?: { groupVersion: string; version: string }[];
    }[];
  }>('/apis');
  const versions = (groups.groups ?? [])
    .filter((g) => want.group === undefined || g.name === want.group)
    .map((g) =>
      want.version !== undefined
        ? g.versions?.find((v) => v.version === want.version)?.groupVersion
        : g.preferredVersion?.groupVersion,
    )
    .filter((v) => v !== undefined);
  const docs = await mapLimit(versions, 8, async (gv): Promise<DiscoveryDoc | ClusterUnreachable> => {
    try {
      return { groupVersion: gv, resources: (await client.raw<DiscoveryDoc>(`/apis/${gv}`)).resources ?? [] };
    } catch (err) {
      if (err instanceof ClusterUnreachable) return err;
      return { groupVersion: gv, resources: [] }; // one group's failed discovery (an aggregated API down) hides only that group, as in kubectl
    }
  });
  const unreachable = docs.find((d) => d instanceof ClusterUnreachable);
  if (unreachable) throw unreachable;
  const hit = matchKind(
    docs.filter((d): d is DiscoveryDoc => !(d instanceof ClusterUnreachable)),
    typed,
  );
  if (!hit) throw new KindUnknown({ cluster: client.cluster, typed });
  return hit;
}
