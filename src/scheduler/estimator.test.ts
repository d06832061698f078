import assert from 'node:assert/strict';
import type { ReplicaRequirements, ResourceModel, ResourceSummary } from '../api/index.ts';
import { estimateReplicas, parseCapacity } from './estimator.ts';

const summary = (
  free: { cpu?: string; memory?: string; pods?: string },
  extra: Partial<ResourceSummary> = {},
): ResourceSummary => ({
  allocatable: { cpu: free.cpu ?? '8', memory: free.memory ?? '32Gi', pods: free.pods ?? '110' },
  ...extra,
});
const models: ResourceModel[] = [
  {
    grade: 0,
    ranges: [
      { name: 'cpu', min: '0', max: '2' },
      { name: 'memory', min: '0', max: '4Gi' },
    ],
  },
  {
    grade: 1,
    ranges: [
      { name: 'cpu', min: '2', max: '4' },
      { name: 'memory', min: '4Gi', max: '8Gi' },
    ],
  },
];

const cases: {
  name: string;
  summary?: ResourceSummary;
  models?: ResourceModel[];
  req?: ReplicaRequirements;
  want: number;
}[] = [
  { name: 'no resourceSummary: 0', req: { resourceRequest: { cpu: '1' } }, want: 0 },
  { name: 'no resourceSummary and no requirements: 0', want: 0 },
  {
    name: 'no requirements: free pods',
    summary: summary({}, { allocated: { pods: '10' }, allocating: { pods: '5' } }),
    want: 95,
  },
  {
    name: 'no free pods: 0',
    summary: summary({}, { allocated: { pods: '110' } }),
    req: { resourceRequest: { cpu: '1m' } },
    want: 0,
  },
  {
    name: 'cpu bound in milli-units',
    summary: summary({ cpu: '8' }, { allocated: { cpu: '6500m' } }),
    req: { resourceRequest: { cpu: '500m' } },
    want: 3,
  },
  {
    name: 'memory bound',
    summary: summary({ memory: '1Gi' }),
    req: { resourceRequest: { cpu: '100m', memory: '256Mi' } },
    want: 4,
  },
  {
    name: 'resource not listed by the cluster: 0',
    summary: summary({}),
    req: { resourceRequest: { 'nvidia.com/gpu': '1' } },
    want: 0,
  },
  { name: 'empty resourceRequest: free pods', summary: summary({ pods: '7' }), req: {}, want: 7 },
  { name: 'zero request ignored', summary: summary({ pods: '7' }), req: { resourceRequest: { cpu: '0' } }, want: 7 },
  {
    name: 'resource models: first-fit on grade minimums',
    summary: summary(
      {},
      {
        allocatableModelings: [
          { grade: 0, count: 10 },
          { grade: 1, count: 3 },
        ],
      },
    ),
    models,
    req: { resourceRequest: { cpu: '500m', memory: '1Gi' } },
    want: 12, // grade 0 nodes have min 0 → nothing; grade 1: min(2/0.5, 4Gi/1Gi) = 4 per node × 3
  },
  {
    name: 'resource models capped by free pods',
    summary: summary({ pods: '5' }, { allocatableModelings: [{ grade: 1, count: 3 }] }),
    models,
    req: { resourceRequest: { cpu: '500m' } },
    want: 5,
  },
  {
    name: 'allocatableModelings without resourceModels fall back to the summary',
    summary: summary({ cpu: '2' }, { allocatableModelings: [{ grade: 1, count: 3 }] }),
    req: { resourceRequest: { cpu: '500m' } },
    want: 4,
  },
];

describe('estimateReplicas (general estimator)', () => {
  for (const c of cases)
    it(c.name, () => assert.equal(estimateReplicas(parseCapacity(c.summary, c.models), c.req), c.want));
});
