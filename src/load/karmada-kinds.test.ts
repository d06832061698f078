import assert from 'node:assert/strict';
import { classify, type ObjectClass } from './classify.ts';
import { loadFleet } from './load-fleet.ts';

// Karmada pkg/util/apigroup.go NewSkippedResourceConfig: its own groups, Events and Leases are never propagated.
describe('load/classify (Karmada pkg/util/apigroup.go)', () => {
  const cases: [apiVersion: string, kind: string, want: ObjectClass][] = [
    ['policy.karmada.io/v1alpha1', 'PropagationPolicy', 'propagationPolicy'],
    ['policy.karmada.io/v1alpha1', 'PropagationPolicyy', 'unknownKarmadaKind'],
    ['policy.karmada.io/v1alpha1', 'ClusterTaintPolicy', 'clusterTaintPolicy'],
    ['policy.karmada.io/v1alpha1', 'FederatedResourceQuota', 'notPropagated'],
    ['autoscaling.karmada.io/v1alpha1', 'FederatedHPA', 'federatedHPA'],
    ['autoscaling.karmada.io/v1alpha1', 'CronFederatedHPA', 'cronFederatedHPA'],
    ['networking.karmada.io/v1alpha1', 'MultiClusterService', 'multiClusterService'],
    ['networking.karmada.io/v1alpha1', 'MultiClusterIngress', 'notPropagated'],
    ['config.karmada.io/v1alpha1', 'ResourceInterpreterWebhookConfiguration', 'notPropagated'],
    ['work.karmada.io/v1alpha2', 'ResourceBinding', 'notPropagated'],
    ['apps.karmada.io/v1alpha1', 'WorkloadRebalancer', 'workloadRebalancer'],
    ['remedy.karmada.io/v1alpha1', 'Remedy', 'notPropagated'],
    ['cluster.karmada.io/v1alpha1', 'Clusters', 'unknownKarmadaKind'],
    ['v1', 'Event', 'notPropagated'],
    ['events.k8s.io/v1', 'Event', 'notPropagated'],
    ['coordination.k8s.io/v1', 'Lease', 'notPropagated'],
    ['search.karmada.io/v1alpha1', 'ResourceRegistry', 'template'],
    ['multicluster.x-k8s.io/v1alpha1', 'ServiceExport', 'template'],
    ['apps/v1', 'Deployment', 'template'],
  ];
  for (const [apiVersion, kind, want] of cases)
    it(`${apiVersion} ${kind} → ${want}`, () => assert.equal(classify(apiVersion, kind), want));
});

const enc = new TextEncoder();
const load = (text: string) =>
  loadFleet({ revision: 'r', problems: [], files: [{ path: 'p.yaml', bytes: enc.encode(text) }] });

describe('load: Karmada kinds that are not templates', () => {
  const cases: {
    name: string;
    text: string;
    code: string;
    severity: string;
    line: number;
    hint?: RegExp;
    templates?: number;
  }[] = [
    {
      name: 'a misspelt policy kind is an error at its kind line, with a suggestion',
      text: 'apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicyy\nmetadata: {name: p}\n',
      code: 'UnknownKarmadaKind',
      severity: 'error',
      line: 2,
      hint: /did you mean "PropagationPolicy"/,
    },
    {
      name: 'a kind of another Karmada group names its group',
      text: 'apiVersion: cluster.karmada.io/v1alpha1\nkind: OverridePolicy\nmetadata: {name: p}\n',
      code: 'UnknownKarmadaKind',
      severity: 'error',
      line: 2,
      hint: /belongs to policy.karmada.io/,
    },
    {
      name: 'a FederatedHPA without a spec is an error (src/load/autoscalers.test.ts has the rest)',
      text: 'apiVersion: autoscaling.karmada.io/v1alpha1\nkind: FederatedHPA\nmetadata: {name: h}\n',
      code: 'InvalidAutoscaler',
      severity: 'error',
      line: 1,
    },
    {
      name: 'an Event is a warning',
      text: 'apiVersion: v1\nkind: Event\nmetadata: {name: e}\n',
      code: 'KarmadaKindIgnored',
      severity: 'warning',
      line: 2,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { fleet, diagnostics } = load(c.text);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.file, d.line]),
        [[c.code, c.severity, 'p.yaml', c.line]],
      );
      if (c.hint) assert.match(diagnostics[0]?.message ?? '', c.hint);
      assert.equal(fleet.templates.length, c.templates ?? 0);
    });
  }
  it('an unknown cluster-scoped-looking Karmada kind is not put into namespace default', () => {
    const { diagnostics } = load(
      'apiVersion: policy.karmada.io/v1alpha1\nkind: ClusterPropagationPolicyy\nmetadata: {name: p}\n',
    );
    assert.doesNotMatch(diagnostics[0]?.message ?? '', /default\//);
  });
});
