import assert from 'node:assert/strict';
import { resourceKey, type GracefulEvictionTask, type ResourceKey, type TargetCluster } from '../api/index.ts';
import { loadFleet } from '../load/index.ts';
import { cluster, deployment, service, servicePolicy, weightedPolicy } from '../../test/preview/fleet-repo.ts';
import { snapshotOf } from './fleet-snapshot.test-support.ts';
import { planFleet, planHeadReusingBase, type Plan, type PlanInput } from './index.ts';
import { indexOfWorks, workIndexOf, type WorkIndex } from './work-index.ts';

/**
 * A controller's passes, each planned reusing the pass before (as src/controller/plan-memory.ts
 * does), with its history read back from the last plan as the status branch records it. At every
 * pass the partial plan must be the full plan's bytes.
 */

type Files = Record<string, readonly object[]>;

/** What a pass plans from beside the files: placement history as the status branch hands it over. */
interface History {
  readonly previous: Map<ResourceKey, readonly TargetCluster[]>;
  readonly evictions: Map<ResourceKey, readonly GracefulEvictionTask[]>;
}

/** The history a pass after `plan` reads: each binding's clusters and eviction tasks. */
function historyOf(plan: Plan): History {
  const previous = new Map<ResourceKey, readonly TargetCluster[]>();
  const evictions = new Map<ResourceKey, readonly GracefulEvictionTask[]>();
  for (const b of plan.bindings) {
    const key = resourceKey(b.spec.resource);
    previous.set(key, b.spec.clusters);
    if (b.spec.gracefulEvictionTasks?.length) evictions.set(key, b.spec.gracefulEvictionTasks);
  }
  return { previous, evictions };
}

function inputOf(revision: string, files: Files, h: History): PlanInput {
  const { fleet, diagnostics } = loadFleet(snapshotOf(revision, files));
  return { fleet, diagnostics, revision, previous: h.previous, evictions: h.evictions };
}

const key = (name: string) => resourceKey({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name });
const image = (n: number) => `registry.example.com/shop/app:${n}`;

/**
 * Three clusters, twelve Deployments Divided by static weights and one by available replicas, Services and twenty ConfigMaps Duplicated, one Service
 * no cluster can take and a ConfigMap no policy selects (warnings); the namespace is placed on us-1 by its
 * own policy and derived for the other clusters.
 */
function fleetFiles(): Files {
  return {
    'clusters/eu-1.yaml': [cluster('eu-1', 'eu-west')],
    'clusters/eu-2.yaml': [cluster('eu-2', 'eu-west')],
    'clusters/us-1.yaml': [cluster('us-1', 'us-east')],
    'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'eu-2': 1, 'us-1': 1 })],
    'policies/services.yaml': [servicePolicy(['eu-1', 'us-1'])],
    'policies/nowhere.yaml': [
      {
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'PropagationPolicy',
        metadata: { name: 'nowhere', namespace: 'shop' },
        spec: {
          resourceSelectors: [{ apiVersion: 'v1', kind: 'Service', name: 'lost' }],
          priority: 5,
          placement: { clusterAffinity: { clusterNames: ['ap-1'] } },
        },
      },
    ],
    'apps/a.yaml': Array.from({ length: 6 }, (_, i) => deployment(`a${i}`, 4 + i, image(1))),
    'apps/b.yaml': Array.from({ length: 6 }, (_, i) => deployment(`b${i}`, 3 + i, image(1))),
    'apps/services.yaml': [service('a0'), service('b0'), service('lost')],
    'apps/dynamic.yaml': [deployment('dyn', 30, image(1)), big],
    'policies/dynamic.yaml': [
      {
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'PropagationPolicy',
        metadata: { name: 'dynamic', namespace: 'shop' },
        spec: {
          resourceSelectors: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name: 'dyn' },
            { apiVersion: 'apps/v1', kind: 'Deployment', name: 'big' },
          ],
          placement: {
            clusterAffinity: { clusterNames: ['eu-1', 'eu-2', 'us-1'] },
            replicaScheduling: {
              replicaSchedulingType: 'Divided',
              replicaDivisionPreference: 'Weighted',
              weightPreference: { dynamicWeight: 'AvailableReplicas' },
            },
          },
        },
      },
    ],
    'namespaces/shop.yaml': [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'shop' } } },
    ],
    'policies/namespaces.yaml': [
      {
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'ClusterPropagationPolicy',
        metadata: { name: 'namespaces' },
        spec: {
          resourceSelectors: [{ apiVersion: 'v1', kind: 'Namespace', name: 'shop' }],
          placement: { clusterAffinity: { clusterNames: ['us-1'] } },
        },
      },
    ],
    'apps/orphan.yaml': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orphan', namespace: 'shop' } }],
    'apps/config.yaml': Array.from({ length: 20 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `config${i}`, namespace: 'shop', labels: { shared: 'yes' } },
      data: { n: String(i) },
    })),
    'policies/config.yaml': [
      {
        apiVersion: 'policy.karmada.io/v1alpha1',
        kind: 'PropagationPolicy',
        metadata: { name: 'config', namespace: 'shop' },
        spec: {
          resourceSelectors: [
            { apiVersion: 'v1', kind: 'ConfigMap', labelSelector: { matchLabels: { shared: 'yes' } } },
          ],
          placement: { clusterAffinity: { clusterNames: ['eu-1', 'eu-2', 'us-1'] } },
        },
      },
    ],
  };
}

