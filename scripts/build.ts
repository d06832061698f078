/**
 * `npm run build` (and `prepack`): bundles the CLI for the npm package into dist/cli/ — ES modules
 * for Node >= 22.19, every dependency and the JSON schemas inlined, so the package has no
 * dependencies of its own. Commands stay separate chunks, loaded when they run (a `validate`
 * does not load the Kubernetes client), and the chunk holding src/cli/load-worker.ts is what
 * `flotilla diff` starts as its worker thread.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { cliEntry, commonOptions, distDir, writeNotices } from './build-options.ts';

/** The lowest Node the package runs on: undici 8 (of @kubernetes/client-node) requires 22.19. */
export const packageNodeTarget = 'node22.19';

const outdir = path.join(distDir, 'cli');
rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  ...commonOptions,
  entryPoints: { main: cliEntry },
  outdir,
  format: 'esm',
  splitting: true,
  target: packageNodeTarget,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (fengari, ajv, …) call require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __flotillaCreateRequire } from 'node:module';\nconst require = __flotillaCreateRequire(import.meta.url);",
  },
});
const packages = writeNotices(result.metafile, path.join(outdir, 'THIRD-PARTY-NOTICES.txt'));
const files = Object.keys(result.metafile.outputs).length;
process.stdout.write(
  `built ${path.relative(process.cwd(), outdir) || '.'}: ${files} files, ${packages} bundled packages, ${Math.round(performance.now() - started)} ms\n`,
);
