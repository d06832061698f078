import assert from 'node:assert/strict';
import { exportedServices, type ExportInput } from './exported-services.ts';
import { multiClusterService, service, serviceExport, serviceImport, work } from './fixtures.test-support.ts';

const clusters = ['member1', 'member2', 'member3'];
const input = (p: Partial<ExportInput>): ExportInput => ({
  works: [],
  multiClusterServices: [],
  clusters,
  templates: [],
  ...p,
});
const brief = (i: ExportInput) =>
  exportedServices(i).map((s) => ({
    source: s.source,
    key: `${s.namespace}/${s.name}`,
    providers: s.providers,
    consumers: s.consumers,
    missingOn: s.service?.missingOn,
  }));

describe('mcs/exportedServices', () => {
  const cases: { name: string; input: ExportInput; want: ReturnType<typeof brief> }[] = [
    {
      // Karmada service_export_controller.go collects where the ServiceExport's Work is applied; the ServiceImport's dependencies follow it.
      name: 'ServiceExport placements are the providers, ServiceImport placements the consumers',
      input: input({
        works: [
          work('member1', serviceExport('web')),
          work('member3', serviceExport('web')),
          work('member2', serviceImport('web')),
        ],
      }),
      want: [
        {
          source: 'ServiceExport',
          key: 'default/web',
          providers: ['member1', 'member3'],
          consumers: ['member2'],
          missingOn: undefined,
        },
      ],
    },
    {
      name: 'an import without an export still has consumers (its derived Service has no endpoints)',
      input: input({ works: [work('member2', serviceImport('api', 'shop'))] }),
      want: [{ source: 'ServiceExport', key: 'shop/api', providers: [], consumers: ['member2'], missingOn: undefined }],
    },
    {
      // Karmada helper.GetProviderClusters / GetConsumerClusters: an empty list is every cluster.
      name: 'a MultiClusterService with empty sets covers every cluster; the Service goes where the plan lacks it',
      input: input({
        multiClusterServices: [multiClusterService('web', [], [])],
        templates: [service('web')],
        works: [work('member1', service('web') as never)],
      }),
      want: [
        {
          source: 'MultiClusterService',
          key: 'default/web',
          providers: clusters,
          consumers: clusters,
          missingOn: ['member2', 'member3'],
        },
      ],
    },
    {
      name: 'a MultiClusterService names its providers and consumers; unknown clusters are left out',
      input: input({
        multiClusterServices: [multiClusterService('web', ['member1', 'ghost'], ['member2'])],
        templates: [service('web')],
      }),
      want: [
        {
          source: 'MultiClusterService',
          key: 'default/web',
          providers: ['member1'],
          consumers: ['member2'],
          missingOn: ['member1', 'member2'],
        },
      ],
    },
    {
      // Karmada helper.MultiClusterServiceCrossClusterEnabled.
      name: 'a MultiClusterService without CrossCluster exports nothing',
      input: input({
        multiClusterServices: [multiClusterService('web', [], [], ['LoadBalancer'])],
        templates: [service('web')],
      }),
      want: [],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(brief(c.input), c.want));

  it('is sorted by source, namespace and name whatever the order of the works', () => {
    const works = [
      work('member1', serviceExport('b')),
      work('member1', serviceExport('a', 'z')),
      work('member1', serviceExport('a')),
    ];
    const keys = (ws: typeof works) => exportedServices(input({ works: ws })).map((s) => `${s.namespace}/${s.name}`);
    assert.deepEqual(keys(works), ['default/a', 'default/b', 'z/a']);
    assert.deepEqual(keys(works.toReversed()), keys(works));
  });
});
