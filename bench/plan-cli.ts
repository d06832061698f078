/**
 * The command line over a generated fleet: `plan -o table`, `validate` and `plan -o json`
 * (stdout to /dev/null), each in its own process under `/usr/bin/time -v` for wall time, CPU time
 * (user + system: on a shared machine the steadier figure) and peak RSS, with the machine's load
 * average. Figures, not assertions (Q7).
 *
 * What runs is what a user runs: the packaged bundle (`npm run build`, dist/cli/) when it is
 * built, started through bin/flotilla.js as the npm package lays it out; otherwise the TypeScript
 * sources (which load slower). Each row says which (`runs`), and a bundle older than src/ is named.
 *
 *   npx node bench/plan-cli.ts                          # today:1000x10000 and hard:1000x10000
 *   npx node bench/plan-cli.ts hard:300x3000            # chosen cases (shape:clusters x templates)
 *   npm run build && npx node bench/plan-cli.ts hard:1000x10000                # the bundle
 *   FLOTILLA_BIN=/other/checkout/bin/flotilla.js npx node bench/plan-cli.ts   # another build ("before")
 *   BENCH_COMMANDS='plan -o table,validate' npx node bench/plan-cli.ts        # some of the commands
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fleetFiles, parseCase, writeFleet, type Shape } from './plan-fleet-gen.ts';

const checkout = path.join(import.meta.dirname, '..');
const { bin, runs } = flotillaToRun();
const wanted = process.argv.slice(2);
const cases = wanted.length ? wanted : ['today:1000x10000', 'hard:1000x10000'];
const only = process.env['BENCH_COMMANDS']?.split(',');
const all: readonly (readonly [string, readonly string[]])[] = [
  ['plan -o table', ['plan', '-o', 'table']],
  ['validate', ['validate']],
  ['plan -o json', ['plan', '-o', 'json']],
];
const commands = all.filter(([label]) => !only || only.includes(label));
const timeBin = '/usr/bin/time';

type Row = Record<string, string | number>;

function measure(label: string, args: readonly string[], repo: string): Row {
  const load = os.loadavg()[0]?.toFixed(2) ?? '';
  const devnull = openSync('/dev/null', 'w');
  const withTime = existsSync(timeBin);
  const argv = [...(withTime ? ['-v'] : []), process.execPath, bin, ...args, '--repo', repo];
  const t0 = performance.now();
  const r = spawnSync(withTime ? timeBin : (argv.shift() ?? ''), argv, {
    stdio: ['ignore', devnull, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallMs = Math.round(performance.now() - t0);
  closeSync(devnull);
  const rssKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  const seconds = (what: string) =>
    Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const cpuMs = Math.round((seconds('User') + seconds('System')) * 1000);
  const failed = /error: .*(\n\S.*)?/.exec(r.stderr)?.[0]?.replace('\n', ' ') ?? '';
  return {
    command: label,
    exit: r.status ?? -1,
    wallMs,
    cpuMs: Number.isNaN(cpuMs) ? 'n/a' : cpuMs,
    peakRssMiB: Number.isNaN(rssKiB) ? 'n/a' : Math.round(rssKiB / 1024),
    load1m: load,
    runs,
    ...(failed ? { error: failed.slice(0, 160) } : {}),
  };
}

/**
 * The flotilla to measure: FLOTILLA_BIN; else the bundle, as the npm package runs it (bin/flotilla.js
 * with dist/ beside it and no src/), when `npm run build` made one; else the sources.
 */
function flotillaToRun(): { bin: string; runs: string } {
  const given = process.env['FLOTILLA_BIN'];
  if (given) return { bin: given, runs: given };
  const bundle = path.join(checkout, 'dist', 'cli', 'main.mjs');
  if (!existsSync(bundle)) {
    process.stderr.write('runs the TypeScript sources: no bundle built (npm run build)\n');
    return { bin: path.join(checkout, 'bin', 'flotilla.js'), runs: 'sources' };
  }
  const built = statSync(bundle).mtimeMs;
  const newer = newestUnder(path.join(checkout, 'src'));
  if (newer.mtimeMs > built)
    process.stderr.write(`the bundle is older than ${path.relative(checkout, newer.file)}: npm run build\n`);
  const pkg = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-pkg-'));
  process.on('exit', () => rmSync(pkg, { recursive: true, force: true }));
  mkdirSync(path.join(pkg, 'bin'));
  copyFileSync(path.join(checkout, 'bin', 'flotilla.js'), path.join(pkg, 'bin', 'flotilla.js'));
  writeFileSync(path.join(pkg, 'package.json'), '{"type": "module"}\n');
  symlinkSync(path.join(checkout, 'dist'), path.join(pkg, 'dist'));
  return { bin: path.join(pkg, 'bin', 'flotilla.js'), runs: 'bundle' };
}

function newestUnder(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

const rows: Row[] = [];
for (const spec of cases) {
  const [shape = 'today', size = ''] = spec.split(':');
  const [c, t] = parseCase(size);
  const repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-'));
  try {
    writeFleet(repo, fleetFiles(c, t, shape as Shape));
    for (const [label, args] of commands) {
      const row = { case: spec, ...measure(label, args, repo) };
      rows.push(row);
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
const cols = ['case', 'command', 'exit', 'wallMs', 'cpuMs', 'peakRssMiB', 'load1m', 'runs'];
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)) + 2);
process.stdout.write(`\n${cols.map((c, i) => c.padStart(widths[i] ?? 0)).join('')}\n`);
for (const r of rows) process.stdout.write(`${cols.map((c, i) => String(r[c]).padStart(widths[i] ?? 0)).join('')}\n`);
