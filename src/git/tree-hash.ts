/**
 * A tree hashed as git would write it, without writing anything: its id, its object's content,
 * and its entries. Comparing it with a written tree by id tells, one folder at a time, what a
 * commit must change (tree-compare.ts), and its content is what gets written (tree-writer.ts).
 */
import { objectOid, treeContent, type TreeEntry } from './loose-object.ts';

/** A file of a hashed tree: its bytes and blob id. */
export interface HashedBlob {
  readonly bytes: Uint8Array;
  readonly oid: string;
}

/** A hashed tree (see the file comment); entries by name, files and subtrees. */
export interface HashedTree {
  readonly oid: string;
  readonly content: Uint8Array;
  readonly entries: ReadonlyMap<string, HashedBlob | HashedTree>;
}

/** Whether a hashed tree's entry is a subtree. */
export function isHashedTree(entry: HashedBlob | HashedTree): entry is HashedTree {
  return 'entries' in entry;
}

/** The tree of `files` (path relative to the tree, `/`-separated, safe names → file), hashed. */
export function hashTree(files: Iterable<readonly [string, HashedBlob]>): HashedTree {
  const root: Folder = new Map();
  for (const [path, file] of files) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      const sub = folder.get(part);
      if (sub instanceof Map) folder = sub;
      else {
        // A name that was a file becomes a folder, as a later change of the same path would make it.
        const made: Folder = new Map();
        folder.set(part, made);
        folder = made;
      }
    }
    folder.set(parts[parts.length - 1] ?? '', file);
  }
  return hashFolder(root);
}

type Folder = Map<string, HashedBlob | Folder>;

function hashFolder(folder: Folder): HashedTree {
  const entries = new Map<string, HashedBlob | HashedTree>();
  const listed: TreeEntry[] = [];
  for (const [name, entry] of folder) {
    if (entry instanceof Map) {
      const sub = hashFolder(entry);
      entries.set(name, sub);
      listed.push({ mode: '040000', path: name, oid: sub.oid, type: 'tree' });
    } else {
      entries.set(name, entry);
      listed.push({ mode: '100644', path: name, oid: entry.oid, type: 'blob' });
    }
  }
  const content = treeContent(listed);
  return { oid: objectOid('tree', content), content, entries };
}
