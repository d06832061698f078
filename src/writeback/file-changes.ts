/** The pure decision of what to change on a branch: desired files against the tip's blob oids. */
import { compareStrings } from '../api/index.ts';

/** A desired file: its bytes and git blob oid (computed by the shell). */
export interface DesiredFile {
  readonly bytes: Uint8Array;
  readonly oid: string;
}

/** One change: write bytes (whose blob id is `oid`), or delete (null). */
export interface PathChange {
  readonly path: string;
  readonly content: Uint8Array | null;
  readonly oid?: string;
}

/**
 * The changes that make every path `owns` accepts equal to `desired`: files whose oid differs are
 * written, owned files absent from `desired` are deleted, files flotilla does not own are left as
 * they are (someone else's commit keeps its content). Sorted by path; empty when nothing changes.
 */
export function fileChanges(
  current: ReadonlyMap<string, string>,
  desired: ReadonlyMap<string, DesiredFile>,
  owns: (path: string) => boolean,
): PathChange[] {
  const out: PathChange[] = [];
  for (const [path, file] of desired)
    if (current.get(path) !== file.oid) out.push({ path, content: file.bytes, oid: file.oid });
  for (const path of current.keys()) if (owns(path) && !desired.has(path)) out.push({ path, content: null });
  return out.sort((a, b) => compareStrings(a.path, b.path));
}
