import assert from 'node:assert/strict';
import { matchKind, type DiscoveryDoc } from './resolve-kind.ts';

const docs: DiscoveryDoc[] = [
  {
    groupVersion: 'v1',
    resources: [
      { name: 'services', singularName: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'] },
      { name: 'nodes', singularName: 'node', kind: 'Node', namespaced: false, shortNames: ['no'] },
    ],
  },
  {
    groupVersion: 'apps/v1',
    resources: [
      { name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] },
      { name: 'deployments/scale', kind: 'Scale' },
    ],
  },
  {
    groupVersion: 'example.com/v1beta1',
    resources: [{ name: 'deployments', singularName: 'deployment', kind: 'Deployment', namespaced: true }],
  },
];

describe('matchKind: the forms kubectl accepts', () => {
  const cases: [string, string | undefined][] = [
    ['deploy', 'apps/v1 Deployment'],
    ['deployment', 'apps/v1 Deployment'],
    ['deployments', 'apps/v1 Deployment'],
    ['Deployment', 'apps/v1 Deployment'],
    ['deployment.apps', 'apps/v1 Deployment'],
    ['deployments.v1.apps', 'apps/v1 Deployment'],
    ['deployment.example.com', 'example.com/v1beta1 Deployment'],
    ['svc', 'v1 Service'],
    ['no', 'v1 Node'],
    ['scale', undefined],
    ['deployment.v2.apps', undefined],
    ['widgets', undefined],
  ];
  for (const [typed, want] of cases) {
    it(`${typed} → ${String(want)}`, () => {
      const hit = matchKind(docs, typed);
      assert.equal(hit ? `${hit.apiVersion} ${hit.kind}` : undefined, want);
    });
  }
  it('knows whether the kind is namespaced', () => assert.equal(matchKind(docs, 'nodes')?.namespaced, false));
});
