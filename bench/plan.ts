/**
 * Full-plan benchmark: a generated fleet repo (clusters × templates, mixed policies and an
 * override) goes through load (YAML, schemas) and the whole plan (match, schedule, render Works),
 * and the plan of the commands that print no Work (`planCheckMs`: Works checked, none kept).
 * Each case runs in its own process so peak RSS is per case. Figures, not assertions (Q7).
 *
 *   npx node bench/plan.ts                # all cases
 *   npx node bench/plan.ts hard:1000x10000   # one case (shape:clusters x templates), in this process
 * The command line over the same fleets (plan -o table|json, validate): bench/plan-cli.ts.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadFleet } from '../src/load/index.ts';
import { planFleet } from '../src/plan/index.ts';
import { fleetFiles, parseCase, type Shape } from './plan-fleet-gen.ts';

// `shape:clustersxtemplates`; shapes in bench/plan-fleet-gen.ts (`hard`: a third of the templates Duplicated widely).
const cases = [
  'today:100x1000',
  'today:100x10000',
  'today:1000x1000',
  'today:1000x10000',
  'today:5000x1000',
  'today:5000x10000',
  'hard:300x3000',
  'hard:1000x10000',
];
function runCase(spec: string): Record<string, number | string> {
  const [shape, size = ''] = spec.includes(':') ? spec.split(':') : ['today', spec];
  const [c, t] = parseCase(size);
  const files = fleetFiles(c, t, shape as Shape);
  const t0 = performance.now();
  const { fleet, diagnostics } = loadFleet({ revision: 'bench', files, problems: [] });
  const t1 = performance.now();
  // What `plan -o table` and `validate` run: every Work's validity checked, none kept (src/plan/render-check.ts).
  planFleet({ fleet, diagnostics, revision: 'bench', works: 'check' });
  const tc = performance.now();
  const plan = planFleet({ fleet, diagnostics, revision: 'bench' });
  const t2 = performance.now();
  if (plan.errors.length) throw new Error(`bench fleet is invalid: ${plan.errors[0]?.message}`);
  return {
    case: spec,
    clusters: c,
    templates: t,
    bindings: plan.bindings.length,
    works: plan.works.length,
    loadMs: Math.round(t1 - t0),
    planCheckMs: Math.round(tc - t1),
    planMs: Math.round(t2 - tc),
    totalMs: Math.round(t2 - tc + (t1 - t0)),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const only = process.argv[2];
if (only) {
  process.stdout.write(`${JSON.stringify(runCase(only))}\n`);
} else {
  const rows: Record<string, number | string>[] = [];
  for (const spec of cases) {
    const r = spawnSync(process.execPath, [import.meta.filename, spec], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      continue;
    }
    const row = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number | string>;
    rows.push(row);
    process.stdout.write(`${JSON.stringify(row)}\n`);
  }
  const cols = ['case', 'bindings', 'works', 'loadMs', 'planCheckMs', 'planMs', 'totalMs', 'peakRssMiB'];
  process.stdout.write(`\n${cols.map((c) => c.padStart(18)).join('')}\n`);
  for (const r of rows) process.stdout.write(`${cols.map((c) => String(r[c]).padStart(18)).join('')}\n`);
}
