/**
 * The general replica estimator checked case by case against Karmada's
 * pkg/estimator/client/general_test.go (facts only). Each case cites
 * `<Go file> :: <test function> :: <case name>`.
 *
 * Skipped: every case with assumed workloads (the SchedulingOvercommitProtection feature gate, off by
 * default), the component-set tests (MultiplePodTemplatesScheduling, off by default), and
 * TestGetMaximumReplicasBasedOnResourceModels :: No grade defined should result in an error (an
 * error that makes the estimator fall back to the resource summary, covered by estimator.test.ts).
 */
import assert from 'node:assert/strict';
import type { ReplicaRequirements, ResourceModel, ResourceSummary } from '../api/index.ts';
import { estimateReplicas, parseCapacity, replicasFromSummary } from './estimator.ts';

const cpuGrades = (...ranges: [string, string][]): ResourceModel[] =>
  ranges.map(([min, max], grade) => ({ grade, ranges: [{ name: 'cpu', min, max }] }));
const cpuMemGrades: ResourceModel[] = [
  ['0', '1', '0', '1Gi'],
  ['1', '2', '1Gi', '2Gi'],
  ['2', '4', '2Gi', '4Gi'],
].map(([cMin = '', cMax = '', mMin = '', mMax = ''], grade) => ({
  grade,
  ranges: [
    { name: 'cpu', min: cMin, max: cMax },
    { name: 'memory', min: mMin, max: mMax },
  ],
}));
const oneNodeEach: ResourceSummary = {
  allocatable: { pods: '110' },
  allocatableModelings: [
    { grade: 0, count: 1 },
    { grade: 1, count: 1 },
    { grade: 2, count: 1 },
  ],
};
const req = (r: Record<string, string>): ReplicaRequirements => ({ resourceRequest: r });

describe('Karmada general_test.go (general estimator)', () => {
  const cases: {
    cite: string;
    summary?: ResourceSummary;
    models?: ResourceModel[];
    req?: ReplicaRequirements;
    want: number;
  }[] = [
    {
      cite: 'TestGetMaximumReplicasBasedOnResourceModels :: Partially compliant grades',
      summary: oneNodeEach,
      models: cpuGrades(['0', '1'], ['1', '2'], ['2', '4']),
      req: req({ cpu: '1.5' }),
      want: 1,
    },
    {
      cite: 'TestGetMaximumReplicasBasedOnResourceModels :: No compliant grades',
      summary: oneNodeEach,
      models: cpuGrades(['0', '1'], ['1', '2'], ['2', '4']),
      req: req({ cpu: '3' }),
      want: 0,
    },
    {
      cite: 'TestGetMaximumReplicasBasedOnResourceModels :: Multi resource request',
      summary: oneNodeEach,
      models: cpuMemGrades,
      req: req({ cpu: '1', memory: '1.5Gi' }),
      want: 1,
    },
    {
      cite: 'TestGetMaximumReplicasBasedOnResourceModels :: request exceeds highest grade',
      summary: oneNodeEach,
      models: cpuMemGrades,
      req: req({ cpu: '1', memory: '2.5Gi' }),
      want: 0,
    },
    {
      cite: 'TestMaxAvailableReplicas :: single cluster with resources',
      summary: {
        allocatable: { cpu: '4', memory: '8Gi', pods: '100' },
        allocated: { cpu: '1', memory: '2Gi', pods: '20' },
      },
      req: req({ cpu: '500m', memory: '1Gi' }),
      want: 6,
    },
    { cite: 'TestMaxAvailableReplicas :: cluster with no resources', req: req({ cpu: '1' }), want: 0 },
    { cite: 'TestMaxAvailableReplicasGeneral :: nil resource summary', want: 0 },
    {
      cite: 'TestMaxAvailableReplicasGeneral :: no allowed pods',
      summary: { allocatable: { pods: '10' }, allocated: { pods: '10' } },
      want: 0,
    },
    {
      cite: 'TestMaxAvailableReplicasGeneral :: nil replica requirements',
      summary: { allocatable: { pods: '10' } },
      want: 10,
    },
    {
      cite: 'TestMaxAvailableReplicasGeneral :: basic resource estimation',
      summary: {
        allocatable: { pods: '100', cpu: '4', memory: '8Gi' },
        allocated: { pods: '20', cpu: '1', memory: '2Gi' },
      },
      req: req({ cpu: '500m', memory: '1Gi' }),
      want: 6,
    },
    {
      cite: 'TestMaxAvailableReplicasGeneralWithResourceModels (without assumed workloads)',
      summary: {
        allocatable: { pods: '100', cpu: '3' },
        allocatableModelings: [
          { grade: 0, count: 0 },
          { grade: 1, count: 3 },
        ],
      },
      models: cpuGrades(['0', '1'], ['1', '2']),
      req: req({ cpu: '500m' }),
      want: 6,
    },
    {
      cite: 'TestGetAllowedPodNumber :: normal case',
      summary: { allocatable: { pods: '100' }, allocated: { pods: '40' }, allocating: { pods: '10' } },
      want: 50,
    },
    { cite: 'TestGetAllowedPodNumber :: no allocatable pods', summary: { allocated: { pods: '10' } }, want: 0 },
    {
      cite: 'TestGetAllowedPodNumber :: over allocation',
      summary: { allocatable: { pods: '100' }, allocated: { pods: '90' }, allocating: { pods: '20' } },
      want: 0,
    },
  ];
  for (const c of cases) {
    it(`general_test.go :: ${c.cite}`, () => {
      assert.equal(estimateReplicas(parseCapacity(c.summary, c.models), c.req), c.want);
    });
  }
  const bySummary: { cite: string; summary: ResourceSummary; want: bigint }[] = [
    {
      cite: 'TestGetMaximumReplicasBasedOnClusterSummary :: sufficient resources',
      summary: { allocatable: { cpu: '4', memory: '8Gi' }, allocated: { cpu: '1', memory: '2Gi' } },
      want: 6n,
    },
    {
      cite: 'TestGetMaximumReplicasBasedOnClusterSummary :: insufficient memory',
      summary: { allocatable: { cpu: '4', memory: '2Gi' }, allocated: { cpu: '1', memory: '1.5Gi' } },
      want: 0n,
    },
  ];
  for (const c of bySummary) {
    it(`general_test.go :: ${c.cite}`, () => {
      assert.equal(replicasFromSummary(c.summary, { cpu: '500m', memory: '1Gi' }), c.want);
    });
  }
});
