/** Reads a fleet snapshot from a directory on disk (the working tree of `plan --repo DIR`). */
import { readFileSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareStrings, FlotillaError } from '../api/index.ts';
import { isManifestPath, type ReadProblem, type Snapshot, type SourceFile } from '../load/index.ts';
import { workingTreeLabel } from './revision-label.ts';

/** The directory cannot be read at all (missing, not a directory, no permission). */
export class RepoUnreadable extends FlotillaError<{ dir: string }> {}

const skippedDirs = new Set(['.git', 'node_modules']);

/**
 * Reads every manifest file under `dir`. Symlinks are followed only while they stay inside the
 * repo; one that leaves it is a problem (a fleet repo must not read the host's files). The
 * revision is the working tree's label (revision-label.ts).
 */
export async function readDirectory(dir: string): Promise<Snapshot> {
  const root = await resolveRoot(dir);
  const files: SourceFile[] = [];
  const problems: ReadProblem[] = [];
  await walk(root, '', files, problems);
  files.sort((a, b) => compareStrings(a.path, b.path));
  problems.sort((a, b) => compareStrings(a.path, b.path));
  return { revision: workingTreeLabel(files), files, problems };
}

async function resolveRoot(dir: string): Promise<string> {
  try {
    const real = await realpath(dir);
    if (!(await stat(real)).isDirectory()) throw new RepoUnreadable(`${dir} is not a directory`, { dir });
    return real;
  } catch (err) {
    if (err instanceof RepoUnreadable) throw err;
    throw new RepoUnreadable(`cannot read repo directory ${dir}`, { dir }, { cause: err });
  }
}

async function walk(root: string, rel: string, files: SourceFile[], problems: ReadProblem[]): Promise<void> {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  entries.sort((a, b) => compareStrings(a.name, b.name));
  for (const e of entries) {
    const relPath = rel ? `${rel}/${e.name}` : e.name;
    const abs = path.join(root, relPath);
    if (e.isDirectory()) {
      if (!skippedDirs.has(e.name)) await walk(root, relPath, files, problems);
      continue;
    }
    if (!isManifestPath(relPath)) continue;
    if (e.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => undefined);
      if (target === undefined) {
        problems.push({ path: relPath, message: 'symbolic link to a file that does not exist' });
        continue;
      }
      if (target !== root && !target.startsWith(root + path.sep)) {
        problems.push({ path: relPath, message: `symbolic link leaves the repository (to ${target}); it is not read` });
        continue;
      }
      if (!(await lstat(target)).isFile()) continue;
    } else if (!e.isFile()) continue;
    try {
      // Read synchronously: for a repo of 10,000 files the promise API costs 4× the CPU (a thread
      // pool hop per open, stat, read and close), and the command waits for the whole tree anyway.
      // A copy of exactly the file's length: readFileSync's buffer may sit in a larger allocation.
      const buffer = readFileSync(abs);
      const bytes = new Uint8Array(buffer.byteLength);
      bytes.set(buffer);
      files.push({ path: relPath, bytes });
    } catch (err) {
      problems.push({ path: relPath, message: `cannot read: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
}
