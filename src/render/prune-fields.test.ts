import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { pruneIrrelevantFields } from './prune-fields.ts';

// Karmada pkg/resourceinterpreter/default/native/prune/prune.go, case by case.
const cases: readonly { name: string; in: JsonObject; want: JsonObject }[] = [
  {
    name: 'generated metadata and status go, user metadata stays',
    in: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'c',
        labels: { a: '1' },
        uid: 'u',
        resourceVersion: '7',
        generation: 2,
        creationTimestamp: 't',
        managedFields: [],
        ownerReferences: [],
        finalizers: ['f'],
      },
      status: { x: 1 },
      data: { k: 'v' },
    },
    want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } }, data: { k: 'v' } },
  },
  {
    name: "a Deployment's revision annotations go",
    in: {
      kind: 'Deployment',
      metadata: {
        name: 'd',
        annotations: {
          'deployment.kubernetes.io/revision': '3',
          'deployment.kubernetes.io/revision-history': '1,2',
          keep: 'me',
        },
      },
    },
    want: { kind: 'Deployment', metadata: { name: 'd', annotations: { keep: 'me' } } },
  },
  {
    name: "a Job's controller-uid selector and template labels go",
    in: {
      kind: 'Job',
      metadata: { name: 'j' },
      spec: {
        selector: { matchLabels: { 'controller-uid': 'u', 'batch.kubernetes.io/controller-uid': 'u', app: 'a' } },
        template: {
          metadata: {
            labels: { 'job-name': 'j', 'batch.kubernetes.io/job-name': 'j', 'controller-uid': 'u', app: 'a' },
          },
        },
      },
    },
    want: {
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } } } },
    },
  },
  {
    name: "a Job's ttlSecondsAfterFinished goes (RemoveJobTTLSeconds), with or without manualSelector",
    in: {
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { manualSelector: true, ttlSecondsAfterFinished: 10, backoffLimit: 2 },
    },
    want: { kind: 'Job', metadata: { name: 'j' }, spec: { manualSelector: true, backoffLimit: 2 } },
  },
  {
    name: 'a Job with manualSelector keeps its selector',
    in: {
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { manualSelector: true, selector: { matchLabels: { 'controller-uid': 'u' } } },
    },
    want: {
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { manualSelector: true, selector: { matchLabels: { 'controller-uid': 'u' } } },
    },
  },
  {
    name: 'a service-account token Secret loses its data and uid annotation',
    in: {
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: 's',
        annotations: { 'kubernetes.io/service-account.uid': 'u', 'kubernetes.io/service-account.name': 'sa' },
      },
      data: { token: 'x' },
    },
    want: {
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: { name: 's', annotations: { 'kubernetes.io/service-account.name': 'sa' } },
    },
  },
  {
    name: 'an ordinary Secret keeps its data',
    in: { kind: 'Secret', type: 'Opaque', metadata: { name: 's' }, data: { k: 'dg==' } },
    want: { kind: 'Secret', type: 'Opaque', metadata: { name: 's' }, data: { k: 'dg==' } },
  },
  {
    name: 'a ServiceAccount loses only its generated token secrets',
    in: {
      kind: 'ServiceAccount',
      metadata: { name: 'sa' },
      secrets: [{ name: 'sa-token-abcde' }, { name: 'registry' }],
    },
    want: { kind: 'ServiceAccount', metadata: { name: 'sa' }, secrets: [{ name: 'registry' }] },
  },
  {
    name: "a Service's allocated clusterIP goes",
    in: {
      kind: 'Service',
      metadata: { name: 's' },
      spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [{ port: 80 }] },
    },
    want: { kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } },
  },
  {
    name: 'a headless Service keeps clusterIP None',
    in: { kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: 'None' } },
    want: { kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: 'None' } },
  },
  {
    name: "a PersistentVolumeClaim's selected node goes",
    in: {
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'p', annotations: { 'volume.kubernetes.io/selected-node': 'n1', keep: 'me' } },
    },
    want: { kind: 'PersistentVolumeClaim', metadata: { name: 'p', annotations: { keep: 'me' } } },
  },
];

describe('render: pruneIrrelevantFields (Karmada prune.RemoveIrrelevantFields)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const m = structuredClone(c.in);
      pruneIrrelevantFields(m);
      assert.deepEqual(m, c.want);
    });
  }
});
