/**
 * Karmada's pod reference visitors (lifted from Kubernetes), ported through the native
 * InterpretDependency of a Pod (pkg/util/lifted/visitpod_test.go TestPodSecrets,
 * TestPodConfigmaps): a fixture Pod refers to every Secret and ConfigMap field, each named by its path,
 * and every name is found; empty names are never collected. Skipped: TestVisitContainers (which
 * containers a visitor mask selects, Go plumbing) and the tests' reflection over the Pod type.
 */
import assert from 'node:assert/strict';
import { compareStrings, type JsonObject } from '../api/index.ts';
import { native, obj } from './karmada-native.test-support.ts';

const ref = (name: string): JsonObject => ({ name });
const envFrom = (field: 'secretRef' | 'configMapRef', name: string): JsonObject => ({ [field]: ref(name) });
const envKeyRef = (field: 'secretKeyRef' | 'configMapKeyRef', name: string): JsonObject => ({
  valueFrom: { [field]: ref(name) },
});
const container = (
  path: string,
  from: 'secretRef' | 'configMapRef',
  keyRef: 'secretKeyRef' | 'configMapKeyRef',
  fromName: string,
  keyName: string,
): JsonObject => ({
  name: path,
  envFrom: [envFrom(from, `${path}.EnvFrom[*].${fromName}`)],
  env: [envKeyRef(keyRef, `${path}.Env[*].ValueFrom.${keyName}`)],
});
const volume = (source: string, value: JsonObject): JsonObject => ({ name: source, [source]: value });
const v = (path: string): string => `Spec.Volumes[*].VolumeSource.${path}`;

const secretPod: JsonObject = {
  containers: [container('Spec.Containers[*]', 'secretRef', 'secretKeyRef', 'SecretRef', 'SecretKeyRef')],
  imagePullSecrets: [ref('Spec.ImagePullSecrets')],
  initContainers: [container('Spec.InitContainers[*]', 'secretRef', 'secretKeyRef', 'SecretRef', 'SecretKeyRef')],
  volumes: [
    volume('azureFile', { secretName: v('AzureFile.SecretName') }),
    volume('cephfs', { secretRef: ref(v('CephFS.SecretRef')) }),
    volume('cinder', { secretRef: ref(v('Cinder.SecretRef')) }),
    volume('flexVolume', { secretRef: ref(v('FlexVolume.SecretRef')) }),
    volume('projected', { sources: [{ secret: ref(v('Projected.Sources[*].Secret')) }] }),
    volume('rbd', { secretRef: ref(v('RBD.SecretRef')) }),
    volume('secret', { secretName: v('Secret.SecretName') }),
    volume('secret', { secretName: v('Secret') }),
    volume('scaleIO', { secretRef: ref(v('ScaleIO.SecretRef')) }),
    volume('iscsi', { secretRef: ref(v('ISCSI.SecretRef')) }),
    volume('storageos', { secretRef: ref(v('StorageOS.SecretRef')) }),
    volume('csi', { nodePublishSecretRef: ref(v('CSI.NodePublishSecretRef')) }),
  ],
  ephemeralContainers: [
    container(
      'Spec.EphemeralContainers[*].EphemeralContainerCommon',
      'secretRef',
      'secretKeyRef',
      'SecretRef',
      'SecretKeyRef',
    ),
  ],
};
const expectedSecretPaths = [
  'Spec.Containers[*].EnvFrom[*].SecretRef',
  'Spec.Containers[*].Env[*].ValueFrom.SecretKeyRef',
  'Spec.EphemeralContainers[*].EphemeralContainerCommon.EnvFrom[*].SecretRef',
  'Spec.EphemeralContainers[*].EphemeralContainerCommon.Env[*].ValueFrom.SecretKeyRef',
  'Spec.ImagePullSecrets',
  'Spec.InitContainers[*].EnvFrom[*].SecretRef',
  'Spec.InitContainers[*].Env[*].ValueFrom.SecretKeyRef',
  v('AzureFile.SecretName'),
  v('CephFS.SecretRef'),
  v('Cinder.SecretRef'),
  v('FlexVolume.SecretRef'),
  v('Projected.Sources[*].Secret'),
  v('RBD.SecretRef'),
  v('Secret'),
  v('Secret.SecretName'),
  v('ScaleIO.SecretRef'),
  v('ISCSI.SecretRef'),
  v('StorageOS.SecretRef'),
  v('CSI.NodePublishSecretRef'),
];

const configMapPod: JsonObject = {
  containers: [container('Spec.Containers[*]', 'configMapRef', 'configMapKeyRef', 'ConfigMapRef', 'ConfigMapKeyRef')],
  ephemeralContainers: [
    container(
      'Spec.EphemeralContainers[*].EphemeralContainerCommon',
      'configMapRef',
      'configMapKeyRef',
      'ConfigMapRef',
      'ConfigMapKeyRef',
    ),
  ],
  initContainers: [
    container('Spec.InitContainers[*]', 'configMapRef', 'configMapKeyRef', 'ConfigMapRef', 'ConfigMapKeyRef'),
  ],
  volumes: [
    volume('projected', { sources: [{ configMap: ref(v('Projected.Sources[*].ConfigMap')) }] }),
    volume('configMap', ref(v('ConfigMap'))),
  ],
};
const expectedConfigMapPaths = [
  'Spec.Containers[*].EnvFrom[*].ConfigMapRef',
  'Spec.Containers[*].Env[*].ValueFrom.ConfigMapKeyRef',
  'Spec.EphemeralContainers[*].EphemeralContainerCommon.EnvFrom[*].ConfigMapRef',
  'Spec.EphemeralContainers[*].EphemeralContainerCommon.Env[*].ValueFrom.ConfigMapKeyRef',
  'Spec.InitContainers[*].EnvFrom[*].ConfigMapRef',
  'Spec.InitContainers[*].Env[*].ValueFrom.ConfigMapKeyRef',
  v('Projected.Sources[*].ConfigMap'),
  v('ConfigMap'),
];

/** The names of the dependencies of `kind` a pod with `spec` has. */
function dependencyNames(spec: JsonObject, kind: string): string[] {
  return native
    .interpretDependency(obj('v1', 'Pod', { spec }, { name: 'every-reference', namespace: 'default' }))
    .filter((d) => d.kind === kind)
    .map((d) => d.name ?? '');
}

describe('Karmada lifted/visitpod_test.go: every Secret and ConfigMap a pod refers to', () => {
  it('visitpod_test.go :: TestPodSecrets: every secret reference is found', () =>
    assert.deepEqual(dependencyNames(secretPod, 'Secret'), [...expectedSecretPaths].sort(compareStrings)));

  it('visitpod_test.go :: TestPodSecrets: empty names are not collected', () =>
    assert.deepEqual(dependencyNames({ containers: [{ envFrom: [envFrom('secretRef', '')] }] }, 'Secret'), []));

  it('visitpod_test.go :: TestPodConfigmaps: every ConfigMap reference is found', () =>
    assert.deepEqual(dependencyNames(configMapPod, 'ConfigMap'), [...expectedConfigMapPaths].sort(compareStrings)));

  it('visitpod_test.go :: TestPodConfigmaps: empty names are not collected', () =>
    assert.deepEqual(dependencyNames({ containers: [{ envFrom: [envFrom('configMapRef', '')] }] }, 'ConfigMap'), []));
});
