/**
 * Karmada's selector tables, ported case by case: pkg/util/selector_test.go ::
 *   TestResourceMatches, TestResourceSelectorPriority, TestResourceMatchSelectors,
 *   TestResourceMatchSelectorsPriority (implicit priority of resource selectors; checked against both
 *     users: src/policy's selectorPriority and src/override's, which orders override policies),
 *   TestClusterMatches, Test_extractClusterFields, Test_matchZones (cluster affinity, used by
 *     placement and by override rules' targetCluster; flotilla's clusterMatchesAffinity and
 *     clusterMatchesFields: extractClusterFields and matchZones are private in both, so their cases
 *     are expressed through field requirements).
 * Skipped: TestExtractUniqueNamespacedSelectors (informer plumbing: which lists the detector
 * watches; flotilla reads every object of a revision at once).
 */
import assert from 'node:assert/strict';
import {
  clusterMatchesAffinity,
  clusterMatchesFields,
  type Cluster,
  type ClusterAffinity,
  type FieldSelectorRequirement,
  type KubeObject,
  type ResourceSelector,
} from '../api/index.ts';
import { selectorPriority as overrideSelectorPriority, policyPriority } from '../override/selection.ts';
import { selectorPriority, selectorsPriority } from './implicit-priority.ts';

const file = 'selector_test.go';
const [misMatch, matchAll, matchLabelSelector, matchName] = [0, 1, 2, 3] as const;

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'test', namespace: 'default', labels: { foo: 'bar' } },
};

/** Both implementations of Karmada's ResourceSelectorPriority. */
const priorityOf = [
  ['policy', (rs: ResourceSelector) => selectorPriority(pod, rs)],
  ['override', (rs: ResourceSelector) => overrideSelectorPriority(pod, rs)],
] as const;

describe(`Karmada ${file} :: TestResourceMatches`, () => {
  const cases: { name: string; rs: ResourceSelector; priority: number; want: boolean }[] = [
    { name: 'miss match', rs: { apiVersion: 'v1', kind: 'Pod', name: 'unmatched' }, priority: misMatch, want: false },
    { name: 'match all', rs: { apiVersion: 'v1', kind: 'Pod' }, priority: matchAll, want: true },
    {
      name: 'match labels',
      rs: { apiVersion: 'v1', kind: 'Pod', labelSelector: { matchLabels: { foo: 'bar' } } },
      priority: matchLabelSelector,
      want: true,
    },
    { name: 'match name', rs: { apiVersion: 'v1', kind: 'Pod', name: 'test' }, priority: matchName, want: true },
  ];
  for (const c of cases) {
    for (const [who, priority] of priorityOf) {
      it(`${c.name} (${who})`, () => {
        assert.equal(priority(c.rs), c.priority);
        assert.equal(priority(c.rs) > misMatch, c.want);
      });
    }
  }
});

describe(`Karmada ${file} :: TestResourceSelectorPriority`, () => {
  const named = (name: string, labels?: Record<string, string>): ResourceSelector => ({
    apiVersion: 'v1',
    kind: 'Pod',
    name,
    ...(labels ? { labelSelector: { matchLabels: labels } } : {}),
  });
  const labelled = (labels: Record<string, string>): ResourceSelector => ({
    apiVersion: 'v1',
    kind: 'Pod',
    labelSelector: { matchLabels: labels },
  });
  const cases: { name: string; rs: ResourceSelector; want: number }[] = [
    {
      name: 'APIVersion not matched',
      rs: { apiVersion: 'unmatched', kind: 'Pod', name: 'foo', namespace: 'default' },
      want: misMatch,
    },
    {
      name: 'Kind not matched',
      rs: { apiVersion: 'v1', kind: 'Unmatched', name: 'foo', namespace: 'default' },
      want: misMatch,
    },
    {
      name: 'namespace not matched',
      rs: { apiVersion: 'v1', kind: 'Pod', name: 'foo', namespace: 'Unmatched' },
      want: misMatch,
    },
    { name: 'namespace unset and name matched', rs: named('test'), want: matchName },
    { name: '[case 1] name not matched', rs: named('unmatched', { foo: 'bar' }), want: misMatch },
    {
      name: '[case 1] name matched, labels not matched and ignore',
      rs: named('test', { foo: 'unmatched' }),
      want: matchName,
    },
    { name: '[case 2] name not matched, labels unset', rs: named('unmatched'), want: misMatch },
    { name: '[case 2] name matched, labels unset', rs: named('test'), want: matchName },
    { name: '[case 3] name unset, labels not matched', rs: labelled({ foo: 'unmatched' }), want: misMatch },
    { name: '[case 3] name unset, labels matched', rs: labelled({ foo: 'bar' }), want: matchLabelSelector },
    { name: '[case 4] name and labels unset, match all', rs: { apiVersion: 'v1', kind: 'Pod' }, want: matchAll },
    { name: '[case 4] labels error', rs: labelled({ '': 'bar' }), want: misMatch },
  ];
  for (const c of cases) {
    for (const [who, priority] of priorityOf) {
      it(`${c.name} (${who})`, () => assert.equal(priority(c.rs), c.want));
    }
  }
});

