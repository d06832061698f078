/**
 * Karmada's admission tables for propagation and override policies, ported case by case and run
 * through loadFleet, so each refusal is a load error with its line:
 * pkg/util/validation/validation_test.go :: TestValidatePropagationSpec, TestValidatePlacement,
 *   TestValidateOverflowAffinities, TestValidateWorkloadAffinity, TestValidateClusterTolerations,
 *   TestValidateApplicationFailover, TestValidateClusterFailover, TestValidateOverrideSpec,
 *   TestEmptyOverrides (through ValidateOverrideSpec: overriders beside overrideRules);
 * pkg/util/policy_test.go :: TestIsOverflowSupport (through ValidatePlacement);
 * pkg/webhook/{propagationpolicy,clusterpropagationpolicy,overridepolicy,clusteroverridepolicy}/validating_test.go
 * and mutating_test.go (what the webhooks refuse, and the defaults the mutating ones write).
 * Karmada's webhook runs after its mutating webhook, so a case whose Go input lacks a default the
 * mutating webhook writes (gracePeriodSeconds 600) is accepted here, and Go inputs the CRD schema
 * would refuse (a plaintext overrider without an operator) get the field the schema requires.
 * Skipped as plumbing: TestValidateCrdsTarBall (karmadactl's CRD archive), the webhooks' decode
 * errors, and the update-only checks (schedulerName and permanent-id label immutability: a git
 * revision has no update of an object, only a new version of the file), and pkg/util/policy_test.go ::
 * TestIsLazyActivationEnabled (a one-line predicate; Lazy activation is tested in src/plan).
 */
import assert from 'node:assert/strict';
import { loadFleet } from './index.ts';

const enc = new TextEncoder();
const errors = (text: string) =>
  loadFleet({ revision: 'r', problems: [], files: [{ path: 'p.yaml', bytes: enc.encode(text) }] })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.code, d.line]);
const deployments = '  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n';
/** A PropagationPolicy in `default`; its body starts at line 6. */
const pp = (body: string, selectors = deployments) =>
  `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: p, namespace: default}\nspec:\n${selectors}${body}`;
/** An OverridePolicy in `default` (or a ClusterOverridePolicy); its body starts at line 6. */
const op = (body: string, kind = 'OverridePolicy') =>
  `apiVersion: policy.karmada.io/v1alpha1\nkind: ${kind}\nmetadata: {name: o${kind === 'OverridePolicy' ? ', namespace: default' : ''}}\nspec:\n${deployments}${body}`;

type Case = { name: string; text: string; want: unknown[] };
function run(title: string, cases: Case[]) {
  describe(`Karmada ${title}`, () => {
    for (const c of cases) it(c.name, () => assert.deepEqual(errors(c.text), c.want));
  });
}

const placement = (lines: string) => pp(`  placement:\n${lines}`);
const spread = (list: string) => placement(`    spreadConstraints: ${list}\n`);
const fieldSelector = (key: string, operator: string) =>
  `{matchExpressions: [{key: ${key}, operator: ${operator}, values: [fooCloud]}]}`;

/** The workloadAffinity cases TestValidatePropagationSpec and TestValidateWorkloadAffinity share. */
function workloadAffinityCases(prefix = 'workloadAffinity '): Case[] {
  const wa = (lines: string) => placement(`    workloadAffinity:\n${lines}`);
  return [
    {
      name: `${prefix}affinity and antiAffinity with same groupByLabelKey`,
      text: wa('      affinity: {groupByLabelKey: app.group}\n      antiAffinity: {groupByLabelKey: app.group}\n'),
      want: [['InvalidPlacement', 7]],
    },
    {
      name: `${prefix}affinity and antiAffinity with different groupByLabelKey is valid`,
      text: wa('      affinity: {groupByLabelKey: app.group}\n      antiAffinity: {groupByLabelKey: app.region}\n'),
      want: [],
    },
    {
      name: `${prefix}with only affinity is valid`,
      text: wa('      affinity: {groupByLabelKey: app.group}\n'),
      want: [],
    },
    {
      name: `${prefix}with only antiAffinity is valid`,
      text: wa('      antiAffinity: {groupByLabelKey: app.group}\n'),
      want: [],
    },
    {
      name: `${prefix}affinity with invalid groupByLabelKey`,
      text: wa('      affinity: {groupByLabelKey: "INVALID KEY!"}\n'),
      want: [['InvalidPlacement', 8]],
    },
    {
      name: `${prefix}antiAffinity with invalid groupByLabelKey`,
      text: wa('      antiAffinity: {groupByLabelKey: "INVALID KEY!"}\n'),
      want: [['InvalidPlacement', 8]],
    },
  ];
}

