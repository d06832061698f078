/**
 * The per-member inventory: the sorted ids of the objects flotilla applied there, kept in the
 * ConfigMap `flotilla-inventory` of namespace `flotilla-system` on the member itself (as Flux keeps
 * its inventory in the Kustomization status: fluxcd/kustomize-controller internal/inventory).
 * Pruning works only from this list (R3).
 */
import {
  compareStrings,
  isPlainObject,
  managedByLabel,
  managedByValue,
  revisionAnnotation,
  type KubeObject,
  type ResourceKey,
} from '../api/index.ts';
import { compareObjectIds, formatObjectId, parseObjectId, type ObjectId } from './object-id.ts';
import {
  formatPlacementRecord,
  parsePlacementRecord,
  type PlacementRecord,
  type RecordedPlacement,
} from './placement-record.ts';

export const inventoryNamespace = 'flotilla-system';
export const inventoryName = 'flotilla-inventory';
const entriesKey = 'entries';
const placementsKey = 'placements';
/** The entries applied from Works with `preserveResourcesOnDeletion`: released, not deleted, once withdrawn. */
const preserveKey = 'preserveOnDeletion';
/** The largest placement record kept in the inventory ConfigMap. */
export const maxPlacementRecordChars = 256 * 1024;

/** The objects flotilla owns on one member, sorted by id, unique. */
export interface Inventory {
  readonly entries: readonly ObjectId[];
  /**
   * Formatted ids (formatObjectId) of the entries whose Work said `preserveResourcesOnDeletion`
   * when they were last applied: what the plan that withdraws them can no longer say (Karmada
   * keeps the flag on the Work until it is deleted, execution_controller.go handleWorkDelete).
   * Sorted, a subset of the entries; absent when empty.
   */
  readonly preserved?: readonly string[];
}

/** Reading an inventory ConfigMap: its entries, or why it cannot be trusted. */
export type InventoryRead =
  | { readonly kind: 'found'; readonly inventory: Inventory }
  | { readonly kind: 'invalid'; readonly reason: string };

/** The empty inventory of a member flotilla has never applied to. */
export const emptyInventory: Inventory = { entries: [] };

/** Sorted, de-duplicated by id; a later entry's version wins. */
export function toInventory(ids: readonly ObjectId[]): Inventory {
  const byId = new Map<string, ObjectId>();
  for (const id of ids) byId.set(formatObjectId(id), id);
  return { entries: [...byId.values()].sort(compareObjectIds) };
}

/** The ids in `previous` that `desired` no longer holds (Flux inventory Diff: old minus new). */
export function staleObjects(previous: Inventory, desired: readonly ObjectId[]): ObjectId[] {
  const wanted = new Set(desired.map(formatObjectId));
  return previous.entries.filter((id) => !wanted.has(formatObjectId(id)));
}

/**
 * The ConfigMap that stores an inventory: one `id version` line per object; and, when given, the
 * placement record of a stateless apply (placement-record.ts).
 */
export function inventoryConfigMap(inv: Inventory, revision: string, placements: PlacementRecord): KubeObject {
  const formatted = formatPlacementRecord(placements);
  // The record is a hint: one too large for the ConfigMap (1 MiB with the entries) is left out
  // rather than failing the inventory write, which pruning depends on.
  const record = formatted.length <= maxPlacementRecordChars ? formatted : '';
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: inventoryName,
      namespace: inventoryNamespace,
      labels: { [managedByLabel]: managedByValue },
      annotations: { [revisionAnnotation]: revision },
    },
    data: {
      [entriesKey]: inv.entries.map((id) => `${formatObjectId(id)} ${id.version}\n`).join(''),
      ...(record ? { [placementsKey]: record } : {}),
      ...(inv.preserved?.length ? { [preserveKey]: inv.preserved.map((id) => `${id}\n`).join('') } : {}),
    },
  };
}

/**
 * True when the live inventory ConfigMap already holds `desired`'s data, labels and annotations:
 * writing it again would change nothing, so a pass with no change sends no inventory write.
 * Any other difference (a key to drop, a label someone removed) means a write.
 */
export function holdsInventory(live: KubeObject | undefined, desired: KubeObject): boolean {
  if (live === undefined) return false;
  const same = (a: unknown, b: unknown) => {
    const x = isPlainObject(a) ? a : {};
    const y = isPlainObject(b) ? b : {};
    return Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] === v);
  };
  const has = (want: Record<string, string> | undefined, got: Record<string, string> | undefined) =>
    Object.entries(want ?? {}).every(([k, v]) => got?.[k] === v);
  return (
    same(desired['data'], live['data']) &&
    has(desired.metadata.labels, live.metadata.labels) &&
    has(desired.metadata.annotations, live.metadata.annotations)
  );
}

/** The placement record of an inventory ConfigMap (empty when it has none). */
export function readPlacementRecord(cm: unknown): Map<ResourceKey, RecordedPlacement> {
  const data = isPlainObject(cm) && isPlainObject(cm['data']) ? cm['data'] : undefined;
  return parsePlacementRecord(data?.[placementsKey]);
}

