/** The table of `flotilla apply`: one row per cluster, then the changes, each once with the clusters it happened on. */
import type { FleetApplyResult } from '../cluster/apply-fleet.ts';
import { describeObject } from '../cluster/object-id.ts';
import type { ObjectResult } from '../cluster/outcome.ts';
import { abbreviateList, formatTable } from './output.ts';

/** One row per cluster, then one per change: the same change on many clusters is one row with the clusters (the first few; all with -o wide). */
export function applyTable(r: FleetApplyResult, noHeader: boolean, wide: boolean): string {
  const count = (os: readonly ObjectResult[], a: string) => String(os.filter((o) => o.outcome.action === a).length);
  const rows = r.clusters.map((c) => [
    c.cluster,
    c.ok ? (r.dryRun ? 'DryRun' : 'Applied') : c.reason,
    count(c.objects, 'created'),
    count(c.objects, 'configured'),
    count(c.objects, 'drift-corrected'),
    count(c.objects, 'unchanged'),
    count(c.pruned, 'deleted'),
    count([...c.objects, ...c.pruned], 'failed'),
    c.ok ? '' : (c.message.split('\n')[0] ?? ''),
  ]);
  let out = formatTable(
    ['CLUSTER', 'RESULT', 'CREATED', 'CONFIGURED', 'DRIFTED', 'UNCHANGED', 'PRUNED', 'FAILED', 'MESSAGE'],
    rows,
    noHeader,
  );
  const changes = new Map<string, { row: string[]; clusters: string[] }>();
  for (const c of r.clusters) {
    for (const o of [...c.objects, ...c.pruned].filter((x) => x.outcome.action !== 'unchanged')) {
      const row = [describeObject(o.id), o.outcome.action, detail(o)];
      const key = row.join('\u0000');
      const seen = changes.get(key) ?? { row, clusters: [] };
      seen.clusters.push(c.cluster);
      changes.set(key, seen);
    }
  }
  // Map insertion order is the clusters' sorted order, then each cluster's object order: a change first seen on an earlier cluster comes first.
  const changeRows = [...changes.values()].map((x) => [abbreviateList(x.clusters, wide), ...x.row]);
  if (changeRows.length) out += `\n${formatTable(['CLUSTERS', 'OBJECT', 'ACTION', 'DETAIL'], changeRows, noHeader)}`;
  return out;
}

function detail(o: ObjectResult): string {
  const x = o.outcome;
  switch (x.action) {
    case 'configured':
      return x.paths.join(' ');
    case 'drift-corrected':
      return `${x.paths.join(' ')}${x.managers.length ? ` (changed by ${x.managers.join(', ')})` : ''}`;
    case 'failed':
    case 'skipped':
    case 'orphaned':
      return `${x.reason}: ${x.message}`;
    default:
      return '';
  }
}
