/**
 * STYLE B1/B2/D1 are Biome rules (biome.jsonc), run over the tree by `npm test`'s lint step. This test
 * proves the rules bite: it seeds one violation a file into a temporary copy of the configuration and
 * asserts that Biome reports each with the expected rule, and that the imports the layout allows pass.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const biome = path.join(root, 'node_modules', '.bin', 'biome');

interface Seed {
  readonly name: string;
  readonly file: string;
  readonly code: string;
  /** The rule Biome must report for this file (`plugin` for the GritQL rules in lint/). */
  readonly rule: string;
}

const violations: readonly Seed[] = [
  // the core imports no I/O: Node built-ins, with or without the node: prefix, statically or not
  {
    name: 'core imports node:fs',
    file: 'src/plan/fs.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;",
    rule: 'lint/correctness/noNodejsModules',
  },
  {
    name: "core imports 'child_process'",
    file: 'src/render/cp.ts',
    code: "import { execSync } from 'child_process';\nexport const f = execSync;",
    rule: 'lint/correctness/noNodejsModules',
  },
  {
    name: 'core imports node:child_process dynamically',
    file: 'src/policy/dyn.ts',
    code: "export const f = () => import('node:child_process');",
    rule: 'lint/correctness/noNodejsModules',
  },
  {
    name: 'core uses createRequire',
    file: 'src/load/req.ts',
    code: "import { createRequire } from 'node:module';\nexport const cp = createRequire(import.meta.url)('child_process');",
    rule: 'lint/correctness/noNodejsModules',
  },
  {
    name: 'core in a subfolder imports node:net',
    file: 'src/scheduler/filters/net.ts',
    code: "import net from 'node:net';\nexport const f = net;",
    rule: 'lint/correctness/noNodejsModules',
  },
  {
    name: 'core imports isomorphic-git',
    file: 'src/override/git.ts',
    code: "import git from 'isomorphic-git';\nexport const f = git;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'core imports the logger',
    file: 'src/status/log.ts',
    code: "import pino from 'pino';\nexport const f = pino;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'core imports a shell folder',
    file: 'src/preview/shell.ts',
    code: "import { x } from '../cluster/apply-fleet.ts';\nexport const f = x;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'core in a subfolder imports a shell folder',
    file: 'src/scheduler/filters/shell.ts',
    code: "import { x } from '../../git/index.ts';\nexport const f = x;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'src/api imports another core folder',
    file: 'src/api/up.ts',
    code: "import { x } from '../load/index.ts';\nexport const f = x;",
    rule: 'lint/style/noRestrictedImports',
  },
  // the core reads no ambient state
  {
    name: 'core reads Date.now()',
    file: 'src/plan/now.ts',
    code: 'export const f = () => Date.now();',
    rule: 'lint/nursery/noJsRestrictedProperties',
  },
  {
    name: 'core reads new Date()',
    file: 'src/status/date.ts',
    code: 'export const f = () => new Date();',
    rule: 'plugin',
  },
  {
    name: 'core reads Math.random()',
    file: 'src/scheduler/rand.ts',
    code: 'export const f = () => Math.random();',
    rule: 'lint/nursery/noJsRestrictedProperties',
  },
  {
    name: 'core reads process.env',
    file: 'src/load/env.ts',
    code: "export const f = () => process.env['HOME'];",
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    name: 'core logs',
    file: 'src/interpreter/log.ts',
    code: "export const f = () => console.log('x');",
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    name: 'core compares by locale',
    file: 'src/preview/sort.ts',
    code: 'export const f = (a: string, b: string) => a.localeCompare(b);',
    rule: 'lint/nursery/noJsRestrictedProperties',
  },
  {
    name: 'core uses Intl',
    file: 'src/preview/intl.ts',
    code: 'export const f = new Intl.Collator();',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    name: 'core uses crypto.randomUUID',
    file: 'src/render/uuid.ts',
    code: 'export const f = () => crypto.randomUUID();',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    name: 'core reads performance.now()',
    file: 'src/plan/perf.ts',
    code: 'export const f = () => performance.now();',
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    name: 'core sets a timer',
    file: 'src/status/timer.ts',
    code: 'export const f = (g: () => void) => setTimeout(g, 1);',
    rule: 'lint/style/noRestrictedGlobals',
  },
  // only src/git touches git, only src/cluster touches clusters, only src/cli imports src/controller
  {
    name: 'shell imports isomorphic-git outside src/git',
    file: 'src/writeback/git.ts',
    code: "import git from 'isomorphic-git';\nexport const f = git;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'shell imports an isomorphic-git subpath outside src/git',
    file: 'src/source/http.ts',
    code: "import http from 'isomorphic-git/http/node';\nexport const f = http;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'shell imports @kubernetes/client-node outside src/cluster',
    file: 'src/controller/kube.ts',
    code: "import { KubeConfig } from '@kubernetes/client-node';\nexport const f = KubeConfig;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'src/git imports @kubernetes/client-node',
    file: 'src/git/kube.ts',
    code: "import { KubeConfig } from '@kubernetes/client-node';\nexport const f = KubeConfig;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'src/cluster imports isomorphic-git',
    file: 'src/cluster/git.ts',
    code: "import git from 'isomorphic-git';\nexport const f = git;",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'src/cluster imports src/controller',
    file: 'src/cluster/ctl.ts',
    code: "import { x } from '../controller/controller.ts';\nexport const f = x;",
    rule: 'lint/style/noRestrictedImports',
  },
  // tricks that would load a module the import rules cannot see
  {
    name: 'shell uses createRequire',
    file: 'src/writeback/req.ts',
    code: "import { createRequire } from 'node:module';\nexport const git = createRequire(import.meta.url)('isomorphic-git');",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'shell uses module.createRequire',
    file: 'src/source/req.ts',
    code: "import mod from 'module';\nexport const git = mod.createRequire(import.meta.url)('isomorphic-git');",
    rule: 'lint/style/noRestrictedImports',
  },
  {
    name: 'shell calls require',
    file: 'src/cli/req.ts',
    code: "export const git = require('isomorphic-git');",
    rule: 'lint/style/noRestrictedGlobals',
  },
  {
    name: 'shell uses process.getBuiltinModule',
    file: 'src/controller/builtin.ts',
    code: "export const cp = process.getBuiltinModule('node:child_process');",
    rule: 'lint/nursery/noJsRestrictedProperties',
  },
  {
    name: 'shell imports a computed module name',
    file: 'src/cli/computed.ts',
    code: "const name = ['isomorphic', 'git'].join('-');\nexport const git = () => import(name);",
    rule: 'plugin',
  },
  {
    name: 'src throws a bare Error',
    file: 'src/cluster/bare.ts',
    code: "export function f(): never {\n  throw new Error('x');\n}",
    rule: 'plugin',
  },
  // rules that find bugs anywhere
  {
    name: 'an empty catch',
    file: 'src/cli/catch.ts',
    code: 'export function f(g: () => void): void {\n  try {\n    g();\n  } catch {}\n}',
    rule: 'lint/suspicious/noEmptyBlockStatements',
  },
  {
    name: 'a floating promise',
    file: 'src/controller/float.ts',
    code: 'async function g(): Promise<void> {}\nexport function f(): void {\n  g();\n}',
    rule: 'lint/nursery/noFloatingPromises',
  },
  {
    name: 'a focused test (STYLE Q7: no .only)',
    file: 'test/only.test.ts',
    code: "it.only('x', () => undefined);",
    rule: 'lint/suspicious/noFocusedTests',
  },
  {
    name: 'an unused variable',
    file: 'test/unused.ts',
    code: 'export function f(): number {\n  const unused = 1;\n  return 2;\n}',
    rule: 'lint/correctness/noUnusedVariables',
  },
];

