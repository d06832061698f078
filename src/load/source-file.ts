/** A file of a fleet snapshot, as a directory reader or git tree reader hands it over (B4). */
export interface SourceFile {
  /** Path relative to the repo root, with `/` separators. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** A problem the reader met that belongs in the diagnostics (a symlink leaving the repo, an unreadable file). */
export interface ReadProblem {
  readonly path: string;
  readonly message: string;
}

/** What a snapshot reader returns: the files plus problems met while reading. */
export interface Snapshot {
  readonly revision: string;
  readonly files: readonly SourceFile[];
  readonly problems: readonly ReadProblem[];
}

/** True for the file names flotilla reads as manifests. */
export function isManifestPath(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}
