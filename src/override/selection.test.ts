import assert from 'node:assert/strict';
import type { KubeObject, Loaded, OverridePolicy } from '../api/index.ts';
import { clusterOverridePolicy, overridePolicy } from './builders.test.ts';
import { implicitPriority, matchingInOrder, selectOverridePolicies, selectorPriority } from './selection.ts';

const nginx: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
};
const clusterRole: KubeObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name: 'reader' },
};
const byName = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' };
const byLabel = { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { app: 'nginx' } } };
const byKind = { apiVersion: 'apps/v1', kind: 'Deployment' };

describe('selectorPriority (Karmada util.ResourceSelectorPriority)', () => {
  const cases: { name: string; rs: Parameters<typeof selectorPriority>[1]; want: number }[] = [
    { name: 'name', rs: byName, want: implicitPriority.matchName },
    {
      name: 'name beats a failing label selector',
      rs: { ...byName, labelSelector: { matchLabels: { app: 'other' } } },
      want: implicitPriority.matchName,
    },
    { name: 'label selector', rs: byLabel, want: implicitPriority.matchLabelSelector },
    { name: 'kind only', rs: byKind, want: implicitPriority.matchAll },
    { name: 'other apiVersion', rs: { ...byKind, apiVersion: 'apps/v1beta1' }, want: implicitPriority.misMatch },
    { name: 'other namespace', rs: { ...byKind, namespace: 'prod' }, want: implicitPriority.misMatch },
    { name: 'other name', rs: { ...byName, name: 'web' }, want: implicitPriority.misMatch },
    {
      name: 'label selector not matching',
      rs: { ...byKind, labelSelector: { matchLabels: { app: 'web' } } },
      want: implicitPriority.misMatch,
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(selectorPriority(nginx, c.rs), c.want));
});

const names = (ps: readonly Loaded<OverridePolicy>[]): string[] =>
  ps.map((p) => `${p.object.kind}/${p.object.metadata.name}`);

/** The application order when no overrider changes what selectors read. */
const applicationOrder = (policies: readonly Loaded<OverridePolicy>[], template: KubeObject) => {
  const candidates = selectOverridePolicies(policies, template);
  return [
    ...matchingInOrder(candidates, template, 'ClusterOverridePolicy'),
    ...matchingInOrder(candidates, template, 'OverridePolicy'),
  ];
};

describe('selectOverridePolicies + matchingInOrder (Karmada application order)', () => {
  const cases: { name: string; template: KubeObject; policies: Loaded<OverridePolicy>[]; want: string[] }[] = [
    {
      name: 'cluster policies first, then namespaced; each by priority then name',
      template: nginx,
      policies: [
        overridePolicy('a-name', { resourceSelectors: [byName] }),
        overridePolicy('b-all', {}),
        overridePolicy('c-label', { resourceSelectors: [byLabel] }),
        overridePolicy('a-kind', { resourceSelectors: [byKind] }),
        clusterOverridePolicy('z-name', { resourceSelectors: [byName] }),
        clusterOverridePolicy('y-all', {}),
      ],
      want: [
        'ClusterOverridePolicy/y-all',
        'ClusterOverridePolicy/z-name',
        'OverridePolicy/a-kind',
        'OverridePolicy/b-all',
        'OverridePolicy/c-label',
        'OverridePolicy/a-name',
      ],
    },
    {
      name: 'the best selector of a policy counts',
      template: nginx,
      policies: [
        overridePolicy('one', { resourceSelectors: [byKind, byName] }),
        overridePolicy('two', { resourceSelectors: [byLabel] }),
      ],
      want: ['OverridePolicy/two', 'OverridePolicy/one'],
    },
    {
      name: 'policies that match nothing are dropped',
      template: nginx,
      policies: [
        overridePolicy('web', { resourceSelectors: [{ ...byName, name: 'web' }] }),
        clusterOverridePolicy('svc', { resourceSelectors: [{ apiVersion: 'v1', kind: 'Service' }] }),
      ],
      want: [],
    },
    {
      name: 'an OverridePolicy applies only in its own namespace',
      template: nginx,
      policies: [overridePolicy('prod-all', {}, 'prod'), overridePolicy('default-all', {})],
      want: ['OverridePolicy/default-all'],
    },
    {
      name: 'a cluster-scoped template takes ClusterOverridePolicies only',
      template: clusterRole,
      policies: [overridePolicy('all', {}), clusterOverridePolicy('all', {})],
      want: ['ClusterOverridePolicy/all'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(names(applicationOrder(c.policies, c.template)), c.want);
      assert.deepEqual(
        names(applicationOrder(c.policies.toReversed(), c.template)),
        c.want,
        'input order must not matter (D3)',
      );
    });
  }
});

// Karmada overridemanager.go ApplyOverridePolicies: OverridePolicies are selected after the
// ClusterOverridePolicies changed the object, so each namespaced one stays a candidate then.
describe('selectOverridePolicies candidates', () => {
  const cases: { name: string; policies: Loaded<OverridePolicy>[]; want: string[] }[] = [
    {
      name: 'without a matching ClusterOverridePolicy, only matching OverridePolicies',
      policies: [overridePolicy('web', { resourceSelectors: [{ ...byName, name: 'web' }] }), overridePolicy('all', {})],
      want: ['OverridePolicy/all'],
    },
    {
      name: 'with a matching ClusterOverridePolicy, every OverridePolicy of the namespace, by name',
      policies: [
        overridePolicy('web', { resourceSelectors: [{ ...byName, name: 'web' }] }),
        overridePolicy('all', {}),
        overridePolicy('other-ns', {}, 'prod'),
        clusterOverridePolicy('c', {}),
      ],
      want: ['ClusterOverridePolicy/c', 'OverridePolicy/all', 'OverridePolicy/web'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(names(selectOverridePolicies(c.policies, nginx)), c.want);
      assert.deepEqual(names(selectOverridePolicies(c.policies.toReversed(), nginx)), c.want);
    });
  }
});
