/**
 * The command line over a generated fleet: `plan -o table`, `validate` and `plan -o json`
 * (stdout to /dev/null), each in its own process under `/usr/bin/time -v` for wall time, CPU time
 * (user + system: on a shared machine the steadier figure) and peak RSS, with the machine's load
 * average. Figures, not assertions (Q7).
 *
 *   npx node bench/plan-cli.ts                          # today:1000x10000 and hard:1000x10000
 *   npx node bench/plan-cli.ts hard:300x3000            # chosen cases (shape:clusters x templates)
 *   FLOTILLA_BIN=/other/checkout/bin/flotilla.js npx node bench/plan-cli.ts   # another build ("before")
 *   BENCH_COMMANDS='plan -o table,validate' npx node bench/plan-cli.ts        # some of the commands
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fleetFiles, parseCase, writeFleet, type Shape } from './plan-fleet-gen.ts';

const bin = process.env['FLOTILLA_BIN'] ?? path.join(import.meta.dirname, '..', 'bin', 'flotilla.js');
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
    ...(failed ? { error: failed.slice(0, 160) } : {}),
  };
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
const cols = ['case', 'command', 'exit', 'wallMs', 'cpuMs', 'peakRssMiB', 'load1m'];
const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)) + 2);
process.stdout.write(`\n${cols.map((c, i) => c.padStart(widths[i] ?? 0)).join('')}\n`);
for (const r of rows) process.stdout.write(`${cols.map((c, i) => String(r[c]).padStart(widths[i] ?? 0)).join('')}\n`);
