/**
 * Schema issues: ajv's errors turned into messages a person can act on, with the JSON path of the
 * offending value (E4). One issue per ajv error; the caller deduplicates and sorts.
 */
import type { ErrorObject } from 'ajv';
import { distance } from 'fastest-levenshtein';
import { compareStrings } from '../../api/index.ts';
import { nestedHomeOf } from './nesting.ts';

/** One schema problem: where (JSON path into the validated value), what, and whether it is an unknown field. */
export interface SchemaIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly code: 'SchemaViolation' | 'UnknownField';
}

type Path = readonly (string | number)[];

/** Converts one ajv error (compiled with `verbose`) into an issue, reading values from `root`. */
export function issueOf(error: ErrorObject, root: unknown): SchemaIssue {
  const at = pathOf(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  const got = describeValue(error.data);
  const limit = params['limit'];
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params['additionalProperty']);
      const where = at.length ? `in ${displayPath(at)}` : 'at the top level';
      return {
        code: 'UnknownField',
        path: [...at, field],
        message: `unknown field "${field}" ${where}${unknownFieldHint(field, at, error.parentSchema)}`,
      };
    }
    case 'required': {
      const path = [...at, String(params['missingProperty'])];
      return violation(path, `${displayPath(path)} is required`);
    }
    case 'type':
      // A key written with nothing after it (`clusterAffinity:`) reads as null.
      if (error.data === null && at.length)
        return violation(
          at,
          `${subject(at)} is empty (null); give it a value or remove it (expected ${typeNames(params['type'])})`,
        );
      return violation(at, `${subject(at)} must be ${typeNames(params['type'])} (got ${got})`);
    case 'enum':
      return violation(at, `${subject(at)} must be one of: ${listValues(params['allowedValues'])} (got ${got})`);
    case 'const':
      return violation(at, `${subject(at)} must be ${listValues([params['allowedValue']])} (got ${got})`);
    case 'minimum':
      return violation(at, `${subject(at)} must be at least ${String(limit)} (got ${got})`);
    case 'maximum':
      return violation(at, `${subject(at)} must be at most ${String(limit)} (got ${got})`);
    case 'exclusiveMinimum':
      return violation(at, `${subject(at)} must be greater than ${String(limit)} (got ${got})`);
    case 'exclusiveMaximum':
      return violation(at, `${subject(at)} must be less than ${String(limit)} (got ${got})`);
    case 'minItems':
      return violation(
        at,
        `${subject(at)} must list at least ${plural(Number(limit), 'item')} (got ${Array.isArray(error.data) ? error.data.length : 0})`,
      );
    case 'maxItems':
      return violation(
        at,
        `${subject(at)} must list at most ${plural(Number(limit), 'item')} (got ${Array.isArray(error.data) ? error.data.length : 0})`,
      );
    case 'minLength':
      return violation(
        at,
        Number(limit) === 1
          ? `${subject(at)} must not be empty`
          : `${subject(at)} must be at least ${plural(Number(limit), 'character')} long (got ${got})`,
      );
    case 'maxLength':
      return violation(
        at,
        `${subject(at)} must be at most ${plural(Number(limit), 'character')} long (got ${typeof error.data === 'string' ? error.data.length : 0})`,
      );
    case 'pattern':
      return violation(
        at,
        `${subject(at)} must be ${titleOf(error.parentSchema) ?? `a string matching ${String(params['pattern'])}`} (got ${got})`,
      );
    case 'not':
      return exclusiveFields(at, error.schema) ?? violation(at, `${subject(at)} ${error.message ?? 'is not valid'}`);
    default:
      return violation(at, `${subject(at)} ${error.message ?? 'is not valid'}`);
  }
}

/**
 * A JSON path as people read it: `spec.resourceSelectors[0].kind`, with keys that are not plain
 * identifiers quoted: `metadata.labels["app.kubernetes.io/name"]`.
 */
export function displayPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The known field closest to an unknown one, if it is close enough to be a likely typo. */
export function suggestionFor(field: string, known: readonly string[]): string | undefined {
  const lower = field.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of [...known].sort(compareStrings)) {
    const d = k.toLowerCase() === lower ? 0 : distance(field, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  // Up to a third of the name may be wrong, but at least two edits are always allowed ("nmae" → "name").
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(field.length / 3)) ? best : undefined;
}

/** A likely typo (" (did you mean …?)"), else the one place one level down where the field is known. */
function unknownFieldHint(field: string, at: Path, parentSchema: unknown): string {
  const typo = suggestionFor(field, knownFields(parentSchema));
  if (typo !== undefined) return ` (did you mean "${typo}"?)`;
  const home = nestedHomeOf(field, parentSchema);
  return home === undefined ? '' : ` (it belongs in ${displayPath([...at, home])})`;
}

function violation(path: Path, message: string): SchemaIssue {
  return { code: 'SchemaViolation', path, message };
}

function subject(path: Path): string {
  return path.length ? displayPath(path) : 'the document';
}

/** `not: {required: [a, b]}` in our schemas means "a and b are mutually exclusive" (Karmada's webhook checks). */
function exclusiveFields(at: Path, schema: unknown): SchemaIssue | undefined {
  const required = isRecord(schema) && Array.isArray(schema['required']) ? schema['required'].map(String) : [];
  if (required.length < 2) return undefined;
  const where = at.length ? ` in ${displayPath(at)}` : '';
  const names = required.map((r) => `"${r}"`);
  return violation(
    [...at, required[required.length - 1] ?? ''],
    `${names.join(' and ')} cannot be set together${where}; use one of them`,
  );
}

/** The JSON pointer of an ajv error as path segments: array indexes become numbers. */
function pathOf(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      out.push(Number(key));
      node = node[Number(key)];
    } else {
      out.push(key);
      node = isRecord(node) ? node[key] : undefined;
    }
  }
  return out;
}

function knownFields(schema: unknown): string[] {
  return isRecord(schema) && isRecord(schema['properties']) ? Object.keys(schema['properties']) : [];
}

function titleOf(schema: unknown): string | undefined {
  return isRecord(schema) && typeof schema['title'] === 'string' ? schema['title'] : undefined;
}

const typeWords: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'null',
};

function typeNames(type: unknown): string {
  const names = Array.isArray(type) ? type.map(String) : String(type).split(',');
  return names.map((t) => typeWords[t] ?? t).join(' or ');
}

function listValues(values: unknown): string {
  return (Array.isArray(values) ? values : [values])
    .map((v) => (typeof v === 'string' && v !== '' ? v : JSON.stringify(v)))
    .join(', ');
}

/** A short rendering of the offending value for a message. */
function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 60 ? `${text.slice(0, 57)}..."` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
