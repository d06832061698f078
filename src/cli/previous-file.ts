/** `--previous FILE` (plan, explain, diff): the placement an earlier revision produced, read from a file. */
import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { FlotillaError } from '../api/index.ts';
import { parsePrevious, type PreviousInput } from '../plan/index.ts';

/** The --previous file cannot be read or parsed. */
export class PreviousUnreadable extends FlotillaError<{ file: string }> {}

/** Reads a previous plan's JSON or a list of bindings; malformed entries become diagnostics against `file`. */
export async function readPreviousFile(file: string): Promise<PreviousInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new PreviousUnreadable(`cannot read --previous file ${file}`, { file }, { cause: err });
  }
  let value: unknown;
  try {
    value = YAML.parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new PreviousUnreadable(`--previous file ${file} is neither JSON nor YAML`, { file }, { cause: err });
  }
  const parsed = parsePrevious(value, file);
  return {
    placement: parsed.previous,
    applied: parsed.applied,
    records: parsed.records,
    diagnostics: parsed.diagnostics,
  };
}
