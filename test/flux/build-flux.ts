/** `npm run e2e:build` builds Flux's controllers too, so CI pays for them before the tests start (prints the bin directory). */
import path from 'node:path';
import { ensureFlux } from './flux-build.ts';

const tc = await ensureFlux((msg) => process.stderr.write(`flux: ${msg}\n`));
process.stdout.write(`${path.dirname(tc.bin['source-controller'])}\n`);