run('validation_test.go :: TestValidatePropagationSpec', [
  {
    name: 'valid spec',
    text: placement(
      '    clusterAffinity:\n      fieldSelector: {matchExpressions: [{key: provider, operator: In, values: [fooCloud]}, {key: region, operator: NotIn, values: [fooCloud]}, {key: zone, operator: NotIn, values: [fooCloud]}]}\n    spreadConstraints: [{maxGroups: 2, minGroups: 1, spreadByField: region}, {spreadByField: cluster}]\n',
    ),
    want: [],
  },
  {
    name: 'clusterAffinity.fieldSelector has unsupported key',
    text: placement(`    clusterAffinity:\n      fieldSelector: ${fieldSelector('foo', 'In')}\n`),
    want: [['SchemaViolation', 8]],
  },
  {
    name: 'clusterAffinity.fieldSelector has unsupported operator',
    text: placement(`    clusterAffinity:\n      fieldSelector: ${fieldSelector('provider', 'Exists')}\n`),
    want: [['SchemaViolation', 8]],
  },
  {
    name: 'clusterAffinities cannot co-exist with clusterAffinity',
    text: placement(
      '    clusterAffinity: {clusterNames: [m1]}\n    clusterAffinities: [{affinityName: group1, clusterNames: [m1]}]\n',
    ),
    want: [['SchemaViolation', 8]],
  },
  {
    name: 'clusterAffinities different affinities have the same affinityName',
    text: placement(
      '    clusterAffinities:\n      - {affinityName: group1, clusterNames: [m1]}\n      - {affinityName: group1, clusterNames: [m2]}\n',
    ),
    want: [['InvalidPlacement', 9]],
  },
  {
    name: 'clusterAffinities.[index].clusterAffinity.fieldSelector has unsupported key',
    text: placement(
      `    clusterAffinities:\n      - affinityName: group1\n        fieldSelector: ${fieldSelector('foo', 'In')}\n`,
    ),
    want: [['SchemaViolation', 9]],
  },
  {
    name: 'clusterAffinities.[index].clusterAffinity.fieldSelector has unsupported operator',
    text: placement(
      `    clusterAffinities:\n      - affinityName: group1\n        fieldSelector: ${fieldSelector('provider', 'Exists')}\n`,
    ),
    want: [['SchemaViolation', 9]],
  },
  {
    name: 'spreadConstraint spreadByLabel co-exist with spreadByField',
    text: spread('[{spreadByField: cluster, spreadByLabel: foo}]'),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'spreadConstraint maxGroups lower than minGroups',
    text: spread('[{maxGroups: 1, minGroups: 2}]'),
    want: [['InvalidPlacement', 7]],
  },
  {
    name: 'spreadConstraint maxGroups lower than 0',
    text: spread('[{maxGroups: -1, minGroups: 1}]'),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'spreadConstraint minGroups lower than 0',
    text: spread('[{maxGroups: 2, minGroups: -2}]'),
    want: [['SchemaViolation', 7]],
  },
  {
    // Karmada's input also has minGroups -2, which the schema refuses first.
    name: 'spreadConstraint has two cluster spread constraints',
    text: spread(
      '[{spreadByField: cluster, maxGroups: 2, minGroups: -2}, {spreadByField: cluster, maxGroups: 5, minGroups: 3}, {spreadByLabel: grouped-by-net, maxGroups: 5, minGroups: 3}]',
    ),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'spreadConstraint has two cluster spread constraints (minGroups 2, so only the repetition is wrong)',
    text: spread(
      '[{spreadByField: cluster, maxGroups: 2, minGroups: 2}, {spreadByField: cluster, maxGroups: 5, minGroups: 3}, {spreadByLabel: grouped-by-net, maxGroups: 5, minGroups: 3}]',
    ),
    want: [['InvalidPlacement', 7]],
  },
  {
    // Also maxGroups 1 < minGroups 3 on the first constraint.
    name: 'spreadConstraint has multiple region spread constraints',
    text: placement(
      '    spreadConstraints:\n      - {spreadByField: region, maxGroups: 1, minGroups: 3}\n      - {spreadByField: region, maxGroups: 4, minGroups: 2}\n      - {spreadByField: region, maxGroups: 6, minGroups: 5}\n      - {spreadByField: cluster, maxGroups: 10, minGroups: 5}\n',
    ),
    want: [
      ['InvalidPlacement', 8],
      ['InvalidPlacement', 9],
    ],
  },
  {
    name: 'spreadConstraint spreadByFieldCluster must be included if using spreadByField',
    text: spread('[{spreadByField: region}]'),
    want: [['InvalidPlacement', 7]],
  },
  {
    name: 'resourceSelector name is empty when preemption is enabled',
    text: pp('  preemption: Always\n', '  resourceSelectors: [{apiVersion: v1, kind: Pod, namespace: default}]\n'),
    want: [['InvalidPolicy', 5]],
  },
  {
    name: 'suspension dispatching cannot co-exist with dispatchingOnClusters',
    text: pp('  suspension: {dispatching: true, dispatchingOnClusters: {clusterNames: [cluster-name]}}\n'),
    want: [['InvalidPolicy', 6]],
  },
  {
    name: 'suspension dispatching with nil dispatchingOnClusters is valid',
    text: pp('  suspension: {dispatching: true}\n'),
    want: [],
  },
  {
    name: 'suspension dispatching with empty dispatching clusters is valid',
    text: pp('  suspension: {dispatching: true, dispatchingOnClusters: {clusterNames: []}}\n'),
    want: [],
  },
  {
    name: 'dispatchingOnClusters.clusterNames without dispatching is valid',
    text: pp('  suspension: {dispatchingOnClusters: {clusterNames: [cluster-name]}}\n'),
    want: [],
  },
  {
    name: 'dispatchingOnClusters.clusterNames with dispatching false is valid',
    text: pp('  suspension: {dispatching: false, dispatchingOnClusters: {clusterNames: [cluster-name]}}\n'),
    want: [],
  },
  ...workloadAffinityCases(),
]);

