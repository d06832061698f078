/**
 * Commands that only read a fleet repo load no member-cluster code: what `plan` and `validate`
 * import before they run (static imports, as the bundle evaluates them) holds neither the
 * Kubernetes client nor its HTTP stack, nor the git engine, watching or polling, whose loading was
 * most of a small plan's start.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every module a command's module imports statically (dynamic imports are loaded only when they run). */
async function staticImports(entry: string): Promise<readonly string[]> {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outdir: path.join(root, 'dist', 'imports-test'),
    logLevel: 'silent',
  });
  const inputs = result.metafile.inputs;
  const start = Object.keys(inputs).find((k) => k.endsWith(entry));
  assert.ok(start, `${entry} is not among the bundle's inputs`);
  const seen = new Set([start]);
  const queue = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift())
    for (const i of inputs[next]?.imports ?? [])
      if (i.kind !== 'dynamic-import' && !i.external && !seen.has(i.path)) {
        seen.add(i.path);
        queue.push(i.path);
      }
  return [...seen];
}

const cases = [
  {
    command: 'src/cli/commands/plan.ts',
    absent: ['@kubernetes/client-node', 'undici', 'src/cluster/member-access.ts'],
  },
  {
    command: 'src/cli/commands/validate.ts',
    absent: ['@kubernetes/client-node', 'undici', 'src/cluster/member-access.ts'],
  },
];

describe('cli: commands that read a fleet repo load no member-cluster code', function () {
  this.timeout(60_000);
  for (const { command, absent } of cases)
    it(`${command} does not import ${absent.join(', ')}`, async () => {
      const modules = await staticImports(command);
      for (const name of absent)
        assert.deepEqual(
          modules.filter((m) => m.includes(`node_modules/${name}/`) || m.endsWith(name)),
          [],
          `${command} loads ${name}`,
        );
    });
});
