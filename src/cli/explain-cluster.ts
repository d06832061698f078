/**
 * `flotilla explain --cluster X`: why a template is, or is not, on X, read from its scheduling
 * explanation: which filter removed X (and which label against which selector), or, when X was
 * feasible, why spread selection left it out (its score and available replicas against the chosen
 * ones, the group limits) or why the division gave it nothing.
 */
import type { Cluster, SpreadConstraint } from '../api/index.ts';
import type { AttemptExplanation, ScheduleResult } from '../scheduler/index.ts';

/** Lines answering "why (not) on `cluster`"; `spread` is the claiming policy's spreadConstraints (for the group limits). */
export function whyOnCluster(
  result: ScheduleResult,
  cluster: string,
  clusters: readonly Cluster[],
  spread: readonly SpreadConstraint[] = [],
): string[] {
  const { attempts, kept } = result.explanation;
  const placed = result.kind === 'Scheduled' ? result.clusters.find((c) => c.name === cluster) : undefined;
  const workload = !attempts.some((a) => a.division?.strategy === 'NonWorkload');
  if (placed && !workload) return [`${cluster}: placed`];
  if (placed && (placed.replicas ?? 0) > 0) return [`${cluster}: placed with ${placed.replicas ?? 0} replica(s)`];
  if (kept !== undefined)
    return [`${cluster}: not placed; the previous schedule was kept without rescheduling (${kept})`];
  const lines = attempts.flatMap((a, i) =>
    attemptLines(
      a,
      cluster,
      clusters,
      spread,
      attempts.length > 1
        ? `attempt ${i + 1}${a.affinityName ? ` (affinity term ${JSON.stringify(a.affinityName)})` : ''}: `
        : '',
    ),
  );
  return [`${cluster}: not placed`, ...lines];
}

function attemptLines(
  a: AttemptExplanation,
  cluster: string,
  clusters: readonly Cluster[],
  spread: readonly SpreadConstraint[],
  prefix: string,
): string[] {
  const filtered = a.filtered.find((f) => f.cluster === cluster);
  if (filtered) return [`  ${prefix}removed by filter ${filtered.filter}: ${filtered.detail} (${filtered.reason})`];
  const s = a.selection;
  if (s?.kind === 'ByCluster' && !s.selected.some((c) => c.cluster === cluster)) {
    const score = a.scores.scored.find((c) => c.cluster === cluster)?.score ?? 0;
    return [
      `  ${prefix}feasible (score ${score}), but spread by cluster kept ${s.selected.length} (maxGroups ${s.maxGroups}${s.needReplicas === null ? '' : `, must hold ${s.needReplicas} replica(s)`}), ranked by score then available replicas:`,
      ...s.selected.map((c) => `    ${c.cluster}: score ${c.score}, available replicas ${c.availableReplicas}`),
    ];
  }
  if (s?.kind === 'ByRegion' && !s.selected.some((c) => c.cluster === cluster)) {
    const region = clusters.find((c) => c.metadata.name === cluster)?.spec?.region ?? '';
    const group = s.regions.find((r) => r.name === region);
    const lost = s.selectedRegions.includes(region)
      ? `its region ${region} was chosen, but ${cluster} was not among its selected clusters`
      : `its region ${region || '(none)'}${group ? ` (score ${group.score}, ${group.clusters} cluster(s))` : ''} lost to ${s.selectedRegions.join(', ')}`;
    const limits = spread
      .filter((c) => c.spreadByField !== undefined)
      .map((c) => `${c.spreadByField} minGroups ${c.minGroups ?? 0}, maxGroups ${c.maxGroups ?? 0}`)
      .join('; ');
    return [
      `  ${prefix}feasible, but spread by region: ${lost}${limits ? ` (${limits})` : ''}`,
      `    regions: ${s.regions.map((r) => `${r.name} (score ${r.score}, ${r.clusters} cluster(s))`).join(', ')}`,
      `    chosen clusters: ${s.selected.map((c) => `${c.cluster} (score ${c.score}, available replicas ${c.availableReplicas})`).join(', ')}`,
    ];
  }
  const d = a.division;
  if (d && (d.strategy === 'StaticWeight' || d.strategy === 'DynamicWeight' || d.strategy === 'Aggregated')) {
    const weight = d.inputs.find((w) => w.cluster === cluster)?.weight;
    return [
      `  ${prefix}feasible and selected, but the ${d.strategy} division gave it 0 of ${d.replicas} replica(s) (its weight ${weight ?? 0}; ${d.inputs.map((w) => `${w.cluster}=${w.weight}`).join(', ') || 'no weights'})`,
    ];
  }
  if (a.failure) return [`  ${prefix}the attempt failed (${a.failure.reason}): ${a.failure.message}`];
  return [`  ${prefix}feasible, but not chosen`];
}
