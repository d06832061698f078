/** `flotilla render --out DIR`: the rendered tree written to a directory, stale files under `clusters/` removed. */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FlotillaError } from '../api/index.ts';
import { renderedFiles, renderedRoot } from './rendered-tree.ts';
import type { RenderedPlan } from './rendered-writer.ts';

/** The output directory cannot be written. */
export class RenderOutUnwritable extends FlotillaError<{ dir: string }> {}

/** The files of the tree, those written (new or changed: a file that already holds its bytes is left alone) and those removed. */
export interface RenderOutResult {
  readonly clusters: number;
  readonly files: number;
  readonly written: number;
  readonly removed: number;
}

/** Writes the tree, touching only files whose bytes change. */
export async function writeRenderedDir(dir: string, plan: Omit<RenderedPlan, 'revision'>): Promise<RenderOutResult> {
  const files = renderedFiles(plan.works, plan.clusters);
  try {
    const existing = await listDir(path.join(dir, renderedRoot), renderedRoot);
    let removed = 0;
    for (const rel of existing) {
      if (files.has(rel)) continue;
      await rm(path.join(dir, rel), { force: true });
      removed++;
    }
    const present = new Set(existing);
    let written = 0;
    for (const [rel, text] of files) {
      const abs = path.join(dir, rel);
      if (present.has(rel) && (await readFile(abs, 'utf8')) === text) continue;
      await mkdir(path.dirname(abs), { recursive: true });
      await writeFile(abs, text);
      written++;
    }
    await pruneEmptyDirs(path.join(dir, renderedRoot));
    return {
      clusters: new Set([...files.keys()].map((p) => p.split('/')[1])).size,
      files: files.size,
      written,
      removed,
    };
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
    if (e.isDirectory() && (await pruneEmptyDirs(path.join(abs, e.name))))
      await rm(path.join(abs, e.name), { recursive: true, force: true });
    else empty = false;
  }
  return empty;
}
