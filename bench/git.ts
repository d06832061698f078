/**
 * Git engine figures (not timed tests): a fleet repo of 10,000 manifest files on a real git
 * server (git http-backend). Prints JSON, then a table.
 *   npx node bench/git.ts [files]
 * Measures: fetch + read cold (empty cache) and warm (cache on disk, new process; and in memory
 * after a one-file push), a first full reconcile, a no-op revision, and the reaction time from
 * `git push` to the new revision planned, via the webhook and via polling every second.
 *
 * The setup and every case run under a deadline (FLOTILLA_BENCH_CASE_TIMEOUT_S seconds, default
 * 180; a 10,000-file run once hung for 500 s). A case that overruns is aborted with a message
 * naming it and the last reconcile logged; its figure is printed as TIMEOUT (null in the JSON,
 * with `timedOut` and `skipped`), the cases after it are skipped, and the process exits 1, so
 * `npm run bench` reports it instead of hanging. The deadline only bounds a case: each figure
 * times exactly the same operations as before.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { follow } from '../src/controller/reconcile-follow.ts';
import { reconcileOnce, type ReconcileOutcome } from '../src/controller/reconcile.ts';
import { createTreeReader, remoteStore, type BranchStore, type TreeReader } from '../src/git/index.ts';
import { signBody } from '../src/source/index.ts';
import { exampleFleet, remoteContext, type FleetRig } from '../test/git/helpers/fleet.ts';
import { startGitServer, type GitServer } from '../test/git/helpers/git-server.ts';
import { cloneRepo, commitAndPush, gitCli, tempDir } from '../test/git/helpers/workspace.ts';

const files = Number(process.argv[2] ?? 10000);
const secret = 'bench';
const caseDeadlineMs = deadlineMs(process.env['FLOTILLA_BENCH_CASE_TIMEOUT_S'], 180);
/** Bound on stopping the server and removing the scratch directory, whatever happened before. */
const cleanupDeadlineMs = 30_000;
/** The figures, in the order they are measured (a timeout skips the ones after it). */
const figures = [
  'fetchReadColdMs',
  'fetchReadWarmDiskMs',
  'fetchReadWarmMemoryOneFileChangedMs',
  'firstReconcileColdMs',
  'noopRevisionMedianMs',
  'pushToPlanWebhookMs',
  'pushToPlanPollEverySecondMs',
] as const;
const results: Record<string, number | null> = {};
const logs: Readonly<Record<string, unknown>>[] = [];
const steps: Record<string, string> = {};
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/** A case (or the setup) that did not finish within its deadline. */
class CaseTimeout extends Error {
  readonly caseName: string;
  readonly deadlineMs: number;
  constructor(caseName: string, deadlineMs: number) {
    super(
      `bench/git.ts: ${caseName} did not finish within ${deadlineMs / 1000} s (FLOTILLA_BENCH_CASE_TIMEOUT_S); aborted, later cases skipped.${lastReconcile()}`,
    );
    this.name = 'CaseTimeout';
    this.caseName = caseName;
    this.deadlineMs = deadlineMs;
  }
}

