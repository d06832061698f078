/**
 * A status-branch file a person broke by hand (invalid YAML, or YAML that is not the record its
 * folder holds): what is wrong and where, for the controller's log and `flotilla status`. The
 * readers skip such a file, or keep the last version of it that read (status-file-history.ts);
 * it never stops a pass, and the other files are read as usual.
 */
import YAML from 'yaml';

/** A broken status-branch file: its path, the 1-based line and column of the fault, and what is wrong. */
export interface StatusFileProblem {
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

/** `file:line:col: message` (STYLE K7). */
export function formatStatusFileProblem(p: StatusFileProblem): string {
  return `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}: ${p.message}`;
}

/**
 * Why `text` (the file at `file`) is not a `what`: the first YAML error with its position, or, when
 * the YAML is valid, a shape problem at line 1.
 */
export function diagnoseStatusFile(file: string, text: string, what: string): StatusFileProblem {
  const doc = YAML.parseDocument(text);
  const error = doc.errors[0];
  if (error !== undefined) {
    const at = error.linePos?.[0];
    return {
      file,
      line: at?.line ?? 1,
      ...(at ? { column: at.col } : {}),
      message: `invalid YAML (${error.code}: ${error.message.split(' at line ')[0]}): not read as a ${what}`,
    };
  }
  return {
    file,
    line: 1,
    message: `not a ${what} (a field is missing or has the wrong type)`,
  };
}

/** The fields a shell logs (level warn) for a broken status file: the pass goes on without it. */
export function statusFileLogFields(p: StatusFileProblem): Record<string, string | number> {
  return {
    msg: 'status file unreadable; its last good version, if any, is kept',
    file: p.file,
    line: p.line,
    ...(p.column === undefined ? {} : { column: p.column }),
    error: p.message,
  };
}
