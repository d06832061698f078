/**
 * Cluster affinity matching as the ClusterAffinity filter and static weights use it, checked case by
 * case against Karmada's pkg/util/selector_test.go (facts only): TestClusterMatches and
 * Test_matchZones (through a cluster carrying the zones). Each case cites
 * `<Go file> :: <test function> :: <case name>`; Go repeats some case names, numbered here (#2).
 *
 * Skipped: Test_extractClusterFields (a map-building helper; its effect is covered by the provider
 * and region cases), and the resource-selector tests of that file (policy matching, src/policy).
 */
import assert from 'node:assert/strict';
import { type ClusterAffinity, clusterMatchesAffinity, type FieldSelectorRequirement } from '../api/index.ts';
import { cluster } from './fixtures.test-support.ts';

const zones = ['zone1', 'zone2', 'zone3'];
const cluster1 = cluster('cluster1', { labels: { foo: 'bar' }, zones, region: 'region1', provider: 'provider1' });
const field = (key: string, operator: FieldSelectorRequirement['operator'], values?: string[]): ClusterAffinity => ({
  fieldSelector: { matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] },
});
const labels = (v: string): ClusterAffinity => ({ labelSelector: { matchLabels: { foo: v } } });
const names = (...n: string[]): ClusterAffinity => ({ clusterNames: n });

describe('Karmada selector_test.go :: TestClusterMatches', () => {
  const cases: [string, ClusterAffinity, boolean][] = [
    ['test cluster excluded and names', { exclude: ['cluster1'], ...names('cluster1') }, false],
    ['test cluster excluded and label selector', { exclude: ['cluster1'], ...labels('bar') }, false],
    ['test cluster excluded and field selector', { exclude: ['cluster1'], ...field('zone', 'In', zones) }, false],
    ['test cluster names', names('cluster1'), true],
    ['test cluster names not matched', names('cluster2'), false],
    ['test cluster names and label selector', { ...labels('bar'), ...names('cluster1') }, true],
    ['test cluster names and label selector not matched', { ...labels('unmatched'), ...names('cluster1') }, false],
    [
      'test cluster names and field selector(zone & region)',
      {
        ...names('cluster1'),
        fieldSelector: {
          matchExpressions: [
            { key: 'zone', operator: 'In', values: zones },
            { key: 'region', operator: 'In', values: ['region1'] },
          ],
        },
      },
      true,
    ],
    [
      'test cluster names and field selector(provider)',
      { ...names('cluster1'), ...field('provider', 'In', ['provider1']) },
      true,
    ],
    [
      'test cluster names and field selector(region)',
      { ...names('cluster1'), ...field('region', 'In', ['region1']) },
      true,
    ],
    [
      'test cluster names and field selector(zone not in)',
      { ...names('cluster1'), ...field('zone', 'NotIn', zones) },
      false,
    ],
    [
      'test cluster names and field selector(provider not in)',
      { ...names('cluster1'), ...field('provider', 'NotIn', ['provider1']) },
      false,
    ],
    [
      'test cluster names and field selector(region not in)',
      { ...names('cluster1'), ...field('region', 'NotIn', ['region1']) },
      false,
    ],
    ['test label selector and field selector(zone)', { ...labels('bar'), ...field('zone', 'In', zones) }, true],
    [
      'test label selector and field selector(provider)',
      { ...labels('bar'), ...field('provider', 'In', ['provider1']) },
      true,
    ],
    [
      'test label selector and field selector(region)',
      { ...labels('bar'), ...field('region', 'In', ['region1']) },
      true,
    ],
    [
      'test label selector and field selector(zone not in)',
      { ...labels('bar'), ...field('zone', 'NotIn', zones) },
      false,
    ],
    [
      'test label selector and field selector(provider) #2',
      { ...labels('bar'), ...field('provider', 'NotIn', ['provider1']) },
      false,
    ],
    [
      'test label selector and field selector(region) #2',
      { ...labels('bar'), ...field('region', 'NotIn', ['region1']) },
      false,
    ],
    ['test label selector', labels('bar'), true],
    ['test label selector not matched', labels('unmatched'), false],
    ['test empty cluster affinity matched', {}, true],
    ['test label selector error', { labelSelector: { matchLabels: { '': 'bar' } } }, false],
    ['test field selector error', { fieldSelector: { matchExpressions: [{ key: '', operator: 'In' }] } }, false],
    ['test field selector zone matched', field('zone', 'In', zones), true],
    ['test field selector zone partially matched', { ...names('cluster1'), ...field('zone', 'NotIn', zones) }, false],
    ['test field selector zone not matched', { ...names('cluster1'), ...field('zone', 'In', ['zone2']) }, true],
    ['test field selector region matched', field('region', 'In', ['region1']), true],
    [
      'test field selector region not matched',
      { ...names('cluster1'), ...field('region', 'NotIn', ['region1']) },
      false,
    ],
    [
      'test field selector region not matched #2',
      { ...names('cluster1'), ...field('region', 'In', ['region2']) },
      false,
    ],
    ['test field selector provider matched', field('provider', 'In', ['provider1']), true],
    ['test field selector provider not matched', field('provider', 'NotIn', ['provider1']), false],
    ['test field selector provider not matched #2', field('provider', 'In', ['provider2']), false],
    ['test field selector other key not matched', field('metadata.name', 'In', ['cluster1']), false],
    [
      'test field selector cluster names and label selector',
      { ...field('zone', 'In', zones), ...labels('bar'), ...names('cluster1') },
      true,
    ],
    [
      'test field selector cluster names and label selector not matched',
      { ...field('zone', 'In', zones), ...labels('bar'), ...names('cluster2') },
      false,
    ],
    [
      'test field selector cluster names and label selector not matched #2',
      { ...field('zone', 'NotIn', zones), ...labels('bar'), ...names('cluster1') },
      false,
    ],
    [
      'test field selector cluster names and label selector not matched #3',
      { ...field('zone', 'In', zones), ...labels('Unmatched'), ...names('cluster1') },
      false,
    ],
  ];
  for (const [name, affinity, want] of cases) {
    it(`selector_test.go :: TestClusterMatches :: ${name}`, () => {
      assert.equal(clusterMatchesAffinity(affinity, cluster1), want);
    });
  }
});

describe('Karmada selector_test.go :: Test_matchZones', () => {
  const cases: [string, FieldSelectorRequirement['operator'], string[] | undefined, string[] | undefined, boolean][] = [
    ['empty zones for In operator', 'In', ['foo'], undefined, false],
    ['overlapping zones for In operator', 'In', ['foo'], ['foo', 'bar'], true],
    ['all zones for In operator', 'In', ['foo', 'bar'], ['foo', 'bar'], true],
    ['empty zones for NotIn operator', 'NotIn', ['foo'], undefined, true],
    ['partial zones for NotIn operator', 'NotIn', ['foo'], ['foo', 'bar'], false],
    ['empty zones for Exists operator', 'Exists', undefined, undefined, false],
    ['empty zones for DoesNotExist operator', 'DoesNotExist', undefined, undefined, true],
    ['unknown operator', 'Gt', undefined, ['foo'], false],
  ];
  for (const [name, operator, values, clusterZones, want] of cases) {
    it(`selector_test.go :: Test_matchZones :: ${name}`, () => {
      const c = cluster('c', clusterZones ? { zones: clusterZones } : {});
      assert.equal(clusterMatchesAffinity(field('zone', operator, values), c), want);
    });
  }
});
