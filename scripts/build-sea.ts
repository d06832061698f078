/**
 * `npm run build:sea`: the single executable, dist/flotilla-linux-x64 — Node's single executable
 * application (SEA): the CLI bundled into one CommonJS file (schemas and package.json inlined as
 * JSON imports, so no assets are needed), turned into a preparation blob by
 * `node --experimental-sea-config`, and injected with postject into a copy of the pinned Node 24
 * binary (node_modules/node), the one that made the blob, as SEA requires.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { cliEntry, commonOptions, distDir, root, writeNotices } from './build-options.ts';

/** The fuse Node's binary carries for SEA (documented in Node's "Single executable applications"). */
/** import.meta.url inside the executable: a file URL that exists nowhere (see the define below). */
const noModuleFile = 'file:///flotilla-single-executable/has-no-module-file.cjs';
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const nodeBinary = path.join(root, 'node_modules', 'node', 'bin', 'node');
const target = `${process.platform}-${process.arch}`;
if (process.platform !== 'linux')
  throw new Error(
    `build:sea builds on Linux only (this is ${target}): other platforms need their binary's signature removed and re-applied`,
  );

const work = path.join(distDir, 'sea');
const bundle = path.join(work, 'flotilla.cjs');
const blob = path.join(work, 'flotilla.blob');
const executable = path.join(distDir, `flotilla-${target}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const started = performance.now();

const nodeVersion = execFileSync(nodeBinary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
const result = await build({
  ...commonOptions,
  stdin: {
    // In a single executable process.argv is [executable, executable, ...arguments].
    contents: `import { main } from ${JSON.stringify(cliEntry)};\nmain(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`,
    resolveDir: root,
    sourcefile: 'sea-entry.ts',
    loader: 'ts',
  },
  outfile: bundle,
  format: 'cjs',
  target: `node${nodeVersion}`,
  // A CommonJS bundle has no import.meta. Its readers: node-cron derives paths from it (used only
  // for background tasks, which flotilla does not start), and src/cli/load-worker.ts starts its
  // own module as a worker thread. A single executable has no module file a worker could load, so
  // the URL names one that does not exist: the worker fails with MODULE_NOT_FOUND and `flotilla
  // diff` loads on the main thread (LoadWorkerFailed → loadFleet), with the same result.
  define: { 'import.meta.url': JSON.stringify(noModuleFile) },
});
// Beside the executable, to be shipped with it: the licences of what it bundles.
writeNotices(result.metafile, `${executable}.THIRD-PARTY-NOTICES.txt`);

// useCodeCache: V8's compiled code for the bundle is stored in the blob (starts faster); the
// executable only ever runs on the Node that made it.
const seaConfig = path.join(work, 'sea-config.json');
writeFileSync(
  seaConfig,
  `${JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, useSnapshot: false }, null, 2)}\n`,
);
quietly(nodeBinary, ['--experimental-sea-config', seaConfig]);

rmSync(executable, { force: true });
copyFileSync(nodeBinary, executable);
chmodSync(executable, 0o755);
quietly(nodeBinary, [
  path.join(root, 'node_modules', 'postject', 'dist', 'cli.js'),
  executable,
  'NODE_SEA_BLOB',
  blob,
  '--sentinel-fuse',
  seaFuse,
]);

const mb = (f: string) => (statSync(f).size / 1e6).toFixed(1);
process.stdout.write(
  `built ${path.relative(process.cwd(), executable)}: Node ${nodeVersion}, ${mb(executable)} MB (bundle ${mb(bundle)} MB), ${Math.round(performance.now() - started)} ms\n`,
);

/** Runs a build step, showing its output only when it fails (postject's ELF reader warns about Node's many note sections). */
function quietly(cmd: string, args: readonly string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status === 0) return;
  process.stderr.write(`${r.stdout}${r.stderr}`);
  throw new Error(`${path.basename(args[0] ?? cmd)} failed (exit ${r.status ?? r.signal})`, { cause: r.error });
}
