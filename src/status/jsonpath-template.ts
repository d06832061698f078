/**
 * Kubernetes' JSONPath templates (k8s.io/client-go/util/jsonpath) as Karmada's statePreservation
 * rules use them (pkg/util/helper/failover.go parseJSONValue, missing keys an error): text with
 * `{…}` actions of fields (`.a`, `['a.b/c']`), indexes (`[0]`, `[-1]`), wildcards (`[*]`, `.*`),
 * recursive descent (`..a`), filters (`[?(@.a=="x")]`, `<`, `>`, `<=`, `>=`, `!=`, or existence)
 * and `{range …}…{end}`. The results of one action are joined by a space; a string prints as
 * itself, a number or boolean as text, an object or list as JSON with sorted keys (Go's
 * encoding/json). Map members are visited in key order (Go's is random). Pure.
 */
import { compareStrings, isPlainObject } from '../api/index.ts';

/** The template's text, or why it could not be evaluated (a missing key, an unsupported expression). */
export type JsonPathResult =
  | { readonly kind: 'ok'; readonly value: string }
  | { readonly kind: 'error'; readonly message: string };

interface Failure {
  readonly failure: string;
}
const fail = (failure: string): Failure => ({ failure });
const failed = (x: unknown): x is Failure => isPlainObject(x) && typeof x['failure'] === 'string';

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'path'; readonly steps: readonly Step[] }
  | { readonly kind: 'range'; readonly steps: readonly Step[]; readonly body: readonly Node[] };
type Step =
  | { readonly kind: 'root' }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'recursive' }
  | { readonly kind: 'filter'; readonly left: readonly Step[]; readonly op: string; readonly right?: Operand };
type Operand = { readonly literal: string | number | boolean } | { readonly steps: readonly Step[] };

/** Evaluates `template` against `data`. */
export function evaluateJsonPath(template: string, data: unknown): JsonPathResult {
  const nodes = parseTemplate(template);
  if (failed(nodes)) return { kind: 'error', message: nodes.failure };
  const out = render(nodes, data, data);
  return failed(out) ? { kind: 'error', message: out.failure } : { kind: 'ok', value: out };
}

function parseTemplate(template: string): Node[] | Failure {
  const stack: { steps: readonly Step[]; body: Node[] }[] = [{ steps: [], body: [] }];
  let rest = template;
  while (rest !== '') {
    const top = stack[stack.length - 1];
    if (top === undefined) return fail(`unexpected {end} in ${JSON.stringify(template)}`);
    const open = rest.indexOf('{');
    if (open < 0) {
      top.body.push({ kind: 'text', text: rest });
      break;
    }
    const close = rest.indexOf('}', open);
    if (close < 0) return fail(`unclosed action in ${JSON.stringify(template)}`);
    if (open > 0) top.body.push({ kind: 'text', text: rest.slice(0, open) });
    const action = rest.slice(open + 1, close).trim();
    rest = rest.slice(close + 1);
    if (action === 'end') {
      const done = stack.pop();
      const parent = stack[stack.length - 1];
      if (done === undefined || parent === undefined) return fail(`unexpected {end} in ${JSON.stringify(template)}`);
      parent.body.push({ kind: 'range', steps: done.steps, body: done.body });
      continue;
    }
    const isRange = action.startsWith('range ');
    const steps = parsePath(isRange ? action.slice('range '.length).trim() : action);
    if (steps === undefined) return fail(`unsupported JSONPath expression ${JSON.stringify(action)}`);
    if (isRange) stack.push({ steps, body: [] });
    else top.body.push({ kind: 'path', steps });
  }
  const [root, ...open] = stack;
  if (root === undefined || open.length > 0) return fail(`{range} without {end} in ${JSON.stringify(template)}`);
  return root.body;
}

/** `$` / `@` followed by steps; undefined for anything else. */
function parsePath(expr: string): Step[] | undefined {
  const steps: Step[] = [];
  let s = expr;
  if (s.startsWith('$')) steps.push({ kind: 'root' });
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  if (s === '.') return steps;
  while (s !== '') {
    const next = nextStep(s);
    if (next === undefined) return undefined;
    steps.push(next.step);
    s = next.rest;
  }
  return steps;
}

/** The first step of `s` and what follows it. */
function nextStep(s: string): { step: Step; rest: string } | undefined {
  if (s.startsWith('..')) {
    const after = s.slice(2);
    return { step: { kind: 'recursive' }, rest: after.startsWith('[') ? after : `.${after}` };
  }
  if (s.startsWith('.*')) return { step: { kind: 'wildcard' }, rest: s.slice(2) };
  if (s.startsWith('[*]')) return { step: { kind: 'wildcard' }, rest: s.slice(3) };
  const field = /^\.([A-Za-z0-9_-]+)/.exec(s) ?? /^\['([^']*)'\]/.exec(s) ?? /^\["([^"]*)"\]/.exec(s);
  if (field) return { step: { kind: 'field', name: field[1] ?? '' }, rest: s.slice(field[0].length) };
  const index = /^\[(-?\d+)\]/.exec(s);
  if (index) return { step: { kind: 'index', index: Number(index[1]) }, rest: s.slice(index[0].length) };
  if (!s.startsWith('[?(')) return undefined;
  const end = s.indexOf(')]');
  const filter = end < 0 ? undefined : parseFilter(s.slice(3, end).trim());
  return filter === undefined ? undefined : { step: filter, rest: s.slice(end + 2) };
}

