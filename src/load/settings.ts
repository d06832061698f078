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
  pollSchedule: '* * * * *',
};

/** Applies defaults to a settings document that already passed schema validation. */
export function normaliseSettings(written: unknown): Settings {
  const w = isPlainObject(written) ? written : {};
  const src = isPlainObject(w['spec']) ? w['spec'] : w;
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const branches = isPlainObject(src['branches']) ? src['branches'] : {};
  return {
    include: strings(src['include']) ?? defaultSettings.include,
    exclude: strings(src['exclude']) ?? defaultSettings.exclude,
    sourceBranch: str(src['sourceBranch']) ?? str(branches['source']) ?? defaultSettings.sourceBranch,
    statusBranch: str(src['statusBranch']) ?? str(branches['status']) ?? defaultSettings.statusBranch,
    renderedBranch: str(src['renderedBranch']) ?? str(branches['rendered']) ?? defaultSettings.renderedBranch,
    pollSchedule: str(src['pollSchedule']) ?? str(src['poll']) ?? defaultSettings.pollSchedule,
  };
}
