/**
 * The pull-request comment: a hidden marker (so the poster finds and updates its own comment),
 * the summary line and compact tables first, then folded details: a Mermaid diagram of replica
 * moves and one unified diff per cluster. The whole stays under {@link markdownLimit} characters:
 * GitHub rejects comments over 65,536.
 */
import { summaryLine } from './diff-plans.ts';
import {
  describeClusterCounts,
  describeOutcome,
  describePlacement,
  describePolicy,
  describeResource,
  shortRevision,
} from './describe.ts';
import { formatMermaid } from './mermaid.ts';
import type { ClusterChange, PlanDiff } from './model.ts';
import { resilienceSection } from './resilience-markdown.ts';
import { wavesSection } from './waves-markdown.ts';

/** The hidden marker that identifies flotilla's sticky comment. */
export const previewMarker = '<!-- flotilla-preview -->';
/** Default size cap of the Markdown form, below GitHub's 65,536-character comment limit. */
export const markdownLimit = 60_000;

/** Share of the budget the summary tables may take before their rows are cut. */
const tableShare = 0.4;
const truncationNoteRoom = 400;

/** Renders the preview as Markdown of at most `limit` characters, saying so when it cut anything. */
export function formatMarkdown(d: PlanDiff, limit = markdownLimit): string {
  const budget = limit - truncationNoteRoom;
  const head = headerOf(d);
  let out = head.join('\n');
  let omitted = 0;
  const tables = [
    ...resourceTable(d),
    ...clusterTable(d),
    ...wavesSection(d.waves),
    ...resilienceSection(d.resilience),
  ];
  const kept = fitLines(tables, budget * tableShare);
  out += kept.text;
  omitted += kept.omitted;
  let dropped = 0;
  let cut = false;
  for (const s of detailSections(d)) {
    const room = budget - out.length - 1;
    if (s.text.length <= room) out += `\n${s.text}`;
    else if (!cut && room >= minCutSection && s.cut) {
      out += `\n${s.cut(room)}`;
      cut = true;
    } else dropped += 1;
  }
  if (omitted || dropped || cut) out += `\n\n${truncationNote(limit, omitted, dropped, cut)}`;
  return `${out}\n`;
}

function headerOf(d: PlanDiff): string[] {
  const lines = [
    previewMarker,
    `### flotilla preview: \`${d.base.ref}\` (${shortRevision(d.base.revision)}) → \`${d.head.ref}\` (${shortRevision(d.head.revision)})`,
    '',
  ];
  const s = d.summary;
  const extra = [
    s.resourcesAdded ? `${s.resourcesAdded} added` : '',
    s.resourcesRemoved ? `${s.resourcesRemoved} removed` : '',
    s.unschedulable ? `**${s.unschedulable} unschedulable**` : '',
  ].filter((x) => x !== '');
  lines.push(`**${summaryLine(s)}**${extra.length ? ` · ${extra.join(' · ')}` : ''}`);
  if (d.head.errors.length) {
    lines.push(
      '',
      '> [!CAUTION]',
      `> The head revision is invalid (${d.head.errors.length} error${d.head.errors.length === 1 ? '' : 's'}): flotilla would reject it and keep the last good revision applied.`,
      '',
    );
    lines.push('| File | Line | Error |', '|---|---|---|');
    for (const e of d.head.errors.slice(0, 50))
      lines.push(`| \`${cell(e.file)}\` | ${e.line} | ${cell(`${e.code}: ${e.message}`)} |`);
    if (d.head.errors.length > 50) lines.push(`| … | | ${d.head.errors.length - 50} more errors |`);
  }
  if (d.head.warnings.length) {
    const n = d.head.warnings.length;
    lines.push(
      '',
      '> [!WARNING]',
      `> The head revision has ${n} warning${n === 1 ? '' : 's'}${d.head.newWarnings ? ` (${d.head.newWarnings} new in this change)` : ''}: it plans, but check them.`,
      '',
    );
    lines.push('| File | Line | Warning |', '|---|---|---|');
    for (const w of d.head.warnings.slice(0, 50))
      lines.push(`| \`${cell(w.file)}\` | ${w.line} | ${cell(`${w.code}: ${w.message}`)} |`);
    if (n > 50) lines.push(`| … | | ${n - 50} more warnings |`);
  }
  if (d.base.errors.length)
    lines.push(
      '',
      `> [!NOTE]\n> The base revision is invalid (${d.base.errors.length} errors): everything the head places counts as added.`,
    );
  if (!d.changed) lines.push('', 'No differences: this change does not alter what any cluster runs.');
  return lines;
}