let timedOut: CaseTimeout | undefined;
const tmp = tempDir('flotilla-bench-');
let server: GitServer | undefined;
try {
  const setup = await bounded('setup (generate, commit, push)', async () => {
    mkdirSync(path.join(tmp.dir, 'server'));
    server = await startGitServer(path.join(tmp.dir, 'server'));
    server.createRepo('fleet');
    const work = await cloneRepo(server.authUrl('fleet'), tmp.dir);
    cpSync(exampleFleet, work, { recursive: true });
    generate(work, files);
    const first = await commitAndPush(work, `Fleet with ${files} generated manifests`);
    const rig: FleetRig = {
      server,
      work,
      root: tmp.dir,
      url: server.url('fleet'),
      first,
      cleanup: async () => {
        // the whole tmp dir is removed by the caller
      },
    };
    return { rig, credentials: { username: server.user, password: server.password } };
  });
  const { rig, credentials } = setup;
  const { work, first } = rig;

  let cold: BranchStore | undefined;
  let coldReader: TreeReader | undefined;
  const coldRead = await bounded('fetchReadColdMs', async () => {
    const t0 = performance.now();
    cold = await remoteStore({ url: rig.url, credentials }, path.join(tmp.dir, 'cache-bench'));
    await cold.refresh();
    coldReader = createTreeReader(cold.repo);
    const snap = await coldReader.read(first);
    return { took: ms(t0), manifestFiles: snap.files.length };
  });
  results['fetchReadColdMs'] = coldRead.took;
  results['manifestFiles'] = coldRead.manifestFiles;

  results['fetchReadWarmDiskMs'] = await bounded('fetchReadWarmDiskMs', async () => {
    const t0 = performance.now();
    const warm = await remoteStore({ url: rig.url, credentials }, path.join(tmp.dir, 'cache-bench'));
    if (await warm.isStale(['main'])) await warm.refresh();
    await createTreeReader(warm.repo).read(first);
    return ms(t0);
  });

  results['fetchReadWarmMemoryOneFileChangedMs'] = await bounded('fetchReadWarmMemoryOneFileChangedMs', async () => {
    writeFileSync(path.join(work, 'apps', 'generated', 'd000', 'cm-00000.yaml'), configMap(0, 'changed'));
    const second = await commitAndPush(work, 'Change one file');
    const t0 = performance.now();
    await need(cold).refresh();
    await need(coldReader).read(second);
    return ms(t0);
  });

  const ctx = await bounded('reconcile context', () => remoteContext(rig, 'cache-reconcile', {}, logs));
  results['firstReconcileColdMs'] = await bounded('firstReconcileColdMs', async () => {
    const t0 = performance.now();
    const o1 = await reconcileOnce(ctx);
    const took = ms(t0);
    check(o1, 'applied');
    return took;
  });

  results['noopRevisionMedianMs'] = await bounded('noopRevisionMedianMs', async () => {
    const noop: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      check(await reconcileOnce(ctx), 'unchanged');
      noop.push(ms(t0));
    }
    return median(noop);
  });

  results['pushToPlanWebhookMs'] = await bounded('pushToPlanWebhookMs', (signal) =>
    reaction(rig, ctx, 'webhook', signal),
  );
  steps['webhookReconcileStepsMs'] = String(logs.findLast((l) => l['msg'] === 'revision planned')?.['stepsMs'] ?? '');
  results['pushToPlanPollEverySecondMs'] = await bounded('pushToPlanPollEverySecondMs', (signal) =>
    reaction(rig, ctx, 'poll', signal),
  );
} catch (err) {
  if (!(err instanceof CaseTimeout)) throw err;
  timedOut = err;
  process.stderr.write(`${err.message}\n`);
} finally {
  // Work a timed-out case left running may still hold the server: stopping it ends those requests.
  const watchdog = setTimeout(() => {
    process.stderr.write(
      `bench/git.ts: cleanup did not finish within ${cleanupDeadlineMs / 1000} s; exiting (scratch directory ${tmp.dir} may remain)\n`,
    );
    process.exit(1);
  }, cleanupDeadlineMs);
  watchdog.unref();
  try {
    await server?.stop();
  } finally {
    await removeScratch();
    clearTimeout(watchdog);
  }
}

report();
if (timedOut) {
  // A timed-out case may leave timers (a poll schedule, a watch) behind: exit rather than wait for them.
  process.exit(1);
}

/**
 * Runs one case under the deadline. `run` gets a signal aborted at the deadline (to stop what it
 * started); the case then fails with CaseTimeout and its figure, and every later one, is null.
 */
