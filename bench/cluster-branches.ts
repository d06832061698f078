/**
 * The per-cluster rendered branches (issue 25 goal 5) at N clusters (default 1,000) against a
 * real git server (git http-backend): the first publication of every branch, a change to one
 * cluster, and a pass in which nothing changed. Each cluster renders a ConfigMap all clusters
 * share and one of its own. Figures, not assertions (Q7): one JSON line per case with wall and
 * CPU (user + system) milliseconds, the branches moved, the pushes made and the 1-minute load
 * average, then a table.
 *   npx node bench/cluster-branches.ts [clusters]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultIdentity, remoteStore } from '../src/git/index.ts';
import { buildWork } from '../src/render/work.ts';
import { writeClusterBranches, writeRendered, type ClusterBranchesResult } from '../src/writeback/index.ts';
import { startGitServer } from '../test/git/helpers/git-server.ts';
import { cloneRepo, commitAndPush, tempDir } from '../test/git/helpers/workspace.ts';

const count = Number(process.argv[2] ?? 1000);
const clusters = Array.from({ length: count }, (_, i) => `c${String(i).padStart(4, '0')}`);
const changed = clusters[Math.floor(count / 2)] ?? '';
const configMap = (cluster: string, name: string, value: string) =>
  buildWork(cluster, { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name }, 'bench', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'shop' },
    data: { value },
  });
const works = (revision: string) =>
  clusters.flatMap((c) => [
    configMap(c, 'shared', 'x'.repeat(400)),
    configMap(c, 'own', c === changed ? `${c}-${revision}` : c),
  ]);
const opts = { identity: defaultIdentity, now: () => new Date('2030-01-02T03:04:05Z') };
const write = { renderedBranch: 'flotilla-rendered', clusters, reserved: ['main', 'flotilla-status'] };
const rows: Record<string, unknown>[] = [];

const tmp = tempDir('flotilla-bench-cluster-branches-');
try {
  mkdirSync(path.join(tmp.dir, 'server'));
  const server = await startGitServer(path.join(tmp.dir, 'server'));
  try {
    server.createRepo('fleet');
    const work = await cloneRepo(server.authUrl('fleet'), tmp.dir);
    writeFileSync(path.join(work, 'README'), 'fleet\n');
    await commitAndPush(work, 'Start', 'main');
    const store = await remoteStore(
      { url: server.url('fleet'), credentials: { username: server.user, password: server.password } },
      path.join(tmp.dir, 'cache'),
    );
    await store.refresh();
    const measure = async (name: string, revision: string) => {
      await writeRendered(store, write.renderedBranch, { revision, works: works(revision), clusters }, opts);
      const pushes = server.receivePacks;
      const cpu = process.cpuUsage();
      const start = performance.now();
      const r: ClusterBranchesResult = await writeClusterBranches(store, write, opts);
      const used = process.cpuUsage(cpu);
      rows.push({
        case: name,
        clusters: count,
        wallMs: Math.round(performance.now() - start),
        cpuMs: Math.round((used.user + used.system) / 1000),
        moved: r.moved.length,
        pushes: server.receivePacks - pushes,
        load1: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
      });
      process.stdout.write(`${JSON.stringify(rows.at(-1))}\n`);
    };
    await measure('first publication', 'r1');
    await measure('one cluster changed', 'r2');
    await measure('nothing changed', 'r2');
  } finally {
    await server.stop();
  }
} finally {
  tmp.cleanup();
}
process.stdout.write('\ncase                  wall ms  cpu ms  moved  pushes  load\n');
for (const r of rows)
  process.stdout.write(
    `${String(r['case']).padEnd(22)}${String(r['wallMs']).padStart(7)}${String(r['cpuMs']).padStart(8)}${String(r['moved']).padStart(7)}${String(r['pushes']).padStart(8)}${String(r['load1']).padStart(6)}\n`,
  );
