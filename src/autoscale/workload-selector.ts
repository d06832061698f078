/**
 * The label selector of a workload's pods as a query string (what its scale subresource reports in
 * `status.selector`, which Kubernetes' and Karmada's autoscalers list pods by): `spec.selector`'s
 * matchLabels and matchExpressions, in sorted order.
 */
import type { Loaded } from '../api/fleet.ts';
import { isPlainObject } from '../api/object.ts';
import { compareStrings } from '../api/order.ts';

/** `app=web,tier in (a,b)`; undefined when the workload has no selector (nothing can be measured). */
export function workloadSelector(t: Loaded): string | undefined {
  const spec = (t.object as { spec?: unknown }).spec;
  const selector = isPlainObject(spec) ? spec['selector'] : undefined;
  if (!isPlainObject(selector)) return undefined;
  const parts: string[] = [];
  const labels = selector['matchLabels'];
  if (isPlainObject(labels))
    for (const k of Object.keys(labels).sort(compareStrings)) parts.push(`${k}=${String(labels[k])}`);
  const exprs = selector['matchExpressions'];
  if (Array.isArray(exprs))
    for (const e of exprs) {
      if (!isPlainObject(e) || typeof e['key'] !== 'string') continue;
      const values = Array.isArray(e['values']) ? e['values'].map(String).sort(compareStrings).join(',') : '';
      const op = e['operator'];
      if (op === 'In') parts.push(`${e['key']} in (${values})`);
      else if (op === 'NotIn') parts.push(`${e['key']} notin (${values})`);
      else if (op === 'Exists') parts.push(e['key']);
      else if (op === 'DoesNotExist') parts.push(`!${e['key']}`);
    }
  return parts.length > 0 ? parts.join(',') : undefined;
}
