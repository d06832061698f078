/**
 * `revision.yaml` on the status branch: the last applied source revision, the last attempted one
 * and what that attempt found (R2: an invalid revision moves only `lastAttempted*`).
 */
import YAML from 'yaml';
import { isPlainObject } from '../api/index.ts';
import type { ContractDiagnostic } from '../plan/index.ts';

/** The path of the record on the status branch. */
export const revisionPath = 'revision.yaml';

/** What flotilla decided for a revision: `plan` (valid, placed) or `invalid` (rejected as a whole). */
export type Decision = 'plan' | 'invalid';

/** The attempt of one source revision. */
export interface Attempt {
  readonly revision: string;
  readonly decision: Decision;
  readonly errors: readonly ContractDiagnostic[];
  readonly warnings: readonly ContractDiagnostic[];
}

/** The record as written (fixed key order, D5). */
export interface RevisionRecord {
  readonly sourceBranch: string;
  /** The last valid revision, whose plan is in force; null until one was valid. */
  readonly lastAppliedRevision: string | null;
  readonly lastAttemptedRevision: string;
  readonly lastAttempt: Attempt;
}

/** The record as YAML text. */
export function formatRevisionRecord(r: RevisionRecord): string {
  return YAML.stringify(r, { lineWidth: 0 });
}

/** Reads a record written by any flotilla version; undefined when the text is not one (a person may have edited it). */
export function parseRevisionRecord(text: string): RevisionRecord | undefined {
  let v: unknown;
  try {
    v = YAML.parse(text, { maxAliasCount: 10 });
  } catch {
    return undefined; // an unparsable record counts as none: the next revision is planned afresh
  }
  if (!isPlainObject(v) || typeof v['lastAttemptedRevision'] !== 'string') return undefined;
  const attempt = isPlainObject(v['lastAttempt']) ? v['lastAttempt'] : {};
  const applied = v['lastAppliedRevision'];
  return {
    sourceBranch: typeof v['sourceBranch'] === 'string' ? v['sourceBranch'] : '',
    lastAppliedRevision: typeof applied === 'string' ? applied : null,
    lastAttemptedRevision: v['lastAttemptedRevision'],
    lastAttempt: {
      revision: typeof attempt['revision'] === 'string' ? attempt['revision'] : v['lastAttemptedRevision'],
      decision: attempt['decision'] === 'invalid' ? 'invalid' : 'plan',
      errors: diagnosticsOf(attempt['errors']),
      warnings: diagnosticsOf(attempt['warnings']),
    },
  };
}

function diagnosticsOf(v: unknown): ContractDiagnostic[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isPlainObject).map((d) => ({
    file: String(d['file'] ?? ''),
    line: typeof d['line'] === 'number' ? d['line'] : 0,
    ...(typeof d['column'] === 'number' ? { column: d['column'] } : {}),
    code: String(d['code'] ?? ''),
    message: String(d['message'] ?? ''),
  }));
}
