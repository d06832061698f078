/**
 * The placement record a stateless `flotilla apply` leaves in each member's inventory ConfigMap
 * (data key `placements`): for every workload binding placed on that member, the whole binding's
 * clusters and replicas and the placement they were scheduled with. It is what the status branch
 * holds for the controller, kept where a stateless apply can read it back: the objects on a
 * reachable member say how many replicas it runs, but not what the plan gave to members that were
 * unreachable (and so never applied); without that share a second apply scales the workload up
 * onto the reachable members again.
 *
 * One line per binding: `<resource key> <cluster>=<replicas>,... <placement JSON>`. It is a
 * scheduling hint, never a pruning input: a line that does not parse is skipped.
 */
import {
  canonicalJson,
  compareStrings,
  isPlainObject,
  type Placement,
  type ResourceKey,
  type TargetCluster,
} from '../api/index.ts';

/** One binding's recorded placement. */
export interface RecordedPlacement {
  readonly clusters: readonly TargetCluster[];
  /** The policy placement the clusters were scheduled with (Karmada's applied-placement). */
  readonly placement: Placement | undefined;
}

/** Recorded placements by resource key. */
export type PlacementRecord = ReadonlyMap<ResourceKey, RecordedPlacement>;

/**
 * The record of the bindings that place replicas on `cluster`, from a plan's bindings. Duplicated
 * bindings are left out: Karmada reschedules them on every change and their replicas are the
 * template's on every cluster, so they need no memory, and at fleet scale (many templates
 * Duplicated to most clusters) they would make the record larger than a ConfigMap may be.
 */
export function placementsOn(
  cluster: string,
  bindings: readonly {
    readonly key: ResourceKey;
    readonly clusters: readonly TargetCluster[];
    readonly placement: Placement | undefined;
  }[],
): Map<ResourceKey, RecordedPlacement> {
  return new Map(
    bindings
      .filter((b) => !isDuplicated(b.placement) && b.clusters.some((c) => c.name === cluster && (c.replicas ?? 0) > 0))
      .toSorted((a, b) => compareStrings(a.key, b.key))
      .map((b) => [b.key, { clusters: b.clusters, placement: b.placement }]),
  );
}

/** Karmada: no replicaScheduling, or type Duplicated, duplicates the replicas to every cluster. */
function isDuplicated(p: Placement | undefined): boolean {
  return (
    p !== undefined && (p.replicaScheduling === undefined || p.replicaScheduling.replicaSchedulingType === 'Duplicated')
  );
}

/** The record as ConfigMap text, sorted by key; '' when empty. */
export function formatPlacementRecord(rec: PlacementRecord): string {
  return [...rec.keys()]
    .sort(compareStrings)
    .map((k) => {
      const r = rec.get(k) as RecordedPlacement;
      return `${k} ${r.clusters.map((c) => `${c.name}=${c.replicas ?? 0}`).join(',')} ${r.placement ? canonicalJson(r.placement) : '-'}\n`;
    })
    .join('');
}

/** Parses a record; malformed lines are skipped (a hint, never a reason to fail). */
export function parsePlacementRecord(text: unknown): Map<ResourceKey, RecordedPlacement> {
  const out = new Map<ResourceKey, RecordedPlacement>();
  if (typeof text !== 'string') return out;
  for (const line of text.split('\n')) {
    const m = /^(\S+) (\S+) (.+)$/.exec(line);
    if (!m?.[1] || !m[2] || !m[3] || m[1].split('|').length !== 4) continue;
    const clusters = m[2]
      .split(',')
      .map((p) => /^([^=]+)=([0-9]+)$/.exec(p))
      .map((x) => (x?.[1] ? { name: x[1], replicas: Number(x[2]) } : undefined));
    if (clusters.some((c) => c === undefined)) continue;
    const placement = m[3] === '-' ? undefined : parsePlacement(m[3]);
    if (placement === null) continue;
    out.set(m[1] as ResourceKey, { clusters: clusters as TargetCluster[], placement });
  }
  return out;
}

function parsePlacement(text: string): Placement | null {
  try {
    const v: unknown = JSON.parse(text);
    return isPlainObject(v) ? (v as Placement) : null;
  } catch {
    return null; // not JSON: the line is skipped
  }
}
