/**
 * A fast writer of the YAML the `yaml` library writes for ordinary Kubernetes objects, byte for
 * byte: block maps and sequences (sequences indented under their key), `{}` and `[]` when empty,
 * `null`, `true`/`false`, safe integers, and strings made of letters, digits and a few
 * punctuation marks. Anything else (another number, a multi-line or unusual string, a sequence
 * directly in a sequence, an odd key) returns undefined and the caller asks the library, so the
 * output never differs from the library's; the library's generality (a node tree per document,
 * a visitor, a schema test per scalar) is what made serialising hundreds of thousands of rendered
 * files cost many times native git's whole commit.
 *
 * Two dialects: `core` is `YAML.stringify` (YAML 1.2 core schema: the words it would read as
 * null or a boolean are double-quoted); `portable` is rendered-yaml.ts's portableYaml (also YAML
 * 1.1's words such as `yes`, `on`, `y`, and whatever go-yaml v2 would not read as a string,
 * double-quoted).
 */
import { isPlainObject } from '../api/index.ts';
import { resolvePlain } from '../override/index.ts';

/** Which library output to reproduce (see the file comment). */
export type BlockDialect = 'core' | 'portable';

/** The library's text for `value` (a non-empty JSON object), or undefined when only the library can tell. */
export function blockYaml(value: unknown, dialect: BlockDialect): string | undefined {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return undefined;
  const out: string[] = [];
  return writeMap(value, '', '', out, dialect) ? out.join('') : undefined;
}

/** A string written as is: starts with a letter, `_` or `/`; no `: `, no trailing `:` or space (checked apart). */
const plainText = /^[A-Za-z_/][A-Za-z0-9 _./:=+,()@-]*$/;
/** A quantity such as `128Mi`, `500m`, `1.5Gi`: plain unless a schema reads it as a number (checked apart). */
const quantity = /^[0-9]+(\.[0-9]+)?[A-Za-z]+$/;
/** Words the YAML 1.2 core schema reads as null or a boolean. */
const coreWords = /^(null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
/** Words YAML 1.1 reads as null or a boolean (the library's `yaml-1.1` compat schema). */
const yaml11Words =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;

function stringText(s: string, dialect: BlockDialect): string | undefined {
  const letters = plainText.test(s);
  if (!letters && !(quantity.test(s) && !/^0[xXbBoO]/.test(s))) return undefined;
  if (s.endsWith(' ') || s.endsWith(':') || s.includes(': ')) return undefined;
  const quoted =
    dialect === 'core' ? coreWords.test(s) : yaml11Words.test(s) || coreWords.test(s) || resolvePlain(s).tag !== 'str';
  return quoted ? `"${s}"` : s;
}

function scalarText(v: unknown, dialect: BlockDialect): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : undefined;
  if (typeof v === 'string') return stringText(v, dialect);
  return undefined;
}

/** A map's pairs: the first line starts with `first` (`- ` for a sequence item), the others with `rest`. */
function writeMap(
  map: Readonly<Record<string, unknown>>,
  first: string,
  rest: string,
  out: string[],
  dialect: BlockDialect,
): boolean {
  let lead = first;
  for (const key of Object.keys(map)) {
    const k = stringText(key, dialect);
    if (k === undefined || !writeValue(`${lead}${k}:`, map[key], rest, out, dialect)) return false;
    lead = rest;
  }
  return true;
}

/** `head` (`  key:`) and its value: a scalar on the same line, a collection on the lines below, indented by two. */
function writeValue(head: string, v: unknown, indent: string, out: string[], dialect: BlockDialect): boolean {
  if (isPlainObject(v)) {
    if (Object.keys(v).length === 0) return out.push(`${head} {}\n`) > 0;
    out.push(`${head}\n`);
    return writeMap(v, `${indent}  `, `${indent}  `, out, dialect);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return out.push(`${head} []\n`) > 0;
    out.push(`${head}\n`);
    return writeSeq(v, `${indent}  `, out, dialect);
  }
  const s = scalarText(v, dialect);
  return s !== undefined && out.push(`${head} ${s}\n`) > 0;
}

function writeSeq(items: readonly unknown[], indent: string, out: string[], dialect: BlockDialect): boolean {
  for (const item of items) {
    if (isPlainObject(item)) {
      if (Object.keys(item).length === 0) out.push(`${indent}- {}\n`);
      else if (!writeMap(item, `${indent}- `, `${indent}  `, out, dialect)) return false;
    } else if (Array.isArray(item)) {
      if (item.length !== 0) return false;
      out.push(`${indent}- []\n`);
    } else {
      const s = scalarText(item, dialect);
      if (s === undefined) return false;
      out.push(`${indent}- ${s}\n`);
    }
  }
  return true;
}
