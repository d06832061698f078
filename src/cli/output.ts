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
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], noHeader = false): string {
  const all = noHeader ? rows : [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3))).join('').trimEnd()).join('\n') + (all.length ? '\n' : '');
}
