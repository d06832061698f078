/**
 * Karmada's defaulting tables for propagation and override policies, ported case by case:
 * pkg/util/helper/policy_test.go :: TestSetDefaultSpreadConstraints, TestSetReplicaDivisionPreferenceWeighted,
 *   TestSetDefaultGracePeriodSeconds, TestCheckMatchServiceImport, TestIsReplicaDynamicDivided
 *   (flotilla's isDeschedulable, the descheduler's use of it, on a Deployment),
 *   TestIsDependentOverridesPresent and TestIsDependentClusterOverridesPresent (flotilla: a missing
 *   dependent override is a DependentOverrideMissing error, docs/karmada-differences.md);
 * pkg/webhook/{propagationpolicy,clusterpropagationpolicy,overridepolicy}/mutating_test.go ::
 *   TestMutatingAdmission_Handle_FullCoverage (the defaults the mutating webhooks write, read back
 *   from the loaded fleet).
 * Skipped as plumbing: TestGetAppliedPlacement (Karmada's binding annotation), the webhooks'
 * decode-error cases, and the permanent-id label and finalizer the webhooks add on create.
 */
import assert from 'node:assert/strict';
import type { ApplicationFailoverBehavior, Placement, PropagationPolicy, SpreadConstraint } from '../api/index.ts';
import { selectOverridePolicies } from '../override/index.ts';
import { isDeschedulable } from '../rebalance/deschedule.ts';
import { loadFleet } from './index.ts';
import { withPolicyDefaults } from './policy-defaults.ts';

const policy = (spec: Partial<PropagationPolicy['spec']>): PropagationPolicy => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'p', namespace: 'default' },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], ...spec },
});
const placementOf = (p: Placement) => withPolicyDefaults(policy({ placement: p })).spec.placement;

describe('Karmada policy_test.go :: TestSetDefaultSpreadConstraints', () => {
  const cases: { name: string; in: SpreadConstraint; want: SpreadConstraint }[] = [
    { name: 'set spreadByField', in: { minGroups: 1 }, want: { spreadByField: 'cluster', minGroups: 1 } },
    { name: 'set minGroups', in: { spreadByField: 'cluster' }, want: { spreadByField: 'cluster', minGroups: 1 } },
  ];
  for (const c of cases)
    it(c.name, () => assert.deepEqual(placementOf({ spreadConstraints: [c.in] })?.spreadConstraints, [c.want]));
});

describe('Karmada policy_test.go :: TestSetReplicaDivisionPreferenceWeighted', () => {
  const cases: { name: string; in: Placement; weighted: boolean }[] = [
    { name: 'no replica scheduling strategy declared', in: {}, weighted: false },
    {
      name: 'specified aggregated division preference',
      in: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } },
      weighted: false,
    },
    {
      name: 'unspecified replica division preference',
      in: { replicaScheduling: { replicaSchedulingType: 'Divided' } },
      weighted: true,
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.equal(placementOf(c.in)?.replicaScheduling?.replicaDivisionPreference === 'Weighted', c.weighted),
    );
});

describe('Karmada policy_test.go :: TestSetDefaultGracePeriodSeconds', () => {
  const cases: { name: string; in: ApplicationFailoverBehavior; want: ApplicationFailoverBehavior }[] = [
    { name: 'purgeMode is not gracefully', in: { purgeMode: 'Never' }, want: { purgeMode: 'Never' } },
    {
      name: 'purgeMode is gracefully and gracePeriodSeconds is set',
      in: { purgeMode: 'Gracefully', gracePeriodSeconds: 200 },
      want: { purgeMode: 'Gracefully', gracePeriodSeconds: 200 },
    },
    {
      name: 'purgeMode is gracefully and gracePeriodSeconds is not set',
      in: { purgeMode: 'Gracefully' },
      want: { purgeMode: 'Gracefully', gracePeriodSeconds: 600 },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const got = withPolicyDefaults(policy({ propagateDeps: true, failover: { application: c.in } })).spec.failover
        ?.application;
      // The CRD's tolerationSeconds default (300) is written too; the case compares what the helper sets.
      const { decisionConditions: _, ...rest } = got ?? {};
      assert.deepEqual(rest, c.want);
    });
});