run('validation_test.go :: TestValidateWorkloadAffinity', [
  { name: 'nil workloadAffinity is valid', text: placement('    clusterAffinity: {}\n'), want: [] },
  ...workloadAffinityCases('').map((c) => ({
    ...c,
    name: c.name.replace(/^with only (\w+)/, 'only $1 set').replace(/groupByLabelKey$/, 'groupByLabelKey is invalid'),
  })),
]);

const overflowTerm = (head: string, overflow: string) =>
  `    clusterAffinities:\n      - ${head}\n        overflowAffinities:\n${overflow}`;
const overflow1 = '          - {affinityName: overflow-1, clusterNames: [member2]}\n';
const dynamic =
  '    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {dynamicWeight: AvailableReplicas}}\n';
const aggregated = '    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}\n';

run('validation_test.go :: TestValidatePlacement', [
  {
    name: 'clusterAffinity and clusterAffinities cannot co-exist',
    text: placement(
      '    clusterAffinity: {clusterNames: [member1]}\n    clusterAffinities: [{affinityName: group1}]\n',
    ),
    want: [['SchemaViolation', 8]],
  },
  {
    name: 'overflowAffinities rejected when replicaScheduling is nil',
    text: placement(overflowTerm('affinityName: primary\n        clusterNames: [member1]', overflow1)),
    want: [['InvalidPlacement', 10]],
  },
  {
    name: 'overflowAffinities rejected with static weight scheduling',
    text: placement(
      `${overflowTerm('affinityName: primary\n        clusterNames: [member1]', overflow1)}    replicaScheduling:\n      replicaSchedulingType: Divided\n      replicaDivisionPreference: Weighted\n      weightPreference: {staticWeightList: [{targetCluster: {clusterNames: [member1]}, weight: 1}]}\n`,
    ),
    want: [['InvalidPlacement', 10]],
  },
  {
    name: 'overflowAffinities allowed with dynamic weight scheduling',
    text: placement(overflowTerm('affinityName: primary\n        clusterNames: [member1]', overflow1) + dynamic),
    want: [],
  },
  {
    name: 'overflowAffinities allowed with aggregated scheduling',
    text: placement(overflowTerm('affinityName: primary\n        clusterNames: [member1]', overflow1) + aggregated),
    want: [],
  },
  {
    name: 'multiple affinities, only one has overflow rejected',
    text: placement(
      '    clusterAffinities:\n      - {affinityName: group1, clusterNames: [member1]}\n      - affinityName: group2\n        clusterNames: [member2]\n        overflowAffinities:\n          - {affinityName: overflow-1, clusterNames: [member3]}\n',
    ),
    want: [['InvalidPlacement', 11]],
  },
  {
    name: 'no overflow affinities with unsupported scheduling, no error',
    text: placement('    clusterAffinities: [{affinityName: primary, clusterNames: [member1]}]\n'),
    want: [],
  },
]);

