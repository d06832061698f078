/**
 * Checks that span objects: policies reaching outside their namespace, dependentOverrides that
 * name missing OverridePolicies (flotilla differs: DESIGN "Deliberate differences"), and cluster
 * names the inventory lacks (warnings: Karmada ignores such names, clusters come and go).
 */
import {
  errorAt,
  warningAt,
  type ClusterAffinity,
  type Diagnostic,
  type Fleet,
  type Loaded,
  type OverridePolicy,
  type PropagationPolicy,
} from '../api/index.ts';
import type { RawObject } from './read-objects.ts';

/** Cross-object diagnostics of a fleet; `raw` gives the positions of each loaded object. */
export function checkReferences(fleet: Fleet, locateOf: (l: Loaded) => RawObject['locate']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const clusterNames = new Set(fleet.clusters.map((c) => c.object.metadata.name));
  const overrideKeys = new Set(fleet.overridePolicies.map((o) => dependentOverrideKey(o.object)));
  for (const p of fleet.propagationPolicies) {
    checkSelectorNamespaces(p, locateOf(p), out);
    checkDependentOverrides(p, overrideKeys, locateOf(p), out);
    const placement = p.object.spec.placement;
    checkAffinity(
      p,
      placement?.clusterAffinity,
      ['spec', 'placement', 'clusterAffinity'],
      clusterNames,
      locateOf(p),
      out,
    );
    placement?.clusterAffinities?.forEach((term, i) => {
      checkAffinity(p, term, ['spec', 'placement', 'clusterAffinities', i], clusterNames, locateOf(p), out);
    });
    placement?.replicaScheduling?.weightPreference?.staticWeightList?.forEach((w, i) => {
      checkAffinity(
        p,
        w.targetCluster,
        ['spec', 'placement', 'replicaScheduling', 'weightPreference', 'staticWeightList', i, 'targetCluster'],
        clusterNames,
        locateOf(p),
        out,
      );
    });
  }
  for (const o of fleet.overridePolicies) {
    checkSelectorNamespaces(o, locateOf(o), out);
    o.object.spec.overrideRules?.forEach((r, i) => {
      checkAffinity(o, r.targetCluster, ['spec', 'overrideRules', i, 'targetCluster'], clusterNames, locateOf(o), out);
    });
    checkAffinity(o, o.object.spec.targetCluster, ['spec', 'targetCluster'], clusterNames, locateOf(o), out);
  }
  return out;
}

function checkSelectorNamespaces(
  p: Loaded<PropagationPolicy> | Loaded<OverridePolicy>,
  locate: RawObject['locate'],
  out: Diagnostic[],
): void {
  if (p.object.kind !== 'PropagationPolicy' && p.object.kind !== 'OverridePolicy') return;
  const ns = p.object.metadata.namespace ?? 'default';
  (p.object.spec.resourceSelectors ?? []).forEach((s, i) => {
    if (s.namespace !== undefined && s.namespace !== '' && s.namespace !== ns) {
      out.push(
        errorAt(
          'PolicyNamespaceMismatch',
          { file: p.source.file, ...locate(['spec', 'resourceSelectors', i, 'namespace']) },
          `${p.object.kind} ${ns}/${p.object.metadata.name} selects namespace "${s.namespace}", but a namespaced policy only applies to its own namespace "${ns}"; use a Cluster${p.object.kind} to select other namespaces`,
        ),
      );
    }
  });
}

function checkDependentOverrides(
  p: Loaded<PropagationPolicy>,
  overrideKeys: ReadonlySet<string>,
  locate: RawObject['locate'],
  out: Diagnostic[],
): void {
  const namespaced = p.object.kind === 'PropagationPolicy';
  const ns = p.object.metadata.namespace ?? 'default';
  const self = namespaced
    ? `PropagationPolicy ${ns}/${p.object.metadata.name}`
    : `ClusterPropagationPolicy ${p.object.metadata.name}`;
  (p.object.spec.dependentOverrides ?? []).forEach((name, i) => {
    const wanted = namespaced
      ? { kind: 'OverridePolicy' as const, metadata: { namespace: ns, name } }
      : { kind: 'ClusterOverridePolicy' as const, metadata: { name } };
    if (!overrideKeys.has(dependentOverrideKey(wanted))) {
      // flotilla differs: Karmada waits for the override policy to appear; in a git revision it can only be a mistake.
      out.push(
        errorAt(
          'DependentOverrideMissing',
          { file: p.source.file, ...locate(['spec', 'dependentOverrides', i]) },
          `${self} depends on ${namespaced ? `OverridePolicy ${ns}/${name}` : `ClusterOverridePolicy ${name}`}, which this revision does not contain`,
        ),
      );
    }
  });
}

/**
 * What a dependentOverrides entry names: an OverridePolicy of the PropagationPolicy's namespace, or
 * for a ClusterPropagationPolicy a ClusterOverridePolicy (Karmada helper.IsDependentOverridesPresent,
 * IsDependentClusterOverridesPresent).
 */
function dependentOverrideKey(o: {
  readonly kind: string;
  readonly metadata: { readonly namespace?: string; readonly name?: string };
}): string {
  return o.kind === 'OverridePolicy'
    ? `${o.metadata.namespace}/${o.metadata.name}`
    : `ClusterOverridePolicy/${o.metadata.name}`; // upper case: never a namespace
}

function checkAffinity(
  p: Loaded,
  affinity: ClusterAffinity | undefined,
  at: (string | number)[],
  known: ReadonlySet<string | undefined>,
  locate: RawObject['locate'],
  out: Diagnostic[],
): void {
  if (!affinity) return;
  const who = `${p.object.kind} ${p.object.metadata.namespace ? `${p.object.metadata.namespace}/` : ''}${p.object.metadata.name}`;
  for (const field of ['clusterNames', 'exclude'] as const) {
    (affinity[field] ?? []).forEach((name, i) => {
      if (!known.has(name)) {
        out.push(
          warningAt(
            'UnknownCluster',
            { file: p.source.file, ...locate([...at, field, i]) },
            `${who} names cluster "${name}" in ${field}, but the inventory has no such Cluster; it is ignored until one is added`,
          ),
        );
      }
    });
  }
}
