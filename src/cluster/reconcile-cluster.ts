/**
 * One member's reconcile as an ordered list of named steps (R1, source-controller's
 * sub-reconcilers): credentials → connect → read inventory → prune guard → record intent → apply →
 * prune → write inventory. The step → failure reason mapping is stated once; the result is built
 * once at the end. A pass cut short after any step loses nothing: every object it may have
 * created is in the inventory (the intent, inventory.ts intentInventory) before it is created.
 */
import { InternalError, type Cluster, type KubeObject } from '../api/index.ts';
import { applyStaged, type Desired, type StagedApplyOptions } from './apply-staged.ts';
import { memberKubeConfig, type CredentialSource } from './credentials.ts';
import { checkReady } from './health.ts';
import { beforeStep, applyFault } from './fault-points.ts';
import {
  addsObjects,
  emptyInventory,
  holdsInventory,
  intentInventory,
  inventoryConfigMap,
  inventoryName,
  inventoryNamespace,
  inventoryNamespaceObject,
  isPreserved,
  nextInventory,
  readInventory,
  staleObjects,
  type Inventory,
} from './inventory.ts';
import { MemberClient } from './member-client.ts';
import { describeObject, formatObjectId, objectIdOf, type ObjectId } from './object-id.ts';
import { isInPlace, isLeftByPolicy, suspendedReason, type ObjectResult } from './outcome.ts';
import type { PlacementRecord } from './placement-record.ts';
import { checkPruneGuard, type PruneGuard } from './prune-guard.ts';
import { pruneStale } from './prune.ts';
import { preservedReason } from './release.ts';

/** Why a member's reconcile did not fully succeed (the step that failed first). */
export type ClusterReason =
  | 'Applied'
  | 'CredentialsMissing'
  | 'ClusterUnreachable'
  | 'ClusterNotReady'
  | 'InventoryUnreadable'
  | 'PruneGuard'
  | 'ApplyFailed'
  | 'PruneFailed'
  | 'InventoryWriteFailed';

/** One member's result. */
export interface ClusterResult {
  readonly cluster: string;
  /** True when every step succeeded. */
  readonly ok: boolean;
  readonly reason: ClusterReason;
  readonly message: string;
  readonly objects: readonly ObjectResult[];
  readonly pruned: readonly ObjectResult[];
  /** Entries of the inventory written (absent when it was not written). */
  readonly inventoryEntries?: number;
}

/** Options of one member's reconcile. */
export interface ClusterReconcileOptions extends StagedApplyOptions {
  readonly prune: boolean;
  readonly timeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly credentials: CredentialSource;
  /** When a revision's pruning is held for a confirmation (prune-guard.ts). */
  readonly pruneGuard: PruneGuard;
  /** Formatted ids of everything the plan places on any member: a stale object found here moved, it was not withdrawn. */
  readonly placedInFleet: ReadonlySet<string>;
  /** The placement record kept with the inventory (a stateless apply's; empty for the controller, which has the status branch). */
  readonly placements: PlacementRecord;
}

interface Run {
  readonly cluster: Cluster;
  readonly name: string;
  readonly desired: readonly Desired[];
  readonly opts: ClusterReconcileOptions;
  client?: MemberClient;
  deadline?: AbortSignal;
  inventory?: Inventory;
  /** The inventory ConfigMap as the member holds it (read, or last written by this run). */
  liveInventory?: KubeObject | undefined;
  objects: ObjectResult[];
  pruned: ObjectResult[];
  staleKept: ObjectId[];
  written?: number;
}

/** ok: go on; problem: record the step's reason and go on; stop: record it and end the reconcile. */
type StepResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'problem' | 'stop'; readonly message: string; readonly reason?: ClusterReason };
interface Step {
  readonly name: string;
  readonly failureReason: ClusterReason;
  readonly run: (r: Run) => Promise<StepResult>;
}

const ok: StepResult = { kind: 'ok' };

const steps: readonly Step[] = [
  { name: 'credentials', failureReason: 'CredentialsMissing', run: connectClient },
  { name: 'connect', failureReason: 'ClusterUnreachable', run: connect },
  { name: 'read-inventory', failureReason: 'InventoryUnreadable', run: loadInventory },
  { name: 'prune-guard', failureReason: 'PruneGuard', run: guardPrune },
  { name: 'record-intent', failureReason: 'InventoryWriteFailed', run: recordIntent },
  { name: 'apply', failureReason: 'ApplyFailed', run: apply },
  { name: 'prune', failureReason: 'PruneFailed', run: prune },
  { name: 'write-inventory', failureReason: 'InventoryWriteFailed', run: writeInventory },
];

