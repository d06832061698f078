/**
 * Git engine figures (not timed tests): a fleet repo of 10,000 manifest files on a real git
 * server (git http-backend). Prints JSON, then a table.
 *   npx node bench/git.ts [files]
 * Measures: fetch + read cold (empty cache) and warm (cache on disk, new process; and in memory
 * after a one-file push), a first full reconcile, a no-op revision, and the reaction time from
 * `git push` to the new revision planned, via the webhook and via polling every second.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { follow } from '../src/controller/reconcile-follow.ts';
import { reconcileOnce, type ReconcileOutcome } from '../src/controller/reconcile.ts';
import { createTreeReader, remoteStore } from '../src/git/index.ts';
import { signBody } from '../src/source/index.ts';
import { exampleFleet, remoteContext, type FleetRig } from '../test/git/helpers/fleet.ts';
import { startGitServer } from '../test/git/helpers/git-server.ts';
import { cloneRepo, commitAndPush, gitCli, tempDir } from '../test/git/helpers/workspace.ts';

const files = Number(process.argv[2] ?? 10000);
const secret = 'bench';
const results: Record<string, number> = {};
const logs: Readonly<Record<string, unknown>>[] = [];
const steps: Record<string, string> = {};
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

const tmp = tempDir('flotilla-bench-');
try {
  mkdirSync(path.join(tmp.dir, 'server'));
  const server = await startGitServer(path.join(tmp.dir, 'server'));
  try {
    server.createRepo('fleet');
    const work = await cloneRepo(server.authUrl('fleet'), tmp.dir);
    cpSync(exampleFleet, work, { recursive: true });
    generate(work, files);
    const first = await commitAndPush(work, `Fleet with ${files} generated manifests`);
    const rig: FleetRig = { server, work, root: tmp.dir, url: server.url('fleet'), first, cleanup: async () => {} };
    const credentials = { username: server.user, password: server.password };

    let t0 = performance.now();
    const cold = await remoteStore({ url: rig.url, credentials }, path.join(tmp.dir, 'cache-bench'));
    await cold.refresh();
    const coldReader = createTreeReader(cold.repo);
    const snap = await coldReader.read(first);
    results['fetchReadColdMs'] = ms(t0);
    results['manifestFiles'] = snap.files.length;

    t0 = performance.now();
    const warm = await remoteStore({ url: rig.url, credentials }, path.join(tmp.dir, 'cache-bench'));
    if (await warm.isStale(['main'])) await warm.refresh();
    await createTreeReader(warm.repo).read(first);
    results['fetchReadWarmDiskMs'] = ms(t0);

    writeFileSync(path.join(work, 'apps', 'generated', 'd000', 'cm-00000.yaml'), configMap(0, 'changed'));
    const second = await commitAndPush(work, 'Change one file');
    t0 = performance.now();
    await cold.refresh();
    await coldReader.read(second);
    results['fetchReadWarmMemoryOneFileChangedMs'] = ms(t0);

    const ctx = await remoteContext(rig, 'cache-reconcile', {}, logs);
    t0 = performance.now();
    const o1 = await reconcileOnce(ctx);
    results['firstReconcileColdMs'] = ms(t0);
    check(o1, 'applied');

    const noop: number[] = [];
    for (let i = 0; i < 7; i++) {
      t0 = performance.now();
      check(await reconcileOnce(ctx), 'unchanged');
      noop.push(ms(t0));
    }
    results['noopRevisionMedianMs'] = median(noop);

    results['pushToPlanWebhookMs'] = await reaction(rig, ctx, 'webhook');
    steps['webhookReconcileStepsMs'] = String(logs.findLast((l) => l['msg'] === 'revision planned')?.['stepsMs'] ?? '');
    results['pushToPlanPollEverySecondMs'] = await reaction(rig, ctx, 'poll');
  } finally {
    await server.stop();
  }
} finally {
  tmp.cleanup();
}

process.stdout.write(`${JSON.stringify({ files, results, steps }, null, 2)}\n\n`);
const goals: Record<string, number> = { pushToPlanWebhookMs: 1000, noopRevisionMedianMs: 50 };
process.stdout.write(`${'measure'.padEnd(40)}${'value'.padStart(10)}  goal\n`);
for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(40)}${String(v).padStart(10)}  ${goals[k] !== undefined ? `< ${goals[k]} ${v < (goals[k] ?? 0) ? 'ok' : 'MISSED'}` : ''}\n`);
for (const [k, v] of Object.entries(steps)) process.stdout.write(`${k.padEnd(40)}  ${v}\n`);

/** From the start of `git push` of a one-file change to the reconcile outcome for the new commit. */
async function reaction(rig: FleetRig, ctx: Awaited<ReturnType<typeof remoteContext>>, via: 'webhook' | 'poll'): Promise<number> {
  const controller = new AbortController();
  let address = '';
  let onOutcome: (o: ReconcileOutcome) => void = () => {};
  const ready = new Promise<void>((resolve) => {
    void follow(ctx, {
      pollSchedule: via === 'poll' ? '* * * * * *' : '0 0 1 1 *', webhook: via === 'webhook' ? { listen: '127.0.0.1:0', secret } : undefined,
      watch: false, signal: controller.signal, onOutcome: (o) => onOutcome(o), onReady: (r) => { address = r.webhook ?? ''; resolve(); },
    });
  });
  await ready;
  writeFileSync(path.join(rig.work, 'apps', 'generated', 'd001', 'cm-00100.yaml'), configMap(100, `${via}-${Date.now()}`));
  await gitCli(rig.work, 'add', '-A');
  await gitCli(rig.work, 'commit', '--quiet', '-m', `bench ${via}`);
  const sha = (await gitCli(rig.work, 'rev-parse', 'HEAD')).trim();
  const planned = new Promise<void>((resolve) => { onOutcome = (o) => { if (o.kind !== 'failed' && o.revision === sha) resolve(); }; });
  const t0 = performance.now();
  await gitCli(rig.work, 'push', '--quiet', 'origin', 'HEAD:main');
  if (via === 'webhook') {
    const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
    await fetch(`http://${address}/webhook`, { method: 'POST', body, headers: { 'x-github-event': 'push', 'x-github-delivery': sha, 'x-hub-signature-256': `sha256=${signBody(Buffer.from(body), secret)}` } });
  }
  await planned;
  const took = ms(t0);
  controller.abort();
  return took;
}

function generate(dir: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, 'apps', 'generated', `d${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `cm-${String(i).padStart(5, '0')}.yaml`), configMap(i, 'v1'));
  }
}

function configMap(i: number, value: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: bulk\ndata:\n  value: "${value}"\n`;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function check(o: ReconcileOutcome, kind: ReconcileOutcome['kind']): void {
  if (o.kind !== kind) throw new Error(`expected ${kind}, got ${o.kind}${o.kind === 'failed' ? `: ${String(o.error)}` : ''}`);
}
