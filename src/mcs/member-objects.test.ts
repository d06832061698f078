import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { exportedServices } from './exported-services.ts';
import { multiClusterService, service, serviceExport, serviceImport, slice, work } from './fixtures.test-support.ts';
import { memberObjects, writtenByServiceStage, type ProviderView } from './member-objects.ts';

const clusters = ['member1', 'member2', 'member3'];
const exportFlow = exportedServices({
  clusters,
  multiClusterServices: [],
  templates: [],
  works: [
    work('member1', serviceExport('web')),
    work('member3', serviceExport('web')),
    work('member2', serviceImport('web')),
  ],
});
const mcsFlow = exportedServices({
  clusters,
  multiClusterServices: [multiClusterService('web', ['member1', 'member2'], ['member2', 'member3'])],
  templates: [service('web')],
  works: [work('member1', service('web') as never), work('member2', service('web') as never)],
});
const observed = (...slices: KubeObject[]): ProviderView => ({ kind: 'observed', slices });
const ips = (o: KubeObject) => ((o['endpoints'] ?? []) as { addresses: string[] }[]).flatMap((e) => e.addresses);
const brief = (ms: ReturnType<typeof memberObjects>) =>
  ms.map((m) => ({
    cluster: m.cluster,
    held: m.held,
    objects: m.objects.map((o) =>
      `${o.kind} ${o.metadata.name} ${o.metadata.labels?.['kubernetes.io/service-name'] ?? ''} ${o.kind === 'EndpointSlice' ? ips(o).join(',') : ''}`.trim(),
    ),
  }));

