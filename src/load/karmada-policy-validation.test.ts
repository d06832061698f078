/**
 * Karmada's admission tables for propagation and override policies, ported case by case and run
 * through loadFleet, so each refusal is a load error with its line:
 * pkg/util/validation/validation_test.go :: TestValidatePropagationSpec, TestValidatePlacement,
 *   TestValidateOverflowAffinities, TestValidateWorkloadAffinity, TestValidateClusterTolerations,
 *   TestValidateApplicationFailover, TestValidateClusterFailover, TestValidateOverrideSpec,
 *   TestEmptyOverrides (through ValidateOverrideSpec: overriders beside overrideRules);
 * pkg/webhook/{propagationpolicy,clusterpropagationpolicy,overridepolicy,clusteroverridepolicy}/validating_test.go
 * and mutating_test.go (what the webhooks refuse, and the defaults the mutating ones write).
 * Karmada's webhook runs after its mutating webhook, so a case whose Go input lacks a default the
 * mutating webhook writes (gracePeriodSeconds 600) is accepted here, and Go inputs the CRD schema
 * would refuse (a plaintext overrider without an operator) get the field the schema requires.
 * Skipped as plumbing: TestValidateCrdsTarBall (karmadactl's CRD archive), the webhooks' decode
 * errors, and the update-only checks (schedulerName and permanent-id label immutability: a git
 * revision has no update of an object, only a new version of the file).
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
]);
