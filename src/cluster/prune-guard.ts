/**
 * The mass-prune guard: a revision that would delete everything flotilla owns on a member and
 * leave nothing there (or delete more than a chosen share of it) is held on that member, nothing
 * applied or pruned there, until a person confirms it. Argo CD's automated sync refuses to sync an application to zero resources
 * unless `allowEmpty` is set (docs: user-guide/auto_sync "Automatic Pruning" / allowEmpty), and its
 * `Prune=confirm` sync option holds critical deletions for a confirmation; Flux has no such guard.
 * A force-push of a fleet without templates would otherwise empty every member in one pass.
 *
 * Only objects the revision drops from the whole fleet count ("withdrawn"): an object the plan
 * still places on another member moved (a policy change, a failover purge), and its workload runs
 * on. So draining most of a cluster by policy, or a failover that empties a recovered member, is
 * never held; deleting the apps themselves from git is.
 *
 * The default holds only the empty result, as Argo CD does: a member that still gets objects of
 * the revision is not held however much it loses (pointing a second fleet at the same members, or
 * renaming every object, is allowed unless a share is set). A share makes the guard stricter.
 *
 * | owned (not Namespaces) | withdrawn | desired here | maxPruneShare | verdict                   |
 * |------------------------|-----------|--------------|---------------|---------------------------|
 * | 40                     | 40        | 0            | 1 (default)   | hold: everything, empty   |
 * | 40                     | 40        | 3 new        | 1 (default)   | allow                     |
 * | 40                     | 39        | 1            | 1 (default)   | allow                     |
 * | 40                     | 21        | 19           | 0.5           | hold: 52.5% > 50%         |
 * | 40                     | 0         | 0            | any           | allow (moves only)        |
 * | 0                      | 0         | 0            | any           | allow (nothing to lose)   |
 */
import { compareStrings } from '../api/index.ts';
import { isDefinition } from './custom-resources.ts';
import { isPreserved, type Inventory } from './inventory.ts';
import { describeObject, formatObjectId, type ObjectId } from './object-id.ts';

/** How much one revision may prune on a member before it is held (flags `--allow-mass-prune`, `--max-prune-share`). */
export interface PruneGuard {
  /** The person confirmed: prune whatever the revision drops. */
  readonly allowMassPrune: boolean;
  /** The largest share (0 < s <= 1) of a member's owned objects one revision may withdraw; withdrawing all and leaving the member empty is always held. */
  readonly maxPruneShare: number;
}

/** The default: hold only a revision that withdraws everything flotilla owns on a member and leaves it empty (Argo CD's empty-sync refusal). */
export const defaultPruneGuard: PruneGuard = { allowMassPrune: false, maxPruneShare: 1 };

/** Allow, or hold with the numbers and a message saying how to confirm. */
export type PruneGuardVerdict =
  | { readonly kind: 'allow' }
  | {
      readonly kind: 'hold';
      readonly owned: number;
      readonly withdrawn: readonly ObjectId[];
      readonly message: string;
    };

/** What the guard compares on one member. */
export interface PruneGuardInput {
  readonly cluster: string;
  readonly revision: string;
  readonly inventory: Inventory;
  /** The ids the plan places on this member. */
  readonly desired: readonly ObjectId[];
  /** Formatted ids (formatObjectId) of every object the plan places on any member of the fleet. */
  readonly placedInFleet: ReadonlySet<string>;
  readonly guard: PruneGuard;
}

/**
 * What the rule weighs on one member, however its objects are counted: inventory entries on the
 * member (apply) or object files in its folder of the rendered branch (Argo CD, Flux).
 */
export interface PruneCount {
  readonly revision: string;
  /** Where the objects are, for the message: `on member1`. */
  readonly where: string;
  /** Objects flotilla owns there, Namespaces excluded. */
  readonly owned: number;
  /** The owned objects the revision places nowhere in the fleet, described for the message. */
  readonly withdrawn: readonly string[];
  /** Whether the revision still places an object other than a Namespace there. */
  readonly desiredHere: boolean;
  /** What holding does there, for the message: `nothing was applied or pruned on member1`. */
  readonly held: string;
  /** How to confirm there, for the message: `flotilla apply, or …`. */
  readonly confirm: string;
}

/** The rule, shared by every path that prunes: undefined to allow, or the hold message. Pure. */
export function pruneHold(c: PruneCount, guard: PruneGuard): string | undefined {
  const n = c.withdrawn.length;
  if (guard.allowMassPrune || n === 0) return undefined;
  const all = n === c.owned && !c.desiredHere;
  if (!all && n / c.owned <= guard.maxPruneShare) return undefined;
  const share = all
    ? 'all'
    : `${n} (${Math.round((n / c.owned) * 1000) / 10}%, more than --max-prune-share ${guard.maxPruneShare * 100}%)`;
  const examples = c.withdrawn.toSorted(compareStrings).slice(0, 3).join(', ');
  return (
    `revision ${c.revision} would delete ${share} of the ${c.owned} objects flotilla owns ${c.where}${all ? ', leaving nothing there,' : ''} and places them nowhere in the fleet (${examples}${n > 3 ? ', …' : ''}); ` +
    `held: ${c.held}. If this is intended, confirm it once with --allow-mass-prune (${c.confirm})`
  );
}

/** Decides whether the revision's pruning on this member needs a confirmation. Pure. */
export function checkPruneGuard(x: PruneGuardInput): PruneGuardVerdict {
  // Namespaces are never deleted (render marks them flotilla.io/prune: disabled), and a CRD only
  // once no object of its kinds is left (custom-resources.ts): neither counts nor protects. A CRD
  // kept for someone else's objects would otherwise hold its member forever. An object preserved
  // on deletion is released, never deleted (release.ts): it does not count either.
  const owned = x.inventory.entries.filter(
    (id) => !isNamespace(id) && !isDefinition(id) && !isPreserved(x.inventory, id),
  );
  const wanted = new Set(x.desired.map(formatObjectId));
  const withdrawn = owned.filter((id) => !wanted.has(formatObjectId(id)) && !x.placedInFleet.has(formatObjectId(id)));
  const message = pruneHold(
    {
      revision: x.revision,
      where: `on ${x.cluster}`,
      owned: owned.length,
      withdrawn: withdrawn.map(describeObject),
      desiredHere: x.desired.some((id) => !isNamespace(id) && !isDefinition(id)),
      held: `nothing was applied or pruned on ${x.cluster}`,
      confirm: "flotilla apply, or flotilla reconcile --once for a controller's fleet",
    },
    x.guard,
  );
  return message === undefined ? { kind: 'allow' } : { kind: 'hold', owned: owned.length, withdrawn, message };
}

function isNamespace(id: ObjectId): boolean {
  return id.group === '' && id.kind === 'Namespace';
}
