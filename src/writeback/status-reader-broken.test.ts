/**
 * A status-branch file a person broke by hand (invalid YAML, a wrong shape): the readers report it
 * with its path and line, keep its last good version (from memory, or from the branch's history
 * for a fresh reader), read every other record as usual, and never throw.
 */
import assert from 'node:assert/strict';
import fs, { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { defaultIdentity, localStore, openLocal, type BranchStore } from '../git/index.ts';
import type { RolloutState } from '../rollout/index.ts';
import { commitToBranch } from './branch-commit.ts';
import { formatClusterReport, type ClusterReport } from './cluster-reports.ts';
import { rebalancerFiles } from './rebalancer-files.ts';
import { readRolloutRecords } from './rollout-reader.ts';
import { formatRolloutRecord } from './rollout-record.ts';
import { readClusterReports } from './shard-io.ts';
import { createStatusRecordReader } from './status-file-history.ts';
import type { StatusFileProblem } from './status-file-problem.ts';
import { createStatusReader } from './status-reader.ts';

const branch = 'flotilla-status';
const web = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' };

const clusterFile = (name: string, taint: string) =>
  `name: ${name}\nregisteredAt: "2026-12-07T10:00:00Z"\ntaints:\n  - key: ${taint}\n    effect: NoExecute\n`;
const bindingFile = (name: string, cluster: string) =>
  [
    'apiVersion: work.karmada.io/v1alpha2',
    'kind: ResourceBinding',
    `metadata: { name: ${name}-deployment, namespace: shop }`,
    'spec:',
    `  resource: { apiVersion: apps/v1, kind: Deployment, namespace: shop, name: ${name} }`,
    '  replicas: 2',
    `  clusters: [{ name: ${cluster}, replicas: 2 }]`,
    '',
  ].join('\n');
const rebalancer = (name: string) =>
  rebalancerFiles([{ name, status: { observedWorkloads: [{ workload: web, result: 'Successful' }] } }]).get(
    `rebalancers/${name}.yaml`,
  ) ?? '';
const report = (cluster: string): ClusterReport => ({
  cluster,
  shard: 1,
  observedAt: '2026-12-07T10:00:00Z',
  reachable: true,
  healthy: true,
  workloads: [],
});
const rollout = (name: string): RolloutState =>
  ({
    namespace: 'shop',
    name,
    phase: 'Progressing',
    condition: { reason: 'WaveProgressing', message: 'wave 1' },
    baselineRevision: 'v1',
    target: { revision: 'v2', contents: {} },
    currentWave: 0,
    waves: [],
    clusters: [],
  }) as unknown as RolloutState;

const good: Record<string, string> = {
  'clusters/member1.yaml': clusterFile('member1', 'one'),
  'clusters/member2.yaml': clusterFile('member2', 'two'),
  'bindings/shop/deployment.web.yaml': bindingFile('web', 'member1'),
  'bindings/shop/deployment.api.yaml': bindingFile('api', 'member2'),
  'rebalancers/failback.yaml': rebalancer('failback'),
  'rebalancers/other.yaml': rebalancer('other'),
  'observations/member1.yaml': formatClusterReport(report('member1')),
  'observations/member2.yaml': formatClusterReport(report('member2')),
  'rollouts/shop/web.yaml': formatRolloutRecord(rollout('web')),
  'rollouts/shop/api.yaml': formatRolloutRecord(rollout('api')),
};

/** Everything the readers give back, as names (enough to see what was kept and what was lost). */
async function readAll(store: BranchStore, onProblem: (p: StatusFileProblem) => void) {
  const reader = createStatusReader(store, { onProblem });
  const records = createStatusRecordReader(store.repo, onProblem);
  const tip = await store.tip(branch);
  const memory = await reader.failoverState(tip);
  const previous = await reader.previous(tip);
  return {
    clusters: memory.clusters.map((c) => `${c.cluster}:${c.taints.map((t) => t.key).join(',')}`),
    bindings: memory.bindings.map((b) => b.key),
    placement: [...previous.placement.keys()].sort(),
    rebalancers: [...(memory.rebalancers?.keys() ?? [])].sort(),
    planned: [...previous.rebalancers.keys()].sort(),
    reports: (await readClusterReports(store, tip, records)).map((r) => r.cluster),
    rollouts: (await readRolloutRecords(store, tip, records)).map((r) => r.name),
  };
}

const all = {
  clusters: ['member1:one', 'member2:two'],
  bindings: ['apps/v1|Deployment|shop|api', 'apps/v1|Deployment|shop|web'],
  placement: ['apps/v1|Deployment|shop|api', 'apps/v1|Deployment|shop|web'],
  rebalancers: ['failback', 'other'],
  planned: ['failback', 'other'],
  reports: ['member1', 'member2'],
  rollouts: ['api', 'web'],
};

const cases: { name: string; file: string; text: string; line: number }[] = [
  {
    name: 'a cluster file with invalid YAML',
    file: 'clusters/member1.yaml',
    text: 'name: member1\nregisteredAt: x\nname: again\n',
    line: 3,
  },
  { name: 'a cluster file of the wrong shape', file: 'clusters/member1.yaml', text: 'name: 3\n', line: 1 },
  { name: 'a binding file with invalid YAML', file: 'bindings/shop/deployment.web.yaml', text: 'spec: {\n', line: 2 },
  { name: 'a binding file of the wrong shape', file: 'bindings/shop/deployment.web.yaml', text: '- a\n', line: 1 },
  { name: 'a rebalancer file with invalid YAML', file: 'rebalancers/failback.yaml', text: 'a: b: c\n', line: 1 },
  { name: 'a rebalancer file of the wrong shape', file: 'rebalancers/failback.yaml', text: 'kind: x\n', line: 1 },
  { name: 'a cluster report with invalid YAML', file: 'observations/member1.yaml', text: '"open\n', line: 2 },
  { name: 'a rollout record of the wrong shape', file: 'rollouts/shop/web.yaml', text: 'phase: Done\n', line: 1 },
];

describe('writeback: a status-branch file broken by hand', () => {
  let dir = '';
  let store: BranchStore;
  const commit = (files: Record<string, string | null>) =>
    commitToBranch(
      store,
      branch,
      () => ({
        kind: 'commit',
        message: 'status',
        allowEmpty: false,
        changes: Object.entries(files).map(([p, t]) => ({
          path: p,
          content: t === null ? null : new TextEncoder().encode(t),
        })),
      }),
      { identity: defaultIdentity, now: () => new Date(0) },
    );
  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flotilla-status-broken-'));
    await git.init({ fs, gitdir: dir, bare: true });
    store = localStore(openLocal(dir), dir);
    await commit(good);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(`${c.name}: keeps its last good version and every other record, and names the file and line`, async () => {
      await commit({ [c.file]: c.text });
      await commit({ 'revision.yaml': 'lastAttemptedRevision: r2\n' }); // the breakage is not on the tip commit itself
      const problems: StatusFileProblem[] = [];
      assert.deepEqual(await readAll(store, (p) => problems.push(p)), all);
      const reported = problems.filter((p) => p.file === c.file);
      assert.ok(reported.length > 0, `${c.file} reported`);
      assert.deepEqual(
        reported.map((p) => p.line),
        reported.map(() => c.line),
      );
      assert.deepEqual(
        problems.filter((p) => p.file !== c.file),
        [],
      );
    });
  }

  it('a reader that read the good version keeps it from memory, and reports a broken version once', async () => {
    const problems: StatusFileProblem[] = [];
    const reader = createStatusReader(store, { onProblem: (p) => problems.push(p) });
    const taints = async () =>
      (await reader.failoverState(await store.tip(branch))).clusters.map((c) => `${c.cluster}:${c.taints[0]?.key}`);
    assert.deepEqual(await taints(), ['member1:one', 'member2:two']);
    await commit({ 'clusters/member1.yaml': ':\n' });
    assert.deepEqual(await taints(), ['member1:one', 'member2:two']);
    assert.deepEqual(await taints(), ['member1:one', 'member2:two']);
    assert.deepEqual(
      problems.map((p) => p.file),
      ['clusters/member1.yaml'],
    );
  });

  it('a file broken from its first version is missing (as if never written), reported, and the rest is read', async () => {
    await commit({ 'clusters/member3.yaml': 'name: [\n' });
    const problems: StatusFileProblem[] = [];
    assert.deepEqual((await readAll(store, (p) => problems.push(p))).clusters, ['member1:one', 'member2:two']);
    assert.deepEqual(
      problems.map((p) => p.file),
      ['clusters/member3.yaml'],
    );
  });
});