/** A Deployment the clusters have no room for (7 × 30 CPUs): unschedulable, so scheduled again every pass, reading capacity. */
const big = (() => {
  const d = deployment('big', 7, image(1)) as {
    spec: { template: { spec: { containers: { resources: object }[] } } };
  };
  const containers = d.spec.template.spec.containers.map((c) => ({ ...c, resources: { requests: { cpu: '30' } } }));
  return { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers } } } };
})();

/** A PropagationPolicy selecting nothing (only a coverage warning). */
const idlePolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'idle', namespace: 'shop' },
  spec: {
    resourceSelectors: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'none' }],
    placement: { clusterAffinity: { clusterNames: ['us-1'] } },
  },
};

/** An eviction task as the failover pass writes it, for the copy on `cluster`. */
function evictionFrom(clusterName: string, replicas: number): GracefulEvictionTask {
  return {
    fromCluster: clusterName,
    purgeMode: 'Gracefully',
    replicas,
    reason: 'ApplicationFailure',
    producer: 'resource-binding-application-failover-controller',
    creationTimestamp: '2026-01-01T00:00:00Z',
  };
}

/** An index as plain sorted data: counts of zero left out, each binding's Works by name. */
function indexData(index: WorkIndex): unknown {
  const counts = (m: WorkIndex['needing']) =>
    [...m]
      .map(([ns, inner]) => [ns, [...inner].filter(([, n]) => n !== 0).sort()] as const)
      .filter(([, inner]) => inner.length > 0)
      .sort();
  return {
    byBinding: [...index.byBinding]
      .map(([id, works]) => [id, works.map((w) => `${w.metadata.namespace}/${w.metadata.name}`).sort()] as const)
      .sort(),
    needing: counts(index.needing),
    placing: counts(index.placing),
  };
}

interface Pass {
  readonly name: string;
  /** The files and history of this pass, from the last pass's. */
  readonly next: (files: Files, h: History) => { files: Files; history: History };
  readonly want: 'partial' | 'full';
  /**
   * At most this many templates re-planned: the changed ones, and those whose placement changed
   * the pass before (their previous placement is now that pass's, which may schedule otherwise).
   */
  readonly replanned?: number;
}

