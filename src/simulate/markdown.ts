/**
 * Scenarios as Markdown (`flotilla simulate -o markdown`): one row per scenario, then the
 * workloads that lose replicas and the survivors that take them, capped at `limit` characters.
 */
import { describeLoad, describeMoves, describeReasons, workloadName } from './describe.ts';
import type { ScenarioImpact } from './types.ts';

/** Markdown of the scenarios, at most `limit` characters, saying when rows were left out. */
export function formatScenariosMarkdown(impacts: readonly ScenarioImpact[], limit = 60_000): string {
  const lines = [
    '### flotilla simulate',
    '',
    '| Scenario | Failed clusters | Workloads affected | Replicas moved | Replicas lost | Verdict |',
    '|---|---:|---:|---:|---:|---|',
  ];
  for (const i of impacts)
    lines.push(
      `| \`${cell(i.scenario.name)}\` | ${i.summary.failedClusters} | ${i.summary.affectedWorkloads} | ${i.summary.movedReplicas} | ${i.summary.lostReplicas} | ${cell(i.verdict)} |`,
    );
  const lossy = impacts.flatMap((i) =>
    i.workloads
      .filter((w) => w.lost > 0)
      .map(
        (w) =>
          `| \`${cell(i.scenario.name)}\` | ${cell(workloadName(w))} | ${w.verdict} | ${w.lost} | ${cell(describeMoves(w.moved))} | ${cell(describeReasons(w.reasons))} |`,
      ),
  );
  if (lossy.length)
    lines.push('', '| Scenario | Workload | Verdict | Lost | Moved | Why |', '|---|---|---|---:|---|---|', ...lossy);
  const loads = impacts.flatMap((i) =>
    i.clusters.map(
      (l) => `| \`${cell(i.scenario.name)}\` | \`${cell(l.cluster)}\` | ${l.movedIn} | ${cell(describeLoad(l))} |`,
    ),
  );
  if (loads.length)
    lines.push(
      '',
      '| Scenario | Survivor | Replicas in | Capacity used before → after |',
      '|---|---|---:|---|',
      ...loads,
    );
  return fitMarkdown(lines, limit);
}

/** Whole lines while they fit in `limit`, then a note of how many table rows were left out. */
export function fitMarkdown(lines: readonly string[], limit: number): string {
  const room = limit - 200;
  let out = '';
  let omitted = 0;
  for (const line of lines) {
    if (!omitted && out.length + line.length + 1 <= room) out += `${line}\n`;
    else if (line.startsWith('| ')) omitted += 1;
  }
  return omitted ? `${out}\n> **Truncated:** ${omitted} table rows not shown; \`-o json\` has everything.\n` : out;
}

/** A table cell: pipes escaped, newlines flattened, angle brackets neutralised. */
export function cell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}
