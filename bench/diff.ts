/**
 * `flotilla diff` benchmark: a generated fleet repo of 1,000 clusters × 10,000 templates (100
 * propagation policies in 50 namespaces, mixed placements, a few override policies), and a change
 * to one policy's weights. Compares the wall time of one plan (load + plan) with a preview as
 * `flotilla diff` makes it: the head loaded on a worker while the base is loaded and planned, the
 * head planned reusing the base, diff, Markdown. Also times the same without the worker, and a naive
 * preview (two loads and two full plans, one after the other) for reference. Figures, not assertions (Q7). Goal: diff < 2× plan.
 *
 *   npx node bench/diff.ts              # 1,000 clusters × 10,000 templates, median of 3 runs
 *   npx node bench/diff.ts 100x1000 5   # another size (clusters x templates), median of 5
 */
import YAML from 'yaml';
import { loadFleet, type Snapshot, type SourceFile } from '../src/load/index.ts';
import { planFleet, planHeadReusingBase } from '../src/plan/index.ts';
import { loadFleetConcurrently } from '../src/cli/load-worker.ts';
import { diffPlans, formatMarkdown, summaryLine } from '../src/preview/index.ts';

const encoder = new TextEncoder();
const namespaces = 50;
const regions = 10;

function file(path: string, objects: readonly object[]): SourceFile {
  return { path, bytes: encoder.encode(objects.map((o) => YAML.stringify(o)).join('---\n')) };
}

function clusterName(i: number): string {
  return `c${String(i).padStart(5, '0')}`;
}

function clusters(n: number): SourceFile[] {
  return Array.from({ length: n }, (_, i) =>
    file(`clusters/${clusterName(i)}.yaml`, [
      {
        apiVersion: 'cluster.karmada.io/v1alpha1',
        kind: 'Cluster',
        metadata: { name: clusterName(i), labels: { env: i % 5 === 0 ? 'dev' : 'prod', region: `r${i % regions}` } },
        spec: {
          syncMode: 'Push',
          apiEndpoint: `https://${clusterName(i)}.example.com:6443`,
          provider: ['aws', 'gcp', 'azure'][i % 3],
          region: `r${i % regions}`,
        },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'ClusterReady',
              message: 'ready',
              lastTransitionTime: '2026-01-01T00:00:00Z',
            },
          ],
          resourceSummary: {
            allocatable: { cpu: String(32 + (i % 32)), memory: '256Gi', pods: '500' },
            allocated: { cpu: String(i % 16), memory: '32Gi', pods: '50' },
          },
        },
      },
    ]),
  );
}

/** Policy p of namespace ns: four placement styles, each over a few named clusters or a region. */
function placement(ns: number, p: number, n: number, weights: readonly number[]): object {
  const names = [0, 1, 2].map((k) => clusterName((ns * 13 + p * 7 + k * 101) % n));
  switch ((ns + p) % 4) {
    case 0:
      return { clusterAffinity: { clusterNames: names }, replicaScheduling: { replicaSchedulingType: 'Duplicated' } };
    case 1:
      return {
        clusterAffinity: { clusterNames: names },
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: {
            staticWeightList: names.map((c, k) => ({ targetCluster: { clusterNames: [c] }, weight: weights[k] ?? 1 })),
          },
        },
      };
    case 2:
      return {
        clusterAffinity: { labelSelector: { matchLabels: { region: `r${ns % regions}`, env: 'prod' } } },
        spreadConstraints: [{ spreadByField: 'cluster', minGroups: 2, maxGroups: 4 }],
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { dynamicWeight: 'AvailableReplicas' },
        },
      };
    default:
      return {
        clusterAffinity: { clusterNames: names },
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
      };
  }
}

function policies(n: number, changed: boolean): SourceFile[] {
  const out: SourceFile[] = [];
  for (let ns = 0; ns < namespaces; ns += 1) {
    for (const p of [0, 1]) {
      // The change under test: namespace ns1's first policy (a static-weight one) reweights its clusters.
      const weights = changed && ns === 1 && p === 0 ? [3, 1, 1] : [1, 1, 1];
      out.push(
        file(`policies/ns${ns}/tier-${p}.yaml`, [
          {
            apiVersion: 'policy.karmada.io/v1alpha1',
            kind: 'PropagationPolicy',
            metadata: { name: `tier-${p}`, namespace: `ns${ns}` },
            spec: {
              resourceSelectors: [
                { apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { tier: String(p) } } },
              ],
              placement: placement(ns, p, n, weights),
            },
          },
        ]),
      );
    }
    if (ns % 10 === 0) {
      out.push(
        file(`policies/ns${ns}/registry.yaml`, [
          {
            apiVersion: 'policy.karmada.io/v1alpha1',
            kind: 'OverridePolicy',
            metadata: { name: 'registry', namespace: `ns${ns}` },
            spec: {
              resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
              overrideRules: [
                {
                  targetCluster: { labelSelector: { matchLabels: { region: `r${ns % regions}` } } },
                  overriders: {
                    imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'mirror.example.com' }],
                  },
                },
              ],
            },
          },
        ]),
      );
    }
  }
  return out;
}