run('validation_test.go :: TestValidateOverflowAffinities', [
  {
    name: 'no overflow affinities, no error',
    text: placement(`    clusterAffinities: [{affinityName: primary, clusterNames: [member1]}]\n${aggregated}`),
    want: [],
  },
  {
    name: 'valid overflow affinities',
    text: placement(
      overflowTerm(
        'affinityName: primary\n        clusterNames: [member1]',
        `${overflow1}          - {affinityName: overflow-2, clusterNames: [member3]}\n`,
      ) + aggregated,
    ),
    want: [],
  },
  {
    name: 'overflow affinities without ClusterAffinity',
    text: placement(overflowTerm('affinityName: primary', overflow1) + aggregated),
    want: [['InvalidPlacement', 9]],
  },
  {
    name: 'duplicate overflow affinity names',
    text: placement(
      overflowTerm(
        'affinityName: primary\n        clusterNames: [member1]',
        `${overflow1}          - {affinityName: overflow-1, clusterNames: [member3]}\n`,
      ) + aggregated,
    ),
    want: [['InvalidPlacement', 12]],
  },
  {
    name: "overflow affinity name duplicates primary group's affinityName",
    text: placement(
      overflowTerm(
        'affinityName: primary\n        clusterNames: [member1]',
        '          - {affinityName: primary, clusterNames: [member2]}\n',
      ) + aggregated,
    ),
    want: [['InvalidPlacement', 11]],
  },
  {
    name: 'multiple errors: empty ClusterAffinity and duplicate names',
    text: placement(
      overflowTerm(
        'affinityName: primary',
        `${overflow1}          - {affinityName: overflow-1, clusterNames: [member3]}\n`,
      ) + aggregated,
    ),
    want: [
      ['InvalidPlacement', 9],
      ['InvalidPlacement', 11],
    ],
  },
]);

const tolerations = (list: string) => placement(`    clusterTolerations: ${list}\n`);
run('validation_test.go :: TestValidateClusterTolerations', [
  { name: 'nil tolerations is valid', text: placement('    clusterAffinity: {}\n'), want: [] },
  { name: 'toleration with Exists operator is valid', text: tolerations('[{key: key1, operator: Exists}]'), want: [] },
  {
    name: 'toleration with Equal operator is valid',
    text: tolerations('[{key: key1, operator: Equal, value: value1}]'),
    want: [],
  },
  {
    name: 'toleration with empty operator is valid (defaults to Equal)',
    text: tolerations('[{key: key1, value: value1}]'),
    want: [],
  },
  {
    name: 'toleration with Lt operator is invalid',
    text: tolerations('[{key: key1, operator: Lt, value: "100"}]'),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'toleration with Gt operator is invalid',
    text: tolerations('[{key: key1, operator: Gt, value: "100"}]'),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'mixed tolerations with one invalid Lt operator',
    text: tolerations('[{key: key1, operator: Equal, value: value1}, {key: key2, operator: Lt, value: "100"}]'),
    want: [['SchemaViolation', 7]],
  },
]);

/** A policy with propagateDeps (as application failover needs) and this failover block at line 8. */
const failover = (block: string, deps = true) => pp(`${deps ? '  propagateDeps: true\n' : ''}  failover:\n${block}`);
const app = (fields: string) =>
  failover(`    application:\n      decisionConditions: {tolerationSeconds: 100}\n${fields}`);
const rules = (...aliases: string[]) =>
  `      statePreservation:\n        rules:\n${aliases.map((a) => `          - {aliasLabelName: ${JSON.stringify(a)}, jsonPath: "{.availableReplicas}"}\n`).join('')}`;

