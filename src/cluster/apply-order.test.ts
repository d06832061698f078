import assert from 'node:assert/strict';
import { compareApplyOrder, kindRank, planStages, stageOf } from './apply-order.ts';
import { formatObjectId, type ObjectId } from './object-id.ts';

const id = (kind: string, name: string, namespace = '', group = ''): ObjectId => ({
  group,
  kind,
  namespace,
  name,
  version: 'v1',
});

describe('apply order (fluxcd/pkg ssa/sort.go)', () => {
  const ranks = [
    { kind: 'CustomResourceDefinition', want: -23 },
    { kind: 'Namespace', want: -22 },
    { kind: 'Deployment', want: -4 },
    { kind: 'Widget', want: 0 },
    { kind: 'ValidatingWebhookConfiguration', want: 2 },
  ];
  for (const c of ranks) it(`ranks ${c.kind} ${c.want}`, () => assert.equal(kindRank(c.kind), c.want));

  it('sorts by rank, then group, kind, namespace, name', () => {
    const items = [
      id('Deployment', 'b', 'ns'),
      id('Widget', 'a', 'ns', 'example.com'),
      id('Deployment', 'a', 'ns'),
      id('Service', 'z', 'a'),
      id('Namespace', 'ns'),
      id('ConfigMap', 'c', 'ns'),
    ];
    assert.deepEqual(items.toSorted(compareApplyOrder).map(formatObjectId), [
      '_ns__Namespace',
      'ns_c__ConfigMap',
      'a_z__Service',
      'ns_a__Deployment',
      'ns_b__Deployment',
      'ns_a_example.com_Widget',
    ]);
  });

  const stages = [
    { id: id('CustomResourceDefinition', 'w', '', 'apiextensions.k8s.io'), want: 'definitions' },
    { id: id('Namespace', 'x'), want: 'definitions' },
    { id: id('ClusterRole', 'r', '', 'rbac.authorization.k8s.io'), want: 'definitions' },
    { id: id('IngressClass', 'nginx', '', 'networking.k8s.io'), want: 'classes' },
    { id: id('Deployment', 'd', 'ns', 'apps'), want: 'resources' },
    { id: id('CustomResourceDefinition', 'fake', '', 'example.com'), want: 'resources' },
  ];
  for (const c of stages)
    it(`puts ${c.id.kind} ${c.id.group} in stage ${c.want}`, () => assert.equal(stageOf(c.id), c.want));

  it('splits into non-empty stages in order', () => {
    const s = planStages([id('Deployment', 'd', 'ns', 'apps'), id('Namespace', 'ns')], (x) => x);
    assert.deepEqual(
      s.map((x) => [x.name, x.items.length]),
      [
        ['definitions', 1],
        ['resources', 1],
      ],
    );
  });
});
