/**
 * kubectl's object selection on flotilla's tables: `-n NS`, `-A`, `-l SELECTOR`. The selector is
 * kubectl's text form (apimachinery labels.Parse): `k=v`, `k==v`, `k!=v`, `k in (a,b)`,
 * `k notin (a,b)`, `k`, `!k`, comma-separated and ANDed; it is matched against the templates'
 * labels as Karmada matches a ResourceSelector's labelSelector.
 */
import {
  matchesLabelSelector,
  UsageError,
  type LabelSelector,
  type LabelSelectorRequirement,
  type Labels,
} from '../api/index.ts';
import type { FlagValues } from './flags.ts';
import type { selectionFlags } from './shared-flags.ts';

/** What a table shows: one namespace (or all) and the templates whose labels match. */
export interface Selection {
  readonly namespace: string | undefined;
  readonly selector: LabelSelector | undefined;
}

/** The selection the flags ask for; -n with -A is a usage error, as in kubectl. */
export function selectionFrom(values: FlagValues<typeof selectionFlags>): Selection {
  if (values.namespace !== undefined && values['all-namespaces'])
    throw new UsageError('-n/--namespace and -A/--all-namespaces cannot be combined');
  return {
    namespace: values.namespace,
    selector: values.selector === undefined ? undefined : parseLabelSelector(values.selector),
  };
}

/** Whether the selection takes everything. */
export function selectsAll(s: Selection): boolean {
  return s.namespace === undefined && s.selector === undefined;
}

/** Whether an object of namespace `namespace` (undefined: cluster-scoped) with `labels` is selected. -n leaves out cluster-scoped objects, as kubectl does. */
export function isSelected(s: Selection, namespace: string | undefined, labels: Labels): boolean {
  if (s.namespace !== undefined && namespace !== s.namespace) return false;
  return matchesLabelSelector(s.selector, labels);
}

const key = '[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?';
const value = '([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
const forms: readonly { re: RegExp; make: (m: RegExpExecArray) => LabelSelectorRequirement }[] = [
  {
    re: new RegExp(`^(${key})\\s*(==?)\\s*(${value})$`),
    make: (m) => ({ key: m[1] ?? '', operator: 'In', values: [m[4] ?? ''] }),
  },
  {
    re: new RegExp(`^(${key})\\s*!=\\s*(${value})$`),
    make: (m) => ({ key: m[1] ?? '', operator: 'NotIn', values: [m[3] ?? ''] }),
  },
  {
    re: new RegExp(`^(${key})\\s+(in|notin)\\s*\\(([^()]*)\\)$`),
    make: (m) => ({
      key: m[1] ?? '',
      operator: m[3] === 'in' ? 'In' : 'NotIn',
      values: (m[4] ?? '').split(',').map((v) => v.trim()),
    }),
  },
  { re: new RegExp(`^!\\s*(${key})$`), make: (m) => ({ key: m[1] ?? '', operator: 'DoesNotExist' }) },
  { re: new RegExp(`^(${key})$`), make: (m) => ({ key: m[1] ?? '', operator: 'Exists' }) },
];

/** kubectl's selector text as a LabelSelector; a requirement it cannot read is a UsageError naming it. */
export function parseLabelSelector(text: string): LabelSelector {
  const parts = splitRequirements(text);
  const matchExpressions = parts.map((part) => {
    const p = part.trim();
    for (const f of forms) {
      const m = f.re.exec(p);
      if (m) return f.make(m);
    }
    throw new UsageError(`-l/--selector: cannot read "${p}" (forms: k=v, k!=v, k in (a,b), k notin (a,b), k, !k)`);
  });
  return { matchExpressions };
}

/** Splits at the commas outside parentheses. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  if (parts.some((p) => p.trim() === '')) throw new UsageError(`-l/--selector: an empty requirement in "${text}"`);
  return parts;
}
