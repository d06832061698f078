import assert from 'node:assert/strict';
import { exportedServices } from './exported-services.ts';
import { serviceExport, serviceImport, slice, work } from './fixtures.test-support.ts';
import { serviceSummaries, summaryFiles } from './summary.ts';

describe('mcs/serviceSummaries', () => {
  const services = exportedServices({
    clusters: [],
    multiClusterServices: [],
    templates: [],
    works: [
      work('member1', serviceExport('web')),
      work('member3', serviceExport('web')),
      work('member2', serviceImport('web')),
    ],
  });
  it("counts each provider's endpoints and ready endpoints, and names the consumers", () => {
    const providers = new Map([
      [
        'member1',
        {
          kind: 'observed' as const,
          slices: [
            slice('a', 'web', ['10.1.0.1', '10.1.0.2'], { notReady: ['10.1.0.2'] }),
            slice('b', 'other', ['10.1.0.3']),
          ],
        },
      ],
      ['member3', { kind: 'unreachable' as const, pastGrace: false }],
    ]);
    assert.deepEqual(serviceSummaries(services, providers), [
      {
        source: 'ServiceExport',
        namespace: 'default',
        name: 'web',
        providers: [
          { cluster: 'member1', reachable: true, endpoints: 2, ready: 1 },
          { cluster: 'member3', reachable: false, pastGrace: false },
        ],
        consumers: ['member2'],
      },
    ]);
  });
  it('is a file per service, the same bytes for the same counts (endpoint addresses never reach git)', () => {
    const one = (ip: string) =>
      summaryFiles(
        serviceSummaries(
          services,
          new Map([['member1', { kind: 'observed' as const, slices: [slice('a', 'web', [ip])] }]]),
        ),
      );
    assert.deepEqual([...one('10.1.0.1').keys()], ['services/default/serviceexport.web.yaml']);
    assert.deepEqual(one('10.1.0.1'), one('10.1.0.7'));
    assert.doesNotMatch([...one('10.1.0.1').values()].join(''), /10\.1\.0\.1/);
  });
});
