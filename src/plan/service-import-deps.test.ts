import assert from 'node:assert/strict';
import { loadFleet } from '../load/index.ts';
import { planFleet } from './plan-fleet.ts';

const enc = new TextEncoder();
const file = (path: string, text: string) => ({ path, bytes: enc.encode(text) });

describe('plan: propagateDeps of a ServiceImport', () => {
  const plan = (kind: string) => {
    const { fleet, diagnostics } = loadFleet({
      revision: 'r',
      problems: [],
      files: [
        file(
          'clusters/member2.yaml',
          'apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: member2}\nspec: {syncMode: Push}\n',
        ),
        file(
          'apps/import.yaml',
          `apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ${kind}\nmetadata: {name: web}\nspec: {type: ClusterSetIP, ports: [{port: 80}]}\n`,
        ),
        file(
          'policies/pp.yaml',
          `apiVersion: policy.karmada.io/v1alpha1\nkind: PropagationPolicy\nmetadata: {name: web}\nspec:\n  propagateDeps: true\n  resourceSelectors: [{apiVersion: multicluster.x-k8s.io/v1alpha1, kind: ${kind}}]\n  placement:\n    clusterAffinity: {clusterNames: [member2]}\n`,
        ),
      ],
    });
    return planFleet({ fleet, diagnostics, revision: 'r' });
  };
  // Karmada's mcs controllers make derived-<name> and its EndpointSlices; flotilla's service step writes them into the consumers.
  it('its derived Service and EndpointSlices are not missing dependencies (the controller makes them)', () => {
    const p = plan('ServiceImport');
    assert.deepEqual(
      p.warnings.map((w) => w.code),
      [],
    );
    assert.equal(p.works.length > 0, true);
  });
});
