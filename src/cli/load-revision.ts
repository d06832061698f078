/** Shared by the commands that plan a repo: read the revision (directory or git ref), read --previous, plan. */
import path from 'node:path';
import type { Fleet } from '../api/index.ts';
import { loadSnapshot, planLoaded, type LoadedRevision, type Plan } from '../plan/index.ts';
// read-revision.ts rather than the folder's index: a plan needs neither watching nor polling nor webhooks.
import { readRevision, repoRevision } from '../source/read-revision.ts';
import { readPreviousFile } from './previous-file.ts';
import { withRecordedReplicas } from './recorded-replicas.ts';

/** Options common to plan-like commands. */
export interface RevisionOptions {
  readonly repo: string;
  readonly ref?: string | undefined;
  readonly previous?: string | undefined;
  /** `check`: render every Work to find its errors, keep none (for commands that print no Work). */
  readonly works?: 'keep' | 'check';
}

/** Reads the revision and plans it (the same path for `plan`, `validate`, `explain`, `render`, B4). */
export async function planRevision(opts: RevisionOptions, cwd: string): Promise<Plan> {
  return (await planRevisionWithFleet(opts, cwd)).plan;
}

/** planRevision, with the loaded fleet the plan was made from (for `explain`, which looks templates and policies up). */
export async function planRevisionWithFleet(opts: RevisionOptions, cwd: string): Promise<{ plan: Plan; fleet: Fleet }> {
  const loaded = await withRecordedReplicas(
    loadSnapshot(await readRevision(repoRevision(opts.repo, opts.ref, cwd))),
    opts.repo,
    cwd,
  );
  const previous = opts.previous ? await readPreviousFile(path.resolve(cwd, opts.previous)) : undefined;
  return { plan: planLoaded(loaded, { previous, works: opts.works ?? 'keep' }), fleet: loaded.fleet };
}

/** Reads and loads `repo`'s working tree (or `ref` of it) for the commands that plan with observed members (`apply`, `status`, `clusters`). */
export async function loadRevision(repo: string, ref: string | undefined, cwd: string): Promise<LoadedRevision> {
  return loadSnapshot(await readRevision(repoRevision(repo, ref, cwd)));
}