/** Reconciles one member. Never throws: every failure becomes the result's reason and message. */
export async function reconcileCluster(
  cluster: Cluster,
  desired: readonly Desired[],
  opts: ClusterReconcileOptions,
): Promise<ClusterResult> {
  const run: Run = {
    cluster,
    name: cluster.metadata.name ?? '',
    desired,
    opts,
    objects: [],
    pruned: [],
    staleKept: [],
  };
  let failure: { reason: ClusterReason; message: string } | undefined;
  try {
    for (const step of steps) {
      beforeStep(step.name);
      const r = await step.run(run).catch(
        (err: unknown): StepResult => ({
          kind: 'stop',
          message: `${step.name}: ${err instanceof Error ? err.message : String(err)}`,
        }),
      );
      // A step that finished only after the deadline (its last request was answered late, or a
      // write the inventory already held sent none) still ends the pass: a later step must not
      // start past --timeout, and the pass reports the timeout instead of success.
      if (r.kind === 'ok' && run.deadline?.aborted && step !== steps.at(-1)) {
        failure ??= {
          reason: step.failureReason,
          message: `${step.name}: the --timeout for this cluster was reached; the steps after it did not run`,
        };
        break;
      }
      if (r.kind === 'ok') continue;
      failure ??= { reason: r.reason ?? step.failureReason, message: r.message };
      if (r.kind === 'stop') break;
    }
  } finally {
    await run.client?.close();
  }
  return {
    cluster: run.name,
    ok: !failure,
    reason: failure?.reason ?? 'Applied',
    message: failure?.message ?? summary(run),
    objects: run.objects,
    pruned: run.pruned,
    ...(run.written !== undefined ? { inventoryEntries: run.written } : {}),
  };
}

async function connectClient(r: Run): Promise<StepResult> {
  const kc = await memberKubeConfig(r.cluster, r.opts.credentials);
  const deadline = AbortSignal.timeout(r.opts.timeoutMs);
  r.deadline = deadline;
  r.client = new MemberClient(r.name, kc, {
    requestTimeoutMs: Math.min(r.opts.requestTimeoutMs, r.opts.timeoutMs),
    deadline,
  });
  return ok;
}

async function connect(r: Run): Promise<StepResult> {
  const health = await checkReady(client(r));
  if (health.kind === 'unreachable') return { kind: 'stop', message: health.reason };
  if (health.kind === 'unhealthy')
    return {
      kind: 'stop',
      reason: 'ClusterNotReady',
      message: `cluster ${r.name} is reachable but /readyz did not answer ok: ${health.reason}`,
    };
  return ok;
}

async function loadInventory(r: Run): Promise<StepResult> {
  const cm = await client(r).get({
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    namespace: inventoryNamespace,
    name: inventoryName,
  });
  const read = cm ? readInventory(cm) : { kind: 'found' as const, inventory: emptyInventory };
  if (read.kind === 'invalid')
    return {
      kind: 'problem',
      message: `inventory ${inventoryNamespace}/${inventoryName} on ${r.name} is invalid (${read.reason}); nothing is pruned and it is not rewritten`,
    };
  r.inventory = read.inventory;
  r.liveInventory = cm;
  return ok;
}

/** Holds the whole member (nothing applied, nothing pruned) when the revision would prune too much of it. */
async function guardPrune(r: Run): Promise<StepResult> {
  if (!r.inventory || !r.opts.prune) return ok;
  const verdict = checkPruneGuard({
    cluster: r.name,
    revision: r.opts.revision,
    inventory: r.inventory,
    desired: r.desired.map((d) => d.id),
    placedInFleet: r.opts.placedInFleet,
    guard: r.opts.pruneGuard,
  });
  return verdict.kind === 'hold' ? { kind: 'stop', message: verdict.message } : ok;
}

/** Tracks every object the apply may create before it creates any (inventory.ts intentInventory). */
async function recordIntent(r: Run): Promise<StepResult> {
  if (!r.inventory || r.opts.dryRun) return ok;
  const desired = dispatched(r).map((d) => d.id);
  if (!addsObjects(r.inventory, desired)) return ok;
  await storeInventory(r, intentInventory(r.inventory, desired));
  return ok;
}

async function apply(r: Run): Promise<StepResult> {
  const c = client(r);
  const fault = r.deadline ? applyFault(r.deadline) : undefined;
  let written = 0;
  if (fault) c.onApplied = () => fault(++written);
  try {
    r.objects = [...(await applyStaged(c, dispatched(r), r.opts)), ...suspended(r)];
  } finally {
    c.onApplied = undefined;
  }
  const failed = r.objects.filter((o) => o.outcome.action === 'failed');
  if (!failed.length) return ok;
  return {
    kind: 'problem',
    message: failed.map((o) => (o.outcome.action === 'failed' ? o.outcome.message : '')).join('; '),
  };
}

