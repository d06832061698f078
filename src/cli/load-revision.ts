/** Shared by the commands that plan a repo: read (directory or git ref), load, read --previous, plan. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { FlotillaError } from '../api/index.ts';
import { readRef } from '../git/index.ts';
import { loadFleet } from '../load/index.ts';
import { parsePrevious, planFleet, type Plan } from '../plan/index.ts';
import { readDirectory } from '../source/index.ts';

/** The --previous file cannot be read or parsed. */
export class PreviousUnreadable extends FlotillaError<{ file: string }> {}

/** Options common to plan-like commands. */
export interface RevisionOptions {
  readonly repo: string;
  readonly ref?: string | undefined;
  readonly previous?: string | undefined;
  /** `check`: render every Work to find its errors, keep none (for commands that print no Work). */
  readonly works?: 'keep' | 'check';
}

/** Reads the revision and plans it (the same path for `plan`, `validate`, `explain`, B4). */
export async function planRevision(opts: RevisionOptions, cwd: string): Promise<Plan> {
  const dir = path.resolve(cwd, opts.repo);
  const snapshot = opts.ref ? await readRef(dir, opts.ref) : await readDirectory(dir);
  const { fleet, diagnostics } = loadFleet(snapshot);
  const prev = opts.previous ? await readPrevious(path.resolve(cwd, opts.previous)) : undefined;
  return planFleet({ fleet, diagnostics: [...diagnostics, ...(prev?.diagnostics ?? [])], revision: snapshot.revision, ...(prev ? { previous: prev.previous, applied: prev.applied } : {}), works: opts.works ?? 'keep' });
}

async function readPrevious(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PreviousUnreadable(`cannot read --previous file ${file}`, { file }, { cause: err });
  }
  let value: unknown;
  try {
    value = YAML.parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new PreviousUnreadable(`--previous file ${file} is neither JSON nor YAML`, { file }, { cause: err });
  }
  return parsePrevious(value, file);
}
