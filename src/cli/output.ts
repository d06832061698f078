/** Output formats and serialisers for command results (K4). */
import YAML from 'yaml';

/** JSON with two-space indent and a trailing newline. */
export function toJsonText(v: unknown): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}

/** How every YAML output is printed: no line folding, no anchors. */
export const yamlOptions = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** YAML of the same object as the JSON form. */
export function toYamlText(v: unknown): string {
  return YAML.stringify(v, yamlOptions);
}

/** A plain text table: columns padded to their widest cell, like kubectl's. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  noHeader = false,
  paint?: CellPaint,
): string {
  const all = noHeader ? rows : [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const cell = (c: string, i: number, isHeader: boolean) => {
    const padded = i === header.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3);
    if (!paint || isHeader || c === '') return padded;
    // Colour the text, not its padding, so columns stay aligned.
    return `${paint(c, header[i] ?? '')}${padded.slice(c.length)}`;
  };
  return (
    all
      .map((r, n) =>
        r
          .map((c, i) => cell(c, i, !noHeader && n === 0))
          .join('')
          .trimEnd(),
      )
      .join('\n') + (all.length ? '\n' : '')
  );
}

/** Colours a table cell, given its text and its column's header. */
export type CellPaint = (text: string, column: string) => string;

/**
 * A list that stays readable on a large fleet: up to `shown` items, then "… +N more (T)"; the
 * whole list when `full` (-o wide).
 */
export function abbreviateList(items: readonly string[], full: boolean, shown = 3): string {
  if (full || items.length <= shown + 1) return items.join(',');
  return `${items.slice(0, shown).join(',')},… +${items.length - shown} more (${items.length})`;
}
