/**
 * What `npm run build` (the npm package) and `npm run build:sea` (the single executable) share:
 * paths, the esbuild options both bundles start from, and the third-party notices of what a
 * bundle carries (every dependency is bundled, so their licences travel with it).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';
import { precompiledSchemas } from './schema-validators.ts';

/** The checkout. */
export const root = path.resolve(import.meta.dirname, '..');
/** Everything the builds write; git-ignored. */
export const distDir = path.join(root, 'dist');
/** The CLI's entry module (it exports `main`, which the bin shim or the SEA entry calls). */
export const cliEntry = path.join(root, 'src', 'cli', 'main.ts');

/** The esbuild options of both bundles: everything (dependencies, JSON schemas and their compiled validators, package.json) inlined, for Node. */
export const commonOptions = {
  bundle: true,
  platform: 'node',
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none', // the notices file carries the licences whole
  // Readable stack traces in bug reports matter more than a few megabytes.
  minify: false,
  sourcemap: false,
  // The JSON Schemas' validators compiled here, not at each start (src/load/schema/precompiled.ts).
  plugins: [precompiledSchemas(root)],
} as const satisfies BuildOptions;

/** One bundled package: its name, version, licence and licence text. */
interface Notice {
  readonly name: string;
  readonly version: string;
  readonly license: string;
  readonly text: string;
}

/**
 * Writes THIRD-PARTY-NOTICES.txt for the packages a bundle took modules from (esbuild's metafile
 * inputs under node_modules), sorted by name, each with its licence file.
 */
export function writeNotices(metafile: Metafile, file: string): number {
  const dirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m?.[1]) dirs.add(m[1]);
  }
  const notices = [...dirs]
    .map((d) => noticeOf(path.join(root, d)))
    .toSorted((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const body = notices
    .map((n) => `${n.name}@${n.version} (${n.license})\n\n${n.text.trim()}\n`)
    .join(`\n${'-'.repeat(72)}\n\n`);
  writeFileSync(file, `flotilla bundles the following packages.\n\n${'='.repeat(72)}\n\n${body}`);
  return notices.length;
}

function noticeOf(dir: string): Notice {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const licenseFile = existsSync(dir)
    ? readdirSync(dir)
        .toSorted()
        .find((f) => /^(licen[cs]e|copying)/i.test(f))
    : undefined;
  const text = licenseFile
    ? readFileSync(path.join(dir, licenseFile), 'utf8')
    : `(no licence file in the package; package.json says ${pkg.license ?? 'nothing'})`;
  return { name: pkg.name, version: pkg.version, license: pkg.license ?? 'UNKNOWN', text };
}
