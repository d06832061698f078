import assert from 'node:assert/strict';
import {
  attachedDispatchPolicy,
  mergeConflictResolution,
  shouldSuspendDispatching,
  type ConflictResolution,
  type DispatchPolicy,
} from './dispatch.ts';

// Karmada pkg/controllers/binding/common.go shouldSuspendDispatching (and common_test.go's cases).
describe('render/dispatch shouldSuspendDispatching', () => {
  const cases: {
    name: string;
    suspension: Parameters<typeof shouldSuspendDispatching>[0];
    cluster: string;
    want: boolean;
  }[] = [
    { name: 'no suspension', suspension: undefined, cluster: 'm1', want: false },
    { name: 'dispatching true suspends every cluster', suspension: { dispatching: true }, cluster: 'm1', want: true },
    { name: 'dispatching false suspends none', suspension: { dispatching: false }, cluster: 'm1', want: false },
    {
      name: 'a listed cluster is suspended',
      suspension: { dispatchingOnClusters: { clusterNames: ['m1', 'm2'] } },
      cluster: 'm2',
      want: true,
    },
    {
      name: 'an unlisted cluster is not',
      suspension: { dispatchingOnClusters: { clusterNames: ['m1'] } },
      cluster: 'm3',
      want: false,
    },
    { name: 'an empty list suspends none', suspension: { dispatchingOnClusters: {} }, cluster: 'm1', want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(shouldSuspendDispatching(c.suspension, c.cluster), c.want));
});

// Karmada pkg/controllers/binding/common.go mergeConflictResolution.
describe('render/dispatch mergeConflictResolution', () => {
  const cases: {
    name: string;
    annotations: Record<string, string> | undefined;
    binding: ConflictResolution | undefined;
    want: ConflictResolution;
  }[] = [
    { name: 'nothing set: Abort', annotations: undefined, binding: undefined, want: 'Abort' },
    { name: 'the binding says Overwrite', annotations: {}, binding: 'Overwrite', want: 'Overwrite' },
    { name: 'the binding says Abort', annotations: {}, binding: 'Abort', want: 'Abort' },
    {
      name: "the template's Abort wins over the binding's Overwrite",
      annotations: { 'work.karmada.io/conflict-resolution': 'Abort' },
      binding: 'Overwrite',
      want: 'Abort',
    },
    {
      name: "the template's Overwrite wins over the default",
      annotations: { 'work.karmada.io/conflict-resolution': 'Overwrite' },
      binding: undefined,
      want: 'Overwrite',
    },
    {
      name: "the template's Karmada spelling (overwrite) wins over the default",
      annotations: { 'work.karmada.io/conflict-resolution': 'overwrite' },
      binding: undefined,
      want: 'Overwrite',
    },
    {
      name: 'an invalid template value is ignored',
      annotations: { 'work.karmada.io/conflict-resolution': 'OVERWRITE' },
      binding: 'Abort',
      want: 'Abort',
    },
  ];
  for (const c of cases) it(c.name, () => assert.equal(mergeConflictResolution(c.annotations, c.binding), c.want));
});

// Karmada pkg/dependenciesdistributor/policy_utils.go detectAndResolveConflictResolution / detectAndResolvePreserveOnDeletion.
describe('render/dispatch attachedDispatchPolicy', () => {
  const cases: { name: string; referencing: DispatchPolicy[]; want: DispatchPolicy }[] = [
    {
      name: 'none set: Abort, not preserved',
      referencing: [{}, {}],
      want: { conflictResolution: 'Abort', preserveResourcesOnDeletion: false },
    },
    {
      name: 'any Overwrite wins',
      referencing: [{ conflictResolution: 'Abort' }, { conflictResolution: 'Overwrite' }],
      want: { conflictResolution: 'Overwrite', preserveResourcesOnDeletion: false },
    },
    {
      name: 'any preservation preserves',
      referencing: [{ preserveResourcesOnDeletion: false }, { preserveResourcesOnDeletion: true }],
      want: { conflictResolution: 'Abort', preserveResourcesOnDeletion: true },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(attachedDispatchPolicy(c.referencing), c.want));
});
