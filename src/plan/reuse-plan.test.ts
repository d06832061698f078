import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { parsePrevious, planFleet, type Plan } from './index.ts';
import {
  baseFleet,
  cluster,
  deployment,
  registryOverride,
  service,
  servicePolicy,
  weightedPolicy,
} from '../../test/preview/fleet-repo.ts';
import { planHeadReusingBase } from './reuse-plan.ts';
import { snapshotOf, type Files } from './fleet-snapshot.test-support.ts';

/** A plan, every field, as bytes. */
function comparable(p: Plan): string {
  return JSON.stringify(p);
}

/** The ConfigMap `settings` the batch workloads read through envFrom. */
function configMap(version: string): object {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { version } };
}

/** Relabels a fixture Deployment `tier: batch`, so the web policy leaves it to {@link batchPolicy}; optionally reading ConfigMap settings. */
function batch(d: object, readsSettings = false): object {
  const o = d as { metadata: { labels: Record<string, string> } };
  const withEnv = JSON.parse(JSON.stringify(o)) as {
    spec: { template: { spec: { containers: Record<string, unknown>[] } } };
  };
  if (readsSettings)
    for (const c of withEnv.spec.template.spec.containers) c['envFrom'] = [{ configMapRef: { name: 'settings' } }];
  return { ...withEnv, metadata: { ...o.metadata, labels: { ...o.metadata.labels, tier: 'batch' } } };
}

const batchPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'batch', namespace: 'shop' },
  spec: {
    resourceSelectors: [
      { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { tier: 'batch' } } },
    ],
    propagateDeps: true,
    placement: { clusterAffinity: { clusterNames: ['us-1'] } },
  },
};

/** A ClusterOverridePolicy labelling the `api` Deployment `edge: "true"`. */
const edgeLabel = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'ClusterOverridePolicy',
  metadata: { name: 'edge-label' },
  spec: {
    resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }],
    overrideRules: [{ overriders: { labelsOverrider: [{ operator: 'add', value: { edge: 'true' } }] } }],
  },
};
/** An OverridePolicy selecting only what carries the label {@link edgeLabel} adds. */
const edgeOverride = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'OverridePolicy',
  metadata: { name: 'edge', namespace: 'shop' },
  spec: {
    resourceSelectors: [
      { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { edge: 'true' } } },
    ],
    overrideRules: [{ overriders: { annotationsOverrider: [{ operator: 'add', value: { edge: 'yes' } }] } }],
  },
};

describe('plan: the head planned reusing the base equals a full plan', () => {
  const cases: { name: string; both?: Files; change: Files; want: 'partial' | 'full'; replanned?: number }[] = [
    {
      name: 'a weight change re-plans the templates of that policy',
      change: { 'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 2, 'us-1': 1 })] },
      want: 'partial',
      replanned: 2,
    },
    {
      name: 'an override re-plans only what it selects',
      change: { 'policies/web-registry.yaml': [registryOverride('api', 'eu-1', 'mirror.example.com')] },
      want: 'partial',
      replanned: 1,
    },
    {
      name: 'a template change re-plans that template',
      change: { 'apps/api.yaml': [deployment('api', 8, 'registry.example.com/shop/api:2.2')] },
      want: 'partial',
      replanned: 1,
    },
    { name: 'a removed template drops its bindings', change: { 'apps/api.yaml': null }, want: 'partial', replanned: 0 },
    {
      name: 'a removed dependency re-plans its requirers (their missing-dependency warnings)',
      change: { 'apps/settings.yaml': null },
      want: 'partial',
    },
    {
      name: 'a removed policy un-binds what it claimed',
      change: { 'policies/services.yaml': null },
      want: 'partial',
      replanned: 1,
    },
    {
      name: 'a policy change for Services',
      change: { 'policies/services.yaml': [servicePolicy(['eu-1'])] },
      want: 'partial',
      replanned: 1,
    },
    {
      name: 'a changed dependency re-plans it and its requirers (propagateDeps)',
      change: { 'apps/settings.yaml': [configMap('v2')] },
      want: 'partial',
      replanned: 3,
    },
    {
      name: 'a requirer re-planned re-plans its dependency (propagateDeps)',
      change: {
        'apps/batch.yaml': Array.from({ length: 6 }, (_, i) =>
          batch(deployment(`batch${i}`, i === 0 ? 3 : 2, 'registry.example.com/x:1'), i < 2),
        ),
      },
      want: 'partial',
      replanned: 3,
    },
    // Karmada overridemanager.go: OverridePolicies are selected against the object as ClusterOverridePolicies left it.
    {
      name: 'an OverridePolicy selecting a label a ClusterOverridePolicy adds re-plans the templates of its namespace that policy selects',
      both: { 'policies/edge-label.yaml': [edgeLabel] },
      change: { 'policies/edge.yaml': [edgeOverride] },
      want: 'partial',
      replanned: 1,
    },
    {
      name: 'a new cluster re-plans everything',
      change: { 'clusters/ap-1.yaml': [cluster('ap-1', 'ap-south')] },
      want: 'full',
    },
    {
      name: 'workloadAffinity re-plans everything (a group places together)',
      change: {
        'policies/batch.yaml': [
          {
            ...batchPolicy,
            spec: {
              ...batchPolicy.spec,
              placement: { ...batchPolicy.spec.placement, workloadAffinity: { affinity: { groupByLabelKey: 'tier' } } },
            },
          },
        ],
      },
      want: 'full',
    },
    {
      name: 'a new policy that selects nothing is reported as by a full plan',
      change: { 'policies/idle.yaml': [registryOverride('apii', 'eu-1', 'mirror.example.com')] },
      want: 'partial',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const extra: Files = {
        ...c.both,
        'apps/batch.yaml': Array.from({ length: 6 }, (_, i) =>
          batch(deployment(`batch${i}`, 2, 'registry.example.com/x:1'), i < 2),
        ),
        'policies/batch.yaml': [batchPolicy],
        'apps/settings.yaml': [configMap('v1')],
      };
      const b = loadFleet(snapshotOf('a'.repeat(40), { ...baseFleet(), ...extra }));
      const h = loadFleet(snapshotOf('b'.repeat(40), { ...baseFleet(), ...extra, ...c.change }));
      const baseInput = { fleet: b.fleet, diagnostics: b.diagnostics, revision: 'a'.repeat(40) };
      const basePlan = planFleet(baseInput);
      const headInput = { fleet: h.fleet, diagnostics: h.diagnostics, revision: 'b'.repeat(40) };
      const got = planHeadReusingBase({ input: baseInput, plan: basePlan }, headInput);
      assert.equal(got.reuse.kind, c.want, JSON.stringify(got.reuse));
      if (got.reuse.kind === 'partial' && c.replanned !== undefined) assert.equal(got.reuse.replanned, c.replanned);
      const full = planFleet(headInput);
      assert.equal(comparable(got.plan), comparable(full));
    });
  }
});

