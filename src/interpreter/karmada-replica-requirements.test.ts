/**
 * Karmada's replica requirement helpers, ported case by case through the native GetReplicas of a
 * one-replica Deployment (pkg/util/helper/binding_test.go TestGenerateReplicaRequirements,
 * TestGenerateNodeClaimByPodSpec; pkg/util/resource_test.go TestResource_AddPodTemplateRequest,
 * TestResource_ResourceList). Go's typed quantities are written as the strings Quantity.String
 * prints. Skipped: the other util.Resource tests (Sub, MaxDivided, Clone, New), which the
 * interpreter does not use.
 */
import assert from 'node:assert/strict';
import type { JsonObject } from '../api/index.ts';
import { native, obj } from './karmada-native.test-support.ts';

const deployment = (podSpec: JsonObject): ReturnType<typeof obj> =>
  obj(
    'apps/v1',
    'Deployment',
    { spec: { replicas: 1, template: { spec: podSpec } } },
    { name: 'd', namespace: 'default' },
  );
const required = { nodeSelectorTerms: [{ matchFields: [{ key: 'foo', operator: 'Exists' }] }] };
const resources = (requests: JsonObject, limits: JsonObject): JsonObject => ({ resources: { requests, limits } });

const cases: readonly { origin: string; podSpec: JsonObject; want: unknown }[] = [
  {
    origin: 'binding_test.go :: TestGenerateReplicaRequirements :: nodeClaim and resource request are nil',
    podSpec: {},
    want: { replicas: 1 },
  },
  {
    origin: 'binding_test.go :: TestGenerateReplicaRequirements :: has nodeClaim',
    podSpec: {
      nodeSelector: { foo: 'foo1' },
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } },
    },
    want: {
      replicas: 1,
      requirements: {
        nodeClaim: {
          hardNodeAffinity: required,
          nodeSelector: { foo: 'foo1' },
          tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
        },
      },
    },
  },
  {
    origin: 'binding_test.go :: TestGenerateReplicaRequirements :: has resourceRequest',
    podSpec: { containers: [{ name: 'c', resources: { limits: { cpu: '200m' } } }] },
    want: { replicas: 1, requirements: { resourceRequest: { cpu: '200m' } } },
  },
  {
    origin: 'binding_test.go :: TestGenerateNodeClaimByPodSpec :: empty pod spec returns nil',
    podSpec: {},
    want: { replicas: 1 },
  },
  {
    origin: 'binding_test.go :: TestGenerateNodeClaimByPodSpec :: with node selector',
    podSpec: { nodeSelector: { disktype: 'ssd' } },
    want: { replicas: 1, requirements: { nodeClaim: { nodeSelector: { disktype: 'ssd' } } } },
  },
  {
    origin: 'binding_test.go :: TestGenerateNodeClaimByPodSpec :: with tolerations',
    podSpec: { tolerations: [{ key: 'key1', operator: 'Exists' }] },
    want: { replicas: 1, requirements: { nodeClaim: { tolerations: [{ key: 'key1', operator: 'Exists' }] } } },
  },
  {
    origin: 'binding_test.go :: TestGenerateNodeClaimByPodSpec :: with node affinity',
    podSpec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } },
    want: { replicas: 1, requirements: { nodeClaim: { hardNodeAffinity: required } } },
  },
  {
    // Requests win over limits, limits stand in for missing requests; app containers are summed,
    // each init container raises the total to its own request; the overhead is added.
    origin: 'resource_test.go :: TestResource_AddPodTemplateRequest :: (the one unnamed case)',
    podSpec: {
      containers: [
        {
          name: 'app',
          ...resources(
            { cpu: '10m', memory: '10', 'test.karmada.io/foo': '10', 'test.karmada.io/bar': '10' },
            { memory: '99999', pods: '10', 'test.karmada.io/bar': '99999', 'test.karmada.io/baz': '10' },
          ),
        },
      ],
      initContainers: [
        {
          name: 'init',
          ...resources(
            { cpu: '5m', memory: '10', 'test.karmada.io/foo': '5', 'test.karmada.io/bar': '10' },
            { memory: '99999', pods: '20', 'test.karmada.io/bar': '99999', 'test.karmada.io/baz': '20' },
          ),
        },
      ],
      overhead: {
        cpu: '5m',
        memory: '5',
        'ephemeral-storage': '5',
        pods: '5',
        'test.karmada.io/foo': '5',
        'test.karmada.io/bar': '5',
        'test.karmada.io/baz': '5',
      },
    },
    want: {
      replicas: 1,
      requirements: {
        resourceRequest: {
          cpu: '15m',
          'ephemeral-storage': '5',
          memory: '15',
          pods: '25',
          'test.karmada.io/bar': '15',
          'test.karmada.io/baz': '25',
          'test.karmada.io/foo': '15',
        },
      },
    },
  },
  {
    // cpu in milli-units (DecimalSI), memory, ephemeral storage and hugepages BinarySI, the rest DecimalSI.
    origin: 'resource_test.go :: TestResource_ResourceList :: resource list',
    podSpec: {
      containers: [
        {
          name: 'app',
          resources: {
            requests: {
              cpu: '10m',
              memory: '10',
              'ephemeral-storage': '10',
              pods: '10',
              'hugepages-foo': '10',
              'test.karmada.io/bar': '10',
            },
          },
        },
      ],
    },
    want: {
      replicas: 1,
      requirements: {
        resourceRequest: {
          cpu: '10m',
          'ephemeral-storage': '10',
          'hugepages-foo': '10',
          memory: '10',
          pods: '10',
          'test.karmada.io/bar': '10',
        },
      },
    },
  },
  {
    origin: 'resource_test.go :: TestResource_ResourceList :: resource is empty',
    podSpec: { containers: [{ name: 'app' }] },
    want: { replicas: 1 },
  },
];

describe('Karmada helper/binding_test.go, util/resource_test.go: what one replica needs', () => {
  for (const c of cases) it(c.origin, () => assert.deepEqual(native.getReplicas(deployment(c.podSpec)), c.want));
});
