/**
 * The project's test command (`npm test`, called by .ci/run): type check, lint and format check
 * (Biome, biome.jsonc: import boundaries included), mocha (unit, integration and end-to-end
 * suites), then the Karmada conformance sample when ../shared is present. Prints
 * `N passed, N failed` as its last line.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

interface Step {
  readonly name: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly count: (out: string) => { passed: number; failed: number };
  /** Read stderr too (Biome reports there). */
  readonly stderr?: boolean;
}

/** A step that runs longer than this is killed and counted as failed: CI must never hang. */
const stepTimeoutMs = 25 * 60 * 1000;

const root = path.resolve(import.meta.dirname, '..');
const node = process.execPath;
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

const mochaCount = (out: string) => ({
  passed: Number(/(\d+) passing/.exec(out)?.[1] ?? 0),
  failed: Number(/(\d+) failing/.exec(out)?.[1] ?? 0),
});
const summaryCount = (out: string) => {
  const m = /(\d+) passed, (\d+) failed\s*$/.exec(out.trim());
  return { passed: Number(m?.[1] ?? 0), failed: m ? Number(m[2]) : 1 };
};

/**
 * Biome's concise report has one `× file:…` line a problem: each file with a problem counts as one
 * failure, and a clean tree as one pass (not one a file, which would swamp the tests' counts).
 */
const biomeCount = (out: string) => {
  const failed = new Set([...out.matchAll(/^× ([^:\s]+):/gm)].map((m) => m[1])).size;
  return { passed: failed === 0 && /Checked \d+ files?/.test(out) ? 1 : 0, failed };
};
const biome = (command: string, ...args: string[]): readonly string[] => [
  command,
  '--reporter=concise',
  '--max-diagnostics=none',
  ...args,
];

const steps: Step[] = [
  { name: 'typecheck', cmd: bin('tsc'), args: ['-p', '.'], count: () => ({ passed: 0, failed: 0 }) },
  { name: 'lint', cmd: bin('biome'), args: biome('lint', '--error-on-warnings'), count: biomeCount, stderr: true },
  { name: 'format', cmd: bin('biome'), args: biome('format'), count: biomeCount, stderr: true },
  ...mochaGroups([
    [
      'unit',
      [
        'src/**/*.test.ts',
        'test/*.test.ts',
        'test/load/**/*.test.ts',
        'test/plan/**/*.test.ts',
        'test/cli/**/*.test.ts',
      ],
    ],
    ['preview', ['test/preview/**/*.test.ts']],
    ['git', ['test/git/**/*.test.ts']],
    ['e2e harness', ['test/e2e/**/*.test.ts']],
    // Three processes, each well under the step timeout on a loaded machine.
    ['clusters a-l', ['test/cluster/[a-l]*.test.ts', '--ignore', 'test/cluster/faults-*.test.ts']],
    ['clusters m-z', ['test/cluster/[m-z]*.test.ts']],
    ['cluster faults', ['test/cluster/faults-*.test.ts']],
    ['flux', ['test/flux/**/*.test.ts']],
    ['chart', ['test/chart/**/*.test.ts']],
    ['ship', ['test/ship/**/*.test.ts']],
  ]),
];
/** Each group is its own mocha process (`--exit`), so a stray timer or server of one suite cannot hold another. */
function mochaGroups(groups: readonly [string, readonly string[]][]): Step[] {
  return groups.map(([name, globs]) => ({
    name: `mocha ${name}`,
    cmd: node,
    args: [bin('mocha'), '--reporter', 'spec', '--exit', ...globs],
    count: mochaCount,
  }));
}

const conformance = path.resolve(root, '..', 'shared', 'conformance', 'run');
if (existsSync(conformance)) steps.push({ name: 'conformance', cmd: node, args: [conformance], count: summaryCount });

let passed = 0;
let failed = 0;
const recaps: string[] = [];
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const { code, out, pid } = await run(step);
  await reapClusters(pid);
  const c = step.count(out);
  passed += c.passed;
  failed += c.failed;
  if (code !== 0 && c.failed === 0) failed += 1; // a step that failed without counting (type errors, a crash)
  process.stdout.write(`--- ${step.name}: exit ${code}, ${c.passed} passed, ${c.failed} failed\n`);
  if (code !== 0) recaps.push(recap(step.name, out));
}
// Repeated just above the last line: a CI log is often read from its tail only.
if (recaps.length > 0) process.stdout.write(`\n=== what failed ===\n${recaps.join('\n')}`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed ? 1 : 0;

/** A failed step's own report of what failed (mocha's `N failing` section), or else its last lines. */
function recap(name: string, out: string): string {
  const plain = stripVTControlCharacters(out).trimEnd();
  const at = plain.search(/^ {2}\d+ failing$/m);
  const lines = plain.slice(Math.max(at, 0)).split('\n');
  const shown = at >= 0 ? lines.slice(0, 80) : lines.slice(-20);
  const more = lines.length - shown.length;
  const rest = more > 0 ? [`  (${more} more lines in the step's output above)`] : [];
  return `${[`--- ${name}`, ...shown, ...rest].join('\n')}\n`;
}

/**
 * A mocha process that was killed (the step timeout, a crash) cannot run the harness's `after`
 * hook, and the control planes it started are detached: take them down here, so a later step does
 * not share the machine with them.
 */
async function reapClusters(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  for (const prefix of ['flotilla-e2e-cluster-tests', 'flotilla-e2e-chart-tests']) {
    const state = path.join(os.tmpdir(), `${prefix}-${pid}`);
    if (!existsSync(state)) continue;
    process.stdout.write(`(taking down the control planes the step left running: ${state})\n`);
    await new Promise((resolve) =>
      spawn(path.join(root, 'test', 'e2e', 'clusters'), ['down'], {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: { ...process.env, FLOTILLA_E2E_STATE: state },
      }).on('close', resolve),
    );
    // Any process still naming the directory (a member restarted after its record was written).
    await new Promise((resolve) => spawn('pkill', ['-KILL', '-f', state], { stdio: 'ignore' }).on('close', resolve));
  }
}

function run({ cmd, args, stderr }: Step): Promise<{ code: number; out: string; pid: number | undefined }> {
  return new Promise((resolve) => {
    // Its own process group, so that whatever the step started and left behind (a controller a
    // killed test spawned) goes with it.
    const child = spawn(cmd, args, {
      detached: true,
      cwd: root,
      stdio: ['ignore', 'pipe', stderr ? 'pipe' : 'inherit'],
      env: {
        ...process.env,
        PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env['PATH'] ?? ''}`,
      },
    });
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      const s = b.toString();
      out += s;
      process.stdout.write(s);
    });
    child.stderr?.on('data', (b: Buffer) => {
      const s = b.toString();
      out += s;
      process.stdout.write(s);
    });
    const timer = setTimeout(() => {
      const note = `\nkilled after ${stepTimeoutMs / 60000} minutes\n`;
      out += note;
      process.stdout.write(note);
      killGroup(child.pid);
    }, stepTimeoutMs);
    const interrupted = () => {
      killGroup(child.pid);
      process.exit(130);
    };
    process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
    child.on('exit', () => killGroup(child.pid));
    child.on('close', (code) => {
      process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
      clearTimeout(timer);
      resolve({ code: code ?? 1, out, pid: child.pid });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err; // the group has already gone
  }
}
