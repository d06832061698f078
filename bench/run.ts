/**
 * `npm run bench`: every benchmark in turn, each in its own process, printing its JSON lines and
 * table. Figures, never pass/fail. `npm run bench -- plan scheduler` runs only those.
 * The apply and failover benchmarks start real control planes (test/e2e/clusters); skip them with
 * FLOTILLA_E2E=0. plan-cli runs plan -o table|json and validate as processes (the bundle when `npm run build` made one) over 1,000 × 10,000
 * fleets (today's shape and a Duplicated-heavy one); simulate runs `simulate --each region` on the Duplicated-heavy one. controller-memory runs `flotilla controller` over 1,000 simulated clusters. render commits the rendered and status branches of the Duplicated-heavy fleet (initial vs native git, then a one-template change). cluster-branches publishes 1,000 per-cluster rendered branches (first, one cluster changed, nothing changed).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const all = [
  'scheduler',
  'plan',
  'plan-cli',
  'simulate',
  'diff',
  'git',
  'render',
  'cluster-branches',
  'apply',
  'failover',
  'controller-memory',
] as const;
const needsHarness: readonly string[] = ['apply', 'failover'];
const wanted = process.argv.slice(2);
const selected = wanted.length
  ? all.filter((b) => wanted.includes(b))
  : all.filter((b) => !needsHarness.includes(b) || process.env['FLOTILLA_E2E'] !== '0');
for (const name of selected) {
  process.stdout.write(`\n=== bench/${name}.ts ===\n`);
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, `${name}.ts`)], { stdio: 'inherit' });
  if (r.status !== 0) process.stdout.write(`bench/${name}.ts exited ${r.status}\n`);
}