function parseFilter(expr: string): Step | undefined {
  const m = /^(\S+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(expr);
  const left = parsePath(m?.[1] ?? expr);
  if (left === undefined) return undefined;
  if (!m) return { kind: 'filter', left, op: 'exists' };
  const raw = (m[3] ?? '').trim();
  const quoted = /^"([^"]*)"$/.exec(raw) ?? /^'([^']*)'$/.exec(raw);
  let right: Operand | undefined;
  if (quoted) right = { literal: quoted[1] ?? '' };
  else if (/^-?\d+(\.\d+)?$/.test(raw)) right = { literal: Number(raw) };
  else if (raw === 'true' || raw === 'false') right = { literal: raw === 'true' };
  else {
    const steps = parsePath(raw);
    right = steps === undefined ? undefined : { steps };
  }
  return right === undefined ? undefined : { kind: 'filter', left, op: m[2] ?? '', right };
}

function render(nodes: readonly Node[], current: unknown, root: unknown): string | Failure {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') {
      out += n.text;
      continue;
    }
    const values = evalSteps(n.steps, [current], root);
    if (failed(values)) return values;
    if (n.kind === 'path') {
      out += values.map(printValue).join(' ');
      continue;
    }
    for (const v of values) {
      const body = render(n.body, v, root);
      if (failed(body)) return body;
      out += body;
    }
  }
  return out;
}

function evalSteps(steps: readonly Step[], input: readonly unknown[], root: unknown): unknown[] | Failure {
  let values: unknown[] = [...input];
  for (const step of steps) {
    const next = evalStep(step, values, root);
    if (failed(next)) return next;
    values = next;
  }
  return values;
}

function evalStep(step: Step, values: readonly unknown[], root: unknown): unknown[] | Failure {
  switch (step.kind) {
    case 'root':
      return [root];
    case 'field': {
      const out = values.flatMap((v) => (isPlainObject(v) && Object.hasOwn(v, step.name) ? [v[step.name]] : []));
      return out.length === 0 && values.length > 0 ? fail(`${step.name} is not found`) : out;
    }
    case 'index': {
      const out: unknown[] = [];
      for (const v of values) {
        if (!Array.isArray(v)) return fail(`not an array: index ${step.index}`);
        const i = step.index < 0 ? v.length + step.index : step.index;
        if (i < 0 || i >= v.length) return fail(`array index out of bounds: index ${step.index}, length ${v.length}`);
        out.push(v[i]);
      }
      return out;
    }
    case 'wildcard':
      return values.flatMap(children);
    case 'recursive':
      return values.flatMap(containers);
    case 'filter':
      return filterValues(step, values, root);
  }
}

/** An array's elements or an object's members in key order; nothing for a scalar. */
function children(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isPlainObject(v))
    return Object.keys(v)
      .toSorted(compareStrings)
      .map((k) => v[k]);
  return [];
}

/** `v` and every container below it, depth first (client-go's evalRecursive keeps only containers). */
function containers(v: unknown): unknown[] {
  const kids = children(v);
  return kids.length === 0 ? [] : [v, ...kids.flatMap(containers)];
}

function filterValues(step: Extract<Step, { kind: 'filter' }>, values: readonly unknown[], root: unknown) {
  const out: unknown[] = [];
  for (const v of values) {
    if (!Array.isArray(v)) return fail('not an array: it cannot be filtered');
    for (const item of v) {
      const lefts = evalSteps(step.left, [item], root);
      if (step.op === 'exists') {
        if (!failed(lefts) && lefts.length > 0) out.push(item);
        continue;
      }
      if (failed(lefts)) return lefts;
      const rights =
        step.right === undefined
          ? []
          : 'literal' in step.right
            ? [step.right.literal]
            : evalSteps(step.right.steps, [item], root);
      if (failed(rights)) return rights;
      const [left] = lefts;
      const [right] = rights;
      if (lefts.length === 0 || rights.length === 0) continue;
      if (lefts.length > 1 || rights.length > 1) return fail('can only compare one element at a time');
      const pass = compare(left, step.op, right);
      if (failed(pass)) return pass;
      if (pass) out.push(item);
    }
  }
  return out;
}

function compare(a: unknown, op: string, b: unknown): boolean | Failure {
  if (typeof a !== typeof b || !['string', 'number', 'boolean'].includes(typeof a))
    return fail(`incompatible types for comparison: ${JSON.stringify(a)} ${op} ${JSON.stringify(b)}`);
  const x = a as string | number | boolean;
  const y = b as string | number | boolean;
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    default:
      return x >= y;
  }
}

function printValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) || isPlainObject(v)) return goJson(v);
  return JSON.stringify(v) ?? '';
}

/** JSON as Go's encoding/json writes it: object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. */
function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (!isPlainObject(x)) return x;
    return Object.fromEntries(
      Object.keys(x)
        .toSorted(compareStrings)
        .map((k) => [k, sorted(x[k])]),
    );
  };
  return JSON.stringify(sorted(v))
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
