/**
 * Scheduler benchmark: generated fleets of 100 / 1,000 / 5,000 clusters × 1,000 / 10,000 templates
 * under mixed policies, about 10% of templates carrying a previous placement. Prints one JSON line
 * per case, then a table. Figures, not assertions (Q7).
 *
 *   npx node bench/scheduler.ts                 # all cases
 *   npx node bench/scheduler.ts 1000x10000      # one case (clusters x templates)
 */
import type { Cluster, Placement, ReplicaRequirements, TargetCluster } from '../src/api/index.ts';
import { createScheduler } from '../src/scheduler/index.ts';
import type { SchedulingRequest } from '../src/scheduler/index.ts';

/** A small seeded PRNG (mulberry32) so every run generates the same fleet. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const providers = ['aws', 'gcp', 'azure'];
const apis = [
  {
    groupVersion: 'apps/v1',
    resources: [
      { name: 'deployments', kind: 'Deployment' },
      { name: 'statefulsets', kind: 'StatefulSet' },
    ],
  },
  {
    groupVersion: 'v1',
    resources: [
      { name: 'configmaps', kind: 'ConfigMap' },
      { name: 'services', kind: 'Service' },
    ],
  },
];

function fleet(n: number, rand: () => number): Cluster[] {
  const regions = Math.max(3, Math.round(Math.sqrt(n)));
  return Array.from({ length: n }, (_, i) => {
    const provider = providers[i % 3] ?? 'aws';
    const region = `${provider}-r${Math.floor(rand() * regions)}`;
    const cpu = 16 + Math.floor(rand() * 48);
    const used = Math.floor(rand() * cpu);
    return {
      apiVersion: 'cluster.karmada.io/v1alpha1',
      kind: 'Cluster',
      metadata: {
        name: `c${String(i).padStart(5, '0')}`,
        labels: { env: rand() < 0.6 ? 'prod' : 'dev', tier: rand() < 0.3 ? 'gold' : 'silver' },
      },
      spec: {
        provider,
        region,
        zones: [`${region}-a`],
        ...(rand() < 0.05 ? { taints: [{ key: 'maintenance', effect: 'NoSchedule' as const }] } : {}),
      },
      status: {
        ...(rand() < 0.9 ? { apiEnablements: apis } : {}),
        ...(rand() < 0.95
          ? {
              resourceSummary: {
                allocatable: { cpu: String(cpu), memory: `${cpu * 4}Gi`, pods: '220' },
                allocated: { cpu: String(used), memory: `${used * 2}Gi`, pods: String(Math.floor(rand() * 100)) },
              },
            }
          : {}),
      },
    };
  });
}

function policies(n: number): Placement[] {
  const names = Array.from({ length: 5 }, (_, i) => `c${String((i * 7) % n).padStart(5, '0')}`);
  return [
    {
      clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } },
      replicaScheduling: { replicaSchedulingType: 'Duplicated' },
    },
    { clusterAffinity: { clusterNames: names }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
    {
      clusterAffinity: { labelSelector: { matchLabels: { tier: 'gold' } } },
      replicaScheduling: {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: {
          staticWeightList: [
            {
              targetCluster: {
                fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] },
              },
              weight: 2,
            },
            {
              targetCluster: {
                fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['gcp'] }] },
              },
              weight: 1,
            },
          ],
        },
      },
    },
    {
      spreadConstraints: [{ spreadByField: 'cluster', minGroups: 2, maxGroups: 3 }],
      replicaScheduling: {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: { dynamicWeight: 'AvailableReplicas' },
      },
    },
    {
      clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['gcp'] }] } },
      replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
    },
    {
      spreadConstraints: [
        { spreadByField: 'region', minGroups: 2, maxGroups: 2 },
        { spreadByField: 'cluster', minGroups: 2, maxGroups: 4 },
      ],
      replicaScheduling: { replicaSchedulingType: 'Duplicated' },
    },
    {
      clusterAffinities: [
        { affinityName: 'primary', clusterNames: names.slice(0, 1) },
        { affinityName: 'fallback', labelSelector: { matchLabels: { env: 'prod' } } },
      ],
      spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
      replicaScheduling: {
        replicaSchedulingType: 'Divided',
        replicaDivisionPreference: 'Weighted',
        weightPreference: { dynamicWeight: 'AvailableReplicas' },
      },
    },
    {
      clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }],
      clusterAffinity: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] } },
    },
    { clusterAffinity: { clusterNames: ['retired'] } },
  ];
}

const requirements: (ReplicaRequirements | undefined)[] = [
  undefined,
  { resourceRequest: { cpu: '500m', memory: '256Mi' } },
  { resourceRequest: { cpu: '1', memory: '1Gi' } },
  { resourceRequest: { cpu: '250m' } },
  { resourceRequest: { cpu: '2', memory: '4Gi' } },
];

function requests(nClusters: number, nTemplates: number, rand: () => number): SchedulingRequest[] {
  const ps = policies(nClusters);
  return Array.from({ length: nTemplates }, (_, i) => {
    const placement = ps[i % ps.length] ?? {};
    const kind = i % 10 === 9 ? 'ConfigMap' : 'Deployment';
    const reqs = kind === 'ConfigMap' ? undefined : requirements[i % requirements.length];
    const previous: TargetCluster[] | undefined =
      rand() < 0.1
        ? [
            {
              name: `c${String(Math.floor(rand() * nClusters)).padStart(5, '0')}`,
              replicas: 1 + Math.floor(rand() * 4),
            },
          ]
        : undefined;
    return {
      resource: {
        apiVersion: kind === 'ConfigMap' ? 'v1' : 'apps/v1',
        kind,
        namespace: `ns${i % 50}`,
        name: `app${i}`,
      },
      placement,
      replicas: kind === 'ConfigMap' ? 0 : 1 + Math.floor(rand() * 20),
      ...(reqs ? { requirements: reqs } : {}),
      ...(previous ? { previous } : {}),
    };
  });
}

interface Figure {
  readonly clusters: number;
  readonly templates: number;
  readonly createMs: number;
  readonly scheduleMs: number;
  readonly scheduled: number;
  readonly unschedulable: number;
  readonly placements: number;
  readonly peakRssMiB: number;
}

function run(nClusters: number, nTemplates: number): Figure {
  const rand = rng(nClusters * 31 + nTemplates);
  const clusters = fleet(nClusters, rand);
  const reqs = requests(nClusters, nTemplates, rand);
  const t0 = performance.now();
  const scheduler = createScheduler(clusters);
  const t1 = performance.now();
  let scheduled = 0;
  let placements = 0;
  for (const r of reqs) {
    const res = scheduler.schedule(r);
    if (res.kind === 'Scheduled') {
      scheduled++;
      placements += res.clusters.length;
    }
  }
  const t2 = performance.now();
  return {
    clusters: nClusters,
    templates: nTemplates,
    createMs: round(t1 - t0),
    scheduleMs: round(t2 - t1),
    scheduled,
    unschedulable: nTemplates - scheduled,
    placements,
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024),
  };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

const cases: [number, number][] = [
  [100, 1000],
  [100, 10000],
  [1000, 1000],
  [1000, 10000],
  [5000, 1000],
  [5000, 10000],
];
const only = process.argv[2];
const figures: Figure[] = [];
for (const [c, t] of cases) {
  if (only !== undefined && only !== `${c}x${t}`) continue;
  const f = run(c, t);
  figures.push(f);
  process.stdout.write(`${JSON.stringify({ bench: 'scheduler', ...f })}\n`);
}
process.stdout.write(
  '\nclusters  templates  create ms  schedule ms  scheduled  unschedulable  placements  peak RSS MiB\n',
);
for (const f of figures) {
  process.stdout.write(
    `${String(f.clusters).padStart(8)}  ${String(f.templates).padStart(9)}  ${String(f.createMs).padStart(9)}  ${String(f.scheduleMs).padStart(11)}  ${String(f.scheduled).padStart(9)}  ${String(f.unschedulable).padStart(13)}  ${String(f.placements).padStart(10)}  ${String(f.peakRssMiB).padStart(12)}\n`,
  );
}
