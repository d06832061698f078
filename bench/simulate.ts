/**
 * Failure-impact analysis on the hard shape (1,000 clusters × 10,000 templates, a third
 * Duplicated to a provider's edge clusters or a shard): `flotilla simulate --each region` as a
 * child process, `-o table` and `-o json` (wall and CPU time, peak RSS: the figure a pull request
 * waits for), and in-process the
 * split between planning and simulating. Figures, not assertions (Q7).
 *
 *   npx node bench/simulate.ts                  # hard:1000x10000
 *   npx node bench/simulate.ts hard:300x3000    # chosen cases (shape:clusters x templates)
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSimulationBase } from '../src/cli/simulate-input.ts';
import { createSimulator, eachScenarios } from '../src/simulate/index.ts';
import { fleetFiles, parseCase, writeFleet, type Shape } from './plan-fleet-gen.ts';

const bin = path.join(import.meta.dirname, '..', 'bin', 'flotilla.js');
const cases = process.argv.slice(2).length ? process.argv.slice(2) : ['hard:1000x10000'];
const timeBin = '/usr/bin/time';

function cli(
  repo: string,
  output: 'table' | 'json',
): { wallMs: number; cpuMs: number | string; exit: number; peakRssMiB: number | string } {
  const devnull = openSync('/dev/null', 'w');
  const withTime = existsSync(timeBin);
  const argv = [
    ...(withTime ? ['-v'] : []),
    process.execPath,
    bin,
    'simulate',
    '--each',
    'region',
    '-o',
    output,
    '--repo',
    repo,
  ];
  const t0 = performance.now();
  const r = spawnSync(withTime ? timeBin : (argv.shift() ?? ''), argv, {
    stdio: ['ignore', devnull, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallMs = Math.round(performance.now() - t0);
  closeSync(devnull);
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  // CPU time (user + system) is the figure a shared, loaded machine cannot inflate much; wall time is what a user waits.
  const cpu =
    Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) +
    Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN);
  return {
    wallMs,
    cpuMs: Number.isNaN(cpu) ? 'n/a' : Math.round(cpu * 1000),
    exit: r.status ?? -1,
    peakRssMiB: Number.isNaN(rss) ? 'n/a' : Math.round(rss / 1024),
  };
}

for (const spec of cases) {
  const [shape = 'hard', size = ''] = spec.split(':');
  const [c, t] = parseCase(size);
  const repo = mkdtempSync(path.join(os.tmpdir(), 'flotilla-bench-simulate-'));
  try {
    writeFleet(repo, fleetFiles(c, t, shape as Shape));
    const load1m = os.loadavg()[0]?.toFixed(2) ?? '';
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const base = await loadSimulationBase(repo, undefined, process.cwd());
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    const simulator = createSimulator({ clusters: base.clusters, bindings: base.plan.bindings });
    const scenarios = eachScenarios(base.clusters, 'region');
    const impacts = scenarios.map((s) => simulator.simulate(s));
    const t2 = performance.now();
    const c2 = process.cpuUsage();
    const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);
    const affected = impacts.reduce((n, i) => n + i.summary.affectedWorkloads, 0);
    const row = {
      case: spec,
      scenarios: scenarios.length,
      rescheduledBindings: affected,
      loadAndPlanMs: Math.round(t1 - t0),
      loadAndPlanCpuMs: cpuMs(c1),
      simulateMs: Math.round(t2 - t1),
      simulateCpuMs: cpuMs(c2) - cpuMs(c1) - cpuMs(c0),
      perScenarioMs: Math.round((t2 - t1) / Math.max(1, scenarios.length)),
      load1m,
      table: cli(repo, 'table'),
      json: cli(repo, 'json'),
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
