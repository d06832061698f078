/**
 * The image and the chart agree with the package (issue 21). No container runtime exists where
 * the tests run, so the Dockerfile is checked as text, and its install stage's own command is run
 * with the packed tarball into a temporary prefix, then its ENTRYPOINT and CMD from there.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { packageJson, packedTarball, pinnedPath, root, run, succeeded, workDir } from './artifacts.ts';

/** The Dockerfile's stages: name (or index) → instructions, continuation lines joined. */
function dockerStages(text: string): { name: string; lines: string[] }[] {
  const stages: { name: string; lines: string[] }[] = [];
  const joined = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  for (const line of joined) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ name: from[1] ?? String(stages.length), lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

describe('ship: the image and the chart follow the package version', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const stages = dockerStages(dockerfile);
  const final = stages.at(-1);
  const instruction = (lines: readonly string[] | undefined, op: string) =>
    lines
      ?.find((l) => l.toUpperCase().startsWith(`${op} `))
      ?.slice(op.length + 1)
      .trim();

  it('Chart.yaml appVersion is the package version and values.yaml leaves the image tag to it', () => {
    const chart = YAML.parse(readFileSync(path.join(root, 'charts', 'flotilla', 'Chart.yaml'), 'utf8')) as {
      appVersion: string;
    };
    const values = YAML.parse(readFileSync(path.join(root, 'charts', 'flotilla', 'values.yaml'), 'utf8')) as {
      image: { tag: string };
    };
    assert.equal(chart.appVersion, packageJson.version);
    assert.ok(
      values.image.tag === '' || values.image.tag === packageJson.version,
      `values.yaml image.tag ${values.image.tag}`,
    );
  });

  it('the Dockerfile names the package version in its examples', () => {
    const tags = [...dockerfile.matchAll(/flotilla:(\d+\.\d+\.\d+\S*)/g)].map((m) => m[1]);
    assert.ok(tags.length > 0);
    assert.deepEqual([...new Set(tags)], [packageJson.version]);
  });

  it('the final stage runs as a numeric non-root user and carries no sources', () => {
    const user = instruction(final?.lines, 'USER') ?? '';
    assert.match(user, /^[1-9]\d*(:\d+)?$/, 'runAsNonRoot needs a numeric, non-zero uid');
    assert.deepEqual(
      final?.lines.filter((l) => /^COPY\s/i.test(l) && !/--from=/.test(l)),
      [],
      'the final stage copies only from the install stage',
    );
  });

  it("the install stage's command installs the packed tarball; ENTRYPOINT and CMD run from it", async function () {
    this.timeout(300_000);
    const install = stages.find((s) => s.name === 'install');
    const command =
      install?.lines.find((l) => /^RUN npm install --global --prefix \S+ .*flotilla-\*\.tgz/.test(l))?.slice(4) ?? '';
    const prefix = /--prefix (\S+)/.exec(command)?.[1] ?? '';
    assert.ok(command && prefix, 'the install stage runs npm install --global --prefix DIR …/flotilla-*.tgz');
    const entrypoint = JSON.parse(instruction(final?.lines, 'ENTRYPOINT') ?? '[]') as string[];
    const cmd = JSON.parse(instruction(final?.lines, 'CMD') ?? '[]') as string[];
    assert.ok(entrypoint[0]?.startsWith(`${prefix}/`), `ENTRYPOINT ${entrypoint.join(' ')} is under ${prefix}`);
    assert.ok(
      final?.lines.some((l) => l === `COPY --from=install ${prefix} ${prefix}`),
      `the final stage copies ${prefix}`,
    );

    const local = path.join(workDir, 'image-prefix');
    const tarball = await packedTarball();
    const localCommand = command
      .replace(`--prefix ${prefix}`, `--prefix ${local}`)
      .replace(/\S*flotilla-\*\.tgz/, tarball);
    succeeded(
      await run('bash', ['-c', localCommand], { cwd: workDir, env: { ...process.env, PATH: pinnedPath } }),
      localCommand,
    );
    assert.deepEqual(
      readdirSync(path.join(local, 'lib', 'node_modules')),
      ['flotilla'],
      'nothing but flotilla is installed',
    );
    assert.ok(
      !existsSync(path.join(local, 'lib', 'node_modules', 'flotilla', 'node_modules')),
      'the package has no dependencies to install',
    );
    const r = await run(
      path.join(local, entrypoint[0]?.slice(prefix.length + 1) ?? ''),
      [...entrypoint.slice(1), ...cmd],
      { cwd: workDir, env: { ...process.env, PATH: pinnedPath } },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Run flotilla as a long-running controller/);
  });
});
