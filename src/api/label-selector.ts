/**
 * Kubernetes label selectors (meta/v1 LabelSelector) with apimachinery `labels.Selector` semantics,
 * as Karmada evaluates them for ResourceSelectors, ClusterAffinity and OverridePolicy targets.
 */
import { labelValueProblem, qualifiedNameProblem } from './qualified-name.ts';
import type { LabelSelector, LabelSelectorRequirement } from './karmada.ts';

/** Labels of an object; absent labels are the empty set. */
export type Labels = Readonly<Record<string, string>> | undefined;

/** One requirement in selector form: `In`/`NotIn`/`Exists`/`DoesNotExist`, plus node-selector `Gt`/`Lt`. */
export interface SelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/**
 * True when the labels satisfy the selector.
 *
 * - `undefined` (nil) matches everything: Karmada's callers short-circuit a nil selector before
 *   converting it (pkg/util/selector.go ResourceSelectorPriority "case 4" and ClusterMatches), even
 *   though apimachinery's `LabelSelectorAsSelector(nil)` alone would match nothing.
 * - `{}` (empty) matches everything (`labels.Everything()`).
 * - `matchLabels` and `matchExpressions` are ANDed.
 * - An invalid selector (e.g. `In` with no values, `Exists` with values, an unknown operator, a key
 *   that is not a qualified name, a value that is not a label value) matches nothing: Karmada treats
 *   the conversion error of `LabelSelectorAsSelector` as a mismatch.
 */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (selector === undefined) return true;
  const own = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!isLabelKey(key) || !isLabelValue(value)) return false;
    if (!Object.hasOwn(own, key) || own[key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    if (!isValidLabelRequirement(req)) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => matchesRequirement(req, own));
}

/** True when a label selector requirement is well formed (apimachinery labels.NewRequirement). */
function isValidLabelRequirement(req: LabelSelectorRequirement): boolean {
  const n = req.values?.length ?? 0;
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      return n > 0;
    case 'Exists':
    case 'DoesNotExist':
      return n === 0;
    default:
      return false;
  }
}

/**
 * True when `labels` satisfy one requirement. Also accepts node-selector `Gt`/`Lt` (one integer
 * value; the label must exist and parse as an integer). An unknown operator or a malformed
 * requirement yields false (k8s labels.NewRequirement rejects it).
 *
 * | operator     | key absent | key present with v          |
 * |--------------|------------|-----------------------------|
 * | In           | false      | v ∈ values                  |
 * | NotIn        | true       | v ∉ values                  |
 * | Exists       | false      | true                        |
 * | DoesNotExist | true       | false                       |
 * | Gt / Lt      | false      | int(v) > / < int(values[0]) |
 */
export function matchesRequirement(req: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  if (!isLabelKey(req.key)) return false;
  if ((req.operator === 'In' || req.operator === 'NotIn') && !(req.values ?? []).every(isLabelValue)) return false;
  const has = Object.hasOwn(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return values.length > 0 && value !== undefined && values.includes(value);
    case 'NotIn':
      return values.length > 0 && (value === undefined || !values.includes(value));
    case 'Exists':
      return values.length === 0 && has;
    case 'DoesNotExist':
      return values.length === 0 && !has;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1 || value === undefined) return false;
      const bound = parseInteger(values[0] ?? '');
      const actual = parseInteger(value);
      if (bound === undefined || actual === undefined) return false;
      return req.operator === 'Gt' ? actual > bound : actual < bound;
    }
    default:
      return false;
  }
}

/** Parses a base-10 int64 the way strconv.ParseInt does (optional sign, digits only). */
const isLabelKey = (key: string): boolean => qualifiedNameProblem(key) === undefined;
const isLabelValue = (value: unknown): boolean => labelValueProblem(value) === undefined;

function parseInteger(s: string): bigint | undefined {
  return /^[+-]?\d+$/.test(s) ? BigInt(s) : undefined;
}