describe('Karmada policy_test.go :: TestCheckMatchServiceImport', () => {
  it(' get followed resource selector', () => {
    const got = withPolicyDefaults(
      policy({
        resourceSelectors: [
          { apiVersion: '', kind: 'ServiceImport', name: 'foo1' },
          { apiVersion: '', kind: 'Service', namespace: 'bar', name: 'foo2' },
          { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', namespace: 'bar', name: 'foo3' },
        ],
      }),
    );
    assert.equal(got.spec.propagateDeps, true);
  });
  it('(no ServiceImport of multicluster.x-k8s.io/v1alpha1: propagateDeps stays unset)', () => {
    const got = withPolicyDefaults(policy({ resourceSelectors: [{ apiVersion: 'v1', kind: 'ServiceImport' }] }));
    assert.equal(got.spec.propagateDeps, undefined);
  });
});

describe('Karmada policy_test.go :: TestIsReplicaDynamicDivided', () => {
  const cases: { name: string; placement: Placement; want: boolean }[] = [
    { name: 'strategy empty', placement: {}, want: false },
    {
      name: 'strategy duplicated',
      placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } },
      want: false,
    },
    {
      name: 'strategy division preference weighted',
      placement: {
        replicaScheduling: {
          replicaDivisionPreference: 'Weighted',
          replicaSchedulingType: 'Divided',
          weightPreference: { dynamicWeight: 'AvailableReplicas' },
        },
      },
      want: true,
    },
    {
      name: 'strategy division preference aggregated',
      placement: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } },
      want: true,
    },
  ];
  for (const c of cases)
    it(c.name, () =>
      assert.equal(isDeschedulable({ apiVersion: 'apps/v1', kind: 'Deployment', placement: c.placement }), c.want),
    );
});

const enc = new TextEncoder();
const load = (files: Record<string, string>) =>
  loadFleet({
    revision: 'r',
    problems: [],
    files: Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) })),
  });
const errorCodes = (files: Record<string, string>) =>
  load(files)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => d.code);

describe('Karmada policy_test.go :: TestIsDependentOverridesPresent / TestIsDependentClusterOverridesPresent', () => {
  const pp = (kind: string) =>
    `apiVersion: policy.karmada.io/v1alpha1\nkind: ${kind}\nmetadata: {name: foo${kind === 'PropagationPolicy' ? ', namespace: bar' : ''}}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  dependentOverrides: [foo]\n`;
  const op = (kind: string) =>
    `apiVersion: policy.karmada.io/v1alpha1\nkind: ${kind}\nmetadata: {name: foo${kind === 'OverridePolicy' ? ', namespace: bar' : ''}}\nspec:\n  overrideRules: [{overriders: {}}]\n`;
  const cases: { name: string; files: Record<string, string>; want: string[] }[] = [
    {
      name: 'dependent override policy exist',
      files: { 'pp.yaml': pp('PropagationPolicy'), 'op.yaml': op('OverridePolicy') },
      want: [],
    },
    {
      // flotilla differs: Karmada waits for it; a revision that lacks it is refused (docs/karmada-differences.md).
      name: 'dependent override policy do not exist',
      files: { 'pp.yaml': pp('PropagationPolicy') },
      want: ['DependentOverrideMissing'],
    },
    {
      name: 'dependent cluster override policy exist',
      files: { 'pp.yaml': pp('ClusterPropagationPolicy'), 'op.yaml': op('ClusterOverridePolicy') },
      want: [],
    },
    {
      name: 'dependent cluster override policy do not exist',
      files: { 'pp.yaml': pp('ClusterPropagationPolicy') },
      want: ['DependentOverrideMissing'],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(errorCodes(c.files), c.want));
});

describe('Karmada mutating_test.go :: TestMutatingAdmission_Handle_FullCoverage', () => {
  // Go's zero values are left out, as omitempty marshals Karmada's input (`decisionConditions` has no omitempty).
  const body =
    '  resourceSelectors:\n    - {apiVersion: multicluster.x-k8s.io/v1alpha1, kind: ServiceImport}\n  placement:\n    spreadConstraints: [{}]\n    replicaScheduling: {replicaSchedulingType: Divided}\n  propagateDeps: false\n  failover:\n    application: {decisionConditions: {}, purgeMode: Gracefully}\n';
  for (const [kind, meta] of [
    ['PropagationPolicy', '{name: test-propagation-policy, namespace: test-namespace}'],
    ['ClusterPropagationPolicy', '{name: test-cp-policy}'],
  ] as const) {
    it(`${kind}: spread constraints, division preference, propagateDeps for a ServiceImport, gracePeriodSeconds`, () => {
      const { fleet, diagnostics } = load({
        'p.yaml': `apiVersion: policy.karmada.io/v1alpha1\nkind: ${kind}\nmetadata: ${meta}\nspec:\n${body}`,
      });
      assert.deepEqual(
        diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
      const spec = fleet.propagationPolicies[0]?.object.spec;
      assert.deepEqual(spec?.placement, {
        spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1 }],
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' },
      });
      assert.equal(spec?.propagateDeps, true);
      assert.equal(spec?.failover?.application?.gracePeriodSeconds, 600);
    });
  }
  it('OverridePolicy: a selector without namespace means the policy namespace', () => {
    const { fleet } = load({
      'o.yaml':
        'apiVersion: policy.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {name: test-override-policy, namespace: test-namespace}\nspec:\n  resourceSelectors: [{apiVersion: v1, kind: ConfigMap}, {apiVersion: v1, kind: ConfigMap}]\n  overrideRules: [{overriders: {}}]\n',
    });
    const configMap = (namespace: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace },
    });
    assert.equal(selectOverridePolicies(fleet.overridePolicies, configMap('test-namespace')).length, 1);
    assert.equal(selectOverridePolicies(fleet.overridePolicies, configMap('other')).length, 0);
  });
});
