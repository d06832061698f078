/**
 * Karmada's native Retain tests, ported case by case
 * (pkg/resourceinterpreter/default/native/retain_test.go, default_test.go TestRetain).
 * Skipped: retain_test.go :: Test_retainK8sWorkloadReplicas :: empty observed replicas, where
 * Karmada returns an error (the member object has no spec.replicas to keep) and flotilla keeps the
 * desired replicas; the interpreter has no error result for native operations.
 * Go's Test_retainJobSelectorFields passes Deployments to the Job function; here they are Jobs.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { native, obj, type RetainCase } from './karmada-native.test-support.ts';

const retainLabel = { 'resourcetemplate.karmada.io/retain-replicas': 'true' };
const secret = (type: string, key: string, value: string): ReturnType<typeof obj> =>
  obj('v1', 'Secret', { data: { [key]: Buffer.from(value).toString('base64') }, type });
const pv = (claim: string): ReturnType<typeof obj> =>
  obj('v1', 'PersistentVolume', { spec: { claimRef: { namespace: 'default', name: claim } } }, { name: 'pv' });
const pvc = (volumeName: string): ReturnType<typeof obj> =>
  obj('v1', 'PersistentVolumeClaim', { spec: { volumeName } }, { name: 'pvc' });
const job = (spec: JsonObject): ReturnType<typeof obj> =>
  obj('batch/v1', 'Job', { spec: { ...spec, replicas: 2 } }, { name: 'nginx' });
const mount = (name: string, mountPath: string, readOnly: boolean): JsonObject => ({ name, readOnly, mountPath });

const podSpec = (side: 'desired' | 'observed', other: string): JsonObject => ({
  nodeName: side === 'desired' ? 'node2' : 'node1',
  serviceAccountName: `fake-${side}-sa`,
  volumes: [{ name: `fake-${side}-volume`, secret: { secretName: `fake-${side}-secret` } }],
  initContainers: [
    { name: 'test', volumeMounts: [mount(`fake-${side}-config`, `/etc/etcd/${side}`, false)] },
    { name: other, volumeMounts: [mount(`fake-${side}-config-2`, `/etc/etcd/${side}2`, false)] },
  ],
  containers: [
    { name: 'test', volumeMounts: [mount(`fake-${side}-cert`, `/etc/karmada/${side}`, true)] },
    { name: other, volumeMounts: [mount(`fake-${side}-cert-2`, `/etc/karmada/${side}2`, true)] },
  ],
});

const cases: readonly RetainCase[] = [
  {
    origin: 'retain_test.go :: Test_retainK8sWorkloadReplicas :: deployment is control by hpa',
    desired: obj('apps/v1', 'Deployment', { spec: { replicas: 2 } }, { name: 'nginx', labels: retainLabel }),
    observed: obj('apps/v1', 'Deployment', { spec: { replicas: 4 } }, { name: 'nginx' }),
    want: obj('apps/v1', 'Deployment', { spec: { replicas: 4 } }, { name: 'nginx', labels: retainLabel }),
  },
  {
    origin: 'retain_test.go :: Test_retainK8sWorkloadReplicas :: deployment is not control by hpa',
    desired: obj('apps/v1', 'Deployment', { spec: { replicas: 2 } }, { name: 'nginx' }),
    observed: obj('apps/v1', 'Deployment', { spec: { replicas: 4 } }, { name: 'nginx' }),
    want: obj('apps/v1', 'Deployment', { spec: { replicas: 2 } }, { name: 'nginx' }),
  },
  {
    origin:
      'retain_test.go :: Test_retainSecretServiceAccountToken :: secret data and uid are retained for type service-account-token',
    desired: secret('kubernetes.io/service-account-token', 'token', 'desired-token'),
    observed: secret('kubernetes.io/service-account-token', 'token', 'observed-token'),
    want: secret('kubernetes.io/service-account-token', 'token', 'observed-token'),
  },
  {
    origin:
      'retain_test.go :: Test_retainSecretServiceAccountToken :: ignores missing uid and data for type service-account-token',
    desired: obj('v1', 'Secret', { type: 'kubernetes.io/service-account-token' }),
    observed: obj('v1', 'Secret', { type: 'kubernetes.io/service-account-token' }),
    want: obj('v1', 'Secret', { type: 'kubernetes.io/service-account-token' }),
  },
  {
    origin: 'retain_test.go :: Test_retainSecretServiceAccountToken :: does not retain for type tls',
    desired: secret('kubernetes.io/tls', 'tls.crt', 'desired-cert'),
    observed: secret('kubernetes.io/tls', 'tls.crt', 'observed-cert'),
    want: secret('kubernetes.io/tls', 'tls.crt', 'desired-cert'),
  },
  {
    origin: 'retain_test.go :: Test_retainSecretServiceAccountToken :: does not retain for type basic-auth',
    desired: secret('kubernetes.io/basic-auth', 'username', 'desired-user'),
    observed: secret('kubernetes.io/basic-auth', 'username', 'observed-user'),
    want: secret('kubernetes.io/basic-auth', 'username', 'desired-user'),
  },
  {
    origin: 'retain_test.go :: Test_retainSecretServiceAccountToken :: does not retain for type dockercfg',
    desired: secret('kubernetes.io/dockercfg', '.dockercfg', 'desired-docker-cfg'),
    observed: secret('kubernetes.io/dockercfg', '.dockercfg', 'observed-docker-cfg'),
    want: secret('kubernetes.io/dockercfg', '.dockercfg', 'desired-docker-cfg'),
  },
  {
    origin: 'retain_test.go :: Test_retainPersistentVolumeFields :: retain claimRef',
    desired: pv('pvc-1'),
    observed: pv('pvc-2'),
    want: pv('pvc-2'),
  },
  {
    origin: 'retain_test.go :: Test_retainPersistentVolumeClaimFields :: retain observed volume name',
    desired: pvc('desired-volume-name'),
    observed: pvc('observed-volume-name'),
    want: pvc('observed-volume-name'),
  },
  {
    origin: 'retain_test.go :: Test_retainJobSelectorFields :: matchLabels and templateLabels exists',
    desired: job({
      selector: { matchLabels: { app: 'nginx_v1' } },
      template: { metadata: { labels: { app: 'nginx_v1' } } },
    }),
    observed: job({
      selector: { matchLabels: { name: 'nginx' } },
      template: { metadata: { labels: { name: 'nginx' } } },
    }),
    want: job({ selector: { matchLabels: { name: 'nginx' } }, template: { metadata: { labels: { name: 'nginx' } } } }),
  },
  {
    origin: 'retain_test.go :: Test_retainJobSelectorFields :: matchLabels does not exists',
    desired: job({ template: { metadata: { labels: { app: 'nginx_v1' } } } }),
    observed: job({ template: { metadata: { labels: { name: 'nginx' } } } }),
    want: job({ template: { metadata: { labels: { name: 'nginx' } } } }),
  },
  {
    origin: 'retain_test.go :: Test_retainJobSelectorFields :: templateLabels does not exists',
    desired: job({ selector: { matchLabels: { app: 'nginx_v1' } } }),
    observed: job({ selector: { matchLabels: { name: 'nginx' } } }),
    want: job({ selector: { matchLabels: { name: 'nginx' } } }),
  },
  {
    origin: 'retain_test.go :: Test_retainPodFields :: retain observed pod fields',
    desired: obj('v1', 'Pod', { spec: podSpec('desired', 'test-3') }),
    observed: obj('v1', 'Pod', { spec: podSpec('observed', 'test-2') }),
    want: obj('v1', 'Pod', {
      spec: {
        nodeName: 'node1',
        serviceAccountName: 'fake-observed-sa',
        volumes: [{ name: 'fake-observed-volume', secret: { secretName: 'fake-observed-secret' } }],
        initContainers: [
          { name: 'test', volumeMounts: [mount('fake-observed-config', '/etc/etcd/observed', false)] },
          { name: 'test-3', volumeMounts: [mount('fake-desired-config-2', '/etc/etcd/desired2', false)] },
        ],
        containers: [
          { name: 'test', volumeMounts: [mount('fake-observed-cert', '/etc/karmada/observed', true)] },
          { name: 'test-3', volumeMounts: [mount('fake-desired-cert-2', '/etc/karmada/desired2', true)] },
        ],
      },
    }),
  },
  {
    origin: 'default_test.go :: TestRetain :: retain observed replica',
    desired: obj('apps/v1', 'Deployment', { spec: { replicas: 2 } }, { name: 'nginx' }),
    observed: obj('apps/v1', 'Deployment', { spec: { replicas: 4 } }, { name: 'nginx' }),
    want: obj('apps/v1', 'Deployment', { spec: { replicas: 2 } }, { name: 'nginx' }),
  },
  {
    // An apps/v1 Pod has no native handler: Karmada errors, and its caller applies the desired object.
    origin: 'default_test.go :: TestRetain :: cannot retain observed replica of given kind and apiversion',
    desired: obj('apps/v1', 'Pod', { spec: { replicas: 2 } }, { name: 'nginx' }),
    observed: obj('apps/v1', 'Pod', { spec: { replicas: 4 } }, { name: 'nginx' }),
    want: obj('apps/v1', 'Pod', { spec: { replicas: 2 } }, { name: 'nginx' }),
  },
];

describe('Karmada native/retain_test.go: Retain', () => {
  for (const c of cases) it(c.origin, () => assert.deepEqual(native.retain(c.desired, c.observed), c.want));

  it('retain_test.go :: Test_getAllDefaultRetentionInterpreter: the eight kinds with a retention', () => {
    // Each kind's member-owned field set on the observed object only; kinds without a handler ignore it.
    const observedSpec = {
      replicas: 9,
      nodeName: 'n',
      clusterIP: '10.0.0.9',
      volumeName: 'v',
      claimRef: { name: 'c' },
    };
    const kinds = [
      ['apps/v1', 'Deployment', { labels: retainLabel }],
      ['v1', 'Pod', {}],
      ['v1', 'Service', {}],
      ['v1', 'PersistentVolumeClaim', {}],
      ['v1', 'PersistentVolume', {}],
      ['apps/v1', 'StatefulSet', { labels: retainLabel }],
      ['v1', 'ConfigMap', {}],
    ] as const;
    const changed = kinds.map(([apiVersion, kind, metadata]) => {
      const desired = obj(apiVersion, kind, { spec: {} }, metadata);
      return (
        JSON.stringify(native.retain(desired, obj(apiVersion, kind, { spec: observedSpec }))) !==
        JSON.stringify(desired)
      );
    });
    assert.deepEqual(changed, [true, true, true, true, true, false, false]);
    const account = obj('v1', 'ServiceAccount', {});
    assert.deepEqual(native.retain(account, obj('v1', 'ServiceAccount', { secrets: [{ name: 't' }] })), {
      ...account,
      secrets: [{ name: 't' }],
    });
    const token = obj('v1', 'Secret', { type: 'kubernetes.io/service-account-token' });
    assert.deepEqual(native.retain(token, obj('v1', 'Secret', { data: { t: 'dA==' } })), {
      ...token,
      data: { t: 'dA==' },
    });
    const jobDesired = obj('batch/v1', 'Job', { spec: {} });
    assert.deepEqual(
      native.retain(jobDesired, obj('batch/v1', 'Job', { spec: { selector: { matchLabels: { a: 'b' } } } })),
      {
        ...jobDesired,
        spec: { selector: { matchLabels: { a: 'b' } } },
      },
    );
  });
});
