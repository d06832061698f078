/**
 * How well a resource selector matches a template: Karmada's implicit priority
 * (pkg/util/selector.go ResourceSelectorPriority). A selector with a name matches by name only and
 * ignores its labelSelector; one with a labelSelector matches by labels; an empty one matches all.
 */
import { matchesLabelSelector, type KubeObject, type ResourceSelector } from '../api/index.ts';

/** Implicit priorities, higher is better (Karmada's ImplicitPriority constants). */
export const priorityMisMatch = 0;
export const priorityMatchAll = 1;
export const priorityMatchLabelSelector = 2;
export const priorityMatchName = 3;
export type ImplicitPriority = 0 | 1 | 2 | 3;

/** The priority of one selector for a template. */
export function selectorPriority(template: KubeObject, s: ResourceSelector): ImplicitPriority {
  if (template.apiVersion !== s.apiVersion || template.kind !== s.kind) return priorityMisMatch;
  if (s.namespace && template.metadata.namespace !== s.namespace) return priorityMisMatch;
  if (s.name) return s.name === template.metadata.name ? priorityMatchName : priorityMisMatch;
  if (s.labelSelector)
    return matchesLabelSelector(s.labelSelector, template.metadata.labels)
      ? priorityMatchLabelSelector
      : priorityMisMatch;
  return priorityMatchAll;
}

/** The best priority over a policy's selectors (any selector may match). */
export function selectorsPriority(template: KubeObject, selectors: readonly ResourceSelector[]): ImplicitPriority {
  let best: ImplicitPriority = priorityMisMatch;
  for (const s of selectors) {
    const p = selectorPriority(template, s);
    if (p > best) best = p;
  }
  return best;
}
