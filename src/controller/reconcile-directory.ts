/**
 * Reconciling a plain directory (not a git repository): there is no branch to write status or a
 * rendered tree to, so flotilla plans the working tree, optionally writes the rendered tree to
 * `--out DIR`, and reports. Following a directory re-plans on every (debounced) file change.
 */
import { planSnapshot, type Plan } from '../plan/index.ts';
import { readRevision, startWatch, watchPaths } from '../source/index.ts';
import { writeRenderedDir } from '../writeback/index.ts';

/** The result of one directory reconcile. */
export interface DirectoryOutcome {
  readonly plan: Plan;
  /** Files written to `--out`, when given and the revision is valid. */
  readonly written: { readonly written: number; readonly removed: number } | undefined;
}

/** Plans `dir`'s working tree and writes the rendered tree to `outDir` when valid (never when invalid). */
export async function reconcileDirectory(dir: string, outDir: string | undefined): Promise<DirectoryOutcome> {
  const plan = planSnapshot(await readRevision({ kind: 'directory', dir }));
  const written = outDir && plan.errors.length === 0 ? await writeRenderedDir(outDir, plan) : undefined;
  return { plan, written };
}

/** Re-runs `reconcileDirectory` on every debounced change under `dir` until `signal` aborts. */
export async function followDirectory(
  dir: string,
  outDir: string | undefined,
  signal: AbortSignal,
  onOutcome: (o: DirectoryOutcome | { readonly error: unknown }) => void,
): Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      await reconcileDirectory(dir, outDir).then(onOutcome, (error: unknown) => onOutcome({ error }));
    } while (again);
    running = undefined;
  };
  const fire = () => {
    if (running !== undefined) again = true;
    else running = run();
  };
  fire();
  const watcher = startWatch(watchPaths({ kind: 'directory', dir }), fire);
  await new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  await watcher.stop();
  await running;
}
