#!/usr/bin/env node
// The flotilla command. Sources are TypeScript run by Node 24's built-in type stripping; the
// compile cache (in the OS temp dir, or NODE_COMPILE_CACHE) keeps later starts from re-compiling them.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
