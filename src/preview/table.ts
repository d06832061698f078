/** The terminal form of a preview: a resources table, a clusters table, errors and the summary line. */
import { describeRef } from '../api/index.ts';
import { summaryLine } from './diff-plans.ts';
import {
  describeDiagnostic,
  describeOutcome,
  describePlacement,
  describePolicy,
  describeResource,
  shortRevision,
} from './describe.ts';
import type { ChangeKind, ObjectChange, PlanDiff } from './model.ts';

const marks: Readonly<Record<ChangeKind, string>> = { added: '+', removed: '-', changed: '~' };

/** Plain text, columns padded like kubectl's; `noHeader` drops the header lines of both tables. */
export function formatTable(d: PlanDiff, noHeader = false): string {
  const out: string[] = [
    `${d.base.ref} (${shortRevision(d.base.revision)}) → ${d.head.ref} (${shortRevision(d.head.revision)})`,
  ];
  if (d.head.errors.length) {
    out.push(
      '',
      `head revision is invalid (${d.head.errors.length} error${d.head.errors.length === 1 ? '' : 's'}):`,
      ...d.head.errors.map((e) => `  ${describeDiagnostic(e)}`),
    );
  }
  if (d.head.warnings.length) {
    out.push(
      '',
      `head revision has ${d.head.warnings.length} warning${d.head.warnings.length === 1 ? '' : 's'}${d.head.newWarnings ? ` (${d.head.newWarnings} new)` : ''}:`,
      ...d.head.warnings.map((w) => `  ${describeDiagnostic(w, 'warning')}`),
    );
  }
  if (d.base.errors.length)
    out.push(
      '',
      `base revision is invalid (${d.base.errors.length} errors): everything it would place counts as added`,
    );
  if (d.resources.length) {
    const rows = d.resources.map((r) => [
      describeResource(r.resource),
      describeOutcome(r),
      describePolicy(r),
      describePlacement(r),
    ]);
    out.push('', padColumns(['RESOURCE', 'CHANGE', 'POLICY', 'PLACEMENT'], rows, noHeader));
  }
  if (d.clusters.length) {
    const rows = d.clusters.map((c) => [
      c.cluster,
      String(c.added),
      String(c.removed),
      String(c.changed),
      objectList(c.objects),
    ]);
    out.push('', padColumns(['CLUSTER', 'ADDED', 'REMOVED', 'CHANGED', 'OBJECTS'], rows, noHeader));
  }
  if (!d.changed) out.push('', 'no differences');
  out.push('', summaryLine(d.summary));
  return `${out.join('\n')}\n`;
}

/** Objects shown per cluster row before `…and N more`. */
const maxObjects = 5;

function objectList(objects: readonly ObjectChange[]): string {
  const shown = objects.slice(0, maxObjects).map((o) => `${marks[o.change]}${describeRef(o.resource)}`);
  return objects.length > maxObjects
    ? `${shown.join(', ')} …and ${objects.length - maxObjects} more`
    : shown.join(', ');
}

/** Columns padded to their widest cell, three spaces apart, no trailing blanks. */
function padColumns(header: readonly string[], rows: readonly (readonly string[])[], noHeader: boolean): string {
  const all = noHeader ? rows : [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}
