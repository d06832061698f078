/**
 * Reads one status-branch record so that a file a person broke by hand never costs what it held:
 * the broken file is reported once (file, line, what is wrong) and the last version of it that
 * read is used instead — from this reader's memory of earlier passes, else from the branch's
 * first-parent history (a restarted controller). Only when no good version exists is the record
 * missing, as it was before the file was written.
 */
import { GitRepositoryBroken, readBlobAt, readBlobText, readCommitInfo, type GitRepo } from '../git/index.ts';
import { diagnoseStatusFile, type StatusFileProblem } from './status-file-problem.ts';

/** How many commits back a broken record's last good version is looked for. */
export const recordHistoryDepth = 20;

/** Reads status records, remembering each path's last good text across calls. */
export interface StatusRecordReader {
  /**
   * The record at `path` (blob `oid`) of commit `tip` as `parse` reads it; for a broken file, the
   * last good version's reading (undefined when there is none). `what` names the record in the report.
   */
  read<T>(
    tip: string,
    file: { readonly path: string; readonly oid: string },
    what: string,
    parse: (text: string) => T | undefined,
  ): Promise<T | undefined>;
}

/** A reader over `repo`; `onProblem` hears each broken file version once. */
export function createStatusRecordReader(
  repo: GitRepo,
  onProblem: (p: StatusFileProblem) => void = () => undefined,
): StatusRecordReader {
  const lastGood = new Map<string, string>();
  const reported = new Set<string>();
  return {
    async read(tip, { path, oid }, what, parse) {
      const text = await readBlobText(repo, oid);
      const value = parse(text);
      if (value !== undefined) {
        lastGood.set(path, text);
        return value;
      }
      if (!reported.has(`${path}@${oid}`)) {
        reported.add(`${path}@${oid}`);
        onProblem(diagnoseStatusFile(path, text, what));
      }
      const remembered = lastGood.get(path);
      if (remembered !== undefined) return parse(remembered);
      const found = await lastGoodInHistory(repo, tip, path, parse);
      if (found === undefined) return undefined;
      lastGood.set(path, found.text);
      return found.value;
    },
  };
}

/** The newest version of `path` before `tip` (first parents, at most recordHistoryDepth back) that `parse` reads. */
async function lastGoodInHistory<T>(
  repo: GitRepo,
  tip: string,
  path: string,
  parse: (text: string) => T | undefined,
): Promise<{ text: string; value: T } | undefined> {
  let commit = tip;
  for (let depth = 0; depth < recordHistoryDepth; depth++) {
    const parent = (await parentOf(repo, commit)) ?? '';
    if (parent === '') return undefined;
    const bytes = await readBlobAt(repo, parent, path).catch((err: unknown) => absentWhenMissing(err));
    if (bytes === undefined) return undefined; // the file did not exist yet: nothing to keep
    const text = new TextDecoder().decode(bytes);
    const value = parse(text);
    if (value !== undefined) return { text, value };
    commit = parent;
  }
  return undefined;
}

async function parentOf(repo: GitRepo, commit: string): Promise<string | undefined> {
  try {
    return (await readCommitInfo(repo, commit)).parents[0];
  } catch (err) {
    return absentWhenMissing(err);
  }
}

/** A shallow status branch lacks older commits: the history search ends there; any other fault is rethrown. */
function absentWhenMissing(err: unknown): undefined {
  if (err instanceof GitRepositoryBroken) return undefined;
  throw err;
}
