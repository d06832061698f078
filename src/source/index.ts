/** The public surface of src/source: reading fleet snapshots from disk and git. */
export { readDirectory, RepoUnreadable } from './directory.ts';
export { loadDirectory } from './load-directory.ts';