/** The Namespace that holds the inventory. */
export function inventoryNamespaceObject(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: inventoryNamespace, labels: { [managedByLabel]: managedByValue } },
  };
}

/**
 * Parses an inventory ConfigMap. Any line that is not `id version` makes the whole inventory
 * invalid: pruning from a partly understood list could delete the wrong things.
 */
export function readInventory(cm: unknown): InventoryRead {
  const data = isPlainObject(cm) && isPlainObject(cm['data']) ? cm['data'] : undefined;
  const text = data?.[entriesKey];
  if (text === undefined) return { kind: 'found', inventory: emptyInventory };
  if (typeof text !== 'string') return { kind: 'invalid', reason: `data.${entriesKey} is not a string` };
  const ids: ObjectId[] = [];
  const lines = text.split('\n').filter((l) => l !== '');
  for (const [i, line] of lines.entries()) {
    const [idText = '', version = '', ...extra] = line.split(' ');
    const id = extra.length ? undefined : parseObjectId(idText, version);
    if (!id)
      return {
        kind: 'invalid',
        reason: `line ${i + 1} is not "namespace_name_group_kind version": ${JSON.stringify(line.slice(0, 80))}`,
      };
    ids.push(id);
  }
  return {
    kind: 'found',
    inventory: withPreserved(
      toInventory(ids),
      typeof data?.[preserveKey] === 'string' ? data[preserveKey].split('\n') : [],
    ),
  };
}

/**
 * The intent inventory written before anything is applied: the previous entries plus every desired
 * object, so that an apply cut short at any point (SIGKILL, OOM, the member's --timeout) leaves each
 * object it may have created tracked, and the next valid revision that drops it prunes it.
 *
 * Why intent first. kustomize-controller keeps its inventory in the Kustomization status and sets
 * it from the apply's change set only after ApplyAllStaged returns (fluxcd/kustomize-controller
 * internal/controller/kustomization_controller.go, patched in the deferred status write): a
 * controller killed mid-apply records nothing, and objects it created stay untracked until the same
 * objects are applied again; if the source dropped them meanwhile, Flux never prunes them. kubectl's
 * ApplySet pruning (KEP-3659) closes that gap by widening the parent's record to the union of old
 * and new before applying and narrowing it after pruning; flotilla does the same with its own
 * inventory. The other way, recovering untracked objects by listing every served kind for the
 * `flotilla.io/binding` annotation, costs a LIST per kind per pass and trusts a mark anyone can
 * copy; the intent record costs one write, and only when the plan adds objects.
 *
 * An entry whose create then failed (or never ran) is harmless: pruning an object that is not
 * there is a 404, reported `gone` and dropped; the exact inventory written after the run
 * (nextInventory, computed from the inventory read before the intent) drops it too.
 */
export function intentInventory(previous: Inventory, desired: readonly ObjectId[]): Inventory {
  return withPreserved(toInventory([...previous.entries, ...desired]), previous.preserved ?? []);
}

/** True when `desired` holds an object `inv` does not track yet. */
export function addsObjects(inv: Inventory, desired: readonly ObjectId[]): boolean {
  const tracked = new Set(inv.entries.map(formatObjectId));
  return desired.some((id) => !tracked.has(formatObjectId(id)));
}

/**
 * The inventory after a run: the desired objects now in place; desired objects that failed but
 * were tracked before (they are still on the member from an earlier run) or whose fate is unknown
 * (the member stopped answering); and the stale objects that were not removed (failed
 * deletions, or all of them when pruning did not run).
 */
export function nextInventory(args: {
  readonly previous: Inventory;
  readonly desired: readonly {
    readonly id: ObjectId;
    readonly inPlace: boolean;
    readonly unknown: boolean;
    readonly preserve?: boolean;
  }[];
  readonly staleKept: readonly ObjectId[];
}): Inventory {
  const before = new Set(args.previous.entries.map(formatObjectId));
  const kept = args.desired.filter((d) => d.inPlace || d.unknown || before.has(formatObjectId(d.id)));
  // A desired object takes its Work's current flag; a stale one kept keeps the flag it had.
  const wasPreserved = new Set(args.previous.preserved ?? []);
  const preserved = [
    ...args.staleKept.map(formatObjectId).filter((id) => wasPreserved.has(id)),
    ...kept.filter((d) => d.preserve === true).map((d) => formatObjectId(d.id)),
  ];
  return withPreserved(toInventory([...args.staleKept, ...kept.map((d) => d.id)]), preserved);
}

/** True when the entry was applied from a Work with `preserveResourcesOnDeletion`. */
export function isPreserved(inv: Inventory, id: ObjectId): boolean {
  return inv.preserved?.includes(formatObjectId(id)) ?? false;
}

/** The inventory with its preserved set: the given ids that are entries, sorted, unique. */
function withPreserved(inv: Inventory, ids: readonly string[]): Inventory {
  const entries = new Set(inv.entries.map(formatObjectId));
  const preserved = [...new Set(ids.filter((id) => entries.has(id)))].sort(compareStrings);
  return preserved.length ? { ...inv, preserved } : inv;
}