run('validation_test.go :: TestValidateApplicationFailover', [
  { name: 'application failover is nil', text: failover('    cluster: {purgeMode: Gracefully}\n'), want: [] },
  {
    name: 'the tolerationSeconds is less than zero',
    text: failover('    application:\n      decisionConditions: {tolerationSeconds: -100}\n'),
    want: [['SchemaViolation', 9]],
  },
  {
    name: 'the gracePeriodSeconds is declared when purgeMode is not gracefully',
    text: app('      purgeMode: Directly\n      gracePeriodSeconds: 100\n'),
    want: [['InvalidPolicy', 11]],
  },
  {
    name: 'the gracePeriodSeconds is less than 0 when purgeMode is gracefully',
    text: app('      purgeMode: Gracefully\n      gracePeriodSeconds: -100\n'),
    want: [['SchemaViolation', 11]],
  },
  {
    // Karmada's mutating webhook writes gracePeriodSeconds 600 before this check runs.
    name: 'the gracePeriodSeconds is empty when purgeMode is gracefully',
    text: app('      purgeMode: Gracefully\n'),
    want: [],
  },
  { name: 'application behavior is correctly declared', text: app(''), want: [] },
  { name: 'statePreservation is nil', text: app(''), want: [] },
  {
    name: 'statePreservation with valid rules',
    text: app(rules('valid-label-name', 'example.com/state-key')),
    want: [],
  },
  {
    name: 'statePreservation with invalid aliasLabelName - starts with dash',
    text: app(rules('-invalid-label')),
    want: [['InvalidPolicy', 12]],
  },
  {
    name: 'statePreservation with invalid aliasLabelName - ends with dash',
    text: app(rules('invalid-label-')),
    want: [['InvalidPolicy', 12]],
  },
  {
    name: 'statePreservation with invalid aliasLabelName - contains invalid characters',
    text: app(rules('invalid@label')),
    want: [['InvalidPolicy', 12]],
  },
  {
    name: 'statePreservation with too long aliasLabelName',
    text: app(rules('a'.repeat(64))),
    want: [['InvalidPolicy', 12]],
  },
  {
    name: 'statePreservation with multiple invalid rules',
    text: app(rules('-invalid1', 'invalid2@')),
    want: [
      ['InvalidPolicy', 12],
      ['InvalidPolicy', 13],
    ],
  },
  { name: 'statePreservation with valid prefix in aliasLabelName', text: app(rules('example.com/my-state')), want: [] },
  {
    name: 'statePreservation with invalid prefix in aliasLabelName',
    text: app(rules('INVALID.COM/my-state')),
    want: [['InvalidPolicy', 12]],
  },
  {
    // ValidatePropagationSpec: application failover without propagateDeps.
    name: 'TestValidatePropagationSpec rule: application failover is set, propagateDeps must be true',
    text: failover('    application:\n      decisionConditions: {tolerationSeconds: 100}\n', false),
    want: [['InvalidPolicy', 7]],
  },
]);

const clusterFailover = (fields: string) => failover(`    cluster:\n${fields}`);
run('validation_test.go :: TestValidateClusterFailover', [
  { name: 'cluster failover is nil', text: pp('  propagateDeps: true\n'), want: [] },
  {
    name: 'cluster failover with valid statePreservation',
    text: clusterFailover('      purgeMode: Gracefully\n' + rules('cluster-state')),
    want: [],
  },
  {
    name: 'cluster failover with invalid statePreservation',
    text: clusterFailover('      purgeMode: Directly\n' + rules('-invalid-cluster-label')),
    want: [['InvalidPolicy', 12]],
  },
  {
    name: 'cluster failover without statePreservation',
    text: clusterFailover('      purgeMode: Gracefully\n'),
    want: [],
  },
]);

/** One rule for cluster-name, whose overriders start at line 9. */
const rule = (overriders: string) =>
  op(`  overrideRules:\n    - targetCluster: {clusterNames: [cluster-name]}\n      overriders:\n${overriders}`);
const fieldOverrider = (entry: string) => rule(`        fieldOverrider:\n          - ${entry}\n`);

