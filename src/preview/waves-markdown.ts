/**
 * The "Waves" section of the pull-request comment (docs/rollouts.md): for each RolloutStrategy whose
 * templates the change touches, the head's waves in order, with the clusters each covers.
 */
import type { PlanDiff } from './model.ts';
import type { WavePlan } from '../rollout/index.ts';
import { markdownCell as cell } from '../simulate/index.ts';

/** The wave plans of the strategies staging a template the change touches, placement or manifest (the head's plans, in their order). */
export function wavesOfChange(plans: readonly WavePlan[], d: Pick<PlanDiff, 'resources' | 'clusters'>): WavePlan[] {
  const touched = [
    ...d.resources.map((r) => r.resource),
    ...d.clusters.flatMap((c) => c.objects.map((o) => o.resource)),
  ];
  return plans.filter((p) =>
    touched.some((r) => r.namespace === p.namespace && p.templates.includes(`${r.kind}/${r.name}`)),
  );
}

/** The section's lines (empty without plans); table rows start with `| ` so the comment's size cap can count them. */
export function wavesSection(plans: readonly WavePlan[] | undefined): string[] {
  if (plans === undefined || plans.length === 0) return [];
  const lines = [
    '',
    '#### Waves',
    '',
    'Staged rollouts this change starts (not yet acted on by the controller: every cluster still gets it at once).',
    '',
    '| Strategy | Wave | Clusters | Bake | At once |',
    '|---|---|---|---:|---:|',
  ];
  for (const p of plans) {
    for (const [i, w] of p.waves.entries()) {
      lines.push(
        `| ${cell(`${p.namespace}/${p.name}`)} | ${i + 1} ${cell(w.name)} | ${cell(w.clusters.join(', ') || '–')} | ${w.bakeSeconds}s | ${w.concurrency} |`,
      );
    }
  }
  return lines;
}
