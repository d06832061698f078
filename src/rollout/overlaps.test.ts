import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { rolloutSelectionDiagnostics } from './overlaps.ts';

const enc = new TextEncoder();
const strategy = (name: string, selector: string, waves = '[{name: all}]') =>
  `apiVersion: flotilla.io/v1alpha1\nkind: RolloutStrategy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  resourceSelectors: [${selector}]\n  waves: ${waves}\n`;
const cluster = (name: string) =>
  `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${name}}\nspec: {syncMode: Push}\n`;
const deploy = (name: string, labels = '{}') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop, labels: ${labels}}\nspec: {replicas: 1}\n`;
const diags = (files: Record<string, string>) =>
  rolloutSelectionDiagnostics(
    loadFleet({
      revision: 'r',
      problems: [],
      files: Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) })),
    }).fleet,
  ).map((d) => [d.severity, d.code, d.file, d.line, d.notes?.length ?? 0]);

describe('rollout/overlaps: one wave order per template, and no idle strategy', () => {
  const byName = '{apiVersion: apps/v1, kind: Deployment, name: frontend}';
  const byLabel = '{apiVersion: apps/v1, kind: Deployment, labelSelector: {matchLabels: {tier: web}}}';
  const cases: { name: string; files: Record<string, string>; want: unknown[] }[] = [
    {
      name: 'one strategy a template: nothing to say',
      files: { 'a.yaml': deploy('frontend'), 'r.yaml': strategy('a', byName) },
      want: [],
    },
    {
      name: 'two strategies select one template: an error at the template with a note per strategy',
      files: {
        'a.yaml': deploy('frontend', '{tier: web}'),
        'r1.yaml': strategy('a', byName),
        'r2.yaml': strategy('b', byLabel),
      },
      want: [['error', 'InvalidRollout', 'a.yaml', 1, 2]],
    },
    {
      name: 'a strategy that selects nothing is a warning at it',
      files: { 'a.yaml': deploy('backend'), 'r.yaml': strategy('a', byName) },
      want: [['warning', 'RolloutSelectsNothing', 'r.yaml', 1, 0]],
    },
    {
      name: 'a template of another namespace is not selected',
      files: {
        'a.yaml': deploy('frontend').replace('namespace: shop', 'namespace: other'),
        'r.yaml': strategy('a', byName),
      },
      want: [['warning', 'RolloutSelectsNothing', 'r.yaml', 1, 0]],
    },
    {
      name: 'a wave naming a cluster the inventory lacks warns UnknownCluster at the strategy; a known one does not',
      files: {
        'a.yaml': deploy('frontend'),
        'c.yaml': cluster('aws-use'),
        'r.yaml': strategy('a', byName, '[{name: canary, clusters: {clusterNames: [aws-use, aws-usw]}}]'),
      },
      want: [['warning', 'UnknownCluster', 'r.yaml', 1, 0]],
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(diags(c.files), c.want));
});
