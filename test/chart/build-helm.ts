/** `npm run e2e:build` builds helm too, so CI pays for it before the tests start (prints the binary's path). */
import { ensureHelm } from './helm.ts';

process.stdout.write(`${await ensureHelm((msg) => process.stderr.write(`helm: ${msg}\n`))}\n`);
