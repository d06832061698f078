import assert from 'node:assert/strict';
import { availableResources, formatQuantity, nodeSummary, resourceSummary } from './capacity.ts';

const node = (cpu: string, memory: string, ready = true) => ({
  status: {
    allocatable: { cpu, memory, pods: '110' },
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  },
});
const pod = (
  requests: Record<string, string>,
  opts: { nodeName?: string; phase?: string; init?: Record<string, string> } = {},
) => ({
  spec: {
    ...(opts.nodeName ? { nodeName: opts.nodeName } : {}),
    containers: [{ resources: { requests } }],
    ...(opts.init ? { initContainers: [{ resources: { requests: opts.init } }] } : {}),
  },
  status: { phase: opts.phase ?? 'Running' },
});

describe('capacity (Karmada getResourceSummary)', () => {
  const cases = [
    {
      name: 'sums node allocatable',
      nodes: [node('4', '8Gi'), node('4', '8Gi')],
      pods: [],
      want: { allocatable: { cpu: '8', memory: '16Gi', pods: '220' } },
    },
    {
      name: 'bound running pods are allocated, unbound allocating, finished ignored',
      nodes: [node('4', '8Gi')],
      pods: [
        pod({ cpu: '500m', memory: '1Gi' }, { nodeName: 'n1' }),
        pod({ cpu: '1' }, { nodeName: 'n1', phase: 'Succeeded' }),
        pod({ cpu: '250m' }),
      ],
      want: {
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        allocating: { cpu: '250m', pods: '1' },
        allocated: { cpu: '500m', memory: '1Gi', pods: '1' },
      },
    },
    {
      name: 'an init container raises the request to its own',
      nodes: [],
      pods: [pod({ cpu: '100m' }, { nodeName: 'n', init: { cpu: '2' } })],
      want: { allocated: { cpu: '2', pods: '1' } },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(resourceSummary({ nodes: c.nodes, pods: c.pods }), c.want));

  it('available = allocatable − allocated − allocating', () => {
    assert.deepEqual(
      availableResources({
        allocatable: { cpu: '8', memory: '16Gi', pods: '220' },
        allocated: { cpu: '500m', memory: '1Gi', pods: '1' },
        allocating: { cpu: '9' },
      }),
      { cpu: '0', memory: '15Gi', pods: '219' },
    );
  });
  it('counts ready nodes', () =>
    assert.deepEqual(nodeSummary([node('1', '1Gi'), node('1', '1Gi', false)]), { totalNum: 2, readyNum: 1 }));
  const quantities = [
    ['cpu', 2500n, '2500m'],
    ['cpu', 3000n, '3'],
    ['memory', 8n * 1024n ** 3n * 1000n, '8Gi'],
    ['memory', 1500n * 1000n, '1500'],
    ['pods', 7000n, '7'],
  ] as const;
  for (const [name, milli, want] of quantities)
    it(`formats ${name} ${milli}m as ${want}`, () => assert.equal(formatQuantity(name, milli), want));
});