async function bounded<T>(name: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CaseTimeout(name, caseDeadlineMs));
    }, caseDeadlineMs);
  });
  try {
    return await Promise.race([run(controller.signal), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Prints the JSON and the table; a timed-out case shows TIMEOUT, the cases after it `skipped`. */
function report(): void {
  const skipped = timedOut ? figures.filter((f) => results[f] === undefined && f !== timedOut?.caseName) : [];
  for (const f of figures) if (results[f] === undefined && timedOut) results[f] = null;
  const failure = timedOut ? { timedOut: { case: timedOut.caseName, deadlineMs: timedOut.deadlineMs }, skipped } : {};
  process.stdout.write(`${JSON.stringify({ files, results, steps, ...failure }, null, 2)}\n\n`);
  const goals: Record<string, number> = { pushToPlanWebhookMs: 1000, noopRevisionMedianMs: 50 };
  process.stdout.write(`${'measure'.padEnd(40)}${'value'.padStart(10)}  goal\n`);
  for (const [k, v] of Object.entries(results)) {
    const shown = v === null ? (k === timedOut?.caseName ? 'TIMEOUT' : 'skipped') : String(v);
    const goal = goals[k];
    process.stdout.write(
      `${k.padEnd(40)}${shown.padStart(10)}  ${goal !== undefined && v !== null ? `< ${goal} ${v < goal ? 'ok' : 'MISSED'}` : ''}\n`,
    );
  }
  for (const [k, v] of Object.entries(steps)) process.stdout.write(`${k.padEnd(40)}  ${v}\n`);
  if (timedOut) process.stdout.write(`\n${timedOut.message}\n`);
}

/** From the start of `git push` of a one-file change to the reconcile outcome for the new commit. */
async function reaction(
  rig: FleetRig,
  ctx: Awaited<ReturnType<typeof remoteContext>>,
  via: 'webhook' | 'poll',
  deadline: AbortSignal,
): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  deadline.addEventListener('abort', stop, { once: true });
  let address = '';
  let onOutcome: (o: ReconcileOutcome) => void = () => {
    // replaced once the controller starts
  };
  let following: Promise<void> = Promise.resolve();
  try {
    await new Promise<void>((resolve, reject) => {
      following = follow(ctx, {
        pollSchedule: via === 'poll' ? '* * * * * *' : '0 0 1 1 *',
        webhook: via === 'webhook' ? { listen: '127.0.0.1:0', secret } : undefined,
        watch: false,
        signal: controller.signal,
        onOutcome: (o) => onOutcome(o),
        onReady: (r) => {
          address = r.webhook ?? '';
          resolve();
        },
      });
      following.then(() => reject(new Error(`follow (${via}) stopped before it was ready`)), reject);
    });
    const changed = path.join(rig.work, 'apps', 'generated', 'd001', 'cm-00100.yaml');
    mkdirSync(path.dirname(changed), { recursive: true }); // absent in a run of 100 files or fewer
    writeFileSync(changed, configMap(100, `${via}-${Date.now()}`));
    await gitCli(rig.work, 'add', '-A');
    await gitCli(rig.work, 'commit', '--quiet', '-m', `bench ${via}`);
    const sha = (await gitCli(rig.work, 'rev-parse', 'HEAD')).trim();
    const planned = new Promise<void>((resolve) => {
      onOutcome = (o) => {
        if (o.kind !== 'failed' && o.revision === sha) resolve();
      };
    });
    const t0 = performance.now();
    await gitCli(rig.work, 'push', '--quiet', 'origin', 'HEAD:main');
    if (via === 'webhook') {
      const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
      const res = await fetch(`http://${address}/webhook`, {
        method: 'POST',
        body,
        signal: deadline,
        headers: {
          'x-github-event': 'push',
          'x-github-delivery': sha,
          'x-hub-signature-256': `sha256=${signBody(Buffer.from(body), secret)}`,
        },
      });
      // Anything but 202 means no reconcile was queued: fail now instead of waiting for the deadline.
      if (res.status !== 202) throw new Error(`the webhook answered ${res.status} ${await res.text()}`);
    }
    await planned;
    return ms(t0);
  } finally {
    controller.abort();
    deadline.removeEventListener('abort', stop);
    await following.catch(() => undefined); // its own failure was logged; the case result is what counts
  }
}

/** The last reconcile outcome logged, for the timeout message. */
function lastReconcile(): string {
  const l = logs.findLast((x) => typeof x['msg'] === 'string' && /^(revision|reconcile) /.test(String(x['msg'])));
  return l ? ` Last reconcile logged: ${JSON.stringify(l)}` : ' No reconcile was logged.';
}

/** Seconds from the environment (a positive number), in milliseconds. */
function deadlineMs(v: string | undefined, fallbackS: number): number {
  if (v === undefined || v === '') return fallbackS * 1000;
  const s = Number(v);
  if (!Number.isFinite(s) || s <= 0)
    throw new Error(`FLOTILLA_BENCH_CASE_TIMEOUT_S must be a positive number of seconds (got "${v}")`);
  return s * 1000;
}

/**
 * Removes the scratch directory. After a timeout, git commands the aborted case started may still
 * be writing into it until they notice the server is gone, so removal is retried until it sticks.
 */
async function removeScratch(): Promise<void> {
  let failure: unknown;
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      tmp.cleanup();
    } catch (err) {
      failure = err;
    }
    if (!existsSync(tmp.dir)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  process.stderr.write(
    `bench/git.ts: could not remove ${tmp.dir}${failure instanceof Error ? `: ${failure.message}` : ''}\n`,
  );
}

function need<T>(v: T | undefined): T {
  if (v === undefined) throw new Error('bench/git.ts: a case ran before the case that prepares it');
  return v;
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
  if (o.kind !== kind)
    throw new Error(`expected ${kind}, got ${o.kind}${o.kind === 'failed' ? `: ${String(o.error)}` : ''}`);
}