describe('mcs/memberObjects', () => {
  const cases: {
    name: string;
    services: typeof exportFlow;
    providers: [string, ProviderView][];
    want: ReturnType<typeof brief>;
  }[] = [
    {
      // Karmada service_import_controller.go deriveServiceFromServiceImport; endpointslice_controller.go deriveEndpointSlice; names.GenerateEndpointSliceName.
      name: 'ServiceImport: derived-<name> and imported-<provider>-<slice> labelled for derived-<name>, from every provider',
      services: exportFlow,
      providers: [
        ['member1', observed(slice('web-abc', 'web', ['10.1.0.1', '10.1.0.2']))],
        ['member3', observed(slice('web-xyz', 'web', ['10.3.0.1']))],
      ],
      want: [
        {
          cluster: 'member2',
          held: [],
          objects: [
            'EndpointSlice imported-member1-web-abc derived-web 10.1.0.1,10.1.0.2',
            'EndpointSlice imported-member3-web-xyz derived-web 10.3.0.1',
            'Service derived-web',
          ],
        },
      ],
    },
    {
      // helper.IsEndpointSliceManagedByKarmada: copies are never collected; other services' slices are not either.
      name: "copies and other services' slices are not collected; a slice carrying the Service's flotilla label (kube-controller-manager copies it) is",
      services: exportFlow,
      providers: [
        [
          'member1',
          observed(
            slice('web-abc', 'web', ['10.1.0.1']),
            slice('imported-member3-web-xyz', 'web', ['10.3.0.1'], {
              labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.karmada.io' },
            }),
            slice('db-1', 'db', ['10.1.0.9']),
            slice('web-copy', 'web', ['10.2.0.1'], { labels: { 'flotilla.io/provider-cluster': 'member2' } }),
          ),
        ],
        [
          'member3',
          observed(slice('web-xyz', 'web', ['10.3.0.1'], { labels: { 'app.kubernetes.io/managed-by': 'flotilla' } })),
        ],
      ],
      want: [
        {
          cluster: 'member2',
          held: [],
          objects: [
            'EndpointSlice imported-member1-web-abc derived-web 10.1.0.1',
            'EndpointSlice imported-member3-web-xyz derived-web 10.3.0.1',
            'Service derived-web',
          ],
        },
      ],
    },
    {
      name: 'a provider unreachable within the grace is held on its consumers; past the grace its copies go',
      services: exportFlow,
      providers: [
        ['member1', { kind: 'unreachable', pastGrace: false }],
        ['member3', { kind: 'unreachable', pastGrace: true }],
      ],
      want: [{ cluster: 'member2', held: ['member1'], objects: ['Service derived-web'] }],
    },
    {
      // endpointslice_dispatch_controller.go ensureEndpointSliceWork (`<provider>-<slice>`), dispatchEndpointSlice (not back to the provider); mcs_controller.go propagateService.
      name: 'MultiClusterService: <provider>-<slice> labelled for the service, never back to its provider; the Service where the plan lacks it',
      services: mcsFlow,
      providers: [
        ['member1', observed(slice('web-a', 'web', ['10.1.0.1']))],
        ['member2', observed(slice('web-b', 'web', ['10.2.0.1']))],
      ],
      want: [
        { cluster: 'member2', held: [], objects: ['EndpointSlice member1-web-a web 10.1.0.1'] },
        {
          cluster: 'member3',
          held: [],
          objects: [
            'EndpointSlice member1-web-a web 10.1.0.1',
            'EndpointSlice member2-web-b web 10.2.0.1',
            'Service web',
          ],
        },
      ],
    },
  ];
  for (const c of cases)
    it(c.name, () => assert.deepEqual(brief(memberObjects(c.services, new Map(c.providers))), c.want));

  it("marks every object as flotilla's, owned by the import or the MultiClusterService, with the provider on each slice", () => {
    const [m] = memberObjects(exportFlow, new Map([['member1', observed(slice('web-abc', 'web', ['10.1.0.1']))]]));
    const [s, svc] = m?.objects ?? [];
    assert.deepEqual(s?.metadata.labels, {
      'app.kubernetes.io/managed-by': 'flotilla',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.karmada.io',
      'flotilla.io/provider-cluster': 'member1',
      'kubernetes.io/service-name': 'derived-web',
    });
    assert.deepEqual(s?.metadata.annotations, {
      'endpointslice.karmada.io/provision-cluster': 'member1',
      'flotilla.io/binding': 'default/web-serviceimport',
    });
    assert.deepEqual(svc?.['spec'], { type: 'ClusterIP', ports: [{ name: 'http', protocol: 'TCP', port: 80 }] });
    const m3 = memberObjects(mcsFlow, new Map()).find((x) => x.cluster === 'member3');
    const copy = m3?.objects.find((o) => o.kind === 'Service');
    assert.equal(copy?.metadata.annotations?.['flotilla.io/binding'], 'default/web-multiclusterservice');
    assert.equal((copy?.['spec'] as Record<string, unknown> | undefined)?.['clusterIP'], undefined);
    assert.ok(copy?.['spec']);
  });

  it('keeps endpoints with their conditions (Karmada copies the whole slice)', () => {
    const [m] = memberObjects(
      exportFlow,
      new Map([['member1', observed(slice('web-abc', 'web', ['10.1.0.1', '10.1.0.2'], { notReady: ['10.1.0.2'] }))]]),
    );
    assert.deepEqual(m?.objects[0]?.['endpoints'], [
      { addresses: ['10.1.0.1'], conditions: { ready: true } },
      { addresses: ['10.1.0.2'], conditions: { ready: false } },
    ]);
  });

  it('a Headless ServiceImport gets no derived Service (Karmada derives only for ClusterSetIP)', () => {
    const headless = exportedServices({
      clusters,
      multiClusterServices: [],
      templates: [],
      works: [work('member2', serviceImport('web', 'default', 'Headless'))],
    });
    assert.deepEqual(memberObjects(headless, new Map()), []);
  });
});

describe('mcs/writtenByServiceStage', () => {
  const o = (kind: string, binding: string): KubeObject => ({
    apiVersion: 'v1',
    kind,
    metadata: { name: 'x', annotations: { 'flotilla.io/binding': binding } },
  });
  const cases: [name: string, obj: KubeObject, want: boolean][] = [
    ['a derived Service', o('Service', 'default/web-serviceimport'), true],
    ['a dispatched slice', o('EndpointSlice', 'default/web-multiclusterservice'), true],
    ['a Service the plan placed', o('Service', 'default/web-service'), false],
    ['a ConfigMap', o('ConfigMap', 'default/web-serviceimport'), false],
  ];
  for (const [name, obj, want] of cases) it(name, () => assert.equal(writtenByServiceStage(obj), want));
});
