import assert from 'node:assert/strict';
import { desiredByCluster, type WorkToApply } from './apply-fleet.ts';
import { releasePatch } from './release.ts';
import { isLeftByPolicy } from './outcome.ts';

const work = (
  cluster: string,
  name: string,
  extra: { annotations?: Record<string, string>; suspend?: boolean; preserve?: boolean } = {},
): WorkToApply => ({
  metadata: { namespace: `karmada-es-${cluster}`, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
  spec: {
    workload: { manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' } }] },
    ...(extra.suspend ? { suspendDispatching: true } : {}),
    ...(extra.preserve ? { preserveResourcesOnDeletion: true } : {}),
  },
});

describe("cluster/desiredByCluster: each object carries its Work's dispatch", () => {
  const cases: { name: string; work: WorkToApply; want: unknown }[] = [
    {
      name: 'no annotation: Abort (Karmada objectwatcher allowUpdate)',
      work: work('m1', 'a'),
      want: { suspendDispatching: false, preserveResourcesOnDeletion: false, conflictResolution: 'Abort' },
    },
    {
      name: 'Overwrite',
      work: work('m1', 'a', { annotations: { 'work.karmada.io/conflict-resolution': 'Overwrite' } }),
      want: { suspendDispatching: false, preserveResourcesOnDeletion: false, conflictResolution: 'Overwrite' },
    },
    {
      name: 'suspended and preserved',
      work: work('m1', 'a', { suspend: true, preserve: true }),
      want: { suspendDispatching: true, preserveResourcesOnDeletion: true, conflictResolution: 'Abort' },
    },
  ];
  for (const c of cases)
    it(c.name, () => assert.deepEqual(desiredByCluster([c.work]).get('m1')?.[0]?.dispatch, c.want));
});

describe('cluster: objects left alone by their own Work', () => {
  const cases: { name: string; outcome: Parameters<typeof isLeftByPolicy>[0]; want: boolean }[] = [
    { name: 'suspended', outcome: { action: 'skipped', reason: 'SuspendDispatching', message: '' }, want: true },
    { name: 'a conflict under Abort', outcome: { action: 'failed', reason: 'ConflictAbort', message: '' }, want: true },
    {
      name: 'skipped after a failed dry-run',
      outcome: { action: 'skipped', reason: 'DryRunFailed', message: '' },
      want: false,
    },
    { name: 'a field manager conflict', outcome: { action: 'failed', reason: 'Conflict', message: '' }, want: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(isLeftByPolicy(c.outcome), c.want));
  it('a release removes exactly the ownership label and annotations (Karmada cleanupPolicyClaimMetadata)', () => {
    assert.deepEqual(releasePatch(), {
      metadata: {
        labels: { 'app.kubernetes.io/managed-by': null },
        annotations: { 'flotilla.io/binding': null, 'flotilla.io/manifest-hash': null },
      },
    });
  });
});
