import assert from 'node:assert/strict';
import { loadFleet } from './load-fleet.ts';

const enc = new TextEncoder();
const load = (files: Record<string, string>) =>
  loadFleet({
    revision: 'r',
    problems: [],
    files: Object.entries(files).map(([path, text]) => ({ path, bytes: enc.encode(text) })),
  });
const cluster = (n: string) =>
  `apiVersion: cluster.karmada.io/v1alpha1\nkind: Cluster\nmetadata: {name: ${n}}\nspec: {syncMode: Push}\n`;
const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n';
const mcs = (spec: string) =>
  `apiVersion: networking.karmada.io/v1alpha1\nkind: MultiClusterService\nmetadata:\n  name: web\nspec:\n${spec}`;

describe('load: MultiClusterService (networking.karmada.io)', () => {
  const cases: {
    name: string;
    files: Record<string, string>;
    want: [code: string, severity: string, file: string, line: number][];
  }[] = [
    {
      name: 'a CrossCluster one with its Service and known clusters loads silently',
      files: {
        'c.yaml': cluster('member1'),
        's.yaml': svc,
        'm.yaml': mcs('  types: [CrossCluster]\n  providerClusters: [{name: member1}]\n'),
      },
      want: [],
    },
    {
      name: 'without CrossCluster it is ignored, with a warning at spec.types',
      files: { 's.yaml': svc, 'm.yaml': mcs('  types: [LoadBalancer]\n') },
      want: [['KarmadaFieldIgnored', 'warning', 'm.yaml', 6]],
    },
    {
      name: 'a cluster the repo lacks is a warning at its name',
      files: {
        'c.yaml': cluster('member1'),
        's.yaml': svc,
        'm.yaml': mcs('  types: [CrossCluster]\n  consumerClusters:\n  - name: ghost\n'),
      },
      want: [['UnknownCluster', 'warning', 'm.yaml', 8]],
    },
    {
      name: 'a missing Service is a warning at the name',
      files: { 'm.yaml': mcs('  types: [CrossCluster]\n') },
      want: [['DependencyMissing', 'warning', 'm.yaml', 4]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { fleet, diagnostics } = load(c.files);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.file, d.line]),
        c.want,
      );
      assert.equal(fleet.multiClusterServices?.length, 1);
      assert.equal(fleet.templates.filter((t) => t.object.kind === 'MultiClusterService').length, 0);
    });
  }
  it('ServiceExport and ServiceImport are templates without a warning (the controller acts on them)', () => {
    const { fleet, diagnostics } = load({
      'e.yaml':
        'apiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceExport\nmetadata: {name: s}\n---\napiVersion: multicluster.x-k8s.io/v1alpha1\nkind: ServiceImport\nmetadata: {name: s}\nspec: {type: ClusterSetIP}\n',
    });
    assert.deepEqual(diagnostics, []);
    assert.equal(fleet.templates.length, 2);
  });
});
