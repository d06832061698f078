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
  readonly groups: readonly GroupInfo[];
  readonly weight: number;
  readonly value: number;
}

/** The best feasible set of groups, ordered by weight descending then name; empty when none is feasible. */
export function selectGroups(groups: readonly GroupInfo[], min: number, max: number, target: number): readonly GroupInfo[] {
  if (groups.length === 0) return [];
  const paths = findFeasiblePaths(groups, min, max, target);
  if (paths.length === 0) return [];
  return prioritizePaths(paths).groups;
}

function findFeasiblePaths(input: readonly GroupInfo[], min: number, max: number, target: number): Path[] {
  const groups = input.toSorted(
    (a, b) => a.value - b.value || b.weight - a.weight || compareStrings(a.name, b.name),
  );
  const paths: Path[] = [];
  const stack: GroupInfo[] = [];
  const dfs = (sum: number, begin: number): void => {
    if (sum >= target && stack.length >= min && stack.length <= max) {
      paths.push(recordPath(paths.length + 1, stack));
      return;
    }
    if (stack.length >= max) return;
    for (let i = begin; i < groups.length; i++) {
      stack.push(groups[i] as GroupInfo);
      dfs(sum + (groups[i] as GroupInfo).value, i + 1);
      // Karmada stops backtracking when every group is needed to reach minGroups.
      if (groups.length === min) break;
      stack.pop();
    }
  };
  dfs(0, 0);
  return paths;
}

function recordPath(id: number, stack: readonly GroupInfo[]): Path {
  const groups = stack.toSorted((a, b) => b.weight - a.weight || compareStrings(a.name, b.name));
  return {
    id,
    groups,
    weight: groups.reduce((s, g) => s + g.weight, 0),
    value: groups.reduce((s, g) => s + g.value, 0),
  };
}

function prioritizePaths(paths: readonly Path[]): Path {
  const sorted = paths.toSorted((a, b) => b.weight - a.weight || b.value - a.value || a.id - b.id);
  let best = sorted[0] as Path;
  for (const p of sorted.slice(1)) if (isSubPath(best, p)) best = p;
  return best;
}

/** True when `sub` is shorter than `path` and its groups are a prefix of path's (dfsPath.matchSubPath). */
function isSubPath(path: Path, sub: Path): boolean {
  if (sub.groups.length >= path.groups.length) return false;
  return sub.groups.every((g, i) => path.groups[i]?.name === g.name);
}
