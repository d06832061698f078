/**
 * `npm run example`: the main job on the example fleet. Copies examples/fleet-repo into a fresh
 * git repository (under the system temp dir, or the directory given as argument), commits it, runs
 * `flotilla reconcile --once` on it, and shows the status and rendered branches it wrote.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.resolve(process.argv[2] ?? path.join(os.tmpdir(), 'flotilla-example-fleet'));
const git = (...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'example',
      GIT_AUTHOR_EMAIL: 'example@localhost',
      GIT_COMMITTER_NAME: 'example',
      GIT_COMMITTER_EMAIL: 'example@localhost',
    },
  });

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
cpSync(path.join(root, 'examples', 'fleet-repo'), dir, { recursive: true });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'Example fleet');
process.stdout.write(`fleet repo: ${dir}\n\n`);

const r = spawnSync(process.execPath, [path.join(root, 'bin', 'flotilla.js'), 'reconcile', '--repo', dir, '--once'], {
  stdio: 'inherit',
});
if (r.status !== 0) process.exit(r.status ?? 2);
process.stdout.write(`\n$ git log --oneline --all\n${git('log', '--oneline', '--all')}`);
process.stdout.write(
  `\n$ git show flotilla-status:bindings/shop/deployment.frontend.yaml\n${git('show', 'flotilla-status:bindings/shop/deployment.frontend.yaml')}`,
);
process.stdout.write(
  `\n$ git ls-tree -r --name-only flotilla-rendered clusters/aws-use\n${git('ls-tree', '-r', '--name-only', 'flotilla-rendered', 'clusters/aws-use')}`,
);
