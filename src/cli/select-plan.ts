/** `plan -n/-l`: the bindings (and their Works and explanations) a selection keeps; errors and warnings stay whole. */
import {
  bindingAnnotation,
  resourceKey,
  resourceKeyOf,
  type Labels,
  type ResourceKey,
  type ResourceRef,
} from '../api/index.ts';
import type { Fleet } from '../api/index.ts';
import { bindingId, type Plan } from '../plan/index.ts';
import { isSelected, type Selection } from './selection.ts';

/** The labels of each template of a fleet, by ResourceKey. */
export function templateLabels(fleet: Fleet): ReadonlyMap<ResourceKey, Labels> {
  return new Map(fleet.templates.map((t) => [resourceKeyOf(t.object), t.object.metadata.labels] as const));
}

/** The plan narrowed to the bindings whose template the selection takes. */
export function selectPlan(plan: Plan, s: Selection, labels: ReadonlyMap<ResourceKey, Labels>): Plan {
  const bindings = plan.bindings.filter((b) =>
    isSelected(s, b.spec.resource.namespace, labels.get(resourceKey(b.spec.resource))),
  );
  const ids = new Set(bindings.map(bindingId));
  const keys = new Set(bindings.map((b) => resourceKey(b.spec.resource)));
  return {
    ...plan,
    bindings,
    works: plan.works.filter((w) => ids.has(w.metadata.annotations[bindingAnnotation] ?? '')),
    explanations: plan.explanations.filter((e) => keys.has(e.key)),
  };
}

/** kubectl's `-o name` of an object: `deployment.apps/web`, `configmap/settings`. */
export function objectName(r: ResourceRef): string {
  const slash = r.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : `.${r.apiVersion.slice(0, slash)}`;
  return `${r.kind.toLowerCase()}${group}/${r.name}`;
}
