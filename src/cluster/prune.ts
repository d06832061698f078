/**
 * Pruning (R3): delete what the previous inventory holds and the current valid plan no longer
 * does, and only when the live object still says flotilla owns it. Deletions that fail are kept
 * in the inventory for the next run (kustomize-controller `pruneSurvivors`, fluxcd/kustomize-controller#1035).
 */
import { bindingAnnotation, managedByLabel, managedByValue, pruneAnnotation, type KubeObject } from '../api/index.ts';
import { compareApplyOrder } from './apply-order.ts';
import { mapLimit } from './concurrency.ts';
import type { MemberClient } from './member-client.ts';
import { describeObject, type ObjectId } from './object-id.ts';
import { failureOutcome, type ObjectResult, type Outcome } from './outcome.ts';

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
  const name = describeObject({ group: '', version: '', kind: live.kind, namespace: live.metadata.namespace ?? '', name: live.metadata.name ?? '' });
  if (live.metadata.annotations?.[pruneAnnotation] === 'disabled') return { kind: 'orphan', reason: 'PruneDisabled', message: `${name} has ${pruneAnnotation}: disabled; left in place` };
  if (live.metadata.labels?.[managedByLabel] !== managedByValue) return { kind: 'orphan', reason: 'NotOwned', message: `${name} is not labelled ${managedByLabel}=${managedByValue}; not flotilla's, left in place` };
  if (!live.metadata.annotations?.[bindingAnnotation]) return { kind: 'orphan', reason: 'NotOwned', message: `${name} has no ${bindingAnnotation} annotation; not flotilla's, left in place` };
  return { kind: 'delete' };
}

/** Prune results, and the stale ids that stay in the inventory (failed deletions). */
export interface PruneReport {
  readonly results: readonly ObjectResult[];
  readonly survivors: readonly ObjectId[];
}

/** Deletes the stale objects that are still flotilla's, in reverse apply order. Never throws. */
export async function pruneStale(client: MemberClient, stale: readonly ObjectId[], opts: { readonly dryRun: boolean; readonly concurrency: number }): Promise<PruneReport> {
  const ordered = stale.toSorted((a, b) => compareApplyOrder(b, a));
  const done = await mapLimit(ordered, opts.concurrency, (id) => pruneOne(client, id, opts.dryRun));
  return {
    results: done.map((d) => d.result),
    survivors: done.filter((d) => d.result.outcome.action === 'failed').map((d) => d.result.id),
  };
}

async function pruneOne(client: MemberClient, id: ObjectId, dryRun: boolean): Promise<{ result: ObjectResult }> {
  let live: KubeObject | undefined;
  try {
    live = (await client.serves(`${id.group ? `${id.group}/` : ''}${id.version}`, id.kind)) ? await client.get(id) : undefined;
  } catch (err) {
    return { result: { id, binding: '', outcome: failureOutcome(err, id) } };
  }
  const binding = live?.metadata.annotations?.[bindingAnnotation] ?? '';
  if (!live) return { result: { id, binding, outcome: { action: 'gone' } } };
  const verdict = pruneVerdict(live);
  if (verdict.kind === 'orphan') return { result: { id, binding, outcome: { action: 'orphaned', reason: verdict.reason, message: verdict.message } } };
  if (dryRun) return { result: { id, binding, outcome: { action: 'deleted' } } };
  let outcome: Outcome;
  try {
    outcome = (await client.delete(id)) === 'deleted' ? { action: 'deleted' } : { action: 'gone' };
  } catch (err) {
    outcome = failureOutcome(err, id);
  }
  return { result: { id, binding, outcome } };
}
