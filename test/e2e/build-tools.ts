/**
 * `npm run e2e:build`: every end-to-end binary into the cache, so CI pays for the builds before the
 * tests start. Two lanes run side by side (a lone `go build` leaves cores idle while it downloads
 * modules and links): the control planes then helm, and metrics-server then Flux's controllers.
 * FLOTILLA_E2E_BUILD_JOBS=1 runs them one after the other. Each build prints its time; a warm cache
 * is a stat per tool. Prints the bin directories on stdout.
 */
import path from 'node:path';
import { ensureHelm } from '../chart/helm.ts';
import { ensureFlux } from '../flux/flux-build.ts';
import { ensureBuilt } from './harness/build.ts';
import { ensureMetricsKit } from './harness/metrics-server-build.ts';

type Step = () => Promise<string>;

function logger(tool: string): (msg: string) => void {
  return (msg) => process.stderr.write(`${tool}: ${msg}\n`);
}

const lanes: ReadonlyArray<ReadonlyArray<Step>> = [
  [
    async () => (await ensureBuilt(logger('clusters'))).binDir,
    async () => path.dirname(await ensureHelm(logger('helm'))),
  ],
  [
    async () => path.dirname((await ensureMetricsKit(logger('metrics-server'))).bin),
    async () => path.dirname((await ensureFlux(logger('flux'))).bin['source-controller']),
  ],
];

async function runLane(steps: ReadonlyArray<Step>): Promise<string[]> {
  const dirs: string[] = [];
  for (const step of steps) dirs.push(await step());
  return dirs;
}

const started = Date.now();
const sequential = process.env['FLOTILLA_E2E_BUILD_JOBS'] === '1';
const dirs = sequential ? await runLane(lanes.flat()) : (await Promise.all(lanes.map((lane) => runLane(lane)))).flat();
process.stderr.write(`e2e:build: done in ${Math.round((Date.now() - started) / 1000)}s\n`);
process.stdout.write(`${dirs.join('\n')}\n`);
