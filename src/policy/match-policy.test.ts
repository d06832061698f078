import assert from 'node:assert/strict';
import type { KubeObject, Loaded, PropagationPolicy, ResourceSelector } from '../api/index.ts';
import { indexPolicies, matchPolicy } from './match-policy.ts';

const source = { file: 'policies/p.yaml', line: 1, column: 1, doc: 0 };
function policy(
  name: string,
  selectors: ResourceSelector[],
  opts: { namespace?: string; priority?: number; cluster?: boolean } = {},
): Loaded<PropagationPolicy> {
  return {
    source,
    object: {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: opts.cluster ? 'ClusterPropagationPolicy' : 'PropagationPolicy',
      metadata: { name, ...(opts.cluster ? {} : { namespace: opts.namespace ?? 'default' }) },
      spec: { resourceSelectors: selectors, ...(opts.priority !== undefined ? { priority: opts.priority } : {}) },
    },
  };
}
function deployment(name: string, labels: Record<string, string> = {}, namespace = 'default'): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels } };
}
const byName = (name: string): ResourceSelector => ({ apiVersion: 'apps/v1', kind: 'Deployment', name });
const byLabel = (k: string, v: string): ResourceSelector => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  labelSelector: { matchLabels: { [k]: v } },
});
const all: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment' };

describe('policy/matchPolicy (Karmada precedence)', () => {
  const cases: {
    name: string;
    policies: Loaded<PropagationPolicy>[];
    template: KubeObject;
    want: string | undefined;
  }[] = [
    {
      name: 'no policy matches',
      policies: [policy('p', [byName('other')])],
      template: deployment('web'),
      want: undefined,
    },
    {
      name: 'name beats label selector beats match-all',
      policies: [policy('a-all', [all]), policy('b-label', [byLabel('app', 'web')]), policy('c-name', [byName('web')])],
      template: deployment('web', { app: 'web' }),
      want: 'c-name',
    },
    {
      name: 'explicit priority beats implicit',
      policies: [policy('name', [byName('web')]), policy('all', [all], { priority: 5 })],
      template: deployment('web'),
      want: 'all',
    },
    {
      name: 'equal priorities: smaller name wins',
      policies: [policy('b', [all]), policy('a', [all])],
      template: deployment('web'),
      want: 'a',
    },
    {
      name: 'explicit tie falls back to implicit',
      policies: [policy('a', [all], { priority: 1 }), policy('b', [byName('web')], { priority: 1 })],
      template: deployment('web'),
      want: 'b',
    },
    {
      name: 'any selector may match; the best counts',
      policies: [policy('multi', [byName('nope'), byLabel('app', 'web')]), policy('all', [all])],
      template: deployment('web', { app: 'web' }),
      want: 'multi',
    },
    {
      name: 'a name selector ignores its label selector',
      policies: [policy('p', [{ ...byName('web'), labelSelector: { matchLabels: { app: 'x' } } }])],
      template: deployment('web'),
      want: 'p',
    },
    {
      name: 'PropagationPolicy beats ClusterPropagationPolicy of higher priority',
      policies: [policy('cpp', [byName('web')], { cluster: true, priority: 100 }), policy('pp', [all])],
      template: deployment('web'),
      want: 'pp',
    },
    {
      name: 'a namespaced policy sees only its namespace',
      policies: [policy('pp', [all], { namespace: 'other' }), policy('cpp', [all], { cluster: true })],
      template: deployment('web'),
      want: 'cpp',
    },
    {
      name: 'unset priority is zero, below a positive one',
      policies: [policy('a', [byName('web')]), policy('z', [all], { priority: 1 })],
      template: deployment('web'),
      want: 'z',
    },
    {
      name: 'negative priority loses to unset',
      policies: [policy('a', [byName('web')], { priority: -1 }), policy('z', [all])],
      template: deployment('web'),
      want: 'z',
    },
    {
      name: 'reserved namespaces are skipped',
      policies: [policy('cpp', [all], { cluster: true })],
      template: deployment('dns', {}, 'kube-system'),
      want: undefined,
    },
    {
      name: 'selector namespace must equal the template namespace',
      policies: [policy('cpp', [{ ...all, namespace: 'prod' }], { cluster: true })],
      template: deployment('web'),
      want: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      assert.equal(matchPolicy(indexPolicies(c.policies), c.template)?.policy.object.metadata.name, c.want),
    );
  }
});