function resourceTable(d: PlanDiff): string[] {
  if (!d.resources.length) return [];
  return [
    '',
    '| Resource | Change | Placement | Policy |',
    '|---|---|---|---|',
    ...d.resources.map(
      (r) =>
        `| ${cell(describeResource(r.resource))} | ${cell(describeOutcome(r))} | ${cell(describePlacement(r))} | ${cell(describePolicy(r))} |`,
    ),
  ];
}

function clusterTable(d: PlanDiff): string[] {
  if (!d.clusters.length) return [];
  return [
    '',
    '| Cluster | Added | Removed | Changed |',
    '|---|---:|---:|---:|',
    ...d.clusters.map((c) => `| \`${cell(c.cluster)}\` | ${c.added} | ${c.removed} | ${c.changed} |`),
  ];
}

/** Keeps whole lines while they fit; counts the table rows (`| …`) left out. */
function fitLines(lines: readonly string[], budget: number): { text: string; omitted: number } {
  let text = '';
  let omitted = 0;
  for (const line of lines) {
    if (!omitted && text.length + line.length + 1 <= budget) text += `\n${line}`;
    else if (line.startsWith('| ')) omitted += 1;
  }
  return { text, omitted };
}

function truncationNote(limit: number, rows: number, sections: number, cut: boolean): string {
  const parts = [
    rows ? `${rows} table rows` : '',
    sections ? `${sections} cluster section${sections === 1 ? '' : 's'}` : '',
    cut ? 'the end of one diff' : '',
  ].filter((p) => p !== '');
  return (
    `> [!WARNING]\n> **Truncated:** the full preview does not fit in a ${limit}-character comment; ${parts.join(', ')} not shown.` +
    ' Run `flotilla diff --format json` for everything.'
  );
}

/** A folded section; `cut` renders it shortened to a number of characters, when that makes sense. */
interface Section {
  readonly text: string;
  readonly cut?: (room: number) => string;
}

/** A section is only shortened when at least this much of it can be shown. */
const minCutSection = 2000;

function detailSections(d: PlanDiff): Section[] {
  const out: Section[] = [];
  if (d.moves.length) {
    const total = d.moves.reduce((s, m) => s + m.replicas, 0);
    out.push({
      text: [
        '',
        `<details><summary>Replica moves (${d.summary.replicasMoved} moved between clusters, ${total} in all)</summary>`,
        '',
        '```mermaid',
        formatMermaid(d.moves).trimEnd(),
        '```',
        '',
        '</details>',
      ].join('\n'),
    });
  }
  for (const c of d.clusters) {
    const body = c.objects.map((o) => o.diff.trimEnd()).join('\n');
    out.push({
      text: clusterSection(c, body),
      cut: (room) => clusterSection(c, cutLines(body, room - clusterSection(c, '').length - cutNote.length) + cutNote),
    });
  }
  return out;
}

const cutNote = '\n… (cut)';

function clusterSection(c: ClusterChange, body: string): string {
  const fence = body.includes('```') ? '~~~~' : '```';
  return [
    '',
    `<details><summary><code>${html(c.cluster)}</code>: ${describeClusterCounts(c)}</summary>`,
    '',
    `${fence}diff`,
    body,
    fence,
    '',
    '</details>',
  ].join('\n');
}

/** The longest prefix of whole lines of `text` within `room` characters. */
function cutLines(text: string, room: number): string {
  if (text.length <= room) return text;
  const end = text.lastIndexOf('\n', room);
  return end > 0 ? text.slice(0, end) : '';
}

/** A table cell: pipes escaped, newlines flattened, HTML angle brackets neutralised. */
function cell(s: string): string {
  return html(s).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
