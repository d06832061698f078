/**
 * Server-side apply of one member's manifests in stages (fluxcd/pkg ssa/manager_apply.go
 * ApplyAllStaged): each stage is dry-run object by object first, and nothing of the stage is
 * applied if one dry-run fails (R2); CRDs and Namespaces go first and are waited on. Only objects
 * whose dry-run differs from the live object are applied, so a no-change apply bumps no
 * resourceVersion. Each object sent carries `flotilla.io/manifest-hash` (manifest-hash.ts).
 */
import {
  bindingAnnotation,
  fieldManager,
  isPlainObject,
  managedByLabel,
  managedByValue,
  type KubeObject,
} from '../api/index.ts';
import type { WorkDispatch } from '../render/index.ts';
import { planStages, type StageName } from './apply-order.ts';
import { mapLimit } from './concurrency.ts';
import { classifyChange } from './drift.ts';
import { liveManifestHash, manifestHash, withManifestHash } from './manifest-hash.ts';
import type { MemberClient } from './member-client.ts';
import { apiVersionOf, describeObject, objectIdOf, type ObjectId } from './object-id.ts';
import { conflictAbortReason, failureOutcome, isLeftByPolicy, type ObjectResult, type Outcome } from './outcome.ts';
import { waitForDefinitions } from './wait.ts';

/** A manifest to apply, with its identity and binding. */
export interface Desired {
  readonly id: ObjectId;
  readonly binding: string;
  readonly manifest: KubeObject;
  /** Its Work's dispatch (render/dispatch.ts); absent: Karmada's defaults (dispatched, Abort, not preserved). */
  readonly dispatch?: Partial<WorkDispatch>;
}

/** Karmada Retain: the object to send, keeping member-owned fields of the live object. */
export type Retain = (desired: KubeObject, observed: KubeObject) => KubeObject;

/** How to apply. */
export interface StagedApplyOptions {
  /** The source revision: recorded on the member's inventory, never on the objects applied. */
  readonly revision: string;
  /** Server dry-run only: report what would change, write nothing. */
  readonly dryRun: boolean;
  readonly forceConflicts: boolean;
  readonly concurrency: number;
  readonly retain: Retain;
  readonly waitTimeoutMs: number;
}

/** Wraps manifests as Desired items. */
export function desiredOf(manifest: KubeObject): Desired {
  return { id: objectIdOf(manifest), binding: manifest.metadata.annotations?.[bindingAnnotation] ?? '', manifest };
}

interface Checked {
  readonly item: Desired;
  readonly outcome: Outcome;
  /** The body to apply (after Retain), when the dry-run says it must be applied. */
  readonly body?: KubeObject;
  /** Apply with force: --force-conflicts, or to take back fields edited by hand. */
  readonly force?: boolean;
}

/** Applies every stage in order; results in apply order. A failed stage stops the later ones. */
export async function applyStaged(
  client: MemberClient,
  items: readonly Desired[],
  opts: StagedApplyOptions,
): Promise<ObjectResult[]> {
  const out: ObjectResult[] = [];
  let blocked: { stage: StageName; message: string } | undefined;
  for (const stage of planStages(items, (d) => d.id)) {
    if (blocked) {
      const message = `not applied: stage "${blocked.stage}" failed (${blocked.message})`;
      out.push(
        ...stage.items.map((item) => ({
          id: item.id,
          binding: item.binding,
          outcome: { action: 'skipped' as const, reason: 'EarlierStageFailed', message },
        })),
      );
      continue;
    }
    const lives = await readLive(client, stage.items, opts.concurrency);
    const checked = await mapLimit(stage.items, opts.concurrency, (item, i) => dryRun(client, item, lives[i], opts));
    const failed = checked.filter((c) => c.outcome.action === 'failed' && !isLeftByPolicy(c.outcome));
    if (failed.length) {
      const names = failed.map((c) => describeObject(c.item.id)).join(', ');
      blocked = { stage: stage.name, message: `dry-run failed for ${names}` };
      const message = `not applied: the dry-run of ${names} failed, so nothing of stage "${stage.name}" was applied`;
      out.push(
        ...checked.map((c) => ({
          id: c.item.id,
          binding: c.item.binding,
          outcome:
            c.outcome.action === 'failed' ? c.outcome : { action: 'skipped' as const, reason: 'DryRunFailed', message },
        })),
      );
      continue;
    }
    const applied = opts.dryRun
      ? checked.map((c) => c.outcome)
      : await mapLimit(checked, opts.concurrency, (c) => applyChecked(client, c, opts));
    out.push(...checked.map((c, i) => ({ id: c.item.id, binding: c.item.binding, outcome: applied[i] ?? c.outcome })));
    if (stage.name === 'definitions' && !opts.dryRun) {
      const waited = await waitForDefinitions(
        client,
        checked.map((c) => c.item.manifest),
        opts.waitTimeoutMs,
      );
      if (waited) blocked = { stage: stage.name, message: waited };
    }
    if (applied.some((o) => o?.action === 'failed')) blocked ??= { stage: stage.name, message: 'an apply failed' };
  }
  return out;
}

