/**
 * Safe file and directory names from object and cluster names: whatever a manifest's
 * `metadata.name` holds, the written path stays inside its folder (no `..`, `/`, `\`, NUL or
 * control characters, no leading dot, at most 200 bytes).
 */
import { stableHash } from '../api/index.ts';

/** Longest name segment written; longer names are cut and get a hash suffix so they stay unique. */
export const maxSegmentLength = 200;

/**
 * One path segment for `name`. A name that had to change gets a short hash of the original
 * appended, so `a/b` and `a_b` never collide:
 * | name        | segment            |
 * | `web`       | `web`              |
 * | `../etc`    | `_._etc-<hash>`    |
 * | `.hidden`   | `_hidden-<hash>`   |
 */
export function safeSegment(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must not hold
  let s = name.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_');
  s = s.replace(/^\./, '_');
  if (s === '') s = '_';
  const changed = s !== name;
  if (!changed && s.length <= maxSegmentLength) return s;
  return `${s.slice(0, maxSegmentLength - 9)}-${stableHash(name).slice(0, 8)}`;
}
