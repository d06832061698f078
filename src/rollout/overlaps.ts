/**
 * A template two RolloutStrategies select has no single wave order, so the revision is invalid
 * (InvalidRollout at the template, a note at each strategy), and a strategy that selects no template
 * is said so (RolloutSelectsNothing), as is a wave naming a cluster the inventory lacks (UnknownCluster):
 * never silent (DESIGN principle 6).
 */
import {
  compareStrings,
  describeRef,
  errorAt,
  refOf,
  warningAt,
  type Diagnostic,
  type Fleet,
  type KubeObject,
  type LoadedRollout,
} from '../api/index.ts';
import { selectorsPriority } from '../policy/index.ts';

/** The strategy diagnostics of a fleet: overlaps first by template, then idle strategies. */
export function rolloutSelectionDiagnostics(fleet: Fleet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const used = new Set<LoadedRollout>();
  const rollouts = fleet.rollouts ?? [];
  for (const t of fleet.templates) {
    const by = rollouts.filter((r) => selects(r, t.object));
    for (const r of by) used.add(r);
    if (by.length < 2) continue;
    const names = by.map((r) => `${r.spec.namespace}/${r.spec.name}`).sort(compareStrings);
    out.push(
      errorAt(
        'InvalidRollout',
        t.source,
        `${describeRef(refOf(t.object))} is selected by more than one RolloutStrategy (${names.join(', ')}); a template can follow one wave order only`,
        by.map((r) => ({
          message: `RolloutStrategy ${r.spec.namespace}/${r.spec.name} selects it`,
          file: r.source.file,
          line: r.source.line,
          column: r.source.column,
        })),
      ),
    );
  }
  for (const r of rollouts) {
    if (!used.has(r))
      out.push(
        warningAt(
          'RolloutSelectsNothing',
          r.source,
          `RolloutStrategy ${r.spec.namespace}/${r.spec.name} selects no resource template of its namespace`,
        ),
      );
  }
  out.push(...unknownWaveClusters(fleet));
  return out;
}

/** A wave's `clusters.clusterNames` or `exclude` naming no Cluster of the inventory warns UnknownCluster at the strategy, as a placement's does. */
function unknownWaveClusters(fleet: Fleet): Diagnostic[] {
  const known = new Set(fleet.clusters.map((c) => c.object.metadata.name));
  const out: Diagnostic[] = [];
  for (const r of fleet.rollouts ?? [])
    for (const w of r.spec.waves)
      for (const field of ['clusterNames', 'exclude'] as const)
        for (const name of w.clusters?.[field] ?? [])
          if (!known.has(name))
            out.push(
              warningAt(
                'UnknownCluster',
                r.source,
                `RolloutStrategy ${r.spec.namespace}/${r.spec.name} wave ${w.name} names cluster "${name}" in ${field}, but the inventory has no such Cluster; the wave ignores it until one is added`,
              ),
            );
  return out;
}

/** True when the strategy's namespace holds the template and one of its selectors matches it (Karmada's ResourceSelector rules). */
function selects(r: LoadedRollout, o: KubeObject): boolean {
  return o.metadata.namespace === r.spec.namespace && selectorsPriority(o, r.spec.resourceSelectors) > 0;
}