const matched: ResourceSelector = { apiVersion: 'v1', kind: 'Pod' };
const unmatched: ResourceSelector = { apiVersion: 'v1', kind: 'Unmatched' };
const byName: ResourceSelector = { apiVersion: 'v1', kind: 'Pod', name: 'test' };

describe(`Karmada ${file} :: TestResourceMatchSelectors`, () => {
  const cases: { name: string; selectors: ResourceSelector[]; want: boolean }[] = [
    { name: 'empty', selectors: [], want: false },
    { name: 'selectors are [matched, unmatched]', selectors: [matched, unmatched], want: true },
    { name: 'selectors are [unmatched, matched]', selectors: [unmatched, matched], want: true },
    { name: 'selectors are [unmatched, unmatched]', selectors: [unmatched, unmatched], want: false },
    { name: 'selectors are [matched, matched]', selectors: [matched, matched], want: true },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(selectorsPriority(pod, c.selectors) > misMatch, c.want));
  }
});

describe(`Karmada ${file} :: TestResourceMatchSelectorsPriority`, () => {
  const cases: { name: string; selectors: ResourceSelector[]; want: number }[] = [
    { name: 'empty', selectors: [], want: 0 },
    { name: 'priority of selectors are [1, 1]', selectors: [matched, matched], want: 1 },
    { name: 'priority of selectors are [1, 3]', selectors: [matched, byName], want: 3 },
    { name: 'priority of selectors are [3, 1]', selectors: [byName, matched], want: 3 },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(selectorsPriority(pod, c.selectors), c.want));
    if (c.selectors.length > 0) {
      // An override policy without selectors is matchAll instead (overridemanager.go), so only non-empty lists carry over.
      it(`${c.name} (override policy)`, () => {
        const policy = {
          apiVersion: 'policy.karmada.io/v1alpha1',
          kind: 'OverridePolicy' as const,
          metadata: { name: 'p', namespace: 'default' },
          spec: { resourceSelectors: c.selectors },
        };
        assert.equal(policyPriority(pod, policy), c.want);
      });
    }
  }
});

const cluster1: Cluster = {
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name: 'cluster1', labels: { foo: 'bar' } },
  spec: { zones: ['zone1', 'zone2', 'zone3'], region: 'region1', provider: 'provider1' },
};
const zones = ['zone1', 'zone2', 'zone3'];
const req = (
  key: string,
  operator: FieldSelectorRequirement['operator'],
  values?: string[],
): FieldSelectorRequirement => (values === undefined ? { key, operator } : { key, operator, values });
const fields = (...matchExpressions: FieldSelectorRequirement[]): Pick<ClusterAffinity, 'fieldSelector'> => ({
  fieldSelector: { matchExpressions },
});
const fooBar = { labelSelector: { matchLabels: { foo: 'bar' } } };
const names = (...clusterNames: string[]) => ({ clusterNames });

