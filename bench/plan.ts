/**
 * Full-plan benchmark: a generated fleet repo (clusters × templates, mixed policies and an
 * override) goes through load (YAML, schemas) and the whole plan (match, schedule, render Works).
 * Each case runs in its own process so peak RSS is per case. Figures, not assertions (Q7).
 *
 *   npx node bench/plan.ts                # all cases
 *   npx node bench/plan.ts 1000x10000     # one case (clusters x templates), in this process
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import YAML from 'yaml';
import { loadFleet, type SourceFile } from '../src/load/index.ts';
import { planFleet } from '../src/plan/index.ts';

const cases = ['100x1000', '100x10000', '1000x1000', '1000x10000', '5000x1000', '5000x10000'];
const enc = new TextEncoder();
const providers = ['aws', 'gcp', 'azure'] as const;
const doc = (path: string, objects: readonly object[]): SourceFile => ({ path, bytes: enc.encode(objects.map((o) => YAML.stringify(o)).join('---\n')) });

function clusterFiles(n: number): SourceFile[] {
  const regions = Math.max(3, Math.round(Math.sqrt(n)));
  return Array.from({ length: n }, (_, i) => {
    const provider = providers[i % 3] ?? 'aws';
    const cpu = 16 + ((i * 7) % 48);
    return doc(`clusters/c${i}.yaml`, [{
      apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster',
      metadata: { name: `c${String(i).padStart(5, '0')}`, labels: { tier: i % 4 === 0 ? 'edge' : 'core', env: 'prod' } },
      spec: { syncMode: 'Push', provider, region: `${provider}-r${i % regions}`, zone: `z${i % 7}`, ...(i % 10 === 0 ? { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } : {}) },
      status: { resourceSummary: { allocatable: { cpu: String(cpu), memory: `${cpu * 4}Gi`, pods: '110' }, allocated: { cpu: String(i % cpu), memory: '8Gi', pods: '20' } } },
    }]);
  });
}

const placements: readonly object[] = [
  { clusterAffinity: { labelSelector: { matchLabels: { tier: 'core' } } }, replicaScheduling: { replicaSchedulingType: 'Duplicated' }, spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 3, minGroups: 2 }] },
  { clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws', 'gcp'] }] } }, replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: [{ targetCluster: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] } }, weight: 2 }, { targetCluster: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['gcp'] }] } }, weight: 1 }] } } },
  { clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } }, replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } }, spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 3 }, { spreadByField: 'cluster', minGroups: 2, maxGroups: 6 }] },
  { clusterAffinities: [{ affinityName: 'edge', labelSelector: { matchLabels: { tier: 'edge' } } }, { affinityName: 'any', labelSelector: {} }], clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }], replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' }, spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2, minGroups: 1 }] },
];

function policyFiles(namespaces: number): SourceFile[] {
  const out: SourceFile[] = [];
  for (let ns = 0; ns < namespaces; ns++) {
    out.push(doc(`policies/ns${ns}.yaml`, placements.map((placement, p) => ({
      apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: `p${p}`, namespace: `ns${ns}` },
      spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { policy: `p${p}` } } }], placement },
    }))));
  }
  out.push(doc('policies/override.yaml', [{
    apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterOverridePolicy', metadata: { name: 'registry' },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], overrideRules: [{ targetCluster: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] } }, overriders: { imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'mirror.aws.example.com' }] } }] },
  }]));
  return out;
}

function templateFiles(count: number, namespaces: number): SourceFile[] {
  return Array.from({ length: count }, (_, i) => doc(`apps/ns${i % namespaces}/app${i}.yaml`, [{
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `app${i}`, namespace: `ns${i % namespaces}`, labels: { policy: `p${i % placements.length}` } },
    spec: { replicas: 1 + (i % 9), selector: { matchLabels: { app: `app${i}` } }, template: { metadata: { labels: { app: `app${i}` } }, spec: { containers: [{ name: 'main', image: `example/app${i % 50}:1.0`, resources: { requests: { cpu: `${100 + (i % 5) * 100}m`, memory: `${128 * (1 + (i % 4))}Mi` } } }] } } },
  }]));
}

function runCase(spec: string): Record<string, number | string> {
  const [c = 1000, t = 10000] = spec.split('x').map(Number);
  const files = [...clusterFiles(c), ...policyFiles(20), ...templateFiles(t, 20)];
  const t0 = performance.now();
  const { fleet, diagnostics } = loadFleet({ revision: 'bench', files, problems: [] });
  const t1 = performance.now();
  const plan = planFleet({ fleet, diagnostics, revision: 'bench' });
  const t2 = performance.now();
  if (plan.errors.length) throw new Error(`bench fleet is invalid: ${plan.errors[0]?.message}`);
  return { case: spec, clusters: c, templates: t, bindings: plan.bindings.length, works: plan.works.length, loadMs: Math.round(t1 - t0), planMs: Math.round(t2 - t1), totalMs: Math.round(t2 - t0), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
}

const only = process.argv[2];
if (only) {
  process.stdout.write(`${JSON.stringify(runCase(only))}\n`);
} else {
  const rows: Record<string, number | string>[] = [];
  for (const spec of cases) {
    const r = spawnSync(process.execPath, [import.meta.filename, spec], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) { process.stderr.write(r.stderr); continue; }
    const row = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number | string>;
    rows.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  const cols = ['case', 'bindings', 'works', 'loadMs', 'planMs', 'totalMs', 'peakRssMiB'];
  process.stdout.write(`\n${cols.map((c) => c.padStart(12)).join('')}\n`);
  for (const r of rows) process.stdout.write(`${cols.map((c) => String(r[c]).padStart(12)).join('')}\n`);
}
