/** Builders of fleet snapshots for the tests of plan reuse (STYLE Q2). */
import type { Snapshot } from '../load/index.ts';
import { toYaml } from '../../test/preview/fleet-repo.ts';

/** Files of a fleet: path → objects as YAML documents (null: the file is absent). */
export type Files = Record<string, readonly object[] | null>;

/** A snapshot of the files, sorted by path. */
export function snapshotOf(revision: string, files: Files): Snapshot {
  const encoder = new TextEncoder();
  const present = Object.entries(files)
    .filter((e): e is [string, readonly object[]] => e[1] !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    revision,
    files: present.map(([path, objects]) => ({ path, bytes: encoder.encode(toYaml(objects)) })),
    problems: [],
  };
}
