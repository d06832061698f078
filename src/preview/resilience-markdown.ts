/** The "Resilience" section of the pull-request comment (`flotilla diff --resilience`). */
import { markdownCell as cell, type ResilienceReport } from '../simulate/index.ts';

/** Rows the section lists before it summarises the rest. */
const maxRows = 50;

/** The section's lines (empty without a report); table rows start with `| ` so the comment's size cap can count them. */
export function resilienceSection(r: ResilienceReport | undefined): string[] {
  if (r === undefined) return [];
  const worse = r.changes.filter((c) => c.kind === 'worse');
  const better = r.changes.filter((c) => c.kind === 'better');
  const lines = ['', '#### Resilience', ''];
  const tested = `${r.scenarios.length} single-failure scenario${r.scenarios.length === 1 ? '' : 's'} (${r.scenarios
    .slice(0, 6)
    .map((s) => `\`${s}\``)
    .join(', ')}${r.scenarios.length > 6 ? ', …' : ''})`;
  if (worse.length === 0 && better.length === 0) lines.push(`No change in what ${tested} would do.`);
  else lines.push(`${tested}: **${worse.length} worse**, ${better.length} better.`);
  const rows = [...worse, ...better];
  if (rows.length) {
    lines.push('', '| | Scenario | Workload | Replicas lost (base → head) | |', '|---|---|---|---:|---|');
    for (const c of rows.slice(0, maxRows))
      lines.push(
        `| ${c.kind === 'worse' ? '🔴' : '🟢'} | \`${cell(c.scenario)}\` | ${cell(c.workload)} | ${c.baseLost} → ${c.headLost} | ${cell(c.message)} |`,
      );
    if (rows.length > maxRows)
      lines.push(
        `| | … | ${rows.length - maxRows} more | | \`flotilla diff --resilience --format json\` lists them all |`,
      );
  }
  if (r.headLosses.length)
    lines.push(
      '',
      `With the head, ${r.headLosses.length} scenario${r.headLosses.length === 1 ? '' : 's'} lose${r.headLosses.length === 1 ? 's' : ''} replicas: ${r.headLosses
        .slice(0, 5)
        .map((l) => cell(l.verdict))
        .join('; ')}${r.headLosses.length > 5 ? '; …' : ''}.`,
    );
  return lines;
}
