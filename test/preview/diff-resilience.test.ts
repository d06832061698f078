/**
 * `flotilla diff --resilience` over a real git repository: base and head are simulated under
 * every single-region and single-cluster failure, and the comment names the workloads whose
 * fallback the change removed.
 */
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.ts';
import { baseFleet, createFleetRepo, type FleetRepo } from './fleet-repo.ts';

/** The web-spread policy pinned to one cluster: no other cluster can take its replicas. */
function pinnedPolicy(cluster: string): object {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'web-spread', namespace: 'shop' },
    spec: {
      resourceSelectors: [
        { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { tier: 'web' } } },
      ],
      placement: {
        clusterAffinity: { clusterNames: [cluster] },
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
      },
    },
  };
}

describe('flotilla diff --resilience', function () {
  this.timeout(60000);
  let repo: FleetRepo | undefined;
  afterEach(() => repo?.remove());

  it('names the workloads that lose their fallback, with where they went before', async () => {
    repo = createFleetRepo();
    repo.commit('base', baseFleet());
    repo.git('branch', 'base');
    repo.commit('pin web to us-1', { 'policies/web-spread.yaml': [pinnedPolicy('us-1')] });
    const md = await runCli(['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--resilience']);
    assert.equal(md.code, 1, md.stderr);
    assert.match(md.stdout, /^#### Resilience$/m);
    assert.match(
      md.stdout,
      /4 single-failure scenarios \(`region=eu-west`, `region=us-east`, `cluster=eu-1`, `cluster=us-1`\): \*\*4 worse\*\*, 0 better\./,
    );
    assert.match(
      md.stdout,
      /\| 🔴 \| `region=us-east` \| shop\/web \| 0 → 6 \| after this change, shop\/web has no fallback if region=us-east fails \(it had eu-1 before\) \|/,
    );
    const json = await runCli([
      'diff',
      '--repo',
      repo.dir,
      '--base',
      'base',
      '--head',
      'main',
      '--resilience',
      '--format',
      'json',
    ]);
    const diff = JSON.parse(json.stdout) as {
      resilience: { changes: { scenario: string; workload: string; kind: string }[] };
    };
    assert.deepEqual(
      diff.resilience.changes.map((c) => `${c.kind} ${c.scenario} ${c.workload}`),
      [
        'worse cluster=us-1 shop/api',
        'worse cluster=us-1 shop/web',
        'worse region=us-east shop/api',
        'worse region=us-east shop/web',
      ],
    );
  });
  it('without --resilience the comment has no such section, and with no change in fate it says so', async () => {
    repo = createFleetRepo();
    repo.commit('base', baseFleet());
    repo.git('branch', 'base');
    repo.commit('same placement', { 'README.md': 'notes\n' });
    const plain = await runCli(['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main']);
    assert.doesNotMatch(plain.stdout, /Resilience/);
    const md = await runCli(['diff', '--repo', repo.dir, '--base', 'base', '--head', 'main', '--resilience']);
    assert.match(md.stdout, /No change in what 4 single-failure scenarios .* would do\./);
  });
});
