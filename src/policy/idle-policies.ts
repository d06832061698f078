/**
 * Policies that select no template of the revision (`validate` warns, issue 14): a
 * PropagationPolicy, ClusterPropagationPolicy, OverridePolicy or ClusterOverridePolicy whose
 * resource selectors match nothing in their scope, with a did-you-mean on the selector's kind or
 * name. Scope as Karmada matches: a namespaced policy sees its own namespace only
 * (pkg/detector/policy.go, overridemanager.go), a cluster-wide one every namespace Karmada
 * propagates from.
 */
import {
  describeRef,
  refOf,
  warningAt,
  type Diagnostic,
  type KubeObject,
  type Loaded,
  type OverridePolicy,
  type PropagationPolicy,
  type ResourceSelector,
} from '../api/index.ts';
import { suggestionFor } from '../load/schema/issue.ts';
import { selectorPriority } from './implicit-priority.ts';
import { isReservedNamespace } from './match-policy.ts';

type AnyPolicy = PropagationPolicy | OverridePolicy;

/** A PolicySelectsNothing warning for each policy that selects no template, at the policy. */
export function idlePolicyWarnings(policies: readonly Loaded<AnyPolicy>[], templates: readonly Loaded[]): Diagnostic[] {
  const byGvk = new Map<string, KubeObject[]>();
  // The same lists per namespace too: a namespaced policy looks at its namespace's templates only.
  const byGvkNamespace = new Map<string, KubeObject[]>();
  const push = (map: Map<string, KubeObject[]>, k: string, o: KubeObject) => {
    const list = map.get(k);
    if (list) list.push(o);
    else map.set(k, [o]);
  };
  for (const t of templates) {
    if (isReservedNamespace(t.object.metadata.namespace)) continue;
    const k = `${t.object.apiVersion}|${t.object.kind}`;
    push(byGvk, k, t.object);
    push(byGvkNamespace, `${k}|${t.object.metadata.namespace ?? ''}`, t.object);
  }
  const out: Diagnostic[] = [];
  for (const p of policies) {
    const inScope = scopeOf(p.object);
    const ns = namespaceOf(p.object);
    const candidates = (gvk: string) => (ns === undefined ? byGvk.get(gvk) : byGvkNamespace.get(`${gvk}|${ns}`)) ?? [];
    const selectors: readonly ResourceSelector[] = p.object.spec.resourceSelectors ?? [];
    // An override policy without selectors applies to every template of its scope (Karmada overridemanager).
    const selects =
      selectors.length === 0
        ? [...byGvk.values()].some((list) => list.some(inScope))
        : selectors.some((s) => candidates(`${s.apiVersion}|${s.kind}`).some((t) => selectorPriority(t, s) > 0));
    if (selects) continue;
    const hints = selectors.map((s, i) => hint(s, i, byGvk, inScope)).filter((h) => h !== '');
    const name = `${p.object.kind} ${p.object.metadata.namespace ? `${p.object.metadata.namespace}/` : ''}${p.object.metadata.name ?? ''}`;
    out.push(
      warningAt(
        'PolicySelectsNothing',
        p.source,
        `${name} selects no template of this revision${hints.length ? `: ${hints.join('; ')}` : ''}`,
      ),
    );
  }
  return out;
}

/** Which templates a policy may select: its namespace's for a namespaced policy, all for a cluster-wide one. */
function scopeOf(p: AnyPolicy): (t: KubeObject) => boolean {
  const ns = namespaceOf(p);
  return ns === undefined ? () => true : (t) => t.metadata.namespace === ns;
}

/** The namespace a namespaced policy selects in; undefined for a cluster-wide one. */
function namespaceOf(p: AnyPolicy): string | undefined {
  if (p.kind === 'ClusterPropagationPolicy' || p.kind === 'ClusterOverridePolicy') return undefined;
  return p.metadata.namespace ?? 'default';
}

/** A did-you-mean for one selector: its kind (or apiVersion) when no template has it, else its name. */
function hint(
  s: ResourceSelector,
  i: number,
  byGvk: ReadonlyMap<string, readonly KubeObject[]>,
  inScope: (t: KubeObject) => boolean,
): string {
  const at = `resourceSelectors[${i}]`;
  const same = (byGvk.get(`${s.apiVersion}|${s.kind}`) ?? []).filter(inScope);
  if (same.length === 0) {
    const kinds = new Map<string, string[]>();
    for (const [gvk, list] of byGvk) {
      if (!list.some(inScope)) continue;
      const [apiVersion = '', kind = ''] = gvk.split('|');
      kinds.set(kind, [...(kinds.get(kind) ?? []), apiVersion]);
    }
    const versions = kinds.get(s.kind);
    if (versions)
      return `${at}: no ${s.kind} has apiVersion ${s.apiVersion} (did you mean apiVersion ${versions.sort()[0]}?)`;
    const kind = suggestionFor(s.kind, [...kinds.keys()]);
    return kind === undefined
      ? `${at}: no template of kind ${s.kind}`
      : `${at}: no template of kind ${s.kind} (did you mean kind ${kind}?)`;
  }
  if (s.name) {
    const candidates = same.filter((t) => !s.namespace || t.metadata.namespace === s.namespace);
    const name = suggestionFor(s.name, [...new Set(candidates.map((t) => t.metadata.name ?? ''))]);
    const example = name === undefined ? undefined : candidates.find((t) => t.metadata.name === name);
    return example === undefined
      ? `${at}: no ${s.kind} named ${s.name}`
      : `${at}: no ${s.kind} named ${s.name} (did you mean ${describeRef(refOf(example))}?)`;
  }
  if (s.namespace)
    return `${at}: no ${s.kind} in namespace ${s.namespace}${s.labelSelector ? ' with matching labels' : ''}`;
  return s.labelSelector ? `${at}: no ${s.kind} has labels matching its labelSelector` : '';
}
