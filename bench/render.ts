/**
 * The cost of the two branches' commits (issue 25 goal 2), on a generated fleet (plan-fleet-gen.ts,
 * default the hard shape at 1,000 clusters × 10,000 templates) in a bare repository on disk:
 * - the initial render: the rendered branch written and committed by flotilla (writeRendered), and
 *   the same files written to a directory and committed by native `git add -A && git commit`
 *   (file writing not timed); the two trees must have the same id;
 * - a one-template change (an add-on Duplicated to a shard of the fleet gets a new image): load,
 *   plan, then commit of the rendered branch and of the status branch, each timed, as the
 *   controller's pass runs them, with the caches a long-running controller keeps between passes;
 *   then a second such change whose plan hands back the unaffected Works and bindings as the same
 *   objects (`reused…`), as a controller reusing the previous pass's Works does;
 * - a whole controller pass of a third such change (`pass…`): load with the parsed-files cache
 *   warm, re-plan reusing the pass before (planHeadReusingBase), both commits;
 * - wall and CPU time (user + system, `…CpuMs`; native git's is its children's);
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
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Runs `step`, recording its wall time as `<name>Ms` and the process's CPU time (user + system, all threads) as `<name>CpuMs`. */
async function timedCommit(name: string, step: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await step();
  const cpu = process.cpuUsage(c0);
  figures[`${name}Ms`] = ms(t0);
  figures[`${name}CpuMs`] = Math.round((cpu.user + cpu.system) / 1000);
  // As it goes, on stderr: a long case that runs out of its time bound still leaves its figures.
  process.stderr.write(`${JSON.stringify(figures)}\n`);
  return Number(figures[`${name}Ms`]);
}

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

function plan(
  files: readonly SourceFile[],
  revision: string,
): { plan: Plan; input: PlanInput; loadMs: number; planMs: number } {
  const t0 = performance.now();
  const { fleet, diagnostics } = loadFleet({ revision, files, problems: [] });
  const loadMs = ms(t0);
  const t1 = performance.now();
  const input: PlanInput = { fleet, diagnostics, revision };
  const p = planFleet(input);
  if (p.errors.length) throw new Error(`bench fleet is invalid: ${p.errors[0]?.message}`);
  return { plan: p, input, loadMs, planMs: ms(t1) };
}

/**
 * A whole controller pass of a one-template change after `base`, as `flotilla controller` runs it:
 * load (the parsed-files cache warm), re-plan reusing the pass before (planHeadReusingBase, the
 * Works it keeps handed on as the same objects), then the rendered and status commits; `pass…`
 * figures are the sum, wall and CPU.
 */
async function controllerPass(
  store: BranchStore,
  files: readonly SourceFile[],
  base: { plan: Plan; input: PlanInput },
): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const input: PlanInput = loadSnapshot({ revision: 'r4', files: changedFleet(files, ':1.3'), problems: [] });
  const head = planHeadReusingBase(base, input);
  figures['passReuse'] = JSON.stringify(head.reuse);
  await writeRendered(store, 'rendered', head.plan, opts);
  await commitStatus(store, head.plan);
  const cpu = process.cpuUsage(c0);
  figures['passOneTemplateChangeMs'] = ms(t0);
  figures['passOneTemplateChangeCpuMs'] = Math.round((cpu.user + cpu.system) / 1000);
  process.stderr.write(`${JSON.stringify(figures)}\n`);
}

async function treeOf(store: BranchStore, branch: string): Promise<string> {
  const tip = await store.tip(branch);
  if (tip === undefined) throw new Error(`${branch} was not written`);
  return (await readCommitInfo(store.repo, tip)).tree;
}

/** Commits the status branch of `p` as a pass does (its bindings' placement and conditions). */
async function commitStatus(store: BranchStore, p: Plan): Promise<void> {
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
}

