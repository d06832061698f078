/**
 * Karmada's admission rules for the placement fields flotilla added (pkg/util/validation/validation.go
 * ValidateWorkloadAffinity: label-key group keys, not the same for affinity and anti-affinity;
 * ValidatePlacement and ValidateOverflowAffinities for overflow affinities), checked on the defaulted placement as the
 * validating webhook sees it after the mutating one: overflow needs a Divided placement with
 * dynamic weights or Aggregated (util.IsOverflowSchedulingAllowed), a non-empty inline affinity on
 * its term, and group names that are label keys, unique and different from the term's own name.
 * Karmada refuses such a policy, so flotilla's revision is invalid.
 */
import type { ClusterAffinity, Placement } from '../api/index.ts';
import { qualifiedNameProblem } from './object-meta.ts';

/** A problem at an object path of the policy. */
export interface PlacementProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The admission problems of a placement (defaults applied). */
export function placementProblems(p: Placement | undefined): PlacementProblem[] {
  return [...workloadAffinityProblems(p), ...overflowProblems(p)];
}

function workloadAffinityProblems(p: Placement | undefined): PlacementProblem[] {
  const wa = p?.workloadAffinity;
  const out: PlacementProblem[] = [];
  for (const term of ['affinity', 'antiAffinity'] as const) {
    const key = wa?.[term]?.groupByLabelKey;
    const problem = key === undefined ? undefined : qualifiedNameProblem(key);
    if (problem)
      out.push({
        path: ['spec', 'placement', 'workloadAffinity', term, 'groupByLabelKey'],
        message: `workloadAffinity.${term}.groupByLabelKey ${JSON.stringify(key)} is not a label key: it ${problem}`,
      });
  }
  if (
    wa?.affinity !== undefined &&
    wa.antiAffinity !== undefined &&
    wa.affinity.groupByLabelKey === wa.antiAffinity.groupByLabelKey
  ) {
    out.push({
      path: ['spec', 'placement', 'workloadAffinity'],
      message: 'affinity and antiAffinity must not use the same groupByLabelKey',
    });
  }
  return out;
}

function overflowProblems(p: Placement | undefined): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  const rs = p?.replicaScheduling;
  const allowed =
    rs?.replicaSchedulingType === 'Divided' &&
    (rs.replicaDivisionPreference === 'Aggregated' ||
      (rs.replicaDivisionPreference === 'Weighted' && rs.weightPreference?.dynamicWeight !== undefined));
  (p?.clusterAffinities ?? []).forEach((term, i) => {
    if (term.overflowAffinities === undefined) return;
    const at = ['spec', 'placement', 'clusterAffinities', i, 'overflowAffinities'];
    if (!allowed)
      out.push({
        path: at,
        message:
          'overflowAffinities can only be used together with dynamic weight or aggregated scheduling (replicaScheduling Divided with Aggregated, or Weighted with dynamicWeight)',
      });
    if (isEmpty(term))
      out.push({
        path: at,
        message:
          'overflowAffinities can only be used together with the inline ClusterAffinity (set labelSelector, fieldSelector, clusterNames or exclude on the term)',
      });
    const names = new Set([term.affinityName]);
    term.overflowAffinities.forEach((o, j) => {
      const problem = qualifiedNameProblem(o.affinityName);
      if (problem)
        out.push({
          path: [...at, j, 'affinityName'],
          message: `overflow affinityName ${JSON.stringify(o.affinityName)}: ${problem}`,
        });
      if (names.has(o.affinityName))
        out.push({
          path: [...at, j, 'affinityName'],
          message: `overflow affinity name ${o.affinityName} must be unique and must not duplicate the primary group's affinityName`,
        });
      names.add(o.affinityName);
    });
  });
  return out;
}

function isEmpty(a: ClusterAffinity): boolean {
  return (
    a.labelSelector === undefined && a.fieldSelector === undefined && !a.clusterNames?.length && !a.exclude?.length
  );
}
