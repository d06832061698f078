/**
 * Karmada's admission rules for placements (pkg/util/validation/validation.go
 * ValidateWorkloadAffinity: label-key group keys, not the same for affinity and anti-affinity;
 * ValidatePlacement and ValidateOverflowAffinities for overflow affinities; ValidateClusterAffinities
 * for term names; ValidateSpreadConstraint), checked on the defaulted placement as the
 * validating webhook sees it after the mutating one: overflow needs a Divided placement with
 * dynamic weights or Aggregated (util.IsOverflowSchedulingAllowed), a non-empty inline affinity on
 * its term, and group names that are label keys, unique and different from the term's own name.
 * Karmada refuses such a policy, so flotilla's revision is invalid.
 */
import { qualifiedNameProblem, type ClusterAffinity, type Placement } from '../api/index.ts';

/** A problem at an object path of the policy. */
export interface PlacementProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The admission problems of a placement (defaults applied). */
export function placementProblems(p: Placement | undefined): PlacementProblem[] {
  return [
    ...workloadAffinityProblems(p),
    ...overflowProblems(p),
    ...affinityTermProblems(p),
    ...spreadConstraintProblems(p),
  ];
}

/** ValidateClusterAffinities: each term's affinityName is a label key and unique within the policy. */
function affinityTermProblems(p: Placement | undefined): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  const seen = new Set<string>();
  (p?.clusterAffinities ?? []).forEach((term, i) => {
    const at = ['spec', 'placement', 'clusterAffinities', i, 'affinityName'];
    const problem = qualifiedNameProblem(term.affinityName);
    if (problem) out.push({ path: at, message: `affinityName ${JSON.stringify(term.affinityName)}: ${problem}` });
    if (seen.has(term.affinityName))
      out.push({
        path: at,
        message: `each affinity term in a policy must have a unique name; ${JSON.stringify(term.affinityName)} is used twice`,
      });
    seen.add(term.affinityName);
  });
  return out;
}

/**
 * ValidateSpreadConstraint on the defaulted constraints: maxGroups not below minGroups, one
 * constraint per spreadByField, and a `cluster` constraint whenever any spreadByField is used.
 */
function spreadConstraintProblems(p: Placement | undefined): PlacementProblem[] {
  const out: PlacementProblem[] = [];
  const constraints = p?.spreadConstraints ?? [];
  const at = ['spec', 'placement', 'spreadConstraints'];
  const fields = new Set<string>();
  const repeated = new Set<string>();
  constraints.forEach((c, i) => {
    const max = c.maxGroups ?? 0;
    if (max > 0 && max < (c.minGroups ?? 0))
      out.push({
        path: [...at, i, 'maxGroups'],
        message: `maxGroups ${max} lower than minGroups ${c.minGroups} is not allowed`,
      });
    const field = c.spreadByField;
    if (!field) return;
    if (fields.has(field) && !repeated.has(field)) {
      repeated.add(field);
      out.push({ path: [...at, i, 'spreadByField'], message: `multiple ${field} spread constraints are not allowed` });
    }
    fields.add(field);
  });
  if (fields.size > 0 && !fields.has('cluster'))
    out.push({
      path: at,
      message:
        'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled (add {spreadByField: cluster})',
    });
  return out;
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
