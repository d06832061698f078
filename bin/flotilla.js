#!/usr/bin/env node
// The flotilla command.
// - Installed from the package (no src/ beside bin/): runs the bundle in dist/cli/ that
//   `npm run build` made (prepack), on Node >= 22.19.
// - In a checkout (src/ present): runs the TypeScript sources with Node 24's type stripping,
//   even when a dist/ exists, so a stale build never shadows the code being edited and the tests
//   always run the sources.
// Until the version check passes this file uses only what old Node versions parse (no top-level
// await, no optional chaining), so a too-old Node prints which version is needed.
import { existsSync } from 'node:fs';
import module from 'node:module';

var fromSources = existsSync(new URL('../src/cli/main.ts', import.meta.url));
// The package's minimum is package.json's engines.node (test/ship checks that they agree).
var needed = fromSources ? '24' : '22.19';
var want = needed.split('.').map(Number);
var running = process.versions.node.split('.').map(Number);
if (running[0] < want[0] || (running[0] === want[0] && running[1] < (want[1] || 0))) {
  process.stderr.write('flotilla needs Node.js >= ' + needed + (fromSources ? ' to run from its sources' : '') + '; this is Node.js ' + process.versions.node + '\n');
  process.exit(2);
}
// The compile cache (in the OS temp dir, or NODE_COMPILE_CACHE) keeps later starts from re-compiling.
if (module.enableCompileCache) module.enableCompileCache();
import(fromSources ? '../src/cli/main.ts' : '../dist/cli/main.mjs').then(function (cli) {
  return cli.main(process.argv.slice(2));
}).then(function (code) {
  process.exitCode = code;
});
