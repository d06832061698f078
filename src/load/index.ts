/** The public surface of src/load: snapshot → Fleet. */
export { loadFleet, type LoadResult } from './load-fleet.ts';
export { isManifestPath, type ReadProblem, type Snapshot, type SourceFile } from './source-file.ts';
export { defaultSettings, settingsPath } from './settings.ts';
export { suggestionFor } from './schema/issue.ts';
