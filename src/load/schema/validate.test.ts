import assert from 'node:assert/strict';
import { validateAgainstSchema, type SchemaKind } from './index.ts';

type Json = Record<string, unknown>;
const meta = (name: string, namespace?: string): Json => ({ name, ...(namespace ? { namespace } : {}) });

function cluster(spec: Json = {}, status?: Json): Json {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: meta('member1'),
    spec: { syncMode: 'Push', ...spec },
    ...(status ? { status } : {}),
  };
}
function propagation(spec: Json = {}, kind = 'PropagationPolicy'): Json {
  const resourceSelectors = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }];
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind,
    metadata: meta('pp', kind === 'PropagationPolicy' ? 'default' : undefined),
    spec: { resourceSelectors, ...spec },
  };
}
function override(spec: Json = {}, kind = 'OverridePolicy'): Json {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind,
    metadata: meta('op', kind === 'OverridePolicy' ? 'default' : undefined),
    spec,
  };
}
function customization(
  customizations: Json = { replicaResource: { luaScript: 'function GetReplicas(o) return 1, nil end' } },
  target: Json = { apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet' },
): Json {
  return {
    apiVersion: 'config.karmada.io/v1alpha1',
    kind: 'ResourceInterpreterCustomization',
    metadata: meta('ric'),
    spec: { target, customizations },
  };
}

interface Case {
  readonly name: string;
  readonly kind: SchemaKind;
  readonly value: unknown;
  readonly want: readonly (readonly [string, readonly (string | number)[]])[];
}
const ok = (name: string, kind: SchemaKind, value: unknown): Case => ({ name, kind, value, want: [] });
const unknown = (...path: (string | number)[]) => ['UnknownField', path] as const;
const bad = (...path: (string | number)[]) => ['SchemaViolation', path] as const;

const cases: Case[] = [
  // Cluster
  ok(
    'Cluster: spec, taints, resource models and a declared status',
    'Cluster',
    cluster(
      {
        provider: 'aws',
        region: 'eu-west-1',
        zones: ['eu-west-1a'],
        taints: [{ key: 'spot', value: 'true', effect: 'NoSchedule' }],
        resourceModels: [{ grade: 0, ranges: [{ name: 'cpu', min: 0, max: '4' }] }],
        secretRef: { namespace: 'karmada-cluster', name: 'member1' },
      },
      {
        apiEnablements: [{ groupVersion: 'apps/v1', resources: [{ name: 'deployments', kind: 'Deployment' }] }],
        conditions: [{ type: 'Ready', status: 'False', reason: 'ClusterNotReachable' }],
        resourceSummary: {
          allocatable: { cpu: 32, memory: '128Gi', pods: '110' },
          allocated: { cpu: '500m' },
          allocatableModelings: [{ grade: 0, count: 3 }],
        },
        nodeSummary: { totalNum: 3, readyNum: 3 },
      },
    ),
  ),
  {
    name: 'Cluster: typo in a spec field',
    kind: 'Cluster',
    value: cluster({ regoin: 'eu' }),
    want: [unknown('spec', 'regoin')],
  },
  {
    name: 'Cluster: wrong syncMode',
    kind: 'Cluster',
    value: cluster({ syncMode: 'push' }),
    want: [bad('spec', 'syncMode')],
  },
  {
    name: 'Cluster: missing syncMode',
    kind: 'Cluster',
    value: { ...cluster(), spec: {} },
    want: [bad('spec', 'syncMode')],
  },
  {
    name: 'Cluster: taint without an effect, bad quantity, condition status',
    kind: 'Cluster',
    value: cluster(
      { taints: [{ key: 'spot' }] },
      { resourceSummary: { allocatable: { cpu: 'lots' } }, conditions: [{ type: 'Ready', status: 'true' }] },
    ),
    want: [
      bad('spec', 'taints', 0, 'effect'),
      bad('status', 'conditions', 0, 'status'),
      bad('status', 'resourceSummary', 'allocatable', 'cpu'),
    ],
  },
  {
    name: 'Cluster: zone and zones together',
    kind: 'Cluster',
    value: cluster({ zone: 'a', zones: ['b'] }),
    want: [bad('spec', 'zones')],
  },
  {
    name: 'Cluster: name that is not a DNS label of at most 48 characters',
    kind: 'Cluster',
    value: { ...cluster(), metadata: { name: `Member-${'x'.repeat(50)}` } },
    want: [bad('metadata', 'name'), bad('metadata', 'name')],
  },
  {
    name: 'Cluster: label value with a space',
    kind: 'Cluster',
    value: { ...cluster(), metadata: { name: 'm1', labels: { env: 'pro d' } } },
    want: [bad('metadata', 'labels', 'env')],
  },
  {
    name: 'Cluster: unknown status field',
    kind: 'Cluster',
    value: cluster({}, { apiEnablement: [] }),
    want: [unknown('status', 'apiEnablement')],
  },

  // PropagationPolicy
  ok(
    'PropagationPolicy: a full placement',
    'PropagationPolicy',
    propagation({
      priority: 3,
      preemption: 'Always',
      conflictResolution: 'Overwrite',
      propagateDeps: true,
      dependentOverrides: ['op'],
      failover: {
        application: { decisionConditions: { tolerationSeconds: 60 }, purgeMode: 'Gracefully', gracePeriodSeconds: 30 },
      },
      suspension: { dispatchingOnClusters: { clusterNames: ['member2'] } },
      schedulePriority: { priorityClassSource: 'KubePriorityClass', priorityClassName: 'high' },
      placement: {
        clusterAffinity: {
          labelSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] },
          fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us'] }] },
          exclude: ['member3'],
        },
        clusterTolerations: [{ key: 'spot', operator: 'Exists', effect: 'NoSchedule' }],
        spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }],
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member1'] }, weight: 2 }] },
        },
        workloadAffinity: { antiAffinity: { groupByLabelKey: 'app' } },
      },
    }),
  ),
  {
    name: 'PropagationPolicy: typo in replicaSchedulingType',
    kind: 'PropagationPolicy',
    value: propagation({ placement: { replicaScheduling: { replicaSchedulingTyp: 'Divided' } } }),
    want: [unknown('spec', 'placement', 'replicaScheduling', 'replicaSchedulingTyp')],
  },
  {
    name: 'PropagationPolicy: wrong enum',
    kind: 'PropagationPolicy',
    value: propagation({ placement: { replicaScheduling: { replicaSchedulingType: 'Divide' } } }),
    want: [bad('spec', 'placement', 'replicaScheduling', 'replicaSchedulingType')],
  },
  {
    name: 'PropagationPolicy: priority of the wrong type',
    kind: 'PropagationPolicy',
    value: propagation({ priority: 'high' }),
    want: [bad('spec', 'priority')],
  },
  {
    name: 'PropagationPolicy: priority beyond int32',
    kind: 'PropagationPolicy',
    value: propagation({ priority: 2 ** 31 }),
    want: [bad('spec', 'priority')],
  },
  {
    name: 'PropagationPolicy: selector without kind',
    kind: 'PropagationPolicy',
    value: propagation({ resourceSelectors: [{ apiVersion: 'apps/v1' }] }),
    want: [bad('spec', 'resourceSelectors', 0, 'kind')],
  },
  {
    name: 'PropagationPolicy: no selectors at all',
    kind: 'PropagationPolicy',
    value: propagation({ resourceSelectors: [] }),
    want: [bad('spec', 'resourceSelectors')],
  },
  {
    name: 'PropagationPolicy: weight 0, minGroups -1, both spread kinds',
    kind: 'PropagationPolicy',
    value: propagation({
      placement: {
        spreadConstraints: [{ spreadByField: 'region', spreadByLabel: 'geo', minGroups: -1 }],
        replicaScheduling: { weightPreference: { staticWeightList: [{ targetCluster: {}, weight: 0 }] } },
      },
    }),
    want: [
      bad('spec', 'placement', 'replicaScheduling', 'weightPreference', 'staticWeightList', 0, 'weight'),
      bad('spec', 'placement', 'spreadConstraints', 0, 'minGroups'),
      bad('spec', 'placement', 'spreadConstraints', 0, 'spreadByLabel'),
    ],
  },
  {
    name: 'PropagationPolicy: clusterAffinity with clusterAffinities',
    kind: 'PropagationPolicy',
    value: propagation({ placement: { clusterAffinity: {}, clusterAffinities: [{ affinityName: 'a' }] } }),
    want: [bad('spec', 'placement', 'clusterAffinities')],
  },
  {
    name: 'PropagationPolicy: unsupported field selector key and operator',
    kind: 'PropagationPolicy',
    value: propagation({
      placement: { clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'country', operator: 'Exists' }] } } },
    }),
    want: [
      bad('spec', 'placement', 'clusterAffinity', 'fieldSelector', 'matchExpressions', 0, 'key'),
      bad('spec', 'placement', 'clusterAffinity', 'fieldSelector', 'matchExpressions', 0, 'operator'),
    ],
  },
  {
    name: 'PropagationPolicy: affinity name too long, Lt toleration',
    kind: 'PropagationPolicy',
    value: propagation({
      placement: {
        clusterAffinities: [{ affinityName: 'x'.repeat(33) }],
        clusterTolerations: [{ key: 'a', operator: 'Lt' }],
      },
    }),
    want: [
      bad('spec', 'placement', 'clusterAffinities', 0, 'affinityName'),
      bad('spec', 'placement', 'clusterTolerations', 0, 'operator'),
    ],
  },
  {
    name: 'PropagationPolicy: unknown top-level field and label value of the wrong type',
    kind: 'PropagationPolicy',
    value: { ...propagation(), metadata: { name: 'pp', labels: { tier: 1 } }, specs: {} },
    want: [bad('metadata', 'labels', 'tier'), unknown('specs')],
  },
  {
    name: 'PropagationPolicy: name and namespace that are not DNS names',
    kind: 'PropagationPolicy',
    value: { ...propagation(), metadata: { name: 'Web_PP', namespace: 'team.a' } },
    want: [bad('metadata', 'name'), bad('metadata', 'namespace')],
  },
  {
    name: 'PropagationPolicy: wrong apiVersion',
    kind: 'PropagationPolicy',
    value: { ...propagation(), apiVersion: 'policy.karmada.io/v1' },
    want: [bad('apiVersion')],
  },
  { name: 'PropagationPolicy: not a mapping', kind: 'PropagationPolicy', value: ['a'], want: [bad()] },

  // ClusterPropagationPolicy
  ok(
    'ClusterPropagationPolicy: duplicated to named clusters',
    'ClusterPropagationPolicy',
    propagation(
      {
        placement: {
          clusterAffinity: { clusterNames: ['member1'] },
          replicaScheduling: { replicaSchedulingType: 'Duplicated' },
        },
      },
      'ClusterPropagationPolicy',
    ),
  ),
  {
    name: 'ClusterPropagationPolicy: typo in a spec field',
    kind: 'ClusterPropagationPolicy',
    value: propagation({ placment: {} }, 'ClusterPropagationPolicy'),
    want: [unknown('spec', 'placment')],
  },
  {
    name: 'ClusterPropagationPolicy: bad preemption, missing selectors',
    kind: 'ClusterPropagationPolicy',
    value: { ...propagation({}, 'ClusterPropagationPolicy'), spec: { preemption: 'Sometimes' } },
    want: [bad('spec', 'preemption'), bad('spec', 'resourceSelectors')],
  },

  // OverridePolicy
  ok(
    'OverridePolicy: every overrider',
    'OverridePolicy',
    override({
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
      overrideRules: [
        {
          targetCluster: { clusterNames: ['member1'] },
          overriders: {
            plaintext: [
              { path: '/spec/replicas', operator: 'replace', value: 2 },
              { path: '/metadata/labels/x', operator: 'remove' },
            ],
            imageOverrider: [
              {
                component: 'Registry',
                operator: 'replace',
                value: 'mirror.example.com',
                predicate: { path: '/spec/template/spec/containers/0/image' },
              },
            ],
            commandOverrider: [{ containerName: 'main', operator: 'add', value: ['--v=2'] }],
            argsOverrider: [{ containerName: 'main', operator: 'remove', value: ['--debug'] }],
            labelsOverrider: [{ operator: 'add', value: { env: 'prod' } }],
            annotationsOverrider: [{ operator: 'remove', value: { note: '' } }],
            fieldOverrider: [
              { fieldPath: '/data/config.yaml', yaml: [{ subPath: '/a/b', operator: 'replace', value: { c: 1 } }] },
            ],
          },
        },
      ],
    }),
  ),
  ok(
    'OverridePolicy: deprecated targetCluster and overriders',
    'OverridePolicy',
    override({
      targetCluster: { clusterNames: ['member1'] },
      overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 1 }] },
    }),
  ),
  {
    name: 'OverridePolicy: typo in an overrider name',
    kind: 'OverridePolicy',
    value: override({ overrideRules: [{ overriders: { imageOverrides: [] } }] }),
    want: [unknown('spec', 'overrideRules', 0, 'overriders', 'imageOverrides')],
  },
  {
    name: 'OverridePolicy: wrong operator and component',
    kind: 'OverridePolicy',
    value: override({
      overrideRules: [
        {
          overriders: {
            imageOverrider: [{ component: 'registry', operator: 'set' }],
            commandOverrider: [{ containerName: 'c', operator: 'replace' }],
          },
        },
      ],
    }),
    want: [
      bad('spec', 'overrideRules', 0, 'overriders', 'commandOverrider', 0, 'operator'),
      bad('spec', 'overrideRules', 0, 'overriders', 'imageOverrider', 0, 'component'),
      bad('spec', 'overrideRules', 0, 'overriders', 'imageOverrider', 0, 'operator'),
    ],
  },
  {
    name: 'OverridePolicy: rule without overriders, plaintext without path',
    kind: 'OverridePolicy',
    value: override({
      overrideRules: [{ targetCluster: {} }, { overriders: { plaintext: [{ operator: 'add', value: 1 }] } }],
    }),
    want: [
      bad('spec', 'overrideRules', 0, 'overriders'),
      bad('spec', 'overrideRules', 1, 'overriders', 'plaintext', 0, 'path'),
    ],
  },
  {
    name: 'OverridePolicy: targetCluster with overrideRules, json with yaml',
    kind: 'OverridePolicy',
    value: override({
      targetCluster: {},
      overrideRules: [
        {
          overriders: {
            fieldOverrider: [
              {
                fieldPath: '/data/x',
                json: [{ subPath: '/a', operator: 'remove' }],
                yaml: [{ subPath: '/a', operator: 'remove' }],
              },
            ],
          },
        },
      ],
    }),
    want: [bad('spec', 'overrideRules', 0, 'overriders', 'fieldOverrider', 0, 'yaml'), bad('spec', 'targetCluster')],
  },
  {
    name: 'OverridePolicy: label value that is not a string',
    kind: 'OverridePolicy',
    value: override({
      overrideRules: [{ overriders: { labelsOverrider: [{ operator: 'add', value: { replicas: 3 } }] } }],
    }),
    want: [bad('spec', 'overrideRules', 0, 'overriders', 'labelsOverrider', 0, 'value', 'replicas')],
  },

  // ClusterOverridePolicy
  ok(
    'ClusterOverridePolicy: a label for every cluster',
    'ClusterOverridePolicy',
    override(
      {
        resourceSelectors: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' }],
        overrideRules: [{ overriders: { labelsOverrider: [{ operator: 'add', value: { a: 'b' } }] } }],
      },
      'ClusterOverridePolicy',
    ),
  ),
  {
    name: 'ClusterOverridePolicy: typo in targetCluster',
    kind: 'ClusterOverridePolicy',
    value: override(
      { overrideRules: [{ targetCluster: { clusterName: ['m'] }, overriders: {} }] },
      'ClusterOverridePolicy',
    ),
    want: [unknown('spec', 'overrideRules', 0, 'targetCluster', 'clusterName')],
  },
  {
    name: 'ClusterOverridePolicy: overrideRules not a list',
    kind: 'ClusterOverridePolicy',
    value: override({ overrideRules: {} }, 'ClusterOverridePolicy'),
    want: [bad('spec', 'overrideRules')],
  },

  // ResourceInterpreterCustomization
  ok(
    'ResourceInterpreterCustomization: every operation',
    'ResourceInterpreterCustomization',
    customization(
      Object.fromEntries(
        [
          'retention',
          'replicaResource',
          'componentResource',
          'replicaRevision',
          'statusReflection',
          'statusAggregation',
          'healthInterpretation',
          'dependencyInterpretation',
        ].map((k) => [k, { luaScript: 'return nil' }]),
      ),
    ),
  ),
  {
    name: 'ResourceInterpreterCustomization: typo in a customization',
    kind: 'ResourceInterpreterCustomization',
    value: customization({ healthInterpretaton: { luaScript: 'x' } }),
    want: [unknown('spec', 'customizations', 'healthInterpretaton')],
  },
  {
    name: 'ResourceInterpreterCustomization: missing luaScript and target kind',
    kind: 'ResourceInterpreterCustomization',
    value: customization({ replicaResource: { lua: 'x' } }, { apiVersion: 'v1' }),
    want: [
      unknown('spec', 'customizations', 'replicaResource', 'lua'),
      bad('spec', 'customizations', 'replicaResource', 'luaScript'),
      bad('spec', 'target', 'kind'),
    ],
  },
  {
    name: 'ResourceInterpreterCustomization: script of the wrong type',
    kind: 'ResourceInterpreterCustomization',
    value: customization({ retention: { luaScript: 42 } }),
    want: [bad('spec', 'customizations', 'retention', 'luaScript')],
  },

  // Settings (flotilla.yaml)
  ok('Settings: empty file content', 'Settings', {}),
  ok('Settings: every field', 'Settings', {
    apiVersion: 'flotilla.io/v1alpha1',
    kind: 'Settings',
    include: ['clusters/**', 'apps/**/*.yaml'],
    exclude: ['**/kustomization.yaml'],
    sourceBranch: 'main',
    statusBranch: 'fleet/status',
    renderedBranch: 'flotilla-rendered',
    pollSchedule: '*/30 * * * * *',
  }),
  {
    name: 'Settings: typo in a field',
    kind: 'Settings',
    value: { statusbranch: 'x' },
    want: [unknown('statusbranch')],
  },
  {
    name: 'Settings: include of the wrong type, bad branch and schedule',
    kind: 'Settings',
    value: { include: 'apps/**', sourceBranch: 'my branch', renderedBranch: 'a..b', pollSchedule: 'every minute' },
    want: [bad('include'), bad('pollSchedule'), bad('renderedBranch'), bad('sourceBranch')],
  },
  { name: 'Settings: wrong kind', kind: 'Settings', value: { kind: 'Config' }, want: [bad('kind')] },
];