const passes: Pass[] = [
  {
    name: 'the pass after the first reads its placement back',
    next: (files, h) => ({ files, history: h }),
    want: 'full',
  },
  { name: 'nothing changed', next: (files, h) => ({ files, history: h }), want: 'partial', replanned: 0 },
  {
    name: 'one template gets a new image',
    next: (files, h) => ({
      files: {
        ...files,
        'apps/b.yaml': (files['apps/b.yaml'] ?? []).map((d, i) => (i === 2 ? deployment('b2', 5, image(2)) : d)),
      },
      history: h,
    }),
    want: 'partial',
    replanned: 1,
  },
  {
    name: 'an autoscaler changes one template’s replicas',
    next: (files, h) => ({
      files: {
        ...files,
        'apps/a.yaml': (files['apps/a.yaml'] ?? []).map((d, i) => (i === 1 ? deployment('a1', 9, image(1)) : d)),
      },
      history: h,
    }),
    want: 'partial',
    replanned: 1,
  },
  {
    name: 'a failover evicts one binding from eu-1',
    next: (files, h) => {
      const from = h.previous.get(key('a3')) ?? [];
      const previous = new Map(h.previous);
      previous.set(
        key('a3'),
        from.filter((c) => c.name !== 'eu-1'),
      );
      const evictions = new Map(h.evictions);
      evictions.set(key('a3'), [evictionFrom('eu-1', from.find((c) => c.name === 'eu-1')?.replicas ?? 0)]);
      return { files, history: { previous, evictions } };
    },
    want: 'partial',
    replanned: 2,
  },
  {
    name: 'the eviction is still graceful a pass later',
    next: (files, h) => ({ files, history: h }),
    want: 'partial',
    replanned: 1,
  },
  {
    name: 'a previous placement moves (a descheduler takes replicas off us-1)',
    next: (files, h) => {
      const previous = new Map(h.previous);
      previous.set(
        key('b4'),
        (h.previous.get(key('b4')) ?? []).map((c) => (c.name === 'us-1' ? { name: 'us-1', replicas: 0 } : c)),
      );
      return { files, history: { ...h, previous } };
    },
    want: 'partial',
    replanned: 2,
  },
  {
    name: 'the eviction task is purged',
    next: (files, h) => {
      const evictions = new Map(h.evictions);
      evictions.delete(key('a3'));
      return { files, history: { ...h, evictions } };
    },
    want: 'partial',
    replanned: 2,
  },
  {
    name: 'templates move down their file',
    next: (files, h) => ({
      files: { ...files, 'apps/services.yaml': [service('extra'), ...(files['apps/services.yaml'] ?? [])] },
      history: h,
    }),
    want: 'partial',
    replanned: 5,
  },
  {
    name: 'a policy moves down its file (its Unschedulable warning names another line)',
    next: (files, h) => ({
      files: { ...files, 'policies/nowhere.yaml': [idlePolicy, ...(files['policies/nowhere.yaml'] ?? [])] },
      history: h,
    }),
    want: 'partial',
    replanned: 2,
  },
  {
    name: 'a template’s labels leave every policy (coverage warnings change)',
    next: (files, h) => {
      const untiered = deployment('a5', 9, image(1)) as { metadata: { labels: Record<string, string> } };
      const a5 = { ...untiered, metadata: { ...untiered.metadata, labels: { app: 'a5' } } };
      return {
        files: { ...files, 'apps/a.yaml': (files['apps/a.yaml'] ?? []).map((d, i) => (i === 5 ? a5 : d)) },
        history: h,
      };
    },
    want: 'partial',
    replanned: 1,
  },
  {
    name: 'a member’s observed capacity changes (pods came): only templates with replicas re-plan',
    next: (files, h) => {
      const c = cluster('eu-1', 'eu-west') as { status: { resourceSummary: Record<string, unknown> } };
      const busy = {
        ...c,
        status: {
          ...c.status,
          resourceSummary: { ...c.status.resourceSummary, allocated: { cpu: '40', memory: '200Gi', pods: '300' } },
        },
      };
      return { files: { ...files, 'clusters/eu-1.yaml': [busy] }, history: h };
    },
    want: 'partial',
    replanned: 15,
  },
  {
    name: 'a cluster’s labels change',
    next: (files, h) => ({
      files: { ...files, 'clusters/eu-2.yaml': [{ ...cluster('eu-2', 'eu-central') }] },
      history: h,
    }),
    want: 'full',
  },
  {
    name: 'nothing changed after the cluster change',
    next: (files, h) => ({ files, history: h }),
    want: 'partial',
    replanned: 0,
  },
];

describe('plan: controller passes planned reusing the pass before equal full plans', () => {
  let files = fleetFiles();
  let input = inputOf('r0', files, { previous: new Map(), evictions: new Map() });
  let plan = planFleet(input);
  passes.forEach((p, i) => {
    // Each pass starts where the one before it ended, as the controller's do.
    it(`pass ${i + 1}: ${p.name}`, () => {
      const next = p.next(files, historyOf(plan));
      const head = inputOf(`r${i + 1}`, next.files, next.history);
      const got = planHeadReusingBase({ input, plan }, head);
      const full = planFleet(head);
      assert.equal(JSON.stringify(got.plan), JSON.stringify(full));
      // The index the next pass starts from is the one its Works have.
      assert.deepEqual(indexData(workIndexOf(got.plan)), indexData(indexOfWorks(got.plan.works)));
      assert.equal(got.reuse.kind, p.want, JSON.stringify(got.reuse));
      // The Namespace template is re-planned every time (reuse-plan.ts).
      if (got.reuse.kind === 'partial' && p.replanned !== undefined)
        assert.ok(got.reuse.replanned <= p.replanned + 1, JSON.stringify(got.reuse));
      assert.ok(
        full.warnings.some((w) => w.code === 'Unschedulable'),
        'the fleet keeps a warning to carry over',
      );
      files = next.files;
      input = head;
      plan = got.plan;
    });
  });
});