/** GET the live object, Retain, dry-run apply, classify. Never throws. */
async function dryRun(client: MemberClient, item: Desired, known: Live, opts: StagedApplyOptions): Promise<Checked> {
  try {
    const live = known === 'unknown' ? await client.get(item.id) : known;
    if (live && isConflictAborted(item, live)) return { item, outcome: conflictOutcome(item, client.cluster) };
    const hash = manifestHash(item.manifest);
    const desired = withManifestHash(item.manifest, hash);
    const body = live ? opts.retain(desired, live) : desired;
    if (live && isUnchanged(body, live, hash)) return { item, outcome: { action: 'unchanged' } };
    let force = opts.forceConflicts;
    let result: KubeObject;
    try {
      result = await client.apply(body, item.id, { dryRun: true, force });
    } catch (err) {
      const failure = failureOutcome(err, item.id);
      if (!live || !failure.conflicts?.every((c) => isImperativeManager(live, c.manager))) throw err;
      force = true; // the conflicting fields were edited by hand: drift, which flotilla corrects
      result = await client.apply(body, item.id, { dryRun: true, force });
    }
    const change = classifyChange(live, result, { manifestHash: hash, fieldManager });
    switch (change.kind) {
      case 'created':
        return { item, outcome: { action: 'created' }, body, force };
      case 'unchanged':
        return { item, outcome: { action: 'unchanged' } };
      case 'configured':
        return { item, outcome: { action: 'configured', paths: change.paths }, body, force };
      case 'drifted':
        return {
          item,
          outcome: { action: 'drift-corrected', paths: change.paths, managers: change.managers },
          body,
          force,
        };
    }
  } catch (err) {
    return { item, outcome: failureOutcome(err, item.id) };
  }
}

/**
 * Karmada pkg/util/objectwatcher/objectwatcher.go allowUpdate: a member object that does not carry
 * the managed-by label is not taken over unless the Work says Overwrite (Abort is the default).
 */
function isConflictAborted(item: Desired, live: KubeObject): boolean {
  return live.metadata.labels?.[managedByLabel] !== managedByValue && item.dispatch?.conflictResolution !== 'Overwrite';
}

function conflictOutcome(item: Desired, cluster: string): Outcome {
  return {
    action: 'failed',
    reason: conflictAbortReason,
    message: `${describeObject(item.id)} already exists on ${cluster} and is not flotilla's (no ${managedByLabel}=${managedByValue}); conflictResolution Abort leaves it alone (set conflictResolution: Overwrite on the policy, or the template annotation work.karmada.io/conflict-resolution: Overwrite, to take it over)`,
  };
}

/**
 * True when `manager` changed the live object only with Update operations (kubectl edit, patch,
 * scale, label, a controller's write): an imperative edit, i.e. drift. A manager that uses
 * server-side apply (operation Apply) is another declarative owner: its conflicts are reported
 * and taken over only with --force-conflicts. (Flux forces ownership always; Karmada overwrites
 * with Update. flotilla differs: a co-owning applier is never silently overridden.)
 */
function isImperativeManager(live: KubeObject, manager: string): boolean {
  const entries = live.metadata['managedFields'];
  if (!Array.isArray(entries)) return false;
  const mine = entries.filter((e): e is Record<string, unknown> => isPlainObject(e) && e['manager'] === manager);
  return mine.length > 0 && mine.every((e) => e['operation'] === 'Update');
}

async function applyChecked(client: MemberClient, c: Checked, opts: StagedApplyOptions): Promise<Outcome> {
  if (!c.body) return c.outcome;
  try {
    await client.apply(c.body, c.item.id, { dryRun: false, force: c.force ?? opts.forceConflicts });
    return c.outcome;
  } catch (err) {
    return failureOutcome(err, c.item.id);
  }
}

/** The apiVersions a set of manifests uses (for discovery refresh after CRDs). */
export function apiVersionsOf(items: readonly Desired[]): string[] {
  return [...new Set(items.map((d) => apiVersionOf(d.id)))];
}

/** A live object, its absence, or 'unknown' (read it with a GET). */
type Live = KubeObject | undefined | 'unknown';

/**
 * Reads the live objects of a stage: one LIST per (apiVersion, kind, namespace) that holds several
 * objects, a GET for the rest. A failed LIST leaves its objects 'unknown'.
 */
async function readLive(client: MemberClient, items: readonly Desired[], concurrency: number): Promise<Live[]> {
  const groups = new Map<string, number[]>();
  items.forEach((d, i) => {
    const k = `${apiVersionOf(d.id)}|${d.id.kind}|${d.id.namespace}`;
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  const out: Live[] = items.map(() => 'unknown');
  const listed = [...groups.values()].filter((idx) => idx.length > 3);
  await mapLimit(listed, concurrency, async (idx) => {
    const first = items[idx[0] as number] as Desired;
    try {
      const all = await client.list(
        apiVersionOf(first.id),
        first.id.kind,
        first.id.namespace ? { namespace: first.id.namespace } : {},
      );
      const byName = new Map(all.map((o) => [o.metadata.name ?? '', o] as const));
      for (const i of idx) out[i] = byName.get((items[i] as Desired).id.name);
    } catch {
      // 'unknown': each object is read again with its own GET, which reports its own error
    }
  });
  return out;
}

/**
 * True when applying `body` cannot change the live object, so no dry-run is needed: the live
 * object already carries this manifest's hash (so flotilla's field set is the manifest's: no
 * field was dropped since) and holds every value the manifest sets (maps as subsets, lists
 * element by element). Anything else, including values the server normalises, goes through the
 * dry-run.
 */
function isUnchanged(body: KubeObject, live: KubeObject, hash: string): boolean {
  return liveManifestHash(live) === hash && isSubset(body, live);
}

function isSubset(want: unknown, have: unknown): boolean {
  if (Array.isArray(want))
    return Array.isArray(have) && want.length === have.length && want.every((w, i) => isSubset(w, have[i]));
  if (isPlainObject(want)) return isPlainObject(have) && Object.entries(want).every(([k, v]) => isSubset(v, have[k]));
  return want === have;
}