describe(`Karmada ${file} :: TestClusterMatches`, () => {
  const cases: { name: string; affinity: ClusterAffinity; want: boolean }[] = [
    { name: 'test cluster excluded and names', affinity: { exclude: ['cluster1'], ...names('cluster1') }, want: false },
    { name: 'test cluster excluded and label selector', affinity: { exclude: ['cluster1'], ...fooBar }, want: false },
    {
      name: 'test cluster excluded and field selector',
      affinity: { exclude: ['cluster1'], ...fields(req('zone', 'In', zones)) },
      want: false,
    },
    { name: 'test cluster names', affinity: names('cluster1'), want: true },
    { name: 'test cluster names not matched', affinity: names('cluster2'), want: false },
    { name: 'test cluster names and label selector', affinity: { ...fooBar, ...names('cluster1') }, want: true },
    {
      name: 'test cluster names and label selector not matched',
      affinity: { labelSelector: { matchLabels: { foo: 'unmatched' } }, ...names('cluster1') },
      want: false,
    },
    {
      name: 'test cluster names and field selector(zone & region)',
      affinity: { ...names('cluster1'), ...fields(req('zone', 'In', zones), req('region', 'In', ['region1'])) },
      want: true,
    },
    {
      name: 'test cluster names and field selector(provider)',
      affinity: { ...names('cluster1'), ...fields(req('provider', 'In', ['provider1'])) },
      want: true,
    },
    {
      name: 'test cluster names and field selector(region)',
      affinity: { ...names('cluster1'), ...fields(req('region', 'In', ['region1'])) },
      want: true,
    },
    {
      name: 'test cluster names and field selector(zone not in)',
      affinity: { ...names('cluster1'), ...fields(req('zone', 'NotIn', zones)) },
      want: false,
    },
    {
      name: 'test cluster names and field selector(provider not in)',
      affinity: { ...names('cluster1'), ...fields(req('provider', 'NotIn', ['provider1'])) },
      want: false,
    },
    {
      name: 'test cluster names and field selector(region not in)',
      affinity: { ...names('cluster1'), ...fields(req('region', 'NotIn', ['region1'])) },
      want: false,
    },
    {
      name: 'test label selector and field selector(zone)',
      affinity: { ...fooBar, ...fields(req('zone', 'In', zones)) },
      want: true,
    },
    {
      name: 'test label selector and field selector(provider)',
      affinity: { ...fooBar, ...fields(req('provider', 'In', ['provider1'])) },
      want: true,
    },
    {
      name: 'test label selector and field selector(region)',
      affinity: { ...fooBar, ...fields(req('region', 'In', ['region1'])) },
      want: true,
    },
    {
      name: 'test label selector and field selector(zone not in)',
      affinity: { ...fooBar, ...fields(req('zone', 'NotIn', zones)) },
      want: false,
    },
    {
      name: 'test label selector and field selector(provider) #2',
      affinity: { ...fooBar, ...fields(req('provider', 'NotIn', ['provider1'])) },
      want: false,
    },
    {
      name: 'test label selector and field selector(region) #2',
      affinity: { ...fooBar, ...fields(req('region', 'NotIn', ['region1'])) },
      want: false,
    },
    { name: 'test label selector', affinity: fooBar, want: true },
    {
      name: 'test label selector not matched',
      affinity: { labelSelector: { matchLabels: { foo: 'unmatched' } } },
      want: false,
    },
    { name: 'test empty cluster affinity matched', affinity: {}, want: true },
    { name: 'test label selector error', affinity: { labelSelector: { matchLabels: { '': 'bar' } } }, want: false },
    {
      name: 'test field selector error',
      affinity: fields({ key: '' } as unknown as FieldSelectorRequirement),
      want: false,
    },
    { name: 'test field selector zone matched', affinity: fields(req('zone', 'In', zones)), want: true },
    {
      name: 'test field selector zone partially matched',
      affinity: { ...names('cluster1'), ...fields(req('zone', 'NotIn', zones)) },
      want: false,
    },
    {
      name: 'test field selector zone not matched',
      affinity: { ...names('cluster1'), ...fields(req('zone', 'In', ['zone2'])) },
      want: true,
    },
    { name: 'test field selector region matched', affinity: fields(req('region', 'In', ['region1'])), want: true },
    {
      name: 'test field selector region not matched',
      affinity: { ...names('cluster1'), ...fields(req('region', 'NotIn', ['region1'])) },
      want: false,
    },
    {
      name: 'test field selector region not matched #2',
      affinity: { ...names('cluster1'), ...fields(req('region', 'In', ['region2'])) },
      want: false,
    },
    {
      name: 'test field selector provider matched',
      affinity: fields(req('provider', 'In', ['provider1'])),
      want: true,
    },
    {
      name: 'test field selector provider not matched',
      affinity: fields(req('provider', 'NotIn', ['provider1'])),
      want: false,
    },
    {
      name: 'test field selector provider not matched #2',
      affinity: fields(req('provider', 'In', ['provider2'])),
      want: false,
    },
    {
      name: 'test field selector other key not matched',
      affinity: fields(req('metadata.name', 'In', ['cluster1'])),
      want: false,
    },
    {
      name: 'test field selector cluster names and label selector',
      affinity: { ...fields(req('zone', 'In', zones)), ...fooBar, ...names('cluster1') },
      want: true,
    },
    {
      name: 'test field selector cluster names and label selector not matched',
      affinity: { ...fields(req('zone', 'In', zones)), ...fooBar, ...names('cluster2') },
      want: false,
    },
    {
      name: 'test field selector cluster names and label selector not matched #2',
      affinity: { ...fields(req('zone', 'NotIn', zones)), ...fooBar, ...names('cluster1') },
      want: false,
    },
    {
      name: 'test field selector cluster names and label selector not matched #3',
      affinity: {
        ...fields(req('zone', 'In', zones)),
        labelSelector: { matchLabels: { foo: 'Unmatched' } },
        ...names('cluster1'),
      },
      want: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(clusterMatchesAffinity(c.affinity, cluster1), c.want));
  }
});

