/** `flotilla render --out DIR`: the rendered tree written to a directory, stale files under `clusters/` removed. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../api/index.ts';
import type { Work } from '../render/index.ts';
import { renderedFiles, renderedRoot } from './rendered-tree.ts';

/** The output directory cannot be written. */
export class RenderOutUnwritable extends FlotillaError<{ dir: string }> {}

/** Writes the tree; returns the number of files written and removed. */
export async function writeRenderedDir(dir: string, works: readonly Work[]): Promise<{ written: number; removed: number }> {
  const files = renderedFiles(works);
  try {
    const existing = await listDir(path.join(dir, renderedRoot), renderedRoot);
    let removed = 0;
    for (const rel of existing) {
      if (files.has(rel)) continue;
      await rm(path.join(dir, rel), { force: true });
      removed++;
    }
    for (const [rel, text] of files) {
      const abs = path.join(dir, rel);
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, text);
    }
    await pruneEmptyDirs(path.join(dir, renderedRoot));
    return { written: files.size, removed };
  } catch (err) {
    throw new RenderOutUnwritable(`cannot write the rendered tree to ${dir}`, { dir }, { cause: err });
  }
}

async function listDir(abs: string, rel: string): Promise<string[]> {
  const entries = await readdir(abs, { withFileTypes: true }).catch((err: unknown) => {
    if (typeof err === 'object' && err !== null && 'code' in err && err.code === 'ENOENT') return [];
    throw err;
  });
  const out: string[] = [];
  for (const e of entries) {
    if (e.isDirectory()) out.push(...(await listDir(path.join(abs, e.name), `${rel}/${e.name}`)));
    else out.push(`${rel}/${e.name}`);
  }
  return out;
}

async function pruneEmptyDirs(abs: string): Promise<boolean> {
  const entries = await readdir(abs, { withFileTypes: true }).catch(() => []);
  let empty = true;
  for (const e of entries) {
    if (e.isDirectory() && (await pruneEmptyDirs(path.join(abs, e.name)))) await rm(path.join(abs, e.name), { recursive: true, force: true });
    else empty = false;
  }
  return empty;
}
