/** The optional `flotilla.yaml` at the repo root: written form → Settings with defaults (T1). */
import type { Settings } from '../api/index.ts';
import { isPlainObject } from '../api/index.ts';

/** The settings file's path, relative to the repo root. */
export const settingsPath = 'flotilla.yaml';

/** Defaults of every setting (DESIGN "Contracts": branch names; issue 7: poll every minute). */
export const defaultSettings: Settings = {
  include: ['**/*.yaml', '**/*.yml', '**/*.json'],
  exclude: [],
  sourceBranch: 'main',
  statusBranch: 'flotilla-status',
  renderedBranch: 'flotilla-rendered',
  renderedClusterBranches: false,
  pollSchedule: '* * * * *',
};

/** Applies defaults to a settings document that already passed schema validation (schemas/flotilla.schema.json). */
export function normaliseSettings(written: unknown): Settings {
  const w = isPlainObject(written) ? written : {};
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    include: strings(w['include']) ?? defaultSettings.include,
    exclude: strings(w['exclude']) ?? defaultSettings.exclude,
    sourceBranch: str(w['sourceBranch']) ?? defaultSettings.sourceBranch,
    statusBranch: str(w['statusBranch']) ?? defaultSettings.statusBranch,
    renderedBranch: str(w['renderedBranch']) ?? defaultSettings.renderedBranch,
    renderedClusterBranches:
      typeof w['renderedClusterBranches'] === 'boolean'
        ? w['renderedClusterBranches']
        : defaultSettings.renderedClusterBranches,
    pollSchedule: str(w['pollSchedule']) ?? defaultSettings.pollSchedule,
  };
}
