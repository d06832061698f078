/**
 * Builders for the ports of Karmada's native interpreter tests
 * (pkg/resourceinterpreter/default/native/*_test.go): objects, status items and the pod specs
 * those tests share. Facts only: inputs and expected outputs, written as flotilla's own values.
 */
import type { JsonObject, KubeObject } from '../api/index.ts';
import { createInterpreter, type AggregatedStatusItem, type DependencyRef } from './index.ts';

/** The interpreter with no customisations: every operation is the native one. */
export const native = createInterpreter([]);

/** An object of `apiVersion`/`kind` with the given top-level fields and metadata. */
export function obj(apiVersion: string, kind: string, fields: JsonObject = {}, metadata: JsonObject = {}): KubeObject {
  return { apiVersion, kind, metadata: { ...metadata }, ...fields } as unknown as KubeObject;
}

/** A Retain case: the desired and the observed object, and the object to apply. */
export interface RetainCase {
  readonly origin: string;
  readonly desired: KubeObject;
  readonly observed: KubeObject;
  readonly want: KubeObject;
}

/** An applied status item of a member cluster (Karmada's AggregatedStatusItem); `null` for none collected. */
export function item(clusterName: string, status: JsonObject | null): AggregatedStatusItem {
  return status === null ? { clusterName, applied: true } : { clusterName, status, applied: true };
}

/** The `status` of an aggregated object, or undefined. */
export function statusOf(o: KubeObject): unknown {
  return (o as unknown as { status?: unknown }).status;
}

/** The namespace of dependencies_test.go. */
export const depsNamespace = 'karmada-test';

const ref = (kind: string, name: string): DependencyRef => ({
  apiVersion: 'v1',
  kind,
  namespace: depsNamespace,
  name,
});

/** dependencies_test.go `testPairs`: three pod specs and the dependencies Karmada finds in each. */
export const podSpecPairs: readonly { readonly spec: JsonObject; readonly want: readonly DependencyRef[] }[] = [
  {
    spec: {
      serviceAccountName: 'test-serviceaccount',
      volumes: [
        { name: 'initcontainer-volume-mount', configMap: { name: 'test-configmap' } },
        { name: 'cloud-secret-volume', secret: { secretName: 'cloud-secret' } },
        { name: 'container-volume-mount', persistentVolumeClaim: { claimName: 'test-pvc' } },
      ],
    },
    want: [
      ref('ConfigMap', 'test-configmap'),
      ref('Secret', 'cloud-secret'),
      ref('ServiceAccount', 'test-serviceaccount'),
      ref('PersistentVolumeClaim', 'test-pvc'),
    ],
  },
  {
    spec: {
      serviceAccountName: 'test-serviceaccount',
      imagePullSecrets: [{ name: 'test-secret' }],
      initContainers: [
        {
          envFrom: [{ configMapRef: { name: 'initcontainer-envfrom-configmap' }, secretRef: { name: 'test-secret' } }],
          env: [{ valueFrom: { secretKeyRef: { name: 'test-secret' } } }],
        },
      ],
    },
    want: [
      ref('ConfigMap', 'initcontainer-envfrom-configmap'),
      ref('Secret', 'test-secret'),
      ref('ServiceAccount', 'test-serviceaccount'),
    ],
  },
  {
    spec: {
      containers: [
        {
          envFrom: [{ configMapRef: { name: 'test-configmap' } }],
          env: [{ valueFrom: { configMapKeyRef: { name: 'test-configmap' } } }],
        },
      ],
      volumes: [
        {
          name: 'container-volume-mount',
          persistentVolumeClaim: { claimName: 'test-pvc' },
          azureFile: { secretName: 'test-secret' },
        },
      ],
    },
    want: [ref('ConfigMap', 'test-configmap'), ref('Secret', 'test-secret'), ref('PersistentVolumeClaim', 'test-pvc')],
  },
];
