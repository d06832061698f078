/**
 * The mass-prune guard on the rendered branch (src/cluster/prune-guard.ts has the rule): Flux with
 * `prune: true`, or Argo CD with automated prune, deletes from a member every object whose file
 * leaves its folder, so a force-pushed empty fleet would empty every member through the rendered
 * branch as surely as through flotilla's own apply. A cluster folder whose change the guard holds
 * is kept exactly as on the tip until a person confirms with `--allow-mass-prune`.
 *
 * An object file counts as withdrawn when its folder loses it and no cluster's folder of the
 * revision has a file at the same relative path (`<ns>/<kind>-<name>.yaml`): a file that moves to
 * another member's folder is a move (policy change, failover), never counted. `kustomization.yaml`
 * and Namespace files (`_cluster/namespace-<name>.yaml`, never pruned by Flux or Argo CD, see
 * rendered-tree.ts) neither count nor protect.
 *
 * | tip clusters/m1/        | desired                   | verdict (default guard)        |
 * |-------------------------|---------------------------|--------------------------------|
 * | shop/deployment-web     | nothing anywhere          | hold m1: folder kept as on tip |
 * | shop/deployment-web     | clusters/m2/shop/deploy…  | allow (moved)                  |
 * | shop/deployment-web     | m1: shop/configmap-new    | allow (m1 not left empty)      |
 */
import { compareStrings } from '../api/index.ts';
import { pruneHold, type PruneGuard } from '../cluster/prune-guard.ts';
import { safeSegment } from './file-name.ts';
import { clusterScopedFolder, renderedRoot } from './rendered-tree.ts';

/** A cluster folder of the rendered branch left as on the tip, and why. */
export interface RenderedHold {
  readonly cluster: string;
  /** `clusters/<cluster>/`. */
  readonly folder: string;
  readonly message: string;
}

/** What the guard compares on the rendered branch. */
export interface RenderedGuardInput {
  readonly revision: string;
  /** Paths of every file on the tip. */
  readonly tip: Iterable<string>;
  /** Paths of every file of the revision's rendered tree. */
  readonly desired: Iterable<string>;
  /** The inventory's cluster names (folders are their safe segments). */
  readonly clusters: readonly string[];
  /** Folders (`clusters/<c>/`) kept whatever the revision says (clusters removed from the fleet repo): not guarded. */
  readonly kept: readonly string[];
  readonly guard: PruneGuard;
}

/** The cluster folders whose change the guard holds, sorted by folder. Pure. */
export function renderedHolds(x: RenderedGuardInput): RenderedHold[] {
  const tip = objectFiles(x.tip);
  const desired = objectFiles(x.desired);
  const placed = new Set([...desired.values()].flatMap((files) => [...files]));
  const names = new Map(x.clusters.map((c) => [safeSegment(c), c]));
  const out: RenderedHold[] = [];
  for (const [segment, files] of [...tip].sort(([a], [b]) => compareStrings(a, b))) {
    const folder = `${renderedRoot}/${segment}/`;
    if (x.kept.includes(folder)) continue;
    const wanted = desired.get(segment) ?? new Set<string>();
    const cluster = names.get(segment) ?? segment;
    const message = pruneHold(
      {
        revision: x.revision,
        where: `in ${folder} of the rendered branch (cluster ${cluster})`,
        owned: files.size,
        withdrawn: [...files].filter((f) => !wanted.has(f) && !placed.has(f)),
        desiredHere: wanted.size > 0,
        held: `${folder} was left as it was on the rendered branch, so Argo CD and Flux prune nothing on ${cluster}`,
        confirm: "flotilla reconcile --once, with --kubeconfig for a controller's fleet",
      },
      x.guard,
    );
    if (message !== undefined) out.push({ cluster, folder, message });
  }
  return out;
}

/** Cluster folder segment → relative paths of its object files (not kustomization.yaml, not Namespaces). */
function objectFiles(paths: Iterable<string>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of paths) {
    const parts = p.split('/');
    if (parts[0] !== renderedRoot || parts.length < 3) continue;
    const segment = parts[1] ?? '';
    const rel = parts.slice(2).join('/');
    const files = out.get(segment) ?? new Set<string>();
    out.set(segment, files);
    if (rel !== 'kustomization.yaml' && !rel.startsWith(`${clusterScopedFolder}/namespace-`)) files.add(rel);
  }
  return out;
}
