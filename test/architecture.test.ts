/**
 * STYLE B2/D1 as a test: the pure core imports no I/O, no shell folder, and reads no clock,
 * randomness, environment or locale. (A lint rule in test form: no extra tooling to install.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const src = path.resolve(import.meta.dirname, '..', 'src');
const core = ['api', 'load', 'policy', 'interpreter', 'scheduler', 'override', 'render', 'plan', 'preview', 'status', 'simulate', 'rollout'];
const shell = ['git', 'source', 'cluster', 'writeback', 'controller', 'cli'];
const forbiddenModules = /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|process|os|worker_threads|dgram|tls)$|^(isomorphic-git|@kubernetes\/client-node|chokidar|node-cron|pino|prom-client)(\/|$)/;
const forbiddenCalls: readonly [RegExp, string][] = [
  [/\bDate\.now\(/, 'Date.now()'],
  [/new Date\(\)/, 'new Date() without an argument'],
  [/\bMath\.random\(/, 'Math.random()'],
  [/\bprocess\.(env|exit|stdout|stderr|argv|cwd)\b/, 'process globals'],
  [/\bperformance\.now\(/, 'performance.now()'],
  [/\brandomUUID\(/, 'randomUUID()'],
  [/\blocaleCompare\(/, 'localeCompare()'],
  [/\bIntl\./, 'Intl'],
  [/\bconsole\.(log|error|warn|info|debug)\(/, 'console output'],
];

function filesOf(dir: string): string[] {
  let out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out = out.concat(filesOf(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? '');
}

describe('architecture: the core is pure (STYLE B2, D1)', () => {
  for (const folder of core) {
    const dir = path.join(src, folder);
    let files: string[] = [];
    try { files = filesOf(dir); } catch { files = []; }
    for (const file of files) {
      const rel = path.relative(src, file);
      it(`${rel} imports no I/O or shell and reads no ambient state`, () => {
        const text = readFileSync(file, 'utf8');
        for (const spec of importsOf(text)) {
          assert.ok(!forbiddenModules.test(spec), `${rel} imports ${spec}`);
          if (spec.startsWith('.')) {
            const target = path.relative(src, path.resolve(path.dirname(file), spec)).split(path.sep)[0] ?? '';
            assert.ok(!shell.includes(target), `${rel} imports the shell folder ${target} (${spec})`);
          }
        }
        const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        for (const [re, what] of forbiddenCalls) assert.ok(!re.test(code), `${rel} uses ${what}`);
      });
    }
  }
  it('src/api imports nothing else from src', () => {
    for (const file of filesOf(path.join(src, 'api'))) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) assert.ok(!spec.startsWith('..'), `${path.relative(src, file)} imports ${spec}`);
    }
  });
});