/** What the layout allows: each must lint clean. */
const allowed: readonly Omit<Seed, 'rule'>[] = [
  {
    name: 'src/git imports isomorphic-git',
    file: 'src/git/ok.ts',
    code: "import git from 'isomorphic-git';\nimport { readFile } from 'node:fs/promises';\nexport const f = [git, readFile];",
  },
  {
    name: 'src/cluster imports @kubernetes/client-node',
    file: 'src/cluster/ok.ts',
    code: "import { KubeConfig } from '@kubernetes/client-node';\nexport const f = KubeConfig;",
  },
  {
    name: 'src/cli imports src/controller',
    file: 'src/cli/commands/ok.ts',
    code: "import { x } from '../../controller/controller.ts';\nexport const f = x;",
  },
  {
    name: 'the core imports src/api, an earlier stage and pure libraries, and dates a given time',
    file: 'src/plan/ok.ts',
    code: "import YAML from 'yaml';\nimport { x } from '../api/index.ts';\nimport { y } from '../scheduler/index.ts';\nexport const f = [YAML, x, y, new Date(0)];",
  },
  {
    name: "a core folder's test reads files",
    file: 'src/plan/ok.test.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;",
  },
];

describe('architecture: biome.jsonc enforces the layout (STYLE B1, B2, D1)', function () {
  this.timeout(120_000);
  let dir = '';
  let problems = new Map<string, string[]>();

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flotilla-lint-'));
    for (const f of ['biome.jsonc', '.gitignore', 'lint'])
      cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
    for (const s of [...violations, ...allowed]) {
      mkdirSync(path.dirname(path.join(dir, s.file)), { recursive: true });
      writeFileSync(path.join(dir, s.file), `${s.code}\n`);
    }
    const r = spawnSync(biome, ['lint', '--reporter=concise', '--max-diagnostics=none', '--error-on-warnings'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.ok(
      r.status !== null && r.status !== 0,
      `biome lint passed a tree with seeded violations (${r.status})\n${r.stderr}`,
    );
    problems = new Map();
    for (const m of `${r.stdout}\n${r.stderr}`.matchAll(/^× ([^:\s]+):\d+:\d+: (\S+?):? /gm)) {
      const [, file = '', rule = ''] = m;
      problems.set(file, [...(problems.get(file) ?? []), rule]);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const v of violations) {
    it(`rejects: ${v.name}`, () =>
      assert.ok(
        problems.get(v.file)?.includes(v.rule),
        `${v.file}: want ${v.rule}, got ${JSON.stringify(problems.get(v.file) ?? [])}`,
      ));
  }
  for (const a of allowed) {
    it(`allows: ${a.name}`, () => assert.deepEqual(problems.get(a.file) ?? [], []));
  }
});
