/**
 * A member's capacity from its Nodes and Pods, as Karmada's cluster status controller computes
 * `status.resourceSummary` and `status.nodeSummary` (pkg/controllers/status/cluster_status_controller.go
 * getResourceSummary, pkg/util/resource.go AddPodRequest):
 * - allocatable: the sum of every Node's `status.allocatable`;
 * - allocated: requests of Pods bound to a node and not Succeeded/Failed, plus their count as `pods`;
 * - allocating: requests of Pods not yet bound, plus their count.
 * A Pod requests the sum of its containers, raised to its largest init container, plus overhead.
 *
 * Example: two nodes of {cpu: 4, memory: 8Gi, pods: 110}, one running pod requesting 500m/1Gi:
 * allocatable {cpu: 8, memory: 16Gi, pods: 220}, allocated {cpu: 500m, memory: 1Gi, pods: 1},
 * so 7500m CPU, 15Gi and 219 pods remain.
 */
import { fieldAt } from './field-at.ts';
import { compareStrings, isPlainObject, parseMilli, type ResourceList, type ResourceSummary } from '../api/index.ts';

type Milli = Map<string, bigint>;

/** Node and Pod objects as listed from a member (only status/spec fields are read). */
export interface CapacityInput {
  readonly nodes: readonly unknown[];
  readonly pods: readonly unknown[];
}

/** Karmada's resourceSummary {allocatable, allocating, allocated}; empty lists are omitted. */
export function resourceSummary(input: CapacityInput): ResourceSummary {
  const allocatable: Milli = new Map();
  for (const n of input.nodes) addList(allocatable, record(fieldAt(n, 'status', 'allocatable')));
  const allocated: Milli = new Map();
  const allocating: Milli = new Map();
  for (const p of input.pods) {
    const spec = fieldAt(p, 'spec');
    const bound = typeof fieldAt(spec, 'nodeName') === 'string' && fieldAt(spec, 'nodeName') !== '';
    const phase = fieldAt(p, 'status', 'phase');
    if (bound && (phase === 'Succeeded' || phase === 'Failed')) continue; // kube-scheduler frees them
    const target = bound ? allocated : allocating;
    addList(target, podRequest(spec));
    add(target, 'pods', 1000n);
  }
  return {
    ...(allocatable.size ? { allocatable: toList(allocatable) } : {}),
    ...(allocating.size ? { allocating: toList(allocating) } : {}),
    ...(allocated.size ? { allocated: toList(allocated) } : {}),
  };
}

/** `{totalNum, readyNum}`: all Nodes, and those whose Ready condition is True. */
export function nodeSummary(nodes: readonly unknown[]): { totalNum: number; readyNum: number } {
  const ready = nodes.filter((n) => {
    const conds = fieldAt(n, 'status', 'conditions');
    return Array.isArray(conds) && conds.some((c) => fieldAt(c, 'type') === 'Ready' && fieldAt(c, 'status') === 'True');
  });
  return { totalNum: nodes.length, readyNum: ready.length };
}

/** allocatable − allocated − allocating per resource of allocatable, floored at 0 (what the estimator reads). */
export function availableResources(summary: ResourceSummary): ResourceList {
  const out: Milli = new Map();
  for (const [name, q] of Object.entries(summary.allocatable ?? {})) {
    const total = parseMilli(q) ?? 0n;
    const used =
      (parseMilli(summary.allocated?.[name] ?? 0) ?? 0n) + (parseMilli(summary.allocating?.[name] ?? 0) ?? 0n);
    out.set(name, total > used ? total - used : 0n);
  }
  return toList(out, true);
}

/** A Pod's effective request (pkg/util/resource.go AddPodRequest). */
function podRequest(spec: unknown): Milli {
  const sum: Milli = new Map();
  for (const c of array(fieldAt(spec, 'containers'))) addList(sum, record(fieldAt(c, 'resources', 'requests')));
  for (const c of array(fieldAt(spec, 'initContainers'))) {
    for (const [name, q] of Object.entries(record(fieldAt(c, 'resources', 'requests')))) {
      const v = typeof q === 'string' || typeof q === 'number' ? parseMilli(q) : undefined;
      if (v !== undefined && v > (sum.get(name) ?? 0n)) sum.set(name, v);
    }
  }
  addList(sum, record(fieldAt(spec, 'overhead')));
  return sum;
}

function addList(to: Milli, list: Readonly<Record<string, unknown>> | Milli): void {
  const entries =
    list instanceof Map
      ? [...list]
      : Object.entries(list).map(
          ([k, v]) => [k, typeof v === 'string' || typeof v === 'number' ? parseMilli(v) : undefined] as const,
        );
  for (const [k, v] of entries) if (v !== undefined) add(to, k, v);
}

function add(to: Milli, name: string, v: bigint): void {
  to.set(name, (to.get(name) ?? 0n) + v);
}

/** Formats milli-values as Kubernetes quantities, keys sorted; zero values dropped unless kept. */
function toList(m: Milli, keepZero = false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of [...m.keys()].sort(compareStrings)) {
    const v = m.get(name) ?? 0n;
    if (v > 0n || keepZero) out[name] = formatQuantity(name, v);
  }
  return out;
}

const binaryUnits: readonly [string, bigint][] = [
  ['Ei', 1024n ** 6n],
  ['Pi', 1024n ** 5n],
  ['Ti', 1024n ** 4n],
  ['Gi', 1024n ** 3n],
  ['Mi', 1024n ** 2n],
  ['Ki', 1024n],
];

/**
 * Canonical text of a quantity: CPU in cores or `m`; memory, storage and hugepages in the largest
 * exact binary unit (8589934592 → 8Gi); everything else a whole number (rounded up).
 */
export function formatQuantity(name: string, milli: bigint): string {
  if (name === 'cpu') return milli % 1000n === 0n ? `${milli / 1000n}` : `${milli}m`;
  const units = milli <= 0n ? 0n : (milli + 999n) / 1000n;
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) {
    for (const [suffix, size] of binaryUnits)
      if (units >= size && units % size === 0n) return `${units / size}${suffix}`;
  }
  return `${units}`;
}

function record(v: unknown): Readonly<Record<string, unknown>> {
  return isPlainObject(v) ? v : {};
}

function array(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}
