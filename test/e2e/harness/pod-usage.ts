// Emulated pod usage on a member: one kwok ClusterResourceUsage that every pod matches, whose CEL
// expressions pick a CPU and memory usage per container by the pod's namespace and labels. The rules
// are kept in an annotation of that object, newest first, so a test sets "load" per label selector
// and pods created later (a scale-up) get it too. kwok takes the first ClusterResourceUsage that
// matches a pod in no defined order, so one object holding every rule is the only deterministic way.
// Pure: rules in, manifest out; the harness applies it.

/** Name of the one ClusterResourceUsage of the harness. */
export const usageObjectName = 'flotilla-e2e-usage';
const rulesAnnotation = 'flotilla.test/usage-rules';

/** What a container of a pod that matches no rule uses (kwok's own defaults). */
export const defaultUsage = { cpu: '1m', memory: '1Mi' } as const;

/** Usage of each container of the pods in `namespace` whose labels include `selector`. */
export interface UsageRule {
  readonly namespace: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly cpu?: string;
  readonly memory?: string;
}

function sameTarget(a: UsageRule, b: UsageRule): boolean {
  const keys = (r: UsageRule): string =>
    JSON.stringify(Object.entries(r.selector).sort(([x], [y]) => x.localeCompare(y)));
  return a.namespace === b.namespace && keys(a) === keys(b);
}

/** `rules` with `rule` first; a rule for the same namespace and selector is merged into it. */
export function withRule(rules: ReadonlyArray<UsageRule>, rule: UsageRule): UsageRule[] {
  const old = rules.find((r) => sameTarget(r, rule));
  const merged: UsageRule = { ...old, ...rule };
  return [merged, ...rules.filter((r) => !sameTarget(r, rule))];
}

const quantityPattern = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

function quantity(q: string): string {
  if (!quantityPattern.test(q)) throw new Error(`not a resource quantity: ${JSON.stringify(q)}`);
  return `Quantity(${JSON.stringify(q)})`;
}

function condition(rule: UsageRule): string {
  const labels = Object.entries(rule.selector)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([k, v]) =>
        `(${JSON.stringify(k)} in pod.metadata.labels && pod.metadata.labels[${JSON.stringify(k)}] == ${JSON.stringify(v)})`,
    );
  const ns = `pod.metadata.namespace == ${JSON.stringify(rule.namespace)}`;
  // kwok's CEL sees the typed Pod: absent labels are an empty map, so `in` needs no has().
  return [ns, ...labels].join(' && ');
}

/** The CEL expression of one resource: the first rule that sets it and matches, else the default. */
export function usageExpression(rules: ReadonlyArray<UsageRule>, resource: 'cpu' | 'memory'): string {
  let expr = quantity(defaultUsage[resource]);
  for (const rule of [...rules].reverse()) {
    const q = rule[resource];
    if (q !== undefined) expr = `${condition(rule)} ? ${quantity(q)} : (${expr})`;
  }
  return expr;
}

/** The ClusterResourceUsage holding `rules`. */
export function usageObject(rules: ReadonlyArray<UsageRule>): Record<string, unknown> {
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterResourceUsage',
    metadata: { name: usageObjectName, annotations: { [rulesAnnotation]: JSON.stringify(rules) } },
    spec: {
      usages: [
        {
          usage: {
            cpu: { expression: usageExpression(rules, 'cpu') },
            memory: { expression: usageExpression(rules, 'memory') },
          },
        },
      ],
    },
  };
}

/** The rules an applied usage object holds (none when it is absent). */
export function rulesOf(obj: { metadata?: { annotations?: Record<string, string> } } | undefined): UsageRule[] {
  const text = obj?.metadata?.annotations?.[rulesAnnotation];
  return text === undefined ? [] : (JSON.parse(text) as UsageRule[]);
}

const cpuUnits: Readonly<Record<string, number>> = { n: 1e-6, u: 1e-3, m: 1, '': 1000 };
const byteUnits: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
};

/** A CPU quantity as metrics.k8s.io writes it ("799873n", "800m", "1") in millicores. */
export function cpuMillis(q: string): number {
  const m = /^([0-9.]+)(n|u|m|)$/.exec(q);
  const unit = m?.[2];
  if (!m?.[1] || unit === undefined) throw new Error(`not a CPU quantity: ${JSON.stringify(q)}`);
  return Number(m[1]) * (cpuUnits[unit] ?? 1);
}

/** A memory quantity ("262144Ki", "268435456") in bytes. */
export function memoryBytes(q: string): number {
  const m = /^([0-9.]+)(k|M|G|Ki|Mi|Gi|)$/.exec(q);
  const unit = m?.[2];
  if (!m?.[1] || unit === undefined) throw new Error(`not a memory quantity: ${JSON.stringify(q)}`);
  return Number(m[1]) * (byteUnits[unit] ?? 1);
}
