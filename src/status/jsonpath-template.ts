/**
 * The part of Kubernetes' JSONPath templates (k8s.io/client-go/util/jsonpath) that Karmada's
 * statePreservation rules use (pkg/util/helper/failover.go parseJSONValue, missing keys an
 * error): text with `{…}` expressions of fields and indexes, such as `{.replicas}`,
 * `{ .metadata.labels['app'] }` or `{.items[0].name}`. A string prints as itself, a number or
 * boolean as JSON, an object or list as JSON. Pure.
 */
import { isPlainObject } from '../api/index.ts';

/** The template's text, or why it could not be evaluated (a missing key, an unsupported expression). */
export type JsonPathResult =
  | { readonly kind: 'ok'; readonly value: string }
  | { readonly kind: 'error'; readonly message: string };

/** Evaluates `template` against `data`. */
export function evaluateJsonPath(template: string, data: unknown): JsonPathResult {
  let out = '';
  let rest = template;
  while (rest !== '') {
    const open = rest.indexOf('{');
    if (open < 0) return { kind: 'ok', value: out + rest };
    const close = rest.indexOf('}', open);
    if (close < 0) return { kind: 'error', message: `unclosed action in ${JSON.stringify(template)}` };
    out += rest.slice(0, open);
    const r = evaluateExpression(rest.slice(open + 1, close).trim(), data);
    if (r.kind === 'error') return r;
    out += r.value;
    rest = rest.slice(close + 1);
  }
  return { kind: 'ok', value: out };
}

function evaluateExpression(expr: string, data: unknown): JsonPathResult {
  const steps = parseSteps(expr);
  if (steps === undefined)
    return {
      kind: 'error',
      message: `unsupported JSONPath expression ${JSON.stringify(expr)} (fields and indexes only)`,
    };
  let v: unknown = data;
  for (const s of steps) {
    if (typeof s === 'number') {
      if (!Array.isArray(v) || s >= v.length)
        return { kind: 'error', message: `array index out of bounds: ${s} in ${JSON.stringify(expr)}` };
      v = v[s];
    } else {
      if (!isPlainObject(v) || !Object.hasOwn(v, s))
        return { kind: 'error', message: `${s} is not found in ${JSON.stringify(expr)}` };
      v = v[s];
    }
  }
  return { kind: 'ok', value: typeof v === 'string' ? v : JSON.stringify(v) };
}

/** `.a.b[0]['c']` (or `$.a`, or `.` / `@` for the whole value) as steps; undefined when it is anything else. */
function parseSteps(expr: string): (string | number)[] | undefined {
  let s = expr.startsWith('$') || expr.startsWith('@') ? expr.slice(1) : expr;
  if (s === '.' || s === '') return [];
  const steps: (string | number)[] = [];
  while (s !== '') {
    const m =
      /^\.([A-Za-z0-9_-]+)/.exec(s) ?? /^\[(\d+)\]/.exec(s) ?? /^\['([^']*)'\]/.exec(s) ?? /^\["([^"]*)"\]/.exec(s);
    if (!m || m[1] === undefined) return undefined;
    steps.push(
      m[0].startsWith('[') && /^\d+$/.test(m[1]) && !m[0].startsWith("['") && !m[0].startsWith('["')
        ? Number(m[1])
        : m[1],
    );
    s = s.slice(m[0].length);
  }
  return steps;
}
