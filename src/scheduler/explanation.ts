/** Human text for an Explanation (`flotilla explain`, PR previews). */
import { assertNever, compareStrings } from '../api/index.ts';
import type {
  AttemptExplanation,
  DivisionExplanation,
  Explanation,
  FilteredCluster,
  SelectionExplanation,
  TargetClusterCount,
} from './types.ts';

/** A multi-line description of an explanation; deterministic for equal inputs. */
export function formatExplanation(e: Explanation): string {
  const lines: string[] = [];
  if (e.kept !== undefined) lines.push(`not rescheduled: ${e.kept}`);
  if (e.rebalancedBy !== undefined)
    lines.push(`rescheduled from scratch (Fresh) by WorkloadRebalancer ${e.rebalancedBy}`);
  if (e.affinityName !== undefined) lines.push(`affinity term used: ${e.affinityName}`);
  e.attempts.forEach((a, i) => {
    lines.push(...formatAttempt(a, i, e.attempts.length));
  });
  return lines.join('\n');
}

function formatAttempt(a: AttemptExplanation, i: number, n: number): string[] {
  const out: string[] = [];
  const title = a.affinityName === undefined ? 'placement' : `affinity term ${JSON.stringify(a.affinityName)}`;
  out.push(n > 1 || a.affinityName !== undefined ? `attempt ${i + 1}: ${title}` : title);
  out.push(`  filtered: ${a.filtered.length === 0 ? 'none' : `${a.filtered.length} cluster(s)`}`);
  if (a.filtered.length <= maxListedFiltered)
    for (const f of a.filtered) out.push(`    ${f.cluster}: ${f.filter}: ${f.detail}`);
  else out.push(...groupFiltered(a.filtered));
  const others = a.scores.feasible - a.scores.scored.length;
  const scored = a.scores.scored.map((s) => `${s.cluster}=${s.score}`).join(', ');
  out.push(
    `  scores (${a.scores.plugin}): ${scored === '' ? '' : `${scored}; `}${others} other feasible cluster(s) scored 0`,
  );
  if (a.selection !== undefined) out.push(...formatSelection(a.selection));
  if (a.division !== undefined) out.push(...formatDivision(a.division));
  if (a.failure !== undefined) out.push(`  failed (${a.failure.reason}): ${a.failure.message}`);
  return out;
}

function formatSelection(s: SelectionExplanation): string[] {
  switch (s.kind) {
    case 'All':
      return [
        `  selection: all ${s.count} feasible cluster(s)${s.reason === 'StaticWeightIgnoresSpread' ? ' (static weights ignore spread constraints)' : ''}`,
      ];
    case 'ByCluster':
      return [
        `  selection: spread by cluster, minGroups ${s.minGroups}, maxGroups ${s.maxGroups}${s.needReplicas === null ? '' : `, must hold ${s.needReplicas} replica(s)`}`,
        ...s.selected.map((c) => `    ${c.cluster}: score ${c.score}, available replicas ${c.availableReplicas}`),
      ];
    case 'ByRegion':
      return [
        `  selection: spread by region; regions ${s.regions.map((r) => `${r.name} (score ${r.score}, ${r.clusters} cluster(s))`).join(', ')}`,
        `    chosen regions: ${s.selectedRegions.join(', ')}`,
        ...s.selected.map((c) => `    ${c.cluster}: score ${c.score}, available replicas ${c.availableReplicas}`),
      ];
    default:
      return assertNever(s, 'selection');
  }
}

function formatDivision(d: DivisionExplanation): string[] {
  switch (d.strategy) {
    case 'NonWorkload':
      return [`  division: no replicas; propagated to ${d.count} cluster(s)`];
    case 'Overflow':
      return [
        `  division: overflow tiers, ${d.replicas} replica(s)`,
        ...d.tiers.flatMap((t) => [
          `    tier ${t.order}: ${t.available} available, takes ${t.replicas}`,
          ...formatDivision(t.division).map((l) => `    ${l}`),
        ]),
      ];
    case 'Duplicated':
      return [`  division: Duplicated, ${d.replicas} replica(s) on each of ${d.count} cluster(s)`];
    case 'StaticWeight':
      return [
        `  division: StaticWeight, ${d.replicas} replica(s) by Webster, ties ${d.tieBreak}`,
        `    weights: ${d.inputs.map((w) => `${w.cluster}=${w.weight}`).join(', ')}`,
        `    result: ${counts(d.result)}`,
      ];
    case 'DynamicWeight':
    case 'Aggregated':
      return [
        `  division: ${d.strategy} (${d.mode}), ${d.replicas} replica(s); kept ${counts(d.kept)}; divided ${d.target} by Webster, ties ${d.tieBreak}`,
        `    weights: ${d.inputs.map((w) => `${w.cluster}=${w.weight}`).join(', ') || 'none'}`,
        `    result: ${counts(d.result)}`,
      ];
    default:
      return assertNever(d, 'division');
  }
}

function counts(list: readonly TargetClusterCount[]): string {
  return list.length === 0 ? 'none' : list.map((c) => `${c.name}=${c.replicas}`).join(', ');
}

/** Up to this many filtered clusters are listed one a line; more are grouped (a 1,000-cluster fleet). */
const maxListedFiltered = 20;

/**
 * Filtered clusters grouped by filter and detail, largest group first, with a count and the first
 * few names, as Karmada's FitError counts its reasons ("940 cluster(s) had untolerated taint").
 */
function groupFiltered(filtered: readonly FilteredCluster[]): string[] {
  const groups = new Map<string, string[]>();
  for (const f of filtered) {
    const key = `${f.filter}: ${f.detail}`;
    groups.set(key, [...(groups.get(key) ?? []), f.cluster]);
  }
  return [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.length - a.length || compareStrings(ka, kb))
    .map(
      ([key, clusters]) =>
        `    ${clusters.length} cluster(s): ${key} (${clusters.slice(0, 3).join(', ')}${clusters.length > 3 ? ', …' : ''})`,
    );
}
