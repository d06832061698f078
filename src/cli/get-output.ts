/**
 * `flotilla get`'s output: the members' server tables merged under one header with a CLUSTER
 * column first and flotilla's BINDING and REVISION (the source revision its inventory there records) last (karmadactl get adds CLUSTER and ADOPTION
 * the same way); `-o name` lines; `-o json|yaml` items with their cluster.
 */
import { bindingAnnotation, type KubeObject } from '../api/index.ts';
import { isOwned, type MemberGet } from '../cluster/get-objects.ts';
import { formatTable } from './output.ts';

type Read = MemberGet & { readonly kind: 'read' };

/** Table text: the server's priority-0 columns (all with `wide`), a NAMESPACE column when listing all namespaces. */
export function getTable(
  results: readonly MemberGet[],
  opts: { readonly wide: boolean; readonly allNamespaces: boolean; readonly noHeaders: boolean },
): string {
  const read = results.filter((r): r is Read => r.kind === 'read');
  const first = read.find((r) => r.table.columnDefinitions.length > 0);
  if (!first || read.every((r) => r.table.rows.length === 0)) return ''; // kubectl prints no header over nothing
  const columns = first.table.columnDefinitions.filter((c) => opts.wide || (c.priority ?? 0) === 0).map((c) => c.name);
  const header = [
    'CLUSTER',
    ...(opts.allNamespaces ? ['NAMESPACE'] : []),
    ...columns.map((c) => c.toUpperCase()),
    'BINDING',
    'REVISION',
  ];
  const rows = read.flatMap((r) => {
    const index = new Map(r.table.columnDefinitions.map((c, i) => [c.name, i] as const));
    return r.table.rows.map((row) => {
      const meta = row.object?.metadata ?? {};
      const owned = isOwned(r.owned, r.resolved, meta.namespace, meta.name);
      const binding = meta.annotations?.[bindingAnnotation];
      return [
        r.cluster,
        ...(opts.allNamespaces ? [meta.namespace ?? ''] : []),
        ...columns.map((c) => cell(row.cells[index.get(c) ?? -1])),
        owned && binding ? binding : '-',
        owned && r.owned.revision ? shortRevision(r.owned.revision) : '-',
      ];
    });
  });
  return formatTable(header, rows, opts.noHeaders);
}

/** `CLUSTER kind.group/name` per object, so `while read c o; do kubectl --context "$c" get "$o"; done` works. */
export function getNames(results: readonly MemberGet[]): string {
  return results
    .flatMap((r) =>
      r.kind === 'read'
        ? r.table.rows.map((row) => `${r.cluster} ${typeName(r)}/${row.object?.metadata?.name ?? ''}\n`)
        : [],
    )
    .join('');
}

/** The JSON/YAML shape: every object with its cluster and flotilla's ownership of it. */
export function getItems(results: readonly MemberGet[]): {
  items: { cluster: string; binding: string | null; revision: string | null; object: KubeObject }[];
} {
  return {
    items: results.flatMap((r) =>
      r.kind === 'read'
        ? r.objects.map((o) => {
            const owned = isOwned(r.owned, r.resolved, o.metadata.namespace, o.metadata.name);
            return {
              cluster: r.cluster,
              binding: owned ? (o.metadata.annotations?.[bindingAnnotation] ?? null) : null,
              revision: owned ? (r.owned.revision ?? null) : null,
              object: o,
            };
          })
        : [],
    ),
  };
}

/** How many objects were found across all members. */
export function countFound(results: readonly MemberGet[]): number {
  return results.reduce((n, r) => n + (r.kind === 'read' ? r.table.rows.length + r.objects.length : 0), 0);
}

function typeName(r: Read): string {
  const group = r.resolved.apiVersion.includes('/') ? r.resolved.apiVersion.split('/')[0] : '';
  return `${r.resolved.kind.toLowerCase()}${group ? `.${group}` : ''}`;
}

/** A commit as its first 7 characters; a working tree's label as `working-tree-` and 7 of its hash. */
function shortRevision(revision: string): string {
  if (/^[0-9a-f]{40}$/.test(revision)) return revision.slice(0, 7);
  const m = /^(.*-)([0-9a-f]{8,})$/.exec(revision);
  return m ? `${m[1] ?? ''}${(m[2] ?? '').slice(0, 7)}` : revision;
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '<none>';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
