/**
 * The cost of the two branches' commits (issue 25 goal 2), on a generated fleet (plan-fleet-gen.ts,
 * default the hard shape at 1,000 clusters × 10,000 templates) in a bare repository on disk:
 * - the initial render: the rendered branch written and committed by flotilla (writeRendered), and
 *   the same files written to a directory and committed by native `git add -A && git commit`
 *   (file writing not timed); the two trees must have the same id;
 * - a one-template change (an add-on Duplicated to a shard of the fleet gets a new image): load,
 *   plan, then commit of the rendered branch and of the status branch, each timed, as the
 *   controller's pass runs them, with the caches a long-running controller keeps between passes;
 * - where the fleet is small enough (or FLOTILLA_BENCH_VERIFY=1), the changed rendered tree is
 *   written again from an empty cache into a second repository and the tree ids compared.
 * - the long-running controller's load and plan of the same change and of its undoing
 *   (controllerPassFigures): each re-planned reusing the pass before, CPU and wall
 *   (FLOTILLA_BENCH_CONTROLLER=0 skips it);
 * Figures, not assertions (Q7): one JSON line per case, then a table, with the 1-minute load average.
 *
 *   npx node bench/render.ts                   # hard:1000x10000
 *   npx node bench/render.ts hard:100x1000     # another case
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultIdentity, localStore, readCommitInfo, type BranchStore } from '../src/git/index.ts';
import { loadFleet, type SourceFile } from '../src/load/index.ts';
import { resourceKey, type ResourceKey, type TargetCluster } from '../src/api/index.ts';
import { loadSnapshot, planFleet, planHeadReusingBase, type Plan, type PlanInput } from '../src/plan/index.ts';
import { bindingTextOf, renderedFiles, statusFiles, writeRendered, writeStatus } from '../src/writeback/index.ts';
import { fleetFiles, parseCase, type Shape } from './plan-fleet-gen.ts';

const spec = process.argv[2] ?? 'hard:1000x10000';
const [shape = 'hard', size = '1000x10000'] = spec.includes(':') ? spec.split(':') : ['hard', spec];
const [clusters, templates] = parseCase(size);
const work = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-render-'));
const opts = { identity: defaultIdentity, now: () => new Date('2026-01-01T00:00:00Z') };
const figures: Record<string, number | string> = { case: spec };
const ms = (t0: number) => Math.round(performance.now() - t0);

/** Runs `git` in `cwd`, failing loudly. */
function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** A new bare repository under the scratch directory, as a branch store. */
function bareStore(name: string): BranchStore {
  const gitdir = path.join(work, name);
  mkdirSync(gitdir);
  git(gitdir, 'init', '--bare', '-q', '-b', 'main');
  return localStore({ gitdir, cache: {} }, gitdir);
}

function plan(files: readonly SourceFile[], revision: string): { plan: Plan; loadMs: number; planMs: number } {
  const t0 = performance.now();
  const { fleet, diagnostics } = loadFleet({ revision, files, problems: [] });
  const loadMs = ms(t0);
  const t1 = performance.now();
  const p = planFleet({ fleet, diagnostics, revision });
  if (p.errors.length) throw new Error(`bench fleet is invalid: ${p.errors[0]?.message}`);
  return { plan: p, loadMs, planMs: ms(t1) };
}

async function treeOf(store: BranchStore, branch: string): Promise<string> {
  const tip = await store.tip(branch);
  if (tip === undefined) throw new Error(`${branch} was not written`);
  return (await readCommitInfo(store.repo, tip)).tree;
}

/** Commits the status branch of `p` as a pass does (its bindings' placement and conditions). */
async function commitStatus(store: BranchStore, p: Plan): Promise<number> {
  const t0 = performance.now();
  const status = statusFiles({
    sourceBranch: 'main',
    plan: p,
    previous: undefined,
    observed: [],
    bindingText: bindingTextOf(store),
  });
  const result = await writeStatus(
    store,
    {
      branch: 'status',
      revision: p.revision,
      status,
      bindings: p.bindings.length,
      works: p.works.length,
      baseTip: await store.tip('status'),
    },
    opts,
  );
  if (result.kind !== 'committed') throw new Error(`status commit: ${result.kind}`);
  return ms(t0);
}

/** Native git over the same files: written to a directory (not timed), then `git add -A && git commit` (timed). */
function nativeCommit(p: Plan): { ms: number; tree: string } {
  const dir = path.join(work, 'native');
  for (const [file, text] of renderedFiles(p.works, p.clusters)) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  git(dir, 'init', '-q', '-b', 'main');
  const t0 = performance.now();
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-q', '-m', 'rendered');
  const took = ms(t0);
  const tree = git(dir, 'rev-parse', 'HEAD^{tree}');
  rmSync(dir, { recursive: true, force: true });
  return { ms: took, tree };
}

/** The fleet with template `app2` (an add-on, Duplicated to a shard) on a new image. */
function changedFleet(files: readonly SourceFile[]): SourceFile[] {
  const target = 'apps/ns2/app2.yaml';
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  return files.map((f) =>
    f.path === target ? { path: f.path, bytes: enc.encode(dec.decode(f.bytes).replace(':1.0', ':1.1')) } : f,
  );
}

