/**
 * Validates Karmada objects and `flotilla.yaml` against the JSON Schemas in `schemas/` (DESIGN "load").
 * Pure and synchronous: ajv compiles each kind's validator once, on first use, and the compiled
 * validators are cached for the life of the process (a memo: results never depend on call order).
 * The bundles carry them compiled at build time (precompiled.ts).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { compareStrings, InternalError } from '../../api/index.ts';
import { ajvOptions } from './ajv-options.ts';
import { issueOf, type SchemaIssue } from './issue.ts';
import { precompiledValidators } from './precompiled.ts';
import { schemaDocuments, schemaIdOf, type SchemaKind } from './schemas.ts';

let ajv: Ajv | undefined;
const validators = new Map<SchemaKind, ValidateFunction>();

/**
 * Every schema problem of `value` as the schema of `kind` sees it, deduplicated and sorted by path,
 * then message. An empty array means the value is valid.
 */
export function validateAgainstSchema(kind: SchemaKind, value: unknown): readonly SchemaIssue[] {
  const validate = validatorFor(kind);
  if (validate(value)) return [];
  return issuesOf(validate.errors ?? [], value);
}

function issuesOf(errors: readonly ErrorObject[], value: unknown): SchemaIssue[] {
  const byKey = new Map<string, SchemaIssue>();
  for (const e of errors) {
    const issue = issueOf(e, value);
    byKey.set(JSON.stringify([issue.path, issue.code, issue.message]), issue);
  }
  return [...byKey.values()].sort(compareIssues);
}

/** Orders issues by path (indexes numerically, keys by code units, a prefix first), then message, then code. */
export function compareIssues(a: SchemaIssue, b: SchemaIssue): number {
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) {
    const x = a.path[i] as string | number;
    const y = b.path[i] as string | number;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : compareStrings(String(x), String(y));
    if (c !== 0) return c;
  }
  return a.path.length - b.path.length || compareStrings(a.message, b.message) || compareStrings(a.code, b.code);
}

function validatorFor(kind: SchemaKind): ValidateFunction {
  const cached = precompiledValidators?.[kind] ?? validators.get(kind);
  if (cached) return cached;
  ajv ??= newAjv();
  let compiled: ValidateFunction | undefined;
  try {
    compiled = ajv.getSchema(schemaIdOf[kind]);
  } catch (err) {
    throw new InternalError(`the schema for ${kind} (${schemaIdOf[kind]}) does not compile`, { cause: err });
  }
  if (!compiled) throw new InternalError(`no schema registered for ${kind}`);
  validators.set(kind, compiled);
  return compiled;
}

function newAjv(): Ajv {
  const instance = new Ajv(ajvOptions);
  for (const doc of schemaDocuments) instance.addSchema(doc);
  return instance;
}