describe('plan: a relabelled template a requirer now selects', () => {
  const enc = new TextEncoder();
  const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });
  const slice = (name: string, service: string) =>
    `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: ${name}, labels: {kubernetes.io/service-name: ${service}}}\naddressType: IPv4\nendpoints: []\n`;
  const input = (revision: string, service: string) => {
    const { fleet, diagnostics } = loadFleet({
      revision,
      problems: [],
      files: [
        file(
          'clusters/member2.yaml',
          'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: member2}\nspec: {syncMode: Push}\n',
        ),
        file(
          'apps/import.yaml',
          'apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceImport\nmetadata: {name: web}\nspec: {type: ClusterSetIP, ports: [{port: 80}]}\n',
        ),
        file('apps/slices.yaml', [slice('a', service), slice('b', 'other'), slice('c', 'other')].join('---\n')),
        file(
          'policies/pp.yaml',
          'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  propagateDeps: true\n  resourceSelectors: [{apiVersion: multicluster.x-k8s.io/v1alpha1, kind: ServiceImport}]\n  placement:\n    clusterAffinity: {clusterNames: [member2]}\n',
        ),
      ],
    });
    return { fleet, diagnostics, revision };
  };
  // native-dependencies.ts: a ServiceImport's EndpointSlices are selected by kubernetes.io/service-name.
  it('re-plans the requirer, so the dependency is attached as in a full plan', () => {
    const base = input('a', 'other');
    const head = input('b', 'derived-web');
    const got = planHeadReusingBase({ input: base, plan: planFleet(base) }, head);
    assert.equal(JSON.stringify(got.plan), JSON.stringify(planFleet(head)));
  });
});

describe('plan: a template an earlier claim holds', () => {
  // Karmada policy.go: a policy that would win a fresh match does not take a claimed template without preemption.
  const pin = {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'api-pin', namespace: 'shop' },
    spec: {
      priority: 10,
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }],
      placement: { clusterAffinity: { clusterNames: ['eu-1'] } },
    },
  };
  const fleet = () => ({ ...baseFleet(), 'apps/services.yaml': Array.from({ length: 6 }, (_, i) => service(`s${i}`)) });
  it('re-plans it when the policy holding it is edited, though another policy would win a fresh match', () => {
    const load = (revision: string, files: Files) => {
      const { fleet, diagnostics } = loadFleet(snapshotOf(revision, files));
      return { fleet, diagnostics, revision };
    };
    const first = load('a'.repeat(40), fleet());
    const recorded = parsePrevious({ bindings: planFleet(first).bindings }, 'previous.json');
    const history = { previous: recorded.previous, applied: recorded.applied, records: recorded.records };
    const base = { ...load('b'.repeat(40), { ...fleet(), 'policies/api-pin.yaml': [pin] }), ...history };
    const head = {
      ...load('c'.repeat(40), {
        ...fleet(),
        'policies/api-pin.yaml': [pin],
        'policies/web-spread.yaml': [weightedPolicy({ 'eu-1': 3, 'us-1': 1 })],
      }),
      ...history,
    };
    const got = planHeadReusingBase({ input: base, plan: planFleet(base) }, head);
    assert.equal(got.reuse.kind, 'partial');
    assert.equal(comparable(got.plan), comparable(planFleet(head)));
  });
});
