/** Reads and loads a fleet repo directory in one call (the CLI's `--repo DIR`). */
import { loadFleet, type LoadResult } from '../load/index.ts';
import { readDirectory } from './directory.ts';

/** Reads `dir` and loads it into a Fleet with its diagnostics; the revision label is returned too. */
export async function loadDirectory(dir: string): Promise<LoadResult & { revision: string }> {
  const snapshot = await readDirectory(dir);
  return { ...loadFleet(snapshot), revision: snapshot.revision };
}
