/** Colour for people, never for pipes: only on a terminal, never with NO_COLOR (no-color.org) or TERM=dumb. */

/** The few colours flotilla's output uses; each is the identity when colour is off. */
export interface Palette {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
}

const sgr = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[39m`;

/** No colour. */
export const plain: Palette = { red: (t) => t, yellow: (t) => t, green: (t) => t };

const ansi: Palette = { red: sgr(31), yellow: sgr(33), green: sgr(32) };

/** The palette for a stream: colour only when it is a terminal and the environment does not forbid it. */
export function paletteFor(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): Palette {
  if (isTTY !== true) return plain;
  if ((env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb') return plain;
  return ansi;
}

/** A diagnostic line (`file:1:2: error Code: …`) with its severity coloured. */
export function paintDiagnostic(line: string, p: Palette): string {
  return line.replace(
    /: (error|warning) /,
    (_match, severity: string) => `: ${severity === 'error' ? p.red(severity) : p.yellow(severity)} `,
  );
}
