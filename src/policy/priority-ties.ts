/**
 * Propagation policies of equal priority competing for a template (`validate` warns, issue 14).
 * Karmada picks the claiming policy by explicit priority, then implicit priority (name > labels >
 * match-all), then the smaller name (pkg/detector/policy.go getHighestPriorityPropagationPolicy):
 * when the first two are equal, only the alphabet decided, which is rarely what the author meant.
 * One warning per losing policy and winner, at the loser, with a note at the winner.
 */
import {
  compareStrings,
  describeRef,
  refOf,
  resourceKeyOf,
  warningAt,
  type Diagnostic,
  type Loaded,
  type PropagationPolicy,
} from '../api/index.ts';
import { bestMatch, isReservedNamespace, type PolicyIndex } from './match-policy.ts';
import { selectorsPriority } from './implicit-priority.ts';

/** PolicyPriorityTie warnings for the templates of a revision. */
export function priorityTieWarnings(index: PolicyIndex, templates: readonly Loaded[]): Diagnostic[] {
  const ties = new Map<
    string,
    { loser: Loaded<PropagationPolicy>; winner: Loaded<PropagationPolicy>; templates: string[] }
  >();
  for (const t of templates) {
    const ns = t.object.metadata.namespace;
    if (isReservedNamespace(ns)) continue;
    const own = ns === undefined ? [] : (index.byNamespace.get(ns) ?? []);
    const scope = bestMatch(own, t.object) ? own : index.clusterWide;
    const winner = bestMatch(scope, t.object);
    if (winner === undefined) continue;
    for (const p of scope) {
      if (p === winner.policy || (p.object.spec.priority ?? 0) !== winner.explicitPriority) continue;
      if (selectorsPriority(t.object, p.object.spec.resourceSelectors ?? []) !== winner.implicitPriority) continue;
      const id = `${policyName(p)}\u0000${policyName(winner.policy)}`;
      const entry = ties.get(id) ?? { loser: p, winner: winner.policy, templates: [] };
      entry.templates.push(`${resourceKeyOf(t.object)}\u0000${describeRef(refOf(t.object))}`);
      ties.set(id, entry);
    }
  }
  return [...ties]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, { loser, winner, templates: list }]) => {
      const first = list.sort(compareStrings)[0]?.split('\u0000')[1] ?? '';
      const more = list.length > 1 ? ` and ${list.length - 1} more` : '';
      return warningAt(
        'PolicyPriorityTie',
        loser.source,
        `${policyName(loser)} loses ${first}${more} to ${policyName(winner)}: both have priority ${winner.object.spec.priority ?? 0} and select it equally specifically, so the smaller name wins (Karmada getHighestPriorityPropagationPolicy); give one a higher spec.priority`,
        [{ message: `${policyName(winner)} claims it`, file: winner.source.file, line: winner.source.line }],
      );
    });
}

function policyName(p: Loaded<PropagationPolicy>): string {
  const m = p.object.metadata;
  return `${p.object.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name ?? ''}`;
}
