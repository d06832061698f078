/**
 * Writing the multi-cluster service objects into one member (the writing half of Karmada's mcs and
 * multiclusterservice controllers): server-side apply of what src/mcs decided, pruning from this
 * stage's own inventory (ConfigMap `flotilla-services-inventory` in `flotilla-system`, apart from
 * the plan's so neither prunes the other's), and never touching an object flotilla does not own.
 */
import { bindingAnnotation, managedByLabel, managedByValue, type Cluster, type KubeObject } from '../api/index.ts';
import { providerClusterLabel, writtenByServiceStage, type MemberObjects } from '../mcs/index.ts';
import { mapLimit } from './concurrency.ts';
import {
  addsObjects,
  emptyInventory,
  intentInventory,
  inventoryConfigMap,
  inventoryNamespace,
  inventoryNamespaceObject,
  nextInventory,
  readInventory,
  staleObjects,
  type Inventory,
} from './inventory.ts';
import type { MemberClient } from './member-client.ts';
import { liveManifestHash, manifestHash, withManifestHash } from './manifest-hash.ts';
import { describeObject, formatObjectId, objectIdOf, type ObjectId } from './object-id.ts';
import { failureOutcome, isInPlace, type ObjectResult, type Outcome } from './outcome.ts';
import { pruneVerdict } from './prune.ts';
import { openMember, type ServiceAccess } from './service-endpoints.ts';

/** The name of the services stage's inventory ConfigMap. */
export const serviceInventoryName = 'flotilla-services-inventory';

/** What happened on one member. */
export interface ServiceDispatchResult {
  readonly cluster: string;
  readonly ok: boolean;
  readonly applied: readonly ObjectResult[];
  readonly pruned: readonly ObjectResult[];
  readonly message?: string;
}

/** Applies `want` to the member and prunes what this stage wrote there before and no longer wants. Never throws. */
export async function dispatchServiceObjects(
  cluster: Cluster,
  want: MemberObjects,
  revision: string,
  access: ServiceAccess,
): Promise<ServiceDispatchResult> {
  const name = cluster.metadata.name ?? '';
  let client: MemberClient | undefined;
  try {
    client = await openMember(cluster, access);
    const read = readInventory(await client.get(inventoryId()));
    const previous = read.kind === 'found' ? read.inventory : undefined;
    const desired = want.objects.map((o) => ({ id: objectIdOf(o), manifest: o }));
    const ids = desired.map((d) => d.id);
    const held = await heldCopies(client, want.held);
    // Intent first (inventory.ts intentInventory): an apply cut short leaves every object it may have created tracked.
    if (previous && addsObjects(previous, ids)) await writeInventory(client, intentInventory(previous, ids), revision);
    const c = client;
    const applied = await mapLimit(desired, access.concurrency, (d) => applyOwned(c, d.id, d.manifest));
    // An inventory that cannot be read is never pruned from (R3), and is rewritten from what is in place now.
    const stale = previous ? staleObjects(previous, [...ids, ...held]) : [];
    const pruned = await mapLimit(stale, access.concurrency, (id) => pruneOwned(c, id));
    const survivors = pruned.filter((p) => p.outcome.action === 'failed').map((p) => p.id);
    const next = nextInventory({
      previous: previous ?? emptyInventory,
      desired: applied.map((a) => ({
        id: a.id,
        inPlace: isInPlace(a.outcome),
        unknown: a.outcome.action === 'failed' && a.outcome.reason === 'Unreachable',
      })),
      staleKept: [...survivors, ...held],
    });
    if (!previous || !sameEntries(previous, next)) await writeInventory(client, next, revision);
    const failed = [...applied, ...pruned].filter((r) => r.outcome.action === 'failed');
    const messages = [
      ...[...applied, ...pruned].flatMap((r) =>
        r.outcome.action === 'failed' || r.outcome.action === 'skipped' ? [r.outcome.message] : [],
      ),
      ...(read.kind === 'invalid' ? [`${serviceInventoryName}: ${read.reason}; nothing pruned`] : []),
    ];
    return {
      cluster: name,
      ok: failed.length === 0,
      applied,
      pruned,
      ...(messages.length ? { message: messages.join('; ') } : {}),
    };
  } catch (err) {
    return {
      cluster: name,
      ok: false,
      applied: [],
      pruned: [],
      message: `multi-cluster services on ${name}: ${err instanceof Error ? err.message : String(err)}`,
    };
  } finally {
    await client?.close();
  }
}

