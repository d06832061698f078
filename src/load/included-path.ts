/** Whether a fleet repo's settings read a file at a path (flotilla.yaml include / exclude, as loadFleet applies them). */
import picomatch from 'picomatch';
import type { Settings } from '../api/index.ts';
import { isManifestPath } from './source-file.ts';

/** True when loadFleet would read `path` under `settings`. */
export function isIncludedPath(settings: Settings, path: string): boolean {
  const included = picomatch(settings.include as string[], { dot: false });
  const excluded = settings.exclude.length ? picomatch(settings.exclude as string[], { dot: true }) : () => false;
  return isManifestPath(path) && included(path) && !excluded(path);
}
