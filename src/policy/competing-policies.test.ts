import assert from 'node:assert/strict';
import type { KubeObject, Loaded, PropagationPolicy, ResourceSelector } from '../api/index.ts';
import { competingPolicies } from './competing-policies.ts';
import { indexPolicies, matchPolicy } from './match-policy.ts';

const source = { file: 'policies/p.yaml', line: 1, column: 1, doc: 0 };
function policy(
  name: string,
  selectors: ResourceSelector[],
  opts: { priority?: number; cluster?: boolean } = {},
): Loaded<PropagationPolicy> {
  return {
    source,
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: opts.cluster ? 'ClusterPropagationPolicy' : 'PropagationPolicy',
      metadata: { name, ...(opts.cluster ? {} : { namespace: 'shop' }) },
      spec: { resourceSelectors: selectors, ...(opts.priority !== undefined ? { priority: opts.priority } : {}) },
    },
  };
}
const web: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
};
const byName: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const byLabel: ResourceSelector = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  labelSelector: { matchLabels: { app: 'web' } },
};
const all: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment' };

describe('policy/competingPolicies: the losers, best first, with why', () => {
  const cases: { name: string; policies: Loaded<PropagationPolicy>[]; want: [string, string][] }[] = [
    { name: 'one policy: nobody lost', policies: [policy('only', [all])], want: [] },
    {
      name: 'less specific selectors lose, the closest first',
      policies: [policy('all', [all]), policy('label', [byLabel]), policy('name', [byName])],
      want: [
        ['label', 'its resourceSelector is less specific (labelSelector < name)'],
        ['all', 'its resourceSelector is less specific (match-all < name)'],
      ],
    },
    {
      name: 'a lower explicit priority loses',
      policies: [policy('hi', [all], { priority: 2 }), policy('lo', [byName], { priority: 1 })],
      want: [['lo', 'spec.priority 1 < 2']],
    },
    {
      name: 'a ClusterPropagationPolicy loses to any PropagationPolicy of the namespace',
      policies: [policy('ns', [all]), policy('wide', [byName], { cluster: true, priority: 9 })],
      want: [['wide', 'a PropagationPolicy in the namespace beats any ClusterPropagationPolicy']],
    },
    {
      name: 'equal priorities: the larger name loses',
      policies: [policy('b', [all]), policy('a', [all])],
      want: [['b', 'same priority; the name a sorts first']],
    },
    {
      name: 'a policy that does not select the template is not listed',
      policies: [policy('a', [all]), policy('other', [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }])],
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const index = indexPolicies(c.policies);
      const winner = matchPolicy(index, web);
      assert.ok(winner);
      assert.deepEqual(
        competingPolicies(index, web, winner).map((l) => [l.match.policy.object.metadata.name, l.why]),
        c.want,
      );
    });
  }
});
