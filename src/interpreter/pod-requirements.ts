/**
 * What one replica of a pod template needs: Karmada helper.GenerateReplicaRequirements
 * (pkg/util/helper/binding.go) with util.Resource.AddPodTemplateRequest (pkg/util/resource.go).
 */
import {
  addQuantities,
  formatQuantity,
  isPlainObject,
  milliQuantity,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  sortRecord,
  unitQuantity,
  type JsonObject,
  type JsonValue,
  type NodeClaim,
  type Quantity,
  type ReplicaRequirements,
} from '../api/index.ts';

/** Options mirroring Karmada feature gates. */
export interface RequirementOptions {
  /** Karmada's ResourceQuotaEstimate gate (default off): adds namespace and priorityClassName. */
  readonly resourceQuotaEstimate?: boolean;
}

/**
 * The requirements of one replica, or undefined when the template has neither a node claim nor
 * any resource request (as Karmada returns nil).
 */
export function replicaRequirements(
  podSpec: JsonObject | undefined,
  namespace: string | undefined,
  options: RequirementOptions = {},
): ReplicaRequirements | undefined {
  const spec = podSpec ?? {};
  const nodeClaim = nodeClaimOf(spec);
  const resourceRequest = podResourceRequest(spec);
  if (!nodeClaim && !resourceRequest) return undefined;
  return {
    ...(nodeClaim ? { nodeClaim } : {}),
    ...(resourceRequest ? { resourceRequest } : {}),
    ...(options.resourceQuotaEstimate && namespace ? { namespace } : {}),
    ...(options.resourceQuotaEstimate && typeof spec['priorityClassName'] === 'string' && spec['priorityClassName']
      ? { priorityClassName: spec['priorityClassName'] }
      : {}),
  };
}

/**
 * Karmada GenerateNodeClaimByPodSpec: nodeSelector, tolerations and the *required* node affinity
 * only (preferred terms are not a hard claim); undefined when all three are absent.
 */
export function nodeClaimOf(spec: JsonObject): NodeClaim | undefined {
  const nodeSelector = isPlainObject(spec['nodeSelector'])
    ? (spec['nodeSelector'] as Record<string, string>)
    : undefined;
  const tolerations = Array.isArray(spec['tolerations']) ? spec['tolerations'] : [];
  const affinity = spec['affinity'];
  const nodeAffinity = isPlainObject(affinity) ? affinity['nodeAffinity'] : undefined;
  const required = isPlainObject(nodeAffinity)
    ? nodeAffinity['requiredDuringSchedulingIgnoredDuringExecution']
    : undefined;
  const hardNodeAffinity = isPlainObject(required) ? required : undefined;
  if (!nodeSelector && !hardNodeAffinity && tolerations.length === 0) return undefined;
  return {
    ...(hardNodeAffinity ? { hardNodeAffinity } : {}),
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(tolerations.length > 0 ? { tolerations } : {}),
  };
}

/** Resource totals as util.Resource keeps them: milli-CPU, bytes, and whole units of the rest. */
type Totals = Map<string, bigint>;

/**
 * Requests of one replica (util.Resource AddPodTemplateRequest → ResourceList): a limit counts
 * as the request when the request is absent; app containers are summed; each resource is then
 * raised to every single init container's request; pod overhead is added. Worked example:
 * containers 500m+100m cpu, init containers 1 and 50m → cpu 1.
 */
export function podResourceRequest(spec: JsonObject): Record<string, string> | undefined {
  const totals: Totals = new Map();
  for (const c of containers(spec, 'containers')) addList(totals, effectiveRequests(c));
  for (const c of containers(spec, 'initContainers')) maxList(totals, effectiveRequests(c));
  if (isPlainObject(spec['overhead'])) addList(totals, spec['overhead'] as JsonObject);
  const out: Record<string, string> = {};
  for (const [name, amount] of totals) {
    if (amount <= 0n) continue;
    out[name] = formatQuantity(totalAsQuantity(name, amount));
  }
  return Object.keys(out).length > 0 ? sortRecord(out) : undefined;
}

function containers(spec: JsonObject, field: string): JsonObject[] {
  const list = spec[field];
  return Array.isArray(list) ? list.filter((c): c is JsonObject => isPlainObject(c)) : [];
}

function effectiveRequests(container: JsonObject): JsonObject {
  const resources = isPlainObject(container['resources']) ? (container['resources'] as JsonObject) : {};
  const requests = isPlainObject(resources['requests']) ? (resources['requests'] as JsonObject) : {};
  const limits = isPlainObject(resources['limits']) ? (resources['limits'] as JsonObject) : {};
  return { ...limits, ...requests };
}

/** The unit util.Resource counts a resource in; undefined for names it ignores. */
function amountOf(name: string, value: JsonValue | undefined): bigint | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const q = parseQuantity(value);
  if (!q) return undefined;
  if (name === 'cpu') return quantityMilliValue(q);
  if (name === 'memory' || name === 'ephemeral-storage' || name === 'pods' || isScalarResourceName(name))
    return quantityValue(q);
  return undefined;
}

function addList(totals: Totals, list: JsonObject): void {
  for (const [name, value] of Object.entries(list)) {
    const amount = amountOf(name, value);
    if (amount !== undefined) totals.set(name, (totals.get(name) ?? 0n) + amount);
  }
}

function maxList(totals: Totals, list: JsonObject): void {
  for (const [name, value] of Object.entries(list)) {
    const amount = amountOf(name, value);
    if (amount !== undefined && amount > (totals.get(name) ?? 0n)) totals.set(name, amount);
  }
}

/** Resource.ResourceList: cpu as DecimalSI milli, memory/storage/hugepages BinarySI, others DecimalSI. */
function totalAsQuantity(name: string, amount: bigint): Quantity {
  if (name === 'cpu') return milliQuantity(amount);
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-'))
    return unitQuantity(amount, 'BinarySI');
  return addQuantities(unitQuantity(amount, 'DecimalSI'));
}

/**
 * Karmada lifted.IsScalarResourceName: extended resources (a domain-qualified name outside
 * kubernetes.io), hugepages-*, attachable-volumes-*, and names under kubernetes.io/.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  if (name.includes('kubernetes.io/')) return true;
  if (!name.includes('/') || name.startsWith('requests.')) return false;
  return /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(
    name,
  );
}
