/** Karmada's admission rules for overflowAffinities and workloadAffinity (validation.go ValidatePlacement, ValidateOverflowAffinities, ValidateWorkloadAffinity): one InvalidPlacement error each, at its line. */
import assert from 'node:assert/strict';
import { loadFleet } from './index.ts';

const enc = new TextEncoder();
const pp = (term: string, scheduling = '{replicaSchedulingType: Divided, replicaDivisionPreference: Aggregated}') =>
  `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: p}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement:\n    replicaScheduling: ${scheduling}\n    clusterAffinities:\n${term}`;
const term = (overflow: string, inline = '      clusterNames: [m1]\n') =>
  `    - affinityName: local\n${inline}      overflowAffinities:\n${overflow}`;
const cloud = '        - {affinityName: cloud, clusterNames: [m2]}\n';
const errors = (text: string) =>
  loadFleet({ revision: 'r', problems: [], files: [{ path: 'p.yaml', bytes: enc.encode(text) }] })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => [d.code, d.line]);

describe('load: overflowAffinities admission (Karmada validation.go)', () => {
  const cases: { name: string; text: string; want: unknown[] }[] = [
    { name: 'Aggregated is allowed', text: pp(term(cloud)), want: [] },
    {
      name: 'dynamic weights are allowed',
      text: pp(term(cloud), '{replicaSchedulingType: Divided, weightPreference: {dynamicWeight: AvailableReplicas}}'),
      want: [],
    },
    {
      name: 'Duplicated is refused (IsOverflowSchedulingAllowed)',
      text: pp(term(cloud), '{replicaSchedulingType: Duplicated}'),
      want: [['InvalidPlacement', 11]],
    },
    {
      name: 'static weights are refused (Divided defaults to Weighted without dynamicWeight)',
      text: pp(term(cloud), '{replicaSchedulingType: Divided}'),
      want: [['InvalidPlacement', 11]],
    },
    {
      name: 'a term without an inline affinity is refused',
      text: pp(term(cloud, '')),
      want: [['InvalidPlacement', 10]],
    },
    {
      name: 'an overflow group named as the term is refused',
      text: pp(term('        - {affinityName: local, clusterNames: [m2]}\n')),
      want: [['InvalidPlacement', 12]],
    },
    {
      name: 'an overflow name that is not a label key is refused',
      text: pp(term('        - {affinityName: "no way", clusterNames: [m2]}\n')),
      want: [['InvalidPlacement', 12]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(errors(c.text), c.want));
});

const wa = (body: string) =>
  `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: p}\nspec:\n  resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]\n  placement:\n    workloadAffinity:\n${body}`;
describe('load: workloadAffinity admission (Karmada validation.go ValidateWorkloadAffinity)', () => {
  const cases: { name: string; text: string; want: unknown[] }[] = [
    {
      name: 'label keys are allowed',
      text: wa('      affinity: {groupByLabelKey: app.group}\n      antiAffinity: {groupByLabelKey: example.com/ha}\n'),
      want: [],
    },
    {
      name: 'a group key that is not a label key is refused',
      text: wa('      affinity: {groupByLabelKey: "not a key"}\n'),
      want: [['InvalidPlacement', 8]],
    },
    {
      name: 'the same key for affinity and anti-affinity is refused',
      text: wa('      affinity: {groupByLabelKey: app}\n      antiAffinity: {groupByLabelKey: app}\n'),
      want: [['InvalidPlacement', 7]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(errors(c.text), c.want));
});