run('validation_test.go :: TestValidateOverrideSpec', [
  {
    name: "overrideRules is set, overriders and targetCluster aren't set",
    text: op('  overrideRules: [{targetCluster: {clusterNames: [cluster-name]}, overriders: {}}]\n'),
    want: [],
  },
  {
    // The path without a leading "/" is refused when rendering (docs/karmada-differences.md), not at load.
    name: "overriders and targetCluster are set, overrideRules isn't set",
    text: op(
      '  targetCluster: {clusterNames: [cluster-name]}\n  overriders: {plaintext: [{path: spec/image, operator: remove}]}\n',
    ),
    want: [],
  },
  {
    name: "overrideRules and targetCluster can't co-exist",
    text: op(
      '  overrideRules: [{targetCluster: {clusterNames: [cluster-name]}, overriders: {}}]\n  targetCluster: {clusterNames: [cluster-name]}\n',
    ),
    want: [['SchemaViolation', 7]],
  },
  {
    name: "overrideRules and overriders can't co-exist",
    text: op(
      '  overrideRules: [{targetCluster: {clusterNames: [cluster-name]}, overriders: {}}]\n  overriders: {plaintext: [{path: spec/image, operator: remove}]}\n',
    ),
    want: [['InvalidPolicy', 7]],
  },
  {
    name: "overrideRules, targetCluster and overriders can't co-exist",
    text: op(
      '  overrideRules: [{targetCluster: {clusterNames: [cluster-name]}, overriders: {}}]\n  targetCluster: {clusterNames: [cluster-name]}\n  overriders: {plaintext: [{path: spec/image, operator: remove}]}\n',
    ),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'invalid annotation should not be allowed',
    text: rule(
      '        annotationsOverrider: [{operator: add, value: {"testannotation~projectId": c-m-lfx9lk92p-v86cf}}]\n',
    ),
    want: [['InvalidPolicy', 9]],
  },
  {
    name: 'invalid label should not be allowed',
    text: rule(
      '        labelsOverrider: [{operator: add, value: {"testannotation~projectId": c-m-lfx9lk92p-v86cf}}]\n',
    ),
    want: [['InvalidPolicy', 9]],
  },
  {
    name: 'overrideSpec.targetCluster.fieldSelector has unsupported key',
    text: op(`  targetCluster:\n    fieldSelector: ${fieldSelector('foo', 'In')}\n`),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'overrideSpec.targetCluster.fieldSelector has unsupported operator',
    text: op(`  targetCluster:\n    fieldSelector: ${fieldSelector('provider', 'Gt')}\n`),
    want: [['SchemaViolation', 7]],
  },
  {
    name: 'overrideRules.[index].targetCluster.fieldSelector has unsupported key',
    text: op(
      `  overrideRules:\n    - overriders: {}\n      targetCluster:\n        fieldSelector: ${fieldSelector('foo', 'In')}\n`,
    ),
    want: [['SchemaViolation', 9]],
  },
  {
    name: 'overrideRules.[index].targetCluster.fieldSelector has unsupported operator',
    text: op(
      `  overrideRules:\n    - overriders: {}\n      targetCluster:\n        fieldSelector: ${fieldSelector('provider', 'Gt')}\n`,
    ),
    want: [['SchemaViolation', 9]],
  },
  {
    name: 'fieldOverrider with neither YAML nor JSON should be rejected',
    text: fieldOverrider('fieldPath: /data/config'),
    want: [['InvalidPolicy', 10]],
  },
  {
    name: 'fieldOverrider with both YAML and JSON set should be rejected',
    text: fieldOverrider(
      '{fieldPath: /data/config, json: [{subPath: /key, operator: remove}], yaml: [{subPath: /key, operator: remove}]}',
    ),
    want: [['SchemaViolation', 10]],
  },
  {
    name: 'fieldOverrider with only YAML set should be allowed',
    text: fieldOverrider('{fieldPath: /data/config, yaml: [{subPath: /key, operator: remove}]}'),
    want: [],
  },
  {
    name: 'fieldOverrider with only JSON set should be allowed',
    text: fieldOverrider('{fieldPath: /data/config, json: [{subPath: /key, operator: remove}]}'),
    want: [],
  },
]);

run('validation_test.go :: TestEmptyOverrides (overriders beside overrideRules)', [
  {
    name: 'empty overrides',
    text: op('  overrideRules: [{overriders: {}}]\n  overriders: {}\n'),
    want: [],
  },
  {
    name: 'non-empty overrides',
    text: op(
      '  overrideRules: [{overriders: {}}]\n  overriders: {plaintext: [{path: spec/image, operator: remove}]}\n',
    ),
    want: [['InvalidPolicy', 7]],
  },
  {
    name: 'non-empty overrides #2',
    text: op(
      '  overrideRules: [{overriders: {}}]\n  overriders:\n    plaintext: [{path: spec/image, operator: remove}]\n    imageOverrider: [{component: Registry, operator: remove, value: fictional.registry.us}]\n    commandOverrider: [{containerName: nginx, operator: add, value: ["echo \'hello karmada\'"]}]\n',
    ),
    want: [['InvalidPolicy', 7]],
  },
  {
    // fieldOverrider is not among the overriders emptyOverrides counts.
    name: '(a fieldOverrider alone beside overrideRules is accepted)',
    text: op(
      '  overrideRules: [{overriders: {}}]\n  overriders: {fieldOverrider: [{fieldPath: /data/a, json: [{subPath: /b, operator: remove}]}]}\n',
    ),
    want: [],
  },
]);

