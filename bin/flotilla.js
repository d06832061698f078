#!/usr/bin/env node
// The flotilla command. Sources are TypeScript run by Node 24's built-in type stripping.
import { main } from '../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
