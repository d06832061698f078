/**
 * A ClusterOverridePolicy that selects Namespaces reaches the namespace Works (namespace-works.ts),
 * which no template stands for: a reused plan must not keep the old ones.
 */
import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './index.ts';
import { baseFleet } from '../../test/preview/fleet-repo.ts';
import { planHeadReusingBase } from './reuse-plan.ts';
import { snapshotOf, type Files } from './fleet-snapshot.test-support.ts';

const namespaceLabel = (value: string, selectors?: object[]) => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'ClusterOverridePolicy',
  metadata: { name: 'namespace-label' },
  spec: {
    ...(selectors ? { resourceSelectors: selectors } : {}),
    overrideRules: [{ overriders: { labelsOverrider: [{ operator: 'add', value: { team: value } }] } }],
  },
});

describe('plan: reuse and the ClusterOverridePolicies of namespaces', () => {
  const cases: { name: string; before: Files; after: Files }[] = [
    {
      name: 'adding one that names the Namespace kind plans in full',
      before: {},
      after: { 'policies/ns.yaml': [namespaceLabel('a', [{ apiVersion: 'v1', kind: 'Namespace' }])] },
    },
    {
      name: 'changing one without resourceSelectors plans in full',
      before: { 'policies/ns.yaml': [namespaceLabel('a')] },
      after: { 'policies/ns.yaml': [namespaceLabel('b')] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = loadFleet(snapshotOf('a'.repeat(40), { ...baseFleet(), ...c.before }));
      const h = loadFleet(snapshotOf('b'.repeat(40), { ...baseFleet(), ...c.after }));
      const baseInput = { fleet: b.fleet, diagnostics: b.diagnostics, revision: 'a'.repeat(40) };
      const headInput = { fleet: h.fleet, diagnostics: h.diagnostics, revision: 'b'.repeat(40) };
      const got = planHeadReusingBase({ input: baseInput, plan: planFleet(baseInput) }, headInput);
      assert.equal(got.reuse.kind, 'full');
      const full = planFleet(headInput);
      assert.deepEqual(full.errors, []);
      assert.equal(JSON.stringify(got.plan), JSON.stringify(full));
      const labels = full.works
        .filter((w) => w.spec.workload.manifests[0]?.['kind'] === 'Namespace')
        .map(
          (w) =>
            (w.spec.workload.manifests[0]?.['metadata'] as { labels?: Record<string, string> } | undefined)?.labels?.[
              'team'
            ],
        );
      assert.ok(labels.length > 0 && labels.every((l) => l !== undefined), 'every namespace Work carries the label');
    });
  }
});