/** Wall and CPU (user + system) milliseconds of `f`, and its result. */
function timed<T>(f: () => T): { value: T; ms: number; cpuMs: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, ms: ms(t0), cpuMs: Math.round((c.user + c.system) / 1000) };
}

/** The placement a pass after `p` reads back from the status branch: each binding's clusters. */
function placementOf(p: Plan): Map<ResourceKey, readonly TargetCluster[]> {
  return new Map(p.bindings.map((b) => [resourceKey(b.spec.resource), b.spec.clusters] as const));
}

/**
 * The long-running controller's load and plan of a one-template change (src/controller/plan-memory.ts):
 * a settled pass planned in full with its own placement as the previous one; the change planned
 * reusing it (the first reuse after a full plan also indexes its Works); then the change undone,
 * loaded with the parsed-files cache warm and planned reusing the pass before, as every later pass.
 */
function controllerPassFigures(files: readonly SourceFile[]): void {
  const load = (f: readonly SourceFile[], revision: string) =>
    timed(() => loadSnapshot({ revision, files: f, problems: [] }));
  const first = load(files, 'r1').value;
  const warm = planFleet({ ...first, revision: 'r1', works: 'none' });
  const settledInput: PlanInput = { ...first, revision: 'r1', previous: placementOf(warm) };
  const settled = timed(() => planFleet(settledInput));
  Object.assign(figures, { controllerFullPlanMs: settled.ms, controllerFullPlanCpuMs: settled.cpuMs });
  const changedInput: PlanInput = { ...load(changedFleet(files), 'r2').value, previous: placementOf(settled.value) };
  const firstReuse = timed(() => planHeadReusingBase({ input: settledInput, plan: settled.value }, changedInput));
  Object.assign(figures, {
    controllerReuse1PlanMs: firstReuse.ms,
    controllerReuse1PlanCpuMs: firstReuse.cpuMs,
  });
  const loaded = load(files, 'r3');
  const undoneInput: PlanInput = { ...loaded.value, previous: placementOf(firstReuse.value.plan) };
  const reused = timed(() => planHeadReusingBase({ input: changedInput, plan: firstReuse.value.plan }, undoneInput));
  Object.assign(figures, {
    controllerChangeLoadMs: loaded.ms,
    controllerChangeLoadCpuMs: loaded.cpuMs,
    controllerChangePlanMs: reused.ms,
    controllerChangePlanCpuMs: reused.cpuMs,
    controllerReuse: JSON.stringify(reused.value.reuse),
  });
  if (settled.value.works.length <= 50_000 || process.env['FLOTILLA_BENCH_VERIFY'] === '1')
    figures['controllerPlanSameAsFull'] = String(
      JSON.stringify(reused.value.plan) === JSON.stringify(planFleet(undoneInput)) &&
        JSON.stringify(firstReuse.value.plan) === JSON.stringify(planFleet(changedInput)),
    );
  // Printed at once too: the commit phases after it run for many minutes at the hard shape.
  const load1 = Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
  process.stderr.write(`${JSON.stringify({ ...figures, load1 })}\n`);
}

async function main(): Promise<void> {
  const files = fleetFiles(clusters, templates, shape as Shape);
  if (process.env['FLOTILLA_BENCH_CONTROLLER'] !== '0') controllerPassFigures(files);
  const first = plan(files, 'r1');
  Object.assign(figures, { works: first.plan.works.length, firstPlanMs: first.planMs });
  const store = bareStore('fleet.git');
  let t0 = performance.now();
  await writeRendered(store, 'rendered', first.plan, opts);
  figures['initialRenderCommitMs'] = ms(t0);
  figures['initialStatusCommitMs'] = await commitStatus(store, first.plan);
  const native = nativeCommit(first.plan);
  figures['nativeGitAddCommitMs'] = native.ms;
  figures['initialVsNative'] = Math.round((Number(figures['initialRenderCommitMs']) / native.ms) * 100) / 100;
  figures['sameTreeAsNative'] = String(native.tree === (await treeOf(store, 'rendered')));

  const changed = plan(changedFleet(files), 'r2');
  Object.assign(figures, { changeLoadMs: changed.loadMs, changePlanMs: changed.planMs });
  t0 = performance.now();
  await writeRendered(store, 'rendered', changed.plan, opts);
  figures['changeRenderCommitMs'] = ms(t0);
  figures['changeStatusCommitMs'] = await commitStatus(store, changed.plan);
  figures['changeCommitsMs'] = Number(figures['changeRenderCommitMs']) + Number(figures['changeStatusCommitMs']);
  if (changed.plan.works.length <= 50_000 || process.env['FLOTILLA_BENCH_VERIFY'] === '1') {
    const fresh = bareStore('fresh.git');
    await writeRendered(fresh, 'rendered', changed.plan, opts);
    figures['changedTreeSameAsFresh'] = String((await treeOf(fresh, 'rendered')) === (await treeOf(store, 'rendered')));
  }
  figures['peakRssMiB'] = Math.round(process.resourceUsage().maxRSS / 1024);
  figures['load1'] = Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
  process.stdout.write(`${JSON.stringify(figures)}\n\n`);
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(28)}${String(v)}\n`);
}

try {
  await main();
} finally {
  rmSync(work, { recursive: true, force: true });
}