const webhookRule = (overriders: string, kind?: string) =>
  op(`  overrideRules:\n    - targetCluster: {clusterNames: [member1]}\n      overriders:\n${overriders}`, kind);
const badLabel =
  '        labelsOverrider: [{operator: add, value: {"testannotation~projectId": c-m-lfx9lk92p-v86cf}}]\n';
const removeOptional = '        plaintext: [{path: /spec/optional, operator: remove}]\n';
const configField = (form: string, fieldPath: string, op: string) =>
  webhookRule(`        fieldOverrider:\n          - fieldPath: ${fieldPath}\n            ${form}: [${op}]\n`);

run('overridepolicy/validating_test.go :: TestValidatingAdmission_Handle', [
  {
    name: 'Handle_ValidationOverrideSpecFails_DeniesAdmission',
    text: webhookRule(badLabel),
    want: [['InvalidPolicy', 9]],
  },
  { name: 'Handle_ValidationSucceeds_AllowsAdmission', text: webhookRule(removeOptional), want: [] },
  {
    name: 'Handle_FieldOverrider_ContainsBothYAMLAndJSON_DeniesAdmission',
    text: webhookRule(
      '        fieldOverrider:\n          - fieldPath: /data/config\n            json: [{subPath: /db-config, operator: replace, value: {db: new}}]\n            yaml: [{subPath: /db-config, operator: replace, value: "db: new"}]\n',
    ),
    want: [['SchemaViolation', 12]],
  },
  {
    name: 'Handle_InvalidFieldPathInYAML_DeniesAdmission',
    text: configField('yaml', 'invalidPath', '{subPath: /db-config, operator: replace, value: "db: new"}'),
    want: [['InvalidPolicy', 10]],
  },
  {
    name: 'Handle_InvalidJSONSubPath_DeniesAdmission',
    text: configField('json', '/data/config', '{subPath: invalidSubPath, operator: replace, value: {db: new}}'),
    want: [['InvalidPolicy', 11]],
  },
  {
    name: 'Handle_InvalidYAMLSubPath_DeniesAdmission',
    text: configField('yaml', '/data/config', '{subPath: invalidSubPath, operator: replace, value: "db: new"}'),
    want: [['InvalidPolicy', 11]],
  },
  {
    name: 'Handle_InvalidJSONValue_DeniesAdmission_OverriderOpReplace',
    text: configField('json', '/data/config', '{subPath: /db-config, operator: replace}'),
    want: [['InvalidPolicy', 11]],
  },
  {
    name: 'Handle_InvalidJSONValue_DeniesAdmission_OverriderOpAdd',
    text: configField('json', '/data/config', '{subPath: /db-config, operator: add}'),
    want: [['InvalidPolicy', 11]],
  },
  {
    name: 'Handle_InvalidJSONValue_DeniesAdmission_OverriderOpRemove',
    text: configField('json', '/data/config', '{subPath: /db-config, operator: remove, value: {db: new}}'),
    want: [['InvalidPolicy', 11]],
  },
  {
    name: 'Handle_ResourceSelectorNamespaceMismatch_DeniesAdmission',
    text: 'apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {name: o, namespace: ns-1}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap, namespace: ns-2}]\n  overrideRules: [{overriders: {}}]\n',
    want: [['PolicyNamespaceMismatch', 5]],
  },
]);

run('clusteroverridepolicy/validating_test.go :: TestValidatingAdmission_Handle', [
  {
    name: 'Handle_ValidationClusterOverrideSpecFails_DeniesAdmission',
    text: webhookRule(badLabel, 'ClusterOverridePolicy'),
    want: [['InvalidPolicy', 9]],
  },
  {
    name: 'Handle_ValidationSucceeds_AllowsAdmission',
    text: webhookRule(removeOptional, 'ClusterOverridePolicy'),
    want: [],
  },
]);