function clusterWith(spec: Cluster['spec']): Cluster {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'c' },
    ...(spec ? { spec } : {}),
  };
}

describe(`Karmada ${file} :: Test_extractClusterFields`, () => {
  // The set of fields a cluster exposes, read back through Exists requirements.
  const cases: { name: string; spec?: Cluster['spec']; want: Record<string, string> }[] = [
    { name: 'empty', want: {} },
    { name: 'provider is set', spec: { provider: 'foo' }, want: { provider: 'foo' } },
    { name: 'region is set', spec: { region: 'foo' }, want: { region: 'foo' } },
    { name: 'all are set', spec: { provider: 'foo', region: 'bar' }, want: { provider: 'foo', region: 'bar' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cluster = clusterWith(c.spec);
      for (const key of ['provider', 'region']) {
        const value = c.want[key];
        assert.equal(clusterMatchesFields([req(key, 'Exists')], cluster), value !== undefined, key);
        if (value !== undefined) assert.equal(clusterMatchesFields([req(key, 'In', [value])], cluster), true, key);
      }
    });
  }
});

describe(`Karmada ${file} :: Test_matchZones`, () => {
  const cases: { name: string; r: FieldSelectorRequirement; zones?: string[]; want: boolean }[] = [
    { name: 'empty zones for In operator', r: req('zone', 'In', ['foo']), want: false },
    { name: 'overlapping zones for In operator', r: req('zone', 'In', ['foo']), zones: ['foo', 'bar'], want: true },
    { name: 'all zones for In operator', r: req('zone', 'In', ['foo', 'bar']), zones: ['foo', 'bar'], want: true },
    { name: 'empty zones for NotIn operator', r: req('zone', 'NotIn', ['foo']), want: true },
    { name: 'partial zones for NotIn operator', r: req('zone', 'NotIn', ['foo']), zones: ['foo', 'bar'], want: false },
    { name: 'empty zones for Exists operator', r: req('zone', 'Exists'), want: false },
    { name: 'empty zones for DoesNotExist operator', r: req('zone', 'DoesNotExist'), want: true },
    { name: 'unknown operator', r: req('zone', 'Gt'), zones: ['foo'], want: false },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(clusterMatchesFields([c.r], clusterWith(c.zones ? { zones: c.zones } : {})), c.want));
  }
});

describe('Karmada selector.go: a selector LabelSelectorAsSelector refuses matches nothing', () => {
  // Beyond the tables above ("[case 4] labels error", "test label selector error"): every key is a
  // qualified name and every value a label value, or the conversion fails and nothing matches.
  const cases: { name: string; selector: ResourceSelector['labelSelector'] }[] = [
    {
      name: 'a DoesNotExist on a key with a space',
      selector: { matchExpressions: [{ key: 'no way', operator: 'DoesNotExist' }] },
    },
    {
      name: 'a NotIn with a value that is no label value',
      selector: { matchExpressions: [{ key: 'foo', operator: 'NotIn', values: ['a b'] }] },
    },
    { name: 'a matchLabels key with two slashes', selector: { matchLabels: { 'a/b/c': 'x' } } },
    { name: 'a matchLabels value over 63 characters', selector: { matchLabels: { foo: 'v'.repeat(64) } } },
  ];
  for (const c of cases) {
    for (const [who, priority] of priorityOf)
      it(`${c.name} (${who})`, () =>
        assert.equal(
          priority({ apiVersion: 'v1', kind: 'Pod', ...(c.selector ? { labelSelector: c.selector } : {}) }),
          misMatch,
        ));
    it(`${c.name} (cluster affinity)`, () =>
      assert.equal(clusterMatchesAffinity(c.selector ? { labelSelector: c.selector } : {}, cluster1), false));
  }
});
