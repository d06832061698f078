/**
 * Group selection by depth-first search (Karmada spreadconstraint/select_groups.go): find every set
 * of groups whose summed value reaches the target within [min, max] groups, then prefer the highest
 * total weight, then value, then discovery order, and a feasible prefix of the winner over the winner.
 *
 * Example: target 7, values [2,3,6,7], min = max = 2 → feasible [2,6] [2,7] [3,6] [3,7] [6,7].
 */
import { compareStrings } from '../../api/index.ts';

/** A group: `value` counts toward the target (clusters in a region), `weight` ranks (group score). */
export interface GroupInfo {
  readonly name: string;
  readonly value: number;
  readonly weight: number;
}

interface Path {
  readonly id: number;
  /** Groups in discovery order; `sorted` orders them by weight descending, then name (dfsPath.sortGroups). */
  readonly groups: readonly GroupInfo[];
  sorted: readonly GroupInfo[] | undefined;
  readonly weight: number;
  readonly value: number;
}

// A bounded memo of a pure function keyed by all of its inputs: it never changes a result, it only
// spares the search for templates that share a placement (region DFS dominated the bench profile).
const memo = new Map<string, readonly GroupInfo[]>();

/** The best feasible set of groups, ordered by weight descending then name; empty when none is feasible. */
export function selectGroups(
  groups: readonly GroupInfo[],
  min: number,
  max: number,
  target: number,
): readonly GroupInfo[] {
  if (groups.length === 0) return [];
  const key = `${min}|${max}|${target}|${groups.map((g) => `${g.name}:${g.value}:${g.weight}`).join(',')}`;
  let chosen = memo.get(key);
  if (chosen === undefined) {
    chosen = searchGroups(groups, min, max, target);
    if (memo.size > 10000) memo.clear();
    memo.set(key, chosen);
  }
  return chosen;
}

function searchGroups(groups: readonly GroupInfo[], min: number, max: number, target: number): readonly GroupInfo[] {
  const paths = findFeasiblePaths(groups, min, max, target);
  if (paths.length === 0) return [];
  return sortedGroups(prioritizePaths(paths));
}

function findFeasiblePaths(input: readonly GroupInfo[], min: number, max: number, target: number): Path[] {
  const groups = input.toSorted((a, b) => a.value - b.value || b.weight - a.weight || compareStrings(a.name, b.name));
  const paths: Path[] = [];
  const stack: GroupInfo[] = [];
  const dfs = (sum: number, weight: number, begin: number): void => {
    if (sum >= target && stack.length >= min && stack.length <= max) {
      paths.push({ id: paths.length + 1, groups: stack.slice(), sorted: undefined, weight, value: sum });
      return;
    }
    if (stack.length >= max) return;
    for (let i = begin; i < groups.length; i++) {
      const g = groups[i] as GroupInfo;
      stack.push(g);
      dfs(sum + g.value, weight + g.weight, i + 1);
      // Karmada stops backtracking when every group is needed to reach minGroups.
      if (groups.length === min) break;
      stack.pop();
    }
  };
  dfs(0, 0, 0);
  return paths;
}

function sortedGroups(p: Path): readonly GroupInfo[] {
  p.sorted ??= p.groups.toSorted((a, b) => b.weight - a.weight || compareStrings(a.name, b.name));
  return p.sorted;
}

/**
 * Karmada sorts all paths (weight, value descending, id ascending), takes the first and then, scanning
 * the rest in order, switches to any path that is a prefix of the current choice. Only prefixes of the
 * first can ever be chosen, so only they are sorted and scanned.
 */
function prioritizePaths(paths: readonly Path[]): Path {
  const order = (a: Path, b: Path): number => b.weight - a.weight || b.value - a.value || a.id - b.id;
  let best = paths[0] as Path;
  for (const p of paths) if (order(p, best) < 0) best = p;
  const first = best;
  const prefixes = paths.filter((p) => p !== first && isSubPath(first, p)).sort(order);
  for (const p of prefixes) if (isSubPath(best, p)) best = p;
  return best;
}

/** True when `sub` is shorter than `path` and its groups are a prefix of path's (dfsPath.matchSubPath). */
function isSubPath(path: Path, sub: Path): boolean {
  if (sub.groups.length >= path.groups.length) return false;
  const a = sortedGroups(path);
  return sortedGroups(sub).every((g, i) => a[i]?.name === g.name);
}