run(
  'propagationpolicy/validating_test.go and clusterpropagationpolicy/validating_test.go :: TestValidatingAdmission_Handle',
  [
    { name: 'Handle_ValidationSucceeds_AllowsAdmission', text: pp('  schedulerName: default-scheduler\n'), want: [] },
    {
      name: 'Handle_ValidationSucceeds_AllowsAdmission (ClusterPropagationPolicy)',
      text: pp('  schedulerName: default-scheduler\n').replace(
        'kind: PropagationPolicy\nmetadata: {name: p, namespace: default}',
        'kind: ClusterPropagationPolicy\nmetadata: {name: p}',
      ),
      want: [],
    },
    {
      name: 'Handle_ResourceSelectorNamespaceMismatch_DeniesAdmission',
      text: 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: p, namespace: ns-1}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, namespace: ns-2}]\n',
      want: [['PolicyNamespaceMismatch', 5]],
    },
  ],
);

run('validation.go ValidateOverrideRules (beyond the tables: apimachinery ValidateAnnotations, ValidateLabels)', [
  {
    name: 'annotations over 256 KiB in all are refused',
    text: rule(`        annotationsOverrider: [{operator: add, value: {big: ${'x'.repeat(256 * 1024)}}}]\n`),
    want: [['InvalidPolicy', 9]],
  },
  {
    name: 'a label value that is not a label value is refused',
    text: rule('        labelsOverrider: [{operator: add, value: {app: "a b"}}]\n'),
    want: [['InvalidPolicy', 9]],
  },
  {
    name: 'the deprecated spec.overriders are not checked (Karmada validates overrideRules only)',
    text: op('  overriders:\n    labelsOverrider: [{operator: add, value: {"a b": x}}]\n'),
    want: [],
  },
]);

/** The overflow term of TestValidatePlacement with this replicaScheduling (line 10 is overflowAffinities). */
const overflowWith = (scheduling: string) =>
  placement(overflowTerm('affinityName: primary\n        clusterNames: [member1]', overflow1) + scheduling);
run('pkg/util/policy_test.go :: TestIsOverflowSupport (through ValidatePlacement)', [
  { name: 'nil strategy', text: overflowWith(''), want: [['InvalidPlacement', 10]] },
  {
    name: 'Duplicated scheduling type',
    text: overflowWith('    replicaScheduling: {replicaSchedulingType: Duplicated}\n'),
    want: [['InvalidPlacement', 10]],
  },
  { name: 'Divided with Aggregated preference', text: overflowWith(aggregated), want: [] },
  { name: 'Divided with Weighted and dynamic weight', text: overflowWith(dynamic), want: [] },
  {
    name: 'Divided with Weighted but nil WeightPreference',
    text: overflowWith(
      '    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted}\n',
    ),
    want: [['InvalidPlacement', 10]],
  },
  {
    name: 'Divided with Weighted but empty DynamicWeight',
    text: overflowWith(
      '    replicaScheduling: {replicaSchedulingType: Divided, replicaDivisionPreference: Weighted, weightPreference: {staticWeightList: [{targetCluster: {clusterNames: [member1]}, weight: 1}]}}\n',
    ),
    want: [['InvalidPlacement', 10]],
  },
  {
    name: 'Divided with empty ReplicaDivisionPreference',
    text: overflowWith('    replicaScheduling: {replicaSchedulingType: Divided}\n'),
    want: [['InvalidPlacement', 10]],
  },
]);

run('validation.go ValidatePlacement (beyond the tables: which field selectors the webhook checks)', [
  {
    // ValidatePlacement checks clusterAffinity, clusterAffinities and their overflow groups, not static weights.
    name: "a static weight's targetCluster may use any key and node-selector operator",
    text: placement(
      '    replicaScheduling:\n      replicaSchedulingType: Divided\n      weightPreference:\n        staticWeightList:\n          - targetCluster: {fieldSelector: {matchExpressions: [{key: provider, operator: Exists}, {key: foo, operator: DoesNotExist}]}}\n            weight: 1\n',
    ),
    want: [],
  },
  {
    name: "an overflow group's fieldSelector is checked (ValidateOverflowAffinities)",
    text: placement(
      `${overflowTerm('affinityName: primary\n        clusterNames: [member1]', `          - {affinityName: overflow-1, fieldSelector: ${fieldSelector('foo', 'In')}}\n`)}${aggregated}`,
    ),
    want: [['SchemaViolation', 11]],
  },
]);
