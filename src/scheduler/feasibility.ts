/**
 * Filtering with memoisation: the verdicts for a (template kind, affinity term, tolerations, spread
 * fields) combination are computed once per fleet and shared by every template with that placement;
 * only clusters in a template's history (previous placement, eviction tasks) are re-examined.
 */
import type { ClusterAffinity, Placement } from '../api/index.ts';
import { filterCluster } from './filters/index.ts';
import type { FilterInput } from './filters/index.ts';
import type { FleetIndex, IndexedCluster } from './fleet-index.ts';
import type { PlacementView } from './placement.ts';
import { canonicalJson } from '../api/index.ts';
import type { FilteredCluster } from './types.ts';

/** Feasible clusters and the filtered ones, both in name order. */
export interface Feasibility {
  readonly key: string;
  readonly feasible: readonly IndexedCluster[];
  readonly filtered: readonly FilteredCluster[];
  /** The history-free feasibility this one was adjusted from, if any. */
  readonly base?: Feasibility;
  /** Per fleet index: the history-free verdict's reason, '' when feasible (base feasibilities only). */
  readonly verdicts?: readonly string[];
}

/** A template's history as filters see it. */
export interface History {
  readonly previous: ReadonlyMap<string, number>;
  readonly evicting: ReadonlySet<string>;
}

/** Memoised filtering over one fleet. */
export class FeasibilityCache {
  readonly #fleet: FleetIndex;
  readonly #base = new Map<string, Feasibility>();
  constructor(fleet: FleetIndex) {
    this.#fleet = fleet;
  }

  /**
   * Filters the fleet for one attempt; `key` must identify `input` (see filterKeyOf); `history`
   * re-examines the clusters it names.
   */
  filter(key: string, input: FilterInput, history: History): Feasibility {
    let base = this.#base.get(key);
    if (base === undefined) {
      base = this.#compute(key, input);
      this.#base.set(key, base);
    }
    if (history.previous.size === 0 && history.evicting.size === 0) return base;
    return this.#adjust(base, input, history);
  }

  #compute(key: string, input: FilterInput): Feasibility {
    const feasible: IndexedCluster[] = [];
    const filtered: FilteredCluster[] = [];
    const verdicts: string[] = [];
    const none = { inPrevious: false, evicting: false };
    for (const c of this.#fleet.clusters) {
      verdicts.push(c.deleting ? 'deleting' : '');
      if (c.deleting) continue;
      const v = filterCluster(input, c, none);
      if (v.kind === 'Feasible') feasible.push(c);
      else {
        filtered.push({ cluster: c.name, filter: v.filter, reason: v.reason, detail: v.detail });
        verdicts[c.index] = `${v.filter}:${v.detail}`;
      }
    }
    return { key, feasible, filtered, verdicts };
  }

  #adjust(base: Feasibility, input: FilterInput, history: History): Feasibility {
    const changed = new Map<string, FilteredCluster | null>();
    const names = new Set([...history.previous.keys(), ...history.evicting]);
    for (const name of names) {
      const c = this.#fleet.byName.get(name);
      if (c === undefined || c.deleting) continue;
      const v = filterCluster(input, c, {
        inPrevious: history.previous.has(name),
        evicting: history.evicting.has(name),
      });
      // Unchanged verdicts keep the shared lists.
      if ((v.kind === 'Feasible' ? '' : `${v.filter}:${v.detail}`) === base.verdicts?.[c.index]) continue;
      changed.set(
        name,
        v.kind === 'Feasible' ? null : { cluster: name, filter: v.filter, reason: v.reason, detail: v.detail },
      );
    }
    if (changed.size === 0) return base;
    const feasible: IndexedCluster[] = [];
    const filtered: FilteredCluster[] = [];
    for (const c of this.#fleet.clusters) {
      if (c.deleting) continue;
      if (changed.has(c.name)) {
        const f = changed.get(c.name);
        if (f) filtered.push(f);
        else feasible.push(c);
      }
    }
    return {
      key: `${base.key}#${[...changed.keys()].sort().join(',')}`,
      feasible: mergeByIndex(
        base.feasible.filter((c) => !changed.has(c.name)),
        feasible,
      ),
      filtered: mergeByName(
        base.filtered.filter((f) => !changed.has(f.cluster)),
        filtered,
      ),
      base,
    };
  }
}

/** The part of a filter key that depends on the placement alone (the template's gvk is prepended). */
export function placementFilterKey(
  placement: Placement,
  view: PlacementView,
  affinity: ClusterAffinity | undefined,
): string {
  const fields = view.spread
    .map((s) => s.field)
    .sort()
    .join(',');
  return `${canonicalJson(affinity)}|${canonicalJson(placement.clusterTolerations ?? [])}|${fields}`;
}

function mergeByIndex(a: readonly IndexedCluster[], b: readonly IndexedCluster[]): IndexedCluster[] {
  return b.length === 0 ? [...a] : [...a, ...b].sort((x, y) => x.index - y.index);
}

function mergeByName(a: readonly FilteredCluster[], b: readonly FilteredCluster[]): FilteredCluster[] {
  return b.length === 0
    ? [...a]
    : [...a, ...b].sort((x, y) => (x.cluster < y.cluster ? -1 : x.cluster > y.cluster ? 1 : 0));
}