async function prune(r: Run): Promise<StepResult> {
  if (!r.inventory) return ok;
  const stale = staleObjects(
    r.inventory,
    r.desired.map((d) => d.id),
  );
  // Never prune after a failed apply (Flux returns before pruning): the stale objects stay tracked.
  // An object its own Work left alone (suspended, a conflict under Abort) is no failed apply.
  if (!r.opts.prune || r.objects.some((o) => !isInPlace(o.outcome) && !isLeftByPolicy(o.outcome))) {
    r.staleKept = stale;
    return ok;
  }
  const inventory = r.inventory;
  const report = await pruneStale(client(r), stale, {
    dryRun: r.opts.dryRun,
    concurrency: r.opts.concurrency,
    preserved: (id) => isPreserved(inventory, id),
  });
  r.pruned = [...report.results];
  r.staleKept = [...report.survivors];
  const failed = report.results.filter((o) => o.outcome.action === 'failed');
  return failed.length
    ? {
        kind: 'problem',
        message: failed.map((o) => (o.outcome.action === 'failed' ? o.outcome.message : '')).join('; '),
      }
    : ok;
}

async function writeInventory(r: Run): Promise<StepResult> {
  if (!r.inventory || r.opts.dryRun) return ok;
  const preserve = new Set(
    r.desired.filter((d) => d.dispatch?.preserveResourcesOnDeletion === true).map((d) => formatObjectId(d.id)),
  );
  const desired = r.objects.map((o) => ({
    id: o.id,
    inPlace: isInPlace(o.outcome),
    unknown: o.outcome.action === 'failed' && o.outcome.reason === 'Unreachable',
    preserve: preserve.has(formatObjectId(o.id)),
  }));
  const inv = nextInventory({ previous: r.inventory, desired, staleKept: r.staleKept });
  await storeInventory(r, inv);
  r.written = inv.entries.length;
  return ok;
}

/** Writes the inventory, unless the member holds it already (its Namespace exists then too). */
async function storeInventory(r: Run, inv: Inventory): Promise<void> {
  const cm = inventoryConfigMap(inv, r.opts.revision, r.opts.placements);
  if (holdsInventory(r.liveInventory, cm)) return;
  const ns = inventoryNamespaceObject();
  await client(r).apply(ns, objectIdOf(ns), { dryRun: false, force: true });
  await client(r).apply(cm, objectIdOf(cm), { dryRun: false, force: true });
  r.liveInventory = cm;
}

/** The objects whose Works are dispatched: all but the suspended (Karmada Work `spec.suspendDispatching`). */
function dispatched(r: Run): readonly Desired[] {
  return r.desired.filter((d) => d.dispatch?.suspendDispatching !== true);
}

/**
 * Karmada's execution controller does not sync a suspended Work (execution_controller.go): the
 * member's object is neither created, updated nor pruned, and stays tracked if it was.
 */
function suspended(r: Run): ObjectResult[] {
  return r.desired
    .filter((d) => d.dispatch?.suspendDispatching === true)
    .map((d) => ({
      id: d.id,
      binding: d.binding,
      outcome: {
        action: 'skipped',
        reason: suspendedReason,
        message: `${describeObject(d.id)}: dispatching to ${r.name} is suspended (the policy's suspension); left as it is`,
      },
    }));
}

function client(r: Run): MemberClient {
  if (!r.client) throw new InternalError('no client: the credentials step did not run');
  return r.client;
}

function summary(r: Run): string {
  const count = (a: string) => r.objects.filter((o) => o.outcome.action === a).length;
  const deleted = r.pruned.filter((o) => o.outcome.action === 'deleted').length;
  const kept = r.pruned.filter((o) => o.outcome.action === 'skipped').length;
  const held = r.objects.filter((o) => o.outcome.action === 'skipped' && o.outcome.reason === suspendedReason).length;
  const released = r.pruned.filter(
    (o) => o.outcome.action === 'orphaned' && o.outcome.reason === preservedReason,
  ).length;
  return `${r.opts.dryRun ? 'dry-run: ' : ''}${count('created')} created, ${count('configured')} configured, ${count('drift-corrected')} drift corrected, ${count('unchanged')} unchanged, ${deleted} pruned${kept ? `, ${kept} kept (not pruned yet: see their reasons)` : ''}${held ? `, ${held} suspended` : ''}${released ? `, ${released} released (preserved on deletion)` : ''}`;
}
