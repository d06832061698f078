/**
 * Finds where an unknown field would have been known one level further down, for the common mistake
 * of leaving out a level (`placement.clusterNames` instead of `placement.clusterAffinity.clusterNames`).
 */
import { compareStrings } from '../../api/index.ts';
import { schemaDocuments } from './schemas.ts';

type SchemaNode = Readonly<Record<string, unknown>>;

let owners: WeakMap<object, string> | undefined;
let byId: ReadonlyMap<string, SchemaNode> | undefined;

/**
 * The one property of `parentSchema` whose object schema declares `field`, or undefined when none or
 * several do (a guess between several places would mislead).
 */
export function nestedHomeOf(field: string, parentSchema: unknown): string | undefined {
  if (!isNode(parentSchema) || !isNode(parentSchema['properties'])) return undefined;
  const docId = ownerOf(parentSchema);
  if (docId === undefined) return undefined;
  const homes: string[] = [];
  for (const name of Object.keys(parentSchema['properties']).sort(compareStrings)) {
    const child = resolve(parentSchema['properties'][name], docId);
    if (child && isNode(child.node['properties']) && Object.hasOwn(child.node['properties'], field)) homes.push(name);
  }
  return homes.length === 1 ? homes[0] : undefined;
}

/** Follows `$ref`s (at most a few hops) to the schema they name, with the document it lives in. */
function resolve(schema: unknown, docId: string): { node: SchemaNode; docId: string } | undefined {
  let node = schema;
  let doc = docId;
  for (let hops = 0; hops < 8 && isNode(node) && typeof node['$ref'] === 'string'; hops++) {
    const [file = '', pointer = ''] = node['$ref'].split('#');
    if (file) doc = file;
    node = walk(documents().get(doc), pointer);
  }
  return isNode(node) ? { node, docId: doc } : undefined;
}

function walk(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isNode(node) ? node[key] : undefined;
  }
  return node;
}

function ownerOf(schema: object): string | undefined {
  if (!owners) {
    const map = new WeakMap<object, string>();
    for (const [id, doc] of documents()) mark(doc, id, map);
    owners = map;
  }
  return owners.get(schema);
}

function mark(node: unknown, id: string, map: WeakMap<object, string>): void {
  if (typeof node !== 'object' || node === null) return;
  map.set(node, id);
  for (const v of Object.values(node)) mark(v, id, map);
}

function documents(): ReadonlyMap<string, SchemaNode> {
  byId ??= new Map(schemaDocuments.filter(isNode).map((d) => [String(d['$id']), d]));
  return byId;
}

function isNode(v: unknown): v is SchemaNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
