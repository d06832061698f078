/**
 * The generated fleet repos of the plan benchmarks (bench/plan.ts in process, bench/plan-cli.ts
 * through the command line). Two shapes:
 * - `today`: four placements (Duplicated core spread over 2–3 clusters, Weighted, dynamic
 *   weights, Aggregated), so a template lands on about 3 clusters.
 * - `hard`: the same, but a third of the templates are platform add-ons and agents Duplicated
 *   to every edge cluster of one provider (about clusters/12) or to one of 8 shards of the fleet
 *   (clusters/8): a plan of 1,000 × 10,000 then holds about 370,000 Works.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { SourceFile } from '../src/load/index.ts';

export const shapes = ['today', 'hard'] as const;
export type Shape = (typeof shapes)[number];

const enc = new TextEncoder();
const providers = ['aws', 'gcp', 'azure'] as const;
const shards = 8;
const doc = (path: string, objects: readonly object[]): SourceFile => ({
  path,
  bytes: enc.encode(objects.map((o) => YAML.stringify(o)).join('---\n')),
});

function clusterFiles(n: number, shape: Shape): SourceFile[] {
  const regions = Math.max(3, Math.round(Math.sqrt(n)));
  return Array.from({ length: n }, (_, i) => {
    const provider = providers[i % 3] ?? 'aws';
    const cpu = 16 + ((i * 7) % 48);
    return doc(`clusters/c${i}.yaml`, [
      {
        apiVersion: 'cluster.karmada.io/v1alpha1',
        kind: 'Cluster',
        metadata: {
          name: `c${String(i).padStart(5, '0')}`,
          labels: {
            tier: i % 4 === 0 ? 'edge' : 'core',
            env: 'prod',
            ...(shape === 'hard' ? { shard: `s${Math.floor(i / 3) % shards}` } : {}),
          },
        },
        spec: {
          syncMode: 'Push',
          provider,
          region: `${provider}-r${i % regions}`,
          zone: `z${i % 7}`,
          ...(i % 10 === 0 ? { taints: [{ key: 'maintenance', effect: 'NoSchedule' }] } : {}),
        },
        status: {
          resourceSummary: {
            allocatable: { cpu: String(cpu), memory: `${cpu * 4}Gi`, pods: '110' },
            allocated: { cpu: String(i % cpu), memory: '8Gi', pods: '20' },
          },
        },
      },
    ]);
  });
}

const placements: readonly object[] = [
  {
    clusterAffinity: { labelSelector: { matchLabels: { tier: 'core' } } },
    replicaScheduling: { replicaSchedulingType: 'Duplicated' },
    spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 3, minGroups: 2 }],
  },
  {
    clusterAffinity: {
      fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws', 'gcp'] }] },
    },
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
    clusterAffinity: { labelSelector: { matchLabels: { env: 'prod' } } },
    replicaScheduling: {
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: { dynamicWeight: 'AvailableReplicas' },
    },
    spreadConstraints: [
      { spreadByField: 'region', minGroups: 2, maxGroups: 3 },
      { spreadByField: 'cluster', minGroups: 2, maxGroups: 6 },
    ],
  },
  {
    clusterAffinities: [
      { affinityName: 'edge', labelSelector: { matchLabels: { tier: 'edge' } } },
      { affinityName: 'any', labelSelector: {} },
    ],
    clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }],
    replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
    spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2, minGroups: 1 }],
  },
];

/** The hard shape's add-on placements: a provider's edge clusters, or one shard of the fleet (all Duplicated). */
const addOnPlacements: readonly object[] = [
  ...providers.map((p) => ({
    clusterAffinity: {
      labelSelector: { matchLabels: { tier: 'edge' } },
      fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: [p] }] },
    },
    clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }],
    replicaScheduling: { replicaSchedulingType: 'Duplicated' },
  })),
  ...Array.from({ length: shards }, (_, s) => ({
    clusterAffinity: { labelSelector: { matchLabels: { shard: `s${s}` } } },
    clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }],
    replicaScheduling: { replicaSchedulingType: 'Duplicated' },
  })),
];

function policyFiles(namespaces: number, shape: Shape): SourceFile[] {
  const all = shape === 'hard' ? [...placements, ...addOnPlacements] : placements;
  const out: SourceFile[] = [];
  for (let ns = 0; ns < namespaces; ns++) {
    out.push(
      doc(
        `policies/ns${ns}.yaml`,
        all.map((placement, p) => ({
          apiVersion: 'policy.karmada.io/v1alpha1',
          kind: 'PropagationPolicy',
          metadata: { name: `p${p}`, namespace: `ns${ns}` },
          spec: {
            resourceSelectors: [
              { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { policy: `p${p}` } } },
            ],
            placement,
          },
        })),
      ),
    );
  }
  out.push(
    doc('policies/override.yaml', [
      {
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'ClusterOverridePolicy',
        metadata: { name: 'registry' },
        spec: {
          resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
          overrideRules: [
            {
              targetCluster: {
                fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] },
              },
              overriders: {
                imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'mirror.aws.example.com' }],
              },
            },
          ],
        },
      },
    ]),
  );
  return out;
}

/** Template i's policy: in the hard shape every third template is an add-on (p4… in turn). */
function policyOf(i: number, shape: Shape): string {
  if (shape === 'hard' && i % 3 === 2) return `p${placements.length + (Math.floor(i / 3) % addOnPlacements.length)}`;
  return `p${i % placements.length}`;
}

function templateFiles(count: number, namespaces: number, shape: Shape): SourceFile[] {
  return Array.from({ length: count }, (_, i) =>
    doc(`apps/ns${i % namespaces}/app${i}.yaml`, [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `app${i}`, namespace: `ns${i % namespaces}`, labels: { policy: policyOf(i, shape) } },
        spec: {
          replicas: 1 + (i % 9),
          selector: { matchLabels: { app: `app${i}` } },
          template: {
            metadata: { labels: { app: `app${i}` } },
            spec: {
              containers: [
                {
                  name: 'main',
                  image: `example/app${i % 50}:1.0`,
                  resources: { requests: { cpu: `${100 + (i % 5) * 100}m`, memory: `${128 * (1 + (i % 4))}Mi` } },
                },
              ],
            },
          },
        },
      },
    ]),
  );
}

/** The files of a generated fleet repo of `clusters` × `templates` in the given shape. */
export function fleetFiles(clusters: number, templates: number, shape: Shape): SourceFile[] {
  return [...clusterFiles(clusters, shape), ...policyFiles(20, shape), ...templateFiles(templates, 20, shape)];
}

/** Writes the files under `dir` (a fleet repo the command line can plan). */
export function writeFleet(dir: string, files: readonly SourceFile[]): void {
  for (const f of files) {
    const target = path.join(dir, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.bytes);
  }
}

/** `1000x10000` → [1000, 10000]. */
export function parseCase(spec: string): [number, number] {
  const [c = 1000, t = 10000] = spec.split('x').map(Number);
  return [c, t];
}
