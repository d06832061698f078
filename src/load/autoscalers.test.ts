import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { loadFleet } from './load-fleet.ts';

const enc = new TextEncoder();
const load = (text: string) =>
  loadFleet({ revision: 'r', problems: [], files: [{ path: 'a.yaml', bytes: enc.encode(text) }] });
const codes = (text: string) => load(text).diagnostics.map((d) => [d.code, d.severity, d.line]);

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 2, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: nginx}]}}}
`;
const fhpa = (spec: string) => `---
apiVersion: autoscaling.karmada.io/v1alpha1
kind: FederatedHPA
metadata: {name: web}
spec:
${spec}`;

describe('load: FederatedHPA', () => {
  it('loads with Karmada and Kubernetes defaults (minReplicas 1, cpu 80%, default behavior)', () => {
    const { fleet, diagnostics } = load(
      deployment + fhpa('  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 6\n'),
    );
    assert.deepEqual(diagnostics, []);
    const spec = fleet.federatedHPAs?.[0]?.spec;
    assert.deepEqual([spec?.namespace, spec?.minReplicas, spec?.maxReplicas], ['default', 1, 6]);
    assert.deepEqual(spec?.metrics, [{ resource: 'cpu', kind: 'Utilization', averageUtilization: 80 }]);
    assert.deepEqual(spec?.behavior.scaleDown.stabilizationWindowSeconds, 300);
    assert.deepEqual(spec?.behavior.scaleUp.policies.length, 2);
  });

  const cases: { name: string; spec: string; want: (string | number)[][] }[] = [
    {
      name: 'a custom metric type is an error at the metric',
      spec: '  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: 6\n  metrics:\n  - type: Pods\n    pods: {}\n',
      want: [['InvalidAutoscaler', 'error', 13]],
    },
    {
      name: 'maxReplicas below minReplicas is an error at maxReplicas',
      spec: '  scaleTargetRef: {kind: Deployment, name: web}\n  minReplicas: 4\n  maxReplicas: 2\n',
      want: [['InvalidAutoscaler', 'error', 12]],
    },
    {
      name: 'a bad selectPolicy is an error at the field',
      spec: '  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: 3\n  behavior:\n    scaleUp: {selectPolicy: Fastest}\n',
      want: [['InvalidAutoscaler', 'error', 13]],
    },
    {
      name: 'a target the revision lacks is a warning at the FederatedHPA',
      spec: '  scaleTargetRef: {kind: Deployment, name: api}\n  maxReplicas: 3\n',
      want: [['AutoscalerTargetMissing', 'warning', 6]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(codes(deployment + fhpa(c.spec)), c.want));

  it('a member-level HorizontalPodAutoscaler on the same workload is a warning at its scaleTargetRef', () => {
    const hpa = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
`;
    const text = deployment + fhpa('  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: 6\n') + hpa;
    assert.deepEqual(codes(text), [['MemberHPAConflict', 'warning', 17]]);
  });
});

describe('load: CronFederatedHPA', () => {
  const cron = (rules: string, target = '{kind: Deployment, name: web}') => `---
apiVersion: autoscaling.karmada.io/v1alpha1
kind: CronFederatedHPA
metadata: {name: nightly}
spec:
  scaleTargetRef: ${target}
  rules:
${rules}`;
  it('loads its rules', () => {
    const { fleet, diagnostics } = load(
      deployment + cron('  - {name: up, schedule: "0 8 * * *", timeZone: Europe/Paris, targetReplicas: 5}\n'),
    );
    assert.deepEqual(diagnostics, []);
    assert.equal(fleet.cronFederatedHPAs?.[0]?.spec.rules[0]?.timeZone, 'Europe/Paris');
  });
  const cases: { name: string; rules: string; target?: string; want: (string | number)[][] }[] = [
    {
      name: 'a six-field schedule is an error at the schedule',
      rules: '  - name: up\n    schedule: "0 0 8 * * *"\n    targetReplicas: 5\n',
      want: [['InvalidAutoscaler', 'error', 13]],
    },
    {
      name: 'an unknown time zone is an error at the schedule',
      rules: '  - name: up\n    schedule: "0 8 * * *"\n    timeZone: Mars/Base\n    targetReplicas: 5\n',
      want: [['InvalidAutoscaler', 'error', 13]],
    },
    {
      name: 'a workload rule without targetReplicas is an error at the rule',
      rules: '  - name: up\n    schedule: "0 8 * * *"\n',
      want: [['InvalidAutoscaler', 'error', 12]],
    },
    {
      name: 'a FederatedHPA target the revision lacks is a warning',
      rules: '  - {name: up, schedule: "0 8 * * *", targetMaxReplicas: 9}\n',
      target: '{apiVersion: autoscaling.karmada.io/v1alpha1, kind: FederatedHPA, name: web}',
      want: [['AutoscalerTargetMissing', 'warning', 6]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(codes(deployment + cron(c.rules, c.target)), c.want));
});