function inventoryId(): ObjectId {
  return { group: '', version: 'v1', kind: 'ConfigMap', namespace: inventoryNamespace, name: serviceInventoryName };
}

/** The copies on this member of providers held within the grace (kept as they are, never pruned). */
async function heldCopies(client: MemberClient, providers: readonly string[]): Promise<ObjectId[]> {
  if (providers.length === 0) return [];
  const live = await client.list('discovery.k8s.io/v1', 'EndpointSlice', {
    labelSelector: `${managedByLabel}=${managedByValue},${providerClusterLabel} in (${providers.join(',')})`,
  });
  return live.filter(writtenByServiceStage).map(objectIdOf);
}

/** Applies an object unless someone else owns the live one (a Service or EndpointSlice flotilla did not write is never touched). */
async function applyOwned(client: MemberClient, id: ObjectId, manifest: KubeObject): Promise<ObjectResult> {
  const binding = manifest.metadata.annotations?.[bindingAnnotation] ?? '';
  try {
    const live = await client.get(id);
    if (
      live &&
      (live.metadata.labels?.[managedByLabel] !== managedByValue || !live.metadata.annotations?.[bindingAnnotation])
    ) {
      return {
        id,
        binding,
        outcome: {
          action: 'skipped',
          reason: 'NotOwned',
          message: `${describeObject(id)} exists and is not flotilla's; left as it is`,
        },
      };
    }
    if (live && live.metadata.annotations?.[bindingAnnotation] !== binding) {
      return {
        id,
        binding,
        outcome: {
          action: 'skipped',
          reason: 'NotOwned',
          message: `${describeObject(id)} belongs to binding ${live.metadata.annotations?.[bindingAnnotation] ?? ''}; left as it is`,
        },
      };
    }
    // Endpoints that did not change are not rewritten (manifest-hash.ts): one GET per object per pass.
    const hash = manifestHash(manifest);
    if (live && liveManifestHash(live) === hash) return { id, binding, outcome: { action: 'unchanged' } };
    await client.apply(withManifestHash(manifest, hash), id, { dryRun: false, force: false });
    return { id, binding, outcome: live ? { action: 'configured', paths: [] } : { action: 'created' } };
  } catch (err) {
    return { id, binding, outcome: failureOutcome(err, id) };
  }
}

/** Deletes a stale object only when it is still one this stage wrote (pruneVerdict, then the binding). */
async function pruneOwned(client: MemberClient, id: ObjectId): Promise<ObjectResult> {
  let outcome: Outcome;
  let binding = '';
  try {
    const live = await client.get(id);
    binding = live?.metadata.annotations?.[bindingAnnotation] ?? '';
    const verdict = live ? pruneVerdict(live) : undefined;
    if (!live) outcome = { action: 'gone' };
    else if (verdict?.kind === 'orphan')
      outcome = { action: 'orphaned', reason: verdict.reason, message: verdict.message };
    else if (!writtenByServiceStage(live))
      outcome = {
        action: 'orphaned',
        reason: 'NotOwned',
        message: `${describeObject(id)} now belongs to binding ${binding}; left in place`,
      };
    else outcome = (await client.delete(id)) === 'deleted' ? { action: 'deleted' } : { action: 'gone' };
  } catch (err) {
    outcome = failureOutcome(err, id);
  }
  return { id, binding, outcome };
}

async function writeInventory(client: MemberClient, inv: Inventory, revision: string): Promise<void> {
  const ns = inventoryNamespaceObject();
  if (!(await client.get(objectIdOf(ns)))) await client.apply(ns, objectIdOf(ns), { dryRun: false, force: false });
  const base = inventoryConfigMap(inv, revision, new Map());
  const cm: KubeObject = { ...base, metadata: { ...base.metadata, name: serviceInventoryName } };
  await client.apply(cm, objectIdOf(cm), { dryRun: false, force: true });
}

function sameEntries(a: Inventory, b: Inventory): boolean {
  return (
    a.entries.length === b.entries.length &&
    a.entries.every(
      (e, i) => formatObjectId(e) === formatObjectId(b.entries[i] as ObjectId) && e.version === b.entries[i]?.version,
    )
  );
}
