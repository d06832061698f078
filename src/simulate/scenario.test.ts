import assert from 'node:assert/strict';
import { cluster } from '../scheduler/fixtures.test-support.ts';
import { eachScenarios, failedClusters, parseFailureSelector, scenarioOf } from './scenario.ts';

const fleet = [
  cluster('aws-use', { provider: 'aws', region: 'us-east', zone: 'us-east-a' }),
  cluster('gcp-use', { provider: 'gcp', region: 'us-east', zones: ['us-east-b', 'us-east-c'] }),
  cluster('aws-euw', { provider: 'aws', region: 'eu-west' }),
  cluster('edge-1', {}),
];

describe('simulate: failure selectors and scenarios', () => {
  const parses: readonly { text: string; want: string }[] = [
    { text: 'region=us-east', want: 'region=us-east' },
    { text: 'cluster=a=b', want: 'cluster=a=b' },
    { text: 'rack=1', want: 'error' },
    { text: 'region=', want: 'error' },
    { text: 'region', want: 'error' },
  ];
  for (const p of parses) {
    it(`parses ${JSON.stringify(p.text)}`, () => {
      const r = parseFailureSelector(p.text);
      assert.equal(r.ok ? `${r.selector.key}=${r.selector.value}` : 'error', p.want);
    });
  }
  const fails: readonly {
    name: string;
    selectors: { key: 'cluster' | 'region' | 'zone' | 'provider'; value: string }[];
    want: string[];
  }[] = [
    { name: 'a region', selectors: [{ key: 'region', value: 'us-east' }], want: ['aws-use', 'gcp-use'] },
    {
      name: 'a zone matches spec.zone and spec.zones',
      selectors: [{ key: 'zone', value: 'us-east-c' }],
      want: ['gcp-use'],
    },
    {
      name: 'selectors add up',
      selectors: [
        { key: 'provider', value: 'aws' },
        { key: 'cluster', value: 'edge-1' },
      ],
      want: ['aws-euw', 'aws-use', 'edge-1'],
    },
    { name: 'nothing matches', selectors: [{ key: 'region', value: 'mars' }], want: [] },
  ];
  for (const f of fails)
    it(`fails ${f.name}`, () => assert.deepEqual(failedClusters(fleet, scenarioOf(f.selectors)), f.want));
  it('--each region: one scenario per region, sorted, clusters without one skipped', () => {
    assert.deepEqual(
      eachScenarios(fleet, 'region').map((s) => s.name),
      ['region=eu-west', 'region=us-east'],
    );
    assert.deepEqual(
      eachScenarios(fleet, 'zone').map((s) => s.name),
      ['zone=us-east-a', 'zone=us-east-b', 'zone=us-east-c'],
    );
  });
});
