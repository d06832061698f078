/**
 * Pruning (R3): delete what the previous inventory holds and the current valid plan no longer
 * does, and only when the live object still says flotilla owns it. Deletions that fail are kept
 * in the inventory for the next run (kustomize-controller `pruneSurvivors`, fluxcd/kustomize-controller#1035).
 *
 * CustomResourceDefinitions go last and only when no object of their kind is left: deleting a CRD
 * makes the API server delete every object of that kind, hand-made ones included (custom-resources.ts).
 */
import { bindingAnnotation, managedByLabel, managedByValue, pruneAnnotation, type KubeObject } from '../api/index.ts';
import { compareApplyOrder } from './apply-order.ts';
import { mapLimit } from './concurrency.ts';
import { customResourcesLeft, isDefinition } from './custom-resources.ts';
import type { MemberClient } from './member-client.ts';
import { describeObject, formatObjectId, type ObjectId } from './object-id.ts';
import { failureOutcome, type ObjectResult, type Outcome } from './outcome.ts';
import { releaseObject } from './release.ts';

/** Whether a live stale object may be deleted. */
export type PruneVerdict =
  | { readonly kind: 'delete' }
  | { readonly kind: 'orphan'; readonly reason: 'PruneDisabled' | 'NotOwned'; readonly message: string };

/**
 * Flux's opt-out (`kustomize.toolkit.fluxcd.io/prune: disabled`) as `flotilla.io/prune: disabled`;
 * and an object whose managed-by label or binding annotation no longer say flotilla belongs to
 * someone else now (it was replaced, or taken over), so it is never deleted.
 */
export function pruneVerdict(live: KubeObject): PruneVerdict {
  const name = describeObject({
    group: '',
    version: '',
    kind: live.kind,
    namespace: live.metadata.namespace ?? '',
    name: live.metadata.name ?? '',
  });
  if (live.metadata.annotations?.[pruneAnnotation] === 'disabled')
    return {
      kind: 'orphan',
      reason: 'PruneDisabled',
      message: `${name} has ${pruneAnnotation}: disabled; left in place`,
    };
  if (live.metadata.labels?.[managedByLabel] !== managedByValue)
    return {
      kind: 'orphan',
      reason: 'NotOwned',
      message: `${name} is not labelled ${managedByLabel}=${managedByValue}; not flotilla's, left in place`,
    };
  if (!live.metadata.annotations?.[bindingAnnotation])
    return {
      kind: 'orphan',
      reason: 'NotOwned',
      message: `${name} has no ${bindingAnnotation} annotation; not flotilla's, left in place`,
    };
  return { kind: 'delete' };
}

/** Prune results, and the stale ids that stay in the inventory (failed deletions, kept definitions). */
export interface PruneReport {
  readonly results: readonly ObjectResult[];
  readonly survivors: readonly ObjectId[];
}

/**
 * Deletes the stale objects that are still flotilla's, in reverse apply order: everything else
 * first, then the CustomResourceDefinitions, each only when no object of its kind is left (those
 * flotilla just pruned do not count). An object `preserved` says its Work preserved is released
 * instead (release.ts). Never throws.
 */
export async function pruneStale(
  client: MemberClient,
  stale: readonly ObjectId[],
  opts: PruneOptions,
): Promise<PruneReport> {
  const ordered = stale.toSorted((a, b) => compareApplyOrder(b, a));
  const release = (id: ObjectId) => opts.preserved?.(id) === true;
  const objects = await mapLimit(
    ordered.filter((id) => !isDefinition(id) || release(id)),
    opts.concurrency,
    (id) =>
      // Karmada handleWorkDelete: a preserved object is released, never deleted (release.ts).
      pruneOne(client, id, opts.dryRun, release(id) ? () => releaseObject(client, id, opts.dryRun) : undefined),
  );
  const deleted = new Set(
    objects.filter((d) => d.result.outcome.action === 'deleted').map((d) => formatObjectId(d.result.id)),
  );
  const definitions = await mapLimit(
    ordered.filter((id) => isDefinition(id) && !release(id)),
    opts.concurrency,
    (id) => pruneOne(client, id, opts.dryRun, (live) => customResourcesLeft(client, live, deleted)),
  );
  const done = [...objects, ...definitions];
  return {
    results: done.map((d) => d.result),
    survivors: done
      .filter((d) => d.result.outcome.action === 'failed' || d.result.outcome.action === 'skipped')
      .map((d) => d.result.id),
  };
}

/** How to prune. */
export interface PruneOptions {
  readonly dryRun: boolean;
  readonly concurrency: number;
  /** True for an object to release instead of delete (its Work said preserveResourcesOnDeletion: release.ts). */
  readonly preserved?: (id: ObjectId) => boolean;
}

/** A last check before deleting a live object: an outcome that keeps it, or undefined to go on. */
type BeforeDelete = (live: KubeObject) => Promise<Outcome | undefined>;

async function pruneOne(
  client: MemberClient,
  id: ObjectId,
  dryRun: boolean,
  beforeDelete?: BeforeDelete,
): Promise<{ result: ObjectResult }> {
  let live: KubeObject | undefined;
  try {
    live = (await client.serves(`${id.group ? `${id.group}/` : ''}${id.version}`, id.kind))
      ? await client.get(id)
      : undefined;
  } catch (err) {
    return { result: { id, binding: '', outcome: failureOutcome(err, id) } };
  }
  const binding = live?.metadata.annotations?.[bindingAnnotation] ?? '';
  if (!live) return { result: { id, binding, outcome: { action: 'gone' } } };
  const verdict = pruneVerdict(live);
  if (verdict.kind === 'orphan')
    return {
      result: { id, binding, outcome: { action: 'orphaned', reason: verdict.reason, message: verdict.message } },
    };
  try {
    const kept = await beforeDelete?.(live);
    if (kept) return { result: { id, binding, outcome: kept } };
  } catch (err) {
    return { result: { id, binding, outcome: failureOutcome(err, id) } };
  }
  if (dryRun) return { result: { id, binding, outcome: { action: 'deleted' } } };
  let outcome: Outcome;
  try {
    outcome = (await client.delete(id)) === 'deleted' ? { action: 'deleted' } : { action: 'gone' };
  } catch (err) {
    outcome = failureOutcome(err, id);
  }
  return { result: { id, binding, outcome } };
}
