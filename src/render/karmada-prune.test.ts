/**
 * Karmada's prune tests, case by case: pkg/resourceinterpreter/default/native/prune/prune_test.go
 * :: TestRemoveIrrelevantField. Each case names the fields that must be gone and those that must
 * stay, as the Go table does; the Job case runs with RemoveJobTTLSeconds, which flotilla applies to
 * every manifest as Karmada's CreateOrUpdateWork does. No case is skipped.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { pruneIrrelevantFields } from './prune-fields.ts';

type Path = readonly string[];

interface PruneCase {
  readonly name: string;
  readonly workload: JsonObject;
  /** Paths that must be absent after pruning. */
  readonly gone: readonly Path[];
  /** Paths that must still be there, with their value. */
  readonly kept?: readonly { path: Path; value: unknown }[];
}

const at = (m: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    m,
  );

const cases: readonly PruneCase[] = [
  {
    // prune_test.go :: TestRemoveIrrelevantField :: remove common object irrelevant fields
    name: 'remove common object irrelevant fields',
    workload: {
      metadata: {
        creationTimestamp: '2023-03-13T05:00:41Z',
        deletionTimestamp: '2023-03-13T06:00:41Z',
        deletionGracePeriodSeconds: 10,
        generation: 2,
        managedFields: [{ apiVersion: 'v1', fieldsType: 'FieldsV1', manager: 'name', operation: 'Apply' }],
        resourceVersion: '22222',
        selfLink: 'http://example.com',
        uid: 'db56a4a6-0dff-465a-b046-2c1dea42a42b',
        ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'foo', uid: 'fb11a9a6-1daa-265b-c046-1c1dea42a42c' }],
        finalizers: ['foregroundDeletion'],
      },
      status: {},
    },
    gone: [
      ['metadata', 'creationTimestamp'],
      ['metadata', 'deletionTimestamp'],
      ['metadata', 'deletionGracePeriodSeconds'],
      ['metadata', 'generation'],
      ['metadata', 'managedFields'],
      ['metadata', 'resourceVersion'],
      ['metadata', 'selfLink'],
      ['metadata', 'uid'],
      ['metadata', 'ownerReferences'],
      ['metadata', 'finalizers'],
      ['status'],
    ],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: remove service irrelevant fields
    name: 'remove service irrelevant fields',
    workload: { kind: 'Service', spec: { clusterIP: '10.10.10.10', clusterIPs: ['10.10.10.10'] } },
    gone: [
      ['spec', 'clusterIP'],
      ['spec', 'clusterIPs'],
    ],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: remove job irrelevant fields (extra hook RemoveJobTTLSeconds)
    name: 'remove job irrelevant fields',
    workload: {
      kind: 'Job',
      spec: {
        selector: { matchLabels: { foo: 'bar', 'controller-uid': 'ab11a9a6-1daa-265b-c046-1c1dea42a42c' } },
        template: {
          metadata: {
            labels: { 'controller-uid': 'ab11a9a6-1daa-265b-c046-1c1dea42a42c', 'job-name': 'test-job', foo: 'bar' },
          },
        },
        ttlSecondsAfterFinished: 10,
      },
    },
    gone: [
      ['spec', 'selector', 'matchLabels', 'controller-uid'],
      ['spec', 'template', 'metadata', 'labels', 'controller-uid'],
      ['spec', 'template', 'metadata', 'labels', 'job-name'],
      ['spec', 'ttlSecondsAfterFinished'],
    ],
    kept: [
      { path: ['spec', 'selector', 'matchLabels', 'foo'], value: 'bar' },
      { path: ['spec', 'template', 'metadata', 'labels', 'foo'], value: 'bar' },
    ],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: remove serviceaccount irrelevant fields
    name: 'remove serviceaccount irrelevant fields',
    workload: {
      kind: 'ServiceAccount',
      metadata: { name: 'foo' },
      secrets: [{ name: 'foo-token-6pgxf' }, { name: 'foo-dockercfg-zdr2j' }],
    },
    gone: [],
    kept: [{ path: ['secrets'], value: [{ name: 'foo-dockercfg-zdr2j' }] }],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: remove service-account token secret irrelevant fields
    name: 'remove service-account token secret irrelevant fields',
    workload: {
      kind: 'Secret',
      metadata: { 'kubernetes.io/service-account.uid': '123' },
      type: 'kubernetes.io/service-account-token',
      data: { token: 'abc' },
    },
    gone: [
      ['metadata', 'annotations', 'kubernetes.io/service-account.uid'],
      ['data', 'token'],
    ],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: retains secret basic-auth fields
    name: 'retains secret basic-auth fields',
    workload: {
      kind: 'Secret',
      metadata: { foo: 'bar' },
      type: 'kubernetes.io/basic-auth',
      data: { username: 'foo', password: 'bar' },
    },
    gone: [],
    kept: [
      { path: ['metadata', 'foo'], value: 'bar' },
      { path: ['data', 'username'], value: 'foo' },
      { path: ['data', 'password'], value: 'bar' },
    ],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: remove selected-node pvc annotation
    name: 'remove selected-node pvc annotation',
    workload: {
      kind: 'PersistentVolumeClaim',
      metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'node1' } },
    },
    gone: [['metadata', 'annotations', 'volume.kubernetes.io/selected-node']],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: removes deployment revision annotation (a number, as written there)
    name: 'removes deployment revision annotation',
    workload: { kind: 'Deployment', metadata: { annotations: { 'deployment.kubernetes.io/revision': 1 } } },
    gone: [['metadata', 'annotations', 'deployment.kubernetes.io/revision']],
  },
  {
    // prune_test.go :: TestRemoveIrrelevantField :: removes deployment revision history annotation
    name: 'removes deployment revision history annotation',
    workload: {
      kind: 'Deployment',
      metadata: { annotations: { 'deployment.kubernetes.io/revision-history': '1,2' } },
    },
    gone: [['metadata', 'annotations', 'deployment.kubernetes.io/revision-history']],
  },
];

describe('render: Karmada prune_test.go TestRemoveIrrelevantField, case by case', () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = structuredClone(c.workload);
      pruneIrrelevantFields(m);
      for (const p of c.gone) assert.equal(at(m, p), undefined, `.${p.join('.')} is gone`);
      for (const k of c.kept ?? []) assert.deepEqual(at(m, k.path), k.value, `.${k.path.join('.')} stays`);
    });
  }
});
