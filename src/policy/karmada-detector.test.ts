/**
 * Karmada's detector decision tables, ported case by case:
 * pkg/detector/compare_test.go :: Test_GetHigherPriorityPropagationPolicy,
 *   Test_GetHigherPriorityClusterPropagationPolicy (the name tie-break),
 *   Test_getHighestPriorityPropagationPolicies, Test_getHighestPriorityClusterPropagationPolicies;
 * pkg/detector/detector_test.go :: TestEventFilter (templates Karmada never propagates, with the
 *   default --skipped-propagating-namespaces=kube-.*), TestLookForMatchedPolicy, TestLookForMatchedClusterPolicy;
 * pkg/detector/preemption_test.go :: TestHandleDeprioritizedPropagationPolicy,
 *   TestHandleDeprioritizedClusterPropagationPolicy (Karmada requeues the Always policies whose
 *   priority lies between the claimer's old and new one, so the highest of them preempts; flotilla
 *   decides the same from the previous claim in one pass, and the case asserts who claims).
 * Skipped as plumbing: "someone policy is nil" (no nil policy in flotilla), claim_test.go (writing and
 * removing claim labels), policy_test.go (listing and cleaning bindings; excludeClusterPolicy edits
 * claim labels), handler_test.go (queue keys), and detector_test.go's informer, leader-election,
 * OnAdd/OnUpdate/OnDelete, activation-queue and ApplyPolicy cases (the binding's workload-affinity
 * labels belong to building bindings, not to matching).
 */
import assert from 'node:assert/strict';
import type { KubeObject, Loaded, PropagationPolicy, ResourceSelector } from '../api/index.ts';
import { matchClaimed, type PolicyClaim } from './claimed-match.ts';
import { bestMatch, indexPolicies, matchPolicy } from './match-policy.ts';

const source = { file: 'policies/p.yaml', line: 1, column: 1, doc: 0 };
type Kind = PropagationPolicy['kind'];
function policy(
  kind: Kind,
  name: string,
  selectors: ResourceSelector[],
  extra: Partial<PropagationPolicy['spec']> = {},
): Loaded<PropagationPolicy> {
  return {
    source,
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind,
      metadata: kind === 'PropagationPolicy' ? { name, namespace: 'test' } : { name },
      spec: { resourceSelectors: selectors, ...extra },
    },
  };
}
const nginx = (namespace = 'test'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace, labels: { app: 'nginx' } },
});
const byName: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', namespace: 'test' };
const byLabel: ResourceSelector = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  namespace: 'test',
  labelSelector: { matchLabels: { app: 'nginx' } },
};
const all: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'test' };

for (const [kind, test] of [
  ['PropagationPolicy', 'Test_GetHigherPriorityPropagationPolicy'],
  ['ClusterPropagationPolicy', 'Test_GetHigherPriorityClusterPropagationPolicy'],
] as const) {
  describe(`Karmada compare_test.go :: ${test}`, () => {
    // Two policies equal on explicit and implicit priority: the smaller name (byte order) wins.
    const cases: { name: string; a: string; b: string; want: string }[] = [
      { name: 'same length of name', a: 'A', b: 'B', want: 'A' },
      { name: 'different length of name', a: 'abc', b: 'ab', want: 'ab' },
      { name: 'someone policy name is empty', a: '', b: 'ab', want: '' },
    ];
    for (const c of cases)
      it(c.name, () => {
        const got = bestMatch([policy(kind, c.a, [byName]), policy(kind, c.b, [byName])], nginx());
        assert.equal(got?.policy.object.metadata.name, c.want);
      });
  });
}

for (const [kind, test] of [
  ['PropagationPolicy', 'Test_getHighestPriorityPropagationPolicies'],
  ['ClusterPropagationPolicy', 'Test_getHighestPriorityClusterPropagationPolicies'],
] as const) {
  describe(`Karmada compare_test.go :: ${test}`, () => {
    const p = (name: string, s: ResourceSelector, priority?: number) =>
      policy(kind, name, [s], priority === undefined ? {} : { priority });
    const cases: { name: string; policies: Loaded<PropagationPolicy>[]; namespace?: string; want?: string }[] = [
      { name: 'empty policies', policies: [] },
      {
        name: 'mo policy match for resource',
        policies: [p('match-with-name', byName), p('match-with-label', byLabel)],
        namespace: 'test01',
      },
      {
        name: 'different implicit priority policy',
        policies: [p('match-with-name', byName), p('match-with-label', byLabel), p('match-all', all)],
        want: 'match-with-name',
      },
      { name: 'same implicit priority policy', policies: [p('a-pp', byName), p('b-pp', byName)], want: 'a-pp' },
      {
        name: 'one policy with implicit priority, one policy with explicit priority 1',
        policies: [p('a-pp', byName), p('b-pp', byName, 1)],
        want: 'b-pp',
      },
      {
        name: 'one policy with explicit priority 1(name match), one policy with explicit priority 2(label selector match)',
        policies: [p('a-pp', byName, 1), p('b-pp', byLabel, 2)],
        want: 'b-pp',
      },
      {
        name: 'two policies with explicit priority 1(name match), select the one with lower alphabetical order',
        policies: [p('a-pp', byName, 1), p('b-pp', byName, 1)],
        want: 'a-pp',
      },
      {
        name: 'one policy with explicit priority 1(name match), one policy with explicit priority 1(label selector match)',
        policies: [p('a-pp', byLabel, 1), p('b-pp', byName, 1)],
        want: 'b-pp',
      },
      {
        name: 'one policy with explicit priority -1(name match), one policy with implicit priority(label selector match)',
        policies: [p('a-pp', byLabel), p('b-pp', byName, -1)],
        want: 'a-pp',
      },
    ];
    for (const c of cases)
      it(c.name, () => {
        const got = bestMatch(c.policies, nginx(c.namespace));
        assert.equal(got?.policy.object.metadata.name, c.want);
        // The same policies in the other order decide the same.
        assert.equal(bestMatch(c.policies.toReversed(), nginx(c.namespace))?.policy.object.metadata.name, c.want);
      });
  });
}

