import assert from 'node:assert/strict';
import type { Cluster, ClusterSpec, ResourceModel } from '../api/index.ts';
import { defaultResourceModels, maxInt64Quantity, withClusterDefaults } from './cluster-defaults.ts';

const cluster = (spec?: ClusterSpec): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name: 'm1' },
  ...(spec ? { spec } : {}),
});
const model = (grade: number, cpu: [number | string, number | string]): ResourceModel => ({
  grade,
  ranges: [{ name: 'cpu', min: cpu[0], max: cpu[1] }],
});

// Karmada pkg/apis/cluster/mutation/mutation.go migrateZoneToZones.
describe('load/withClusterDefaults: migrateZoneToZones', () => {
  const cases: { name: string; in: ClusterSpec; zones: readonly string[] | undefined; zone: string | undefined }[] = [
    { name: 'a singular zone becomes zones', in: { zone: 'z1' }, zones: ['z1'], zone: undefined },
    { name: 'zones are kept', in: { zones: ['a', 'b'] }, zones: ['a', 'b'], zone: undefined },
    { name: 'an empty zone adds nothing', in: { zone: '' }, zones: undefined, zone: undefined },
    { name: 'no zone at all', in: {}, zones: undefined, zone: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const spec = withClusterDefaults(cluster(c.in)).spec;
      assert.deepEqual(spec?.zones, c.zones);
      assert.equal(spec?.zone, c.zone);
    });
  }
});

// Karmada mutation.go SetDefaultClusterResourceModels and StandardizeClusterResourceModels.
describe('load/withClusterDefaults: resource models', () => {
  it('a cluster without resourceModels gets the nine default grades', () => {
    const models = withClusterDefaults(cluster()).spec?.resourceModels;
    assert.equal(models, defaultResourceModels);
    assert.deepEqual(
      models?.map((m) => m.grade),
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
    );
    assert.deepEqual(models?.[1]?.ranges, [
      { name: 'cpu', min: 1, max: 2 },
      { name: 'memory', min: '4Gi', max: '16Gi' },
    ]);
    assert.deepEqual(models?.[8]?.ranges, [
      { name: 'cpu', min: 128, max: maxInt64Quantity },
      { name: 'memory', min: '1024Gi', max: maxInt64Quantity },
    ]);
  });
  it('an empty resourceModels list gets the default grades', () => {
    assert.equal(withClusterDefaults(cluster({ resourceModels: [] })).spec?.resourceModels, defaultResourceModels);
  });
  const cases: { name: string; in: ResourceModel[]; want: ResourceModel[] }[] = [
    {
      name: 'sorted by grade, first min 0, last max MaxInt64',
      in: [model(2, [4, 8]), model(1, [2, 4])],
      want: [model(1, [0, 4]), model(2, [4, maxInt64Quantity])],
    },
    {
      name: 'a single grade is open at both ends',
      in: [model(0, ['1', '2'])],
      want: [model(0, [0, maxInt64Quantity])],
    },
    {
      name: 'middle grades are kept',
      in: [model(0, [1, 2]), model(1, [2, 3]), model(2, [3, 4])],
      want: [model(0, [0, 2]), model(1, [2, 3]), model(2, [3, maxInt64Quantity])],
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.deepEqual(withClusterDefaults(cluster({ resourceModels: c.in })).spec?.resourceModels, c.want),
    );
});