describe('schema: validateAgainstSchema', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = validateAgainstSchema(c.kind, c.value).map((i) => [i.code, i.path] as const);
      assert.deepEqual(got, c.want);
    });
  }

  it('reports every issue once, sorted by path (indexes numerically)', () => {
    const selectors = Array.from({ length: 12 }, () => ({ apiVersion: 'v1' }));
    const paths = validateAgainstSchema('PropagationPolicy', propagation({ resourceSelectors: selectors })).map(
      (i) => i.path[2],
    );
    assert.deepEqual(paths, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('validates the same value the same way twice (compiled once, no state carried over)', () => {
    const value = propagation({ priority: 'x' });
    assert.deepEqual(
      validateAgainstSchema('PropagationPolicy', value),
      validateAgainstSchema('PropagationPolicy', value),
    );
  });
});

describe('schema: messages', () => {
  const table: readonly { name: string; kind: SchemaKind; value: unknown; want: string }[] = [
    {
      name: 'unknown field with a suggestion',
      kind: 'PropagationPolicy',
      value: propagation({ placement: { replicaScheduling: { replicaSchedulingTyp: 'Divided' } } }),
      want: 'unknown field "replicaSchedulingTyp" in spec.placement.replicaScheduling (did you mean "replicaSchedulingType"?)',
    },
    {
      name: 'unknown field that belongs one level down',
      kind: 'PropagationPolicy',
      value: propagation({ placement: { clusterNames: ['member1'] } }),
      want: 'unknown field "clusterNames" in spec.placement (it belongs in spec.placement.clusterAffinity)',
    },
    {
      name: 'unknown field that belongs one level down, across files',
      kind: 'PropagationPolicy',
      value: propagation({ placement: { clusterAffinity: { matchLabels: { env: 'prod' } } } }),
      want: 'unknown field "matchLabels" in spec.placement.clusterAffinity (it belongs in spec.placement.clusterAffinity.labelSelector)',
    },
    {
      name: 'unknown field known in several children: no guess',
      kind: 'ResourceInterpreterCustomization',
      value: customization({ luaScript: 'x' }),
      want: 'unknown field "luaScript" in spec.customizations',
    },
    {
      name: 'unknown field that belongs in a shared definition one level down',
      kind: 'OverridePolicy',
      value: override({ overrideRules: [{ overriders: {}, matchLabels: {} }] }),
      want: 'unknown field "matchLabels" in spec.overrideRules[0]',
    },
    {
      name: 'unknown top-level field without a close match',
      kind: 'Cluster',
      value: { ...cluster(), extra: 1 },
      want: 'unknown field "extra" at the top level',
    },
    {
      name: 'enum',
      kind: 'PropagationPolicy',
      value: propagation({ placement: { replicaScheduling: { replicaSchedulingType: 'Divide' } } }),
      want: 'spec.placement.replicaScheduling.replicaSchedulingType must be one of: Duplicated, Divided (got "Divide")',
    },
    {
      name: 'required',
      kind: 'PropagationPolicy',
      value: propagation({ resourceSelectors: [{ apiVersion: 'v1' }] }),
      want: 'spec.resourceSelectors[0].kind is required',
    },
    {
      name: 'type',
      kind: 'PropagationPolicy',
      value: propagation({ priority: 'high' }),
      want: 'spec.priority must be an integer (got "high")',
    },
    {
      name: 'quoted keys',
      kind: 'Cluster',
      value: cluster({}, { resourceSummary: { allocatable: { 'nvidia.com/gpu': 'two' } } }),
      want: 'status.resourceSummary.allocatable["nvidia.com/gpu"] must be a Kubernetes quantity such as 500m, 2 or 4Gi (got "two")',
    },
    {
      name: 'a key with no value',
      kind: 'PropagationPolicy',
      value: propagation({ placement: { clusterAffinity: null } }),
      want: 'spec.placement.clusterAffinity is empty (null); give it a value or remove it (expected a mapping)',
    },
  ];
  for (const c of table) {
    it(c.name, () =>
      assert.deepEqual(
        validateAgainstSchema(c.kind, c.value).map((i) => i.message),
        [c.want],
      ),
    );
  }
});
