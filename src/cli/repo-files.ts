/** Writing files into the fleet repo's working tree for `join`, `unjoin` and `promote`: never over a file without --force. */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { FlotillaError, type KubeObject } from '../api/index.ts';
import { yamlOptions } from './output.ts';

/** A file the command would write exists and --force was not given. */
export class RepoFileExists extends FlotillaError<{ file: string }> {
  constructor(file: string) {
    super(`${file} already exists; pass --force to overwrite it`, { file });
  }
}

/** The repo file could not be written or removed. */
export class RepoFileUnwritable extends FlotillaError<{ file: string }> {}

/** Whether `file` exists. */
export async function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return false;
      throw new RepoFileUnwritable(`cannot read ${file}`, { file }, { cause: err });
    },
  );
}

/** Refuses (RepoFileExists) when any of `files` (relative to `dir`) exists, unless `force`. */
export async function refuseOverwrite(dir: string, files: readonly string[], force: boolean): Promise<void> {
  if (force) return;
  for (const f of files) if (await fileExists(path.join(dir, f))) throw new RepoFileExists(f);
}

/** Writes `objects` as one multi-document YAML file at `rel` under `dir`, with a leading comment. */
export async function writeManifests(
  dir: string,
  rel: string,
  comment: string,
  objects: readonly KubeObject[],
): Promise<void> {
  const file = path.join(dir, rel);
  const head = comment
    .split('\n')
    .map((l) => `# ${l}`.trimEnd())
    .join('\n');
  const body = objects.map((o) => YAML.stringify(o, yamlOptions)).join('---\n');
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${head}\n${body}`);
  } catch (err) {
    throw new RepoFileUnwritable(`cannot write ${rel}`, { file: rel }, { cause: err });
  }
}

/** Removes `rel` under `dir`. */
export async function removeRepoFile(dir: string, rel: string): Promise<void> {
  try {
    await rm(path.join(dir, rel));
  } catch (err) {
    throw new RepoFileUnwritable(`cannot remove ${rel}`, { file: rel }, { cause: err });
  }
}