function templates(count: number): SourceFile[] {
  return Array.from({ length: count }, (_, i) =>
    file(`apps/ns${i % namespaces}/app${i}.yaml`, [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: `app${i}`,
          namespace: `ns${i % namespaces}`,
          labels: { app: `app${i}`, tier: String(Math.floor(i / namespaces) % 2) },
        },
        spec: {
          replicas: 1 + (i % 9),
          selector: { matchLabels: { app: `app${i}` } },
          template: {
            metadata: { labels: { app: `app${i}` } },
            spec: {
              containers: [
                {
                  name: 'main',
                  image: `registry.example.com/app${i}:1.${i % 7}`,
                  resources: { requests: { cpu: '100m', memory: '128Mi' } },
                },
              ],
            },
          },
        },
      },
    ]),
  );
}

function snapshot(revision: string, n: number, count: number, changed: boolean): Snapshot {
  const files = [...clusters(n), ...policies(n, changed), ...templates(count)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return { revision, files, problems: [] };
}

/** Runs `f` `runs` times and keeps the median time (GC pauses make single runs noisy) and the last value. */
async function time<T>(f: () => T | Promise<T>, runs: number): Promise<{ value: T; ms: number }> {
  const times: number[] = [];
  let value: T | undefined;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    value = await f();
    times.push(performance.now() - t0);
  }
  const ms = times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? 0;
  return { value: value as T, ms: Math.round(ms * 10) / 10 };
}

const [c = 1000, t = 10000] = (process.argv[2] ?? '1000x10000').split('x').map(Number);
const runs = Number(process.argv[3] ?? 3);
const base = snapshot('a'.repeat(40), c, t, false);
const head = snapshot('b'.repeat(40), c, t, true);

// Warm-up (JIT, YAML parser), then the measured runs.
planFleet({ ...loadFleet(snapshot('w'.repeat(40), 50, 200, false)), revision: 'w' });

const plan = await time(() => {
  const { fleet, diagnostics } = loadFleet(head);
  return planFleet({ fleet, diagnostics, revision: head.revision });
}, runs);

const preview = await time(async () => {
  // As `flotilla diff` does: the head is parsed on a worker while the base is loaded and planned.
  const pending = loadFleetConcurrently(head);
  const b = loadFleet(base);
  const baseInput = { fleet: b.fleet, diagnostics: b.diagnostics, revision: base.revision };
  const basePlan = planFleet(baseInput);
  const h = await pending;
  const headPlan = planHeadReusingBase(
    { input: baseInput, plan: basePlan },
    { fleet: h.fleet, diagnostics: h.diagnostics, revision: head.revision },
  );
  const diff = diffPlans({ ref: 'main', plan: basePlan }, { ref: 'topic', plan: headPlan.plan });
  return { diff, reuse: headPlan.reuse, markdown: formatMarkdown(diff) };
}, runs);

const inThread = await time(() => {
  const b = loadFleet(base);
  const h = loadFleet(head);
  const baseInput = { fleet: b.fleet, diagnostics: b.diagnostics, revision: base.revision };
  const basePlan = planFleet(baseInput);
  const headPlan = planHeadReusingBase(
    { input: baseInput, plan: basePlan },
    { fleet: h.fleet, diagnostics: h.diagnostics, revision: head.revision },
  );
  return diffPlans({ ref: 'main', plan: basePlan }, { ref: 'topic', plan: headPlan.plan });
}, runs);

const naive = await time(() => {
  const b = loadFleet(base);
  const h = loadFleet(head);
  const basePlan = planFleet({ fleet: b.fleet, diagnostics: b.diagnostics, revision: base.revision });
  const headPlan = planFleet({ fleet: h.fleet, diagnostics: h.diagnostics, revision: head.revision });
  return diffPlans({ ref: 'main', plan: basePlan }, { ref: 'topic', plan: headPlan });
}, runs);

const samePreview = JSON.stringify(preview.value.diff) === JSON.stringify(naive.value);
const figure = {
  bench: 'diff',
  clusters: c,
  templates: t,
  runs,
  bindings: plan.value.bindings.length,
  works: plan.value.works.length,
  planMs: plan.ms,
  diffMs: preview.ms,
  ratio: Math.round((preview.ms / plan.ms) * 100) / 100,
  inThreadDiffMs: inThread.ms,
  inThreadRatio: Math.round((inThread.ms / plan.ms) * 100) / 100,
  naiveDiffMs: naive.ms,
  naiveRatio: Math.round((naive.ms / plan.ms) * 100) / 100,
  reuse: preview.value.reuse,
  sameAsNaive: samePreview,
  summary: summaryLine(preview.value.diff.summary),
  markdownChars: preview.value.markdown.length,
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(figure)}\n\n`);
const rows: [string, string][] = [
  ['fleet', `${c} clusters × ${t} templates: ${figure.bindings} bindings, ${figure.works} Works`],
  ['one plan (load + plan)', `${figure.planMs} ms`],
  ['diff (worker load + reuse)', `${figure.diffMs} ms = ${figure.ratio}× a plan (goal < 2×)`],
  ['diff (reuse, no worker)', `${figure.inThreadDiffMs} ms = ${figure.inThreadRatio}× a plan`],
  ['diff (sequential, two full plans)', `${figure.naiveDiffMs} ms = ${figure.naiveRatio}× a plan`],
  [
    'head plan',
    figure.reuse.kind === 'partial'
      ? `re-planned ${figure.reuse.replanned} templates, reused ${figure.reuse.reused} bindings`
      : `full: ${figure.reuse.reason}`,
  ],
  ['same preview as two full plans', String(figure.sameAsNaive)],
  ['preview', `${figure.summary}; Markdown ${figure.markdownChars} chars`],
  ['peak RSS', `${figure.peakRssMiB} MiB`],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
