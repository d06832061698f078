/**
 * The rendered tree (rendered-tree.ts) as one hashed folder per cluster, remembered between
 * passes so that a one-template change costs what it changes:
 * - a Work the plan hands back unchanged (the same object) keeps its files without a lookup;
 * - a cluster whose Works are all the same objects keeps its whole folder, tree id included;
 * - any other manifest goes through the serialisation memo (serial-cache.ts: identity, then JSON).
 * A folder whose files come out with the ids it had keeps its tree id without hashing again.
 * Work objects are never mutated once planned (STYLE T3), so one seen before holds what it held.
 */
import { compareStrings, type JsonObject } from '../api/index.ts';
import { hashTree, type HashedTree } from '../git/index.ts';
import type { Work } from '../render/index.ts';
import type { DesiredFile } from './file-changes.ts';
import { safeSegment } from './file-name.ts';
import { folderLayout, manifestPlace, worksByCluster, type ManifestPlace } from './rendered-tree.ts';
import { portableYaml } from './rendered-yaml.ts';
import { desiredFile, serialCache, type SerialCache } from './serial-cache.ts';

/** One cluster folder: relative path → file (sorted), and the folder hashed as a git tree. */
export interface RenderedFolder {
  readonly files: ReadonlyMap<string, DesiredFile>;
  readonly tree: HashedTree;
}

/** The memo renderedFolders keeps between passes (see the file comment). */
export interface RenderedMemo {
  readonly serial: SerialCache<JsonObject, DesiredFile>;
  /** Each Work's manifests, placed and serialised; an entry lives as long as its Work. */
  readonly works: WeakMap<Work, readonly PlacedFile[]>;
  /** The last pass's folder of each cluster, with the Works it was made of. */
  folders: ReadonlyMap<string, { readonly works: readonly Work[]; readonly folder: RenderedFolder }>;
}

interface PlacedFile {
  readonly place: ManifestPlace;
  readonly file: DesiredFile;
}

/** A new, empty memo. */
export function renderedMemo(): RenderedMemo {
  return {
    serial: serialCache((value: JsonObject) => desiredFile(portableYaml(value))),
    works: new WeakMap(),
    folders: new Map(),
  };
}

/**
 * Folder name (`safeSegment` of the cluster) → folder, sorted by name: the rendered tree's
 * `clusters/` folder, file for file what renderedFiles gives. Clusters whose names sanitise to the
 * same folder share it, the later name's files winning, as in renderedFiles.
 */
export function renderedFolders(
  works: readonly Work[],
  clusters: readonly string[],
  memo: RenderedMemo,
): Map<string, RenderedFolder> {
  const perCluster = worksByCluster(works, clusters);
  const next = new Map<string, { works: readonly Work[]; folder: RenderedFolder }>();
  const bySegment = new Map<string, RenderedFolder[]>();
  for (const cluster of [...perCluster.keys()].sort(compareStrings)) {
    const list = perCluster.get(cluster) ?? [];
    const before = memo.folders.get(cluster);
    const folder =
      before !== undefined && sameWorks(before.works, list) ? before.folder : clusterFolder(list, memo, before?.folder);
    next.set(cluster, { works: list, folder });
    const segment = safeSegment(cluster);
    bySegment.set(segment, [...(bySegment.get(segment) ?? []), folder]);
  }
  memo.serial.settle();
  memo.folders = next;
  const out = new Map<string, RenderedFolder>();
  for (const segment of [...bySegment.keys()].sort(compareStrings)) {
    const shared = bySegment.get(segment) ?? [];
    out.set(segment, shared.length === 1 && shared[0] ? shared[0] : mergedFolder(shared));
  }
  return out;
}

function sameWorks(a: readonly Work[], b: readonly Work[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** One cluster's folder from its Works; the tree of `before` when every file kept its id. */
function clusterFolder(works: readonly Work[], memo: RenderedMemo, before: RenderedFolder | undefined): RenderedFolder {
  const placed = works.flatMap((w) => placedFiles(w, memo));
  const toFile = (value: JsonObject) => memo.serial.get(value);
  const files = folderLayout(
    placed.map((p) => p.place),
    toFile,
    (_place, i) => (placed[i] as PlacedFile).file,
  );
  const sorted = new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
  if (before !== undefined && sameFiles(before.files, sorted)) return before;
  return { files: sorted, tree: hashTree(sorted) };
}

function placedFiles(work: Work, memo: RenderedMemo): readonly PlacedFile[] {
  const known = memo.works.get(work);
  if (known !== undefined) return known;
  const made = work.spec.workload.manifests.map((m) => {
    const place = manifestPlace(m);
    return { place, file: memo.serial.get(place.value, place.identity) };
  });
  memo.works.set(work, made);
  return made;
}

function sameFiles(a: ReadonlyMap<string, DesiredFile>, b: ReadonlyMap<string, DesiredFile>): boolean {
  if (a.size !== b.size) return false;
  for (const [path, file] of b) if (a.get(path)?.oid !== file.oid) return false;
  return true;
}

/** Folders of clusters sharing a folder name: later files win (as renderedFiles writes them). */
function mergedFolder(folders: readonly RenderedFolder[]): RenderedFolder {
  const files = new Map<string, DesiredFile>();
  for (const f of folders) for (const [path, file] of f.files) files.set(path, file);
  const sorted = new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
  return { files: sorted, tree: hashTree(sorted) };
}