/** Native git over the same files: written to a directory (not timed), then `git add -A && git commit` (timed, CPU of the git children too). */
function nativeCommit(p: Plan): { ms: number; cpuMs: number; tree: string } {
  const dir = path.join(work, 'native');
  for (const [file, text] of renderedFiles(p.works, p.clusters)) {
    mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  git(dir, 'init', '-q', '-b', 'main');
  const t0 = performance.now();
  const c0 = childrenCpuMs();
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.name=bench', '-c', 'user.email=bench@localhost', 'commit', '-q', '-m', 'rendered');
  const took = ms(t0);
  const cpuMs = childrenCpuMs() - c0;
  const tree = git(dir, 'rev-parse', 'HEAD^{tree}');
  rmSync(dir, { recursive: true, force: true });
  return { ms: took, cpuMs, tree };
}

/** CPU time (user + system) of the children this process waited for, in ms (Linux /proc: utime and stime fields). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // cutime and cstime are fields 16 and 17 of stat(5), in clock ticks (100 a second here).
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** The fleet with template `app2` (an add-on, Duplicated to a shard) on image `tag`. */
function changedFleet(files: readonly SourceFile[], tag: string): SourceFile[] {
  const target = 'apps/ns2/app2.yaml';
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  return files.map((f) =>
    f.path === target ? { path: f.path, bytes: enc.encode(dec.decode(f.bytes).replace(':1.0', tag)) } : f,
  );
}

/**
 * `next` with every Work and binding equal to one of `previous` replaced by that object, as a
 * controller that reuses the previous pass's Works for unaffected templates hands them over (not timed).
 */
function reusing(previous: Plan, next: Plan): Plan {
  const key = (o: { metadata: { name: string; namespace?: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;
  const works = new Map(previous.works.map((w) => [key(w), w]));
  const bindings = new Map(previous.bindings.map((b) => [key(b), b]));
  const same = <T>(old: T | undefined, made: T): T =>
    old !== undefined && JSON.stringify(old) === JSON.stringify(made) ? old : made;
  return {
    ...next,
    works: next.works.map((w) => same(works.get(key(w)), w)),
    bindings: next.bindings.map((b) => same(bindings.get(key(b)), b)),
  };
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
  const changedInput: PlanInput = {
    ...load(changedFleet(files, ':1.1'), 'r2').value,
    previous: placementOf(settled.value),
  };
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
  await timedCommit('initialRenderCommit', () => writeRendered(store, 'rendered', first.plan, opts));
  await timedCommit('initialStatusCommit', () => commitStatus(store, first.plan));
  const native = nativeCommit(first.plan);
  figures['nativeGitAddCommitMs'] = native.ms;
  figures['nativeGitAddCommitCpuMs'] = native.cpuMs;
  figures['initialVsNative'] = Math.round((Number(figures['initialRenderCommitMs']) / native.ms) * 100) / 100;
  figures['initialVsNativeCpu'] =
    Math.round((Number(figures['initialRenderCommitCpuMs']) / Math.max(1, native.cpuMs)) * 100) / 100;
  figures['sameTreeAsNative'] = String(native.tree === (await treeOf(store, 'rendered')));

  // A change whose plan is made of new objects (each Work found in the memo by its JSON).
  const changed = plan(changedFleet(files, ':1.1'), 'r2');
  Object.assign(figures, { changeLoadMs: changed.loadMs, changePlanMs: changed.planMs });
  const render = await timedCommit('changeRenderCommit', () => writeRendered(store, 'rendered', changed.plan, opts));
  figures['changeCommitsMs'] =
    render + (await timedCommit('changeStatusCommit', () => commitStatus(store, changed.plan)));
  // The next change with the unaffected Works and bindings handed back as the same objects.
  const third = plan(changedFleet(files, ':1.2'), 'r3');
  const again = reusing(changed.plan, third.plan);
  const reused = await timedCommit('reusedRenderCommit', () => writeRendered(store, 'rendered', again, opts));
  figures['reusedCommitsMs'] = reused + (await timedCommit('reusedStatusCommit', () => commitStatus(store, again)));
  if (again.works.length <= 50_000 || process.env['FLOTILLA_BENCH_VERIFY'] === '1') {
    const fresh = bareStore('fresh.git');
    await writeRendered(fresh, 'rendered', again, opts);
    figures['changedTreeSameAsFresh'] = String((await treeOf(fresh, 'rendered')) === (await treeOf(store, 'rendered')));
  }
  await controllerPass(store, files, { plan: again, input: third.input });
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
