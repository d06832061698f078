import assert from 'node:assert/strict';
import type { KubeObject } from '../api/index.ts';
import { secretWithoutValues, templateFromLive } from './live-template.ts';
import { promotionPolicy } from './promotion-policy.ts';

const meta = (extra: Record<string, unknown> = {}) => ({
  name: 'web',
  namespace: 'shop',
  uid: 'u-1',
  resourceVersion: '42',
  generation: 3,
  creationTimestamp: '2026-01-01T00:00:00Z',
  managedFields: [{ manager: 'kubectl' }],
  annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '1' },
  ...extra,
});
const container = (image: string, pull: string) => ({
  name: 'web',
  image,
  imagePullPolicy: pull,
  ports: [{ containerPort: 80, protocol: 'TCP' }],
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
});
const podTemplate = (c: unknown) => ({
  metadata: { creationTimestamp: null, labels: { app: 'web' } },
  spec: {
    containers: [c],
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
});

describe('templateFromLive: generated, assigned and defaulted fields are left out', () => {
  const cases: { name: string; live: Record<string, unknown>; want: Record<string, unknown> }[] = [
    {
      name: 'a Deployment loses status, bookkeeping and every default',
      live: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(),
        spec: {
          replicas: 2,
          progressDeadlineSeconds: 600,
          revisionHistoryLimit: 10,
          selector: { matchLabels: { app: 'web' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
          template: podTemplate(container('nginx:1.27', 'IfNotPresent')),
        },
        status: { replicas: 2 },
      },
      want: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
          },
        },
      },
    },
    {
      name: 'values that differ from the default stay (Always for a tagged image, a Recreate strategy)',
      live: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(),
        spec: { strategy: { type: 'Recreate' }, template: podTemplate(container('nginx:1.27', 'Always')) },
      },
      want: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          strategy: { type: 'Recreate' },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [
                { name: 'web', image: 'nginx:1.27', imagePullPolicy: 'Always', ports: [{ containerPort: 80 }] },
              ],
            },
          },
        },
      },
    },
    {
      name: 'an untagged image defaults to Always, so Always is dropped',
      live: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c', image: 'busybox', imagePullPolicy: 'Always' }] },
      },
      want: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      },
    },
    {
      name: 'a Service loses its clusterIP(s), nodePorts and defaulted policies',
      live: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta({ annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }),
        spec: {
          type: 'NodePort',
          clusterIP: '10.0.0.7',
          clusterIPs: ['10.0.0.7'],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          internalTrafficPolicy: 'Cluster',
          sessionAffinity: 'None',
          selector: { app: 'web' },
          ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 31234 }],
        },
      },
      want: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'shop' },
        spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
    },
    {
      name: 'the deprecated serviceAccount alias goes when it repeats serviceAccountName; a LoadBalancer loses its defaulted policies',
      live: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { serviceAccountName: 'app', serviceAccount: 'app', containers: [] },
      },
      want: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p' },
        spec: { serviceAccountName: 'app', containers: [] },
      },
    },
    {
      name: 'a LoadBalancer Service loses externalTrafficPolicy Cluster, allocateLoadBalancerNodePorts and healthCheckNodePort',
      live: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'lb' },
        spec: {
          type: 'LoadBalancer',
          externalTrafficPolicy: 'Cluster',
          allocateLoadBalancerNodePorts: true,
          healthCheckNodePort: 30001,
          ports: [{ port: 443 }],
        },
      },
      want: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'lb' },
        spec: { type: 'LoadBalancer', ports: [{ port: 443 }] },
      },
    },
    {
      name: 'a PersistentVolumeClaim loses its bound volume and the binder annotations',
      live: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: 'data',
          namespace: 'shop',
          annotations: { 'pv.kubernetes.io/bind-completed': 'yes' },
          finalizers: ['kubernetes.io/pvc-protection'],
        },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          volumeMode: 'Filesystem',
          volumeName: 'pvc-123',
        },
      },
      want: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', namespace: 'shop' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(templateFromLive(c.live as unknown as KubeObject), c.want));

  it('does not change the object it is given', () => {
    const live = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(), data: { a: '1' } };
    const before = JSON.stringify(live);
    templateFromLive(live as unknown as KubeObject);
    assert.equal(JSON.stringify(live), before);
  });
});

describe('secretWithoutValues: names, never values', () => {
  it('keeps metadata and type, drops data and stringData, names the keys', () => {
    const live = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta({ annotations: {} }),
      type: 'Opaque',
      data: { password: 'czNjcjN0', user: 'YQ==' },
      stringData: { extra: 'x' },
    };
    const { template, keys } = secretWithoutValues(live as unknown as KubeObject);
    assert.deepEqual(template, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web', namespace: 'shop' },
      type: 'Opaque',
    });
    assert.deepEqual(keys, ['extra', 'password', 'user']);
  });
});

describe('promotionPolicy: pinned to the cluster, Overwrite, selectors sorted', () => {
  it('selects the workload and its dependencies on one cluster', () => {
    const objs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } },
    ] as KubeObject[];
    assert.deepEqual(promotionPolicy(objs, 'member2'), {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'PropagationPolicy',
      metadata: { name: 'web-deployment', namespace: 'shop' },
      spec: {
        conflictResolution: 'Overwrite',
        resourceSelectors: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg' },
        ],
        placement: {
          clusterAffinity: { clusterNames: ['member2'] },
          replicaScheduling: { replicaSchedulingType: 'Duplicated' },
        },
      },
    });
  });
});
