/**
 * `flotilla get`'s gathering: one kind (and optionally one name) read from every member at once,
 * as the server's table (the columns kubectl prints) or as full objects, with the revision of
 * flotilla's inventory on that member. A member that cannot be read is a result of its own,
 * never a failure of the others (R6).
 */
import { compareStrings, revisionAnnotation, type Cluster, type KubeObject } from '../api/index.ts';
import { mapLimit } from './concurrency.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { ClusterRequestFailed, ClusterUnreachable, CredentialsMissing } from './errors.ts';
import { inventoryName, inventoryNamespace, readInventory } from './inventory.ts';
import type { Limits } from './member-access.ts';
import { MemberClient, type ServerTable } from './member-client.ts';
import { formatObjectId, objectIdOf, type ObjectId } from './object-id.ts';
import { KindUnknown, resolveKind, type ResolvedKind } from './resolve-kind.ts';

/** What to read. `namespace` '' means all namespaces. */
export interface GetQuery {
  readonly typed: string;
  readonly name?: string | undefined;
  readonly namespace: string;
  readonly labelSelector?: string | undefined;
  /** 'table': the server's columns; 'objects': whole objects (for -o json|yaml). */
  readonly shape: 'table' | 'objects';
}

/** One member's answer. */
export type MemberGet =
  | {
      readonly kind: 'read';
      readonly cluster: string;
      readonly resolved: ResolvedKind;
      readonly table: ServerTable;
      readonly objects: readonly KubeObject[];
      readonly owned: OwnedObjects;
    }
  | { readonly kind: 'failed'; readonly cluster: string; readonly reason: string; readonly unreachable: boolean };

/** Which objects flotilla's inventory on the member lists, and the revision it last applied there. */
export interface OwnedObjects {
  readonly revision: string | undefined;
  readonly ids: ReadonlySet<string>;
}

/** Reads the query from every cluster (sorted by name, at most `concurrency` at once). */
export async function getFromMembers(
  clusters: readonly Cluster[],
  query: GetQuery,
  opts: Limits & { readonly credentials: CredentialSource; readonly concurrency: number },
): Promise<MemberGet[]> {
  const sorted = clusters.toSorted((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
  return mapLimit(sorted, opts.concurrency, async (c): Promise<MemberGet> => {
    const cluster = c.metadata.name ?? '';
    let client: MemberClient | undefined;
    try {
      client = new MemberClient(cluster, await memberKubeConfig(c, opts.credentials), {
        requestTimeoutMs: opts.requestTimeoutMs,
        deadline: AbortSignal.timeout(opts.timeoutMs),
      });
      return await getFromMember(client, query);
    } catch (err) {
      if (err instanceof ClusterUnreachable || err instanceof CredentialsMissing)
        return { kind: 'failed', cluster, reason: err.message, unreachable: true };
      if (err instanceof KindUnknown || err instanceof ClusterRequestFailed)
        return { kind: 'failed', cluster, reason: err.message, unreachable: false };
      return {
        kind: 'failed',
        cluster,
        reason: `cluster ${cluster}: ${err instanceof Error ? err.message : String(err)}`,
        unreachable: true,
      };
    } finally {
      await client?.close();
    }
  });
}

async function getFromMember(client: MemberClient, query: GetQuery): Promise<MemberGet> {
  const resolved = await resolveKind(client, query.typed);
  const namespace = resolved.namespaced ? query.namespace : '';
  const owned = await ownedObjects(client);
  if (query.shape === 'table') {
    const table = await client.table(resolved.apiVersion, resolved.kind, {
      namespace,
      ...(query.name ? { name: query.name } : {}),
      ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
    });
    return { kind: 'read', cluster: client.cluster, resolved, table, objects: [], owned };
  }
  const id: ObjectId = objectIdOf({
    apiVersion: resolved.apiVersion,
    kind: resolved.kind,
    metadata: { namespace, name: query.name ?? '' },
  });
  const objects = query.name
    ? [await client.get(id)].filter((o) => o !== undefined)
    : await client.list(resolved.apiVersion, resolved.kind, {
        ...(namespace ? { namespace } : {}),
        ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
      });
  return {
    kind: 'read',
    cluster: client.cluster,
    resolved,
    table: { columnDefinitions: [], rows: [] },
    objects,
    owned,
  };
}

/** The inventory's entries and revision (none when flotilla never applied to the member). */
async function ownedObjects(client: MemberClient): Promise<OwnedObjects> {
  const cm = await client.get({
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    namespace: inventoryNamespace,
    name: inventoryName,
  });
  if (!cm) return { revision: undefined, ids: new Set() };
  const read = readInventory(cm);
  return {
    revision: cm.metadata.annotations?.[revisionAnnotation],
    ids: new Set(read.kind === 'found' ? read.inventory.entries.map(formatObjectId) : []),
  };
}

/** Whether the inventory lists the object (group, kind, namespace, name). */
export function isOwned(
  owned: OwnedObjects,
  resolved: ResolvedKind,
  namespace: string | undefined,
  name: string | undefined,
): boolean {
  return owned.ids.has(
    formatObjectId(
      objectIdOf({
        apiVersion: resolved.apiVersion,
        kind: resolved.kind,
        metadata: { namespace: namespace ?? '', name: name ?? '' },
      }),
    ),
  );
}