describe('Karmada detector_test.go :: TestEventFilter', () => {
  const matchAll = indexPolicies([
    policy('ClusterPropagationPolicy', 'everything', [
      { apiVersion: 'v1', kind: 'Pod' },
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'v1', kind: 'Node' },
    ]),
  ]);
  const obj = (kind: string, name: string, namespace?: string): KubeObject => ({
    apiVersion: 'v1',
    kind,
    metadata: namespace === undefined ? { name } : { name, namespace },
  });
  const cases: { name: string; obj: KubeObject; expected: boolean }[] = [
    { name: 'object in karmada-system namespace', obj: obj('Pod', 'test-obj', 'karmada-system'), expected: false },
    { name: 'object in karmada-cluster namespace', obj: obj('Pod', 'test-obj', 'karmada-cluster'), expected: false },
    { name: 'object in karmada-es-* namespace', obj: obj('Pod', 'test-obj', 'karmada-es-test'), expected: false },
    { name: 'object in skipped namespace', obj: obj('Pod', 'test-obj', 'kube-system'), expected: false },
    { name: 'object in non-skipped namespace', obj: obj('Pod', 'test-obj', 'default'), expected: true },
    {
      name: 'extension-apiserver-authentication configmap in kube-system',
      obj: obj('ConfigMap', 'extension-apiserver-authentication', 'kube-system'),
      expected: false,
    },
    { name: 'cluster-scoped resource', obj: obj('Node', 'test-node'), expected: true },
    // Not an upstream case: EventFilter reads the object's namespace, which a Namespace has none of.
    { name: 'a Namespace named like a reserved one', obj: obj('Namespace', 'kube-extra'), expected: true },
  ];
  const withNamespaces = indexPolicies([
    policy('ClusterPropagationPolicy', 'everything', [
      { apiVersion: 'v1', kind: 'Pod' },
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'v1', kind: 'Node' },
      { apiVersion: 'v1', kind: 'Namespace' },
    ]),
  ]);
  for (const c of cases)
    it(c.name, () =>
      assert.equal(
        matchPolicy(c.obj.kind === 'Namespace' ? withNamespaces : matchAll, c.obj) !== undefined,
        c.expected,
      ),
    );
});

for (const [kind, test] of [
  ['PropagationPolicy', 'TestHandleDeprioritizedPropagationPolicy'],
  ['ClusterPropagationPolicy', 'TestHandleDeprioritizedClusterPropagationPolicy'],
] as const) {
  describe(`Karmada preemption_test.go :: ${test}`, () => {
    // `app` claimed nginx when its priority was higher; it is now 2. The Always policies name the template.
    const app = policy(kind, 'app', [byLabel], { priority: 2 });
    const always = (name: string, priority: number) => policy(kind, name, [byName], { priority, preemption: 'Always' });
    const claim: PolicyClaim =
      kind === 'PropagationPolicy' ? { kind, namespace: 'test', name: 'app' } : { kind, name: 'app' };
    const cases: { name: string; policies: Loaded<PropagationPolicy>[]; want: string }[] = [
      {
        name: `preempt deprioritized ${kind === 'PropagationPolicy' ? '' : 'cluster '}propagation policy of len 1`,
        policies: [app, always('foo', 3)],
        want: 'foo',
      },
      {
        name: `preempt deprioritized ${kind === 'PropagationPolicy' ? '' : 'cluster '}propagation policy of len 2`,
        policies: [app, always('foo', 3), always('foo-2', 4)],
        want: 'foo-2',
      },
      { name: `no ${kind === 'PropagationPolicy' ? '' : 'cluster '}policy to preempt`, policies: [app], want: 'app' },
      {
        // preemptPropagationPolicy: an Always policy of no higher priority than the claimer does not take it.
        name: '(an Always policy below the claimer does not preempt)',
        policies: [app, always('foo', 1)],
        want: 'app',
      },
    ];
    for (const c of cases)
      it(c.name, () => {
        const got = matchClaimed(indexPolicies(c.policies), nginx(), claim);
        assert.equal(got?.policy.object.metadata.name, c.want);
      });
  });
}

describe('Karmada detector_test.go :: TestLookForMatchedPolicy / TestLookForMatchedClusterPolicy', () => {
  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'test-deployment', namespace: 'default' },
  };
  const selectors: ResourceSelector[] = [{ apiVersion: 'apps/v1', kind: 'Deployment' }];
  const namespaced: Loaded<PropagationPolicy> = {
    source,
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'PropagationPolicy',
      metadata: { name: 'policy-1', namespace: 'default' },
      spec: { resourceSelectors: selectors },
    },
  };
  it('matching policy found', () =>
    assert.equal(matchPolicy(indexPolicies([namespaced]), deployment)?.policy, namespaced));
  it('matching cluster policy found', () => {
    const cpp = policy('ClusterPropagationPolicy', 'cluster-policy-1', selectors);
    assert.equal(matchPolicy(indexPolicies([cpp]), deployment)?.policy, cpp);
  });
});
