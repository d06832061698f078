/**
 * File-system trigger (chokidar): a plain directory's working tree, or a local repository's refs
 * (a `git commit` moves `refs/heads/<branch>` or `packed-refs`). Bursts of events, as an editor
 * saving many files makes, are debounced into one trigger.
 */
import path from 'node:path';
import chokidar from 'chokidar';
import type { Trigger } from './poll.ts';

/** Default quiet period before a burst of file events fires. */
export const defaultDebounceMs = 150;

/** Watches `paths`; `fire` runs once per burst, `debounceMs` after its last event. */
export function startWatch(paths: readonly string[], fire: () => void, debounceMs = defaultDebounceMs): Trigger {
  // Inside a working tree, `.git` churns on every git command: only refs are watched, through a gitdir source.
  const skipped = new Set([
    'node_modules',
    '.flotilla',
    ...(paths.some((p) => p.split(path.sep).includes('.git')) ? [] : ['.git']),
  ]);
  let timer: NodeJS.Timeout | undefined;
  const watcher = chokidar.watch([...paths], {
    ignoreInitial: true,
    ignored: (p: string) => p.split(path.sep).some((s) => skipped.has(s)),
  });
  watcher.on('all', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fire();
    }, debounceMs);
  });
  return {
    async stop() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** What to watch for a source: a directory's tree (minus `.git`), or a git dir's branch refs. */
export function watchPaths(
  source:
    | { readonly kind: 'directory'; readonly dir: string }
    | { readonly kind: 'gitdir'; readonly gitdir: string; readonly branch: string },
): string[] {
  return source.kind === 'directory'
    ? [source.dir]
    : [path.join(source.gitdir, 'refs', 'heads'), path.join(source.gitdir, 'packed-refs')];
}
