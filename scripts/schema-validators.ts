/**
 * The schema validators of the bundles: ajv's standalone code for every kind's schema, compiled
 * with the options the sources compile with at run time (src/load/schema/ajv-options.ts), as the
 * module that replaces src/load/schema/precompiled.ts in a bundle. test/load/precompiled-schemas
 * checks that these validators give exactly the errors of the ones ajv compiles at run time.
 */
import { Ajv } from 'ajv';
import * as standalone from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'esbuild';
import { ajvOptions } from '../src/load/schema/ajv-options.ts';
import { schemaDocuments, schemaIdOf } from '../src/load/schema/schemas.ts';

/** The source of an ES module exporting `precompiledValidators` (kind → validate function); ajv's runtime helpers are required from the `ajv` package. */
export function schemaValidatorsModule(): string {
  const ajv = new Ajv({ ...ajvOptions, code: { source: true, esm: true } });
  for (const doc of schemaDocuments) ajv.addSchema(doc);
  const kinds = Object.keys(schemaIdOf);
  return `${standalone.default.default(ajv, { ...schemaIdOf })}\nexport const precompiledValidators = { ${kinds.join(', ')} };\n`;
}

/** The esbuild plugin that bundles schemaValidatorsModule() in place of src/load/schema/precompiled.ts. */
export function precompiledSchemas(root: string): Plugin {
  return {
    name: 'flotilla-precompiled-schemas',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]load[\\/]schema[\\/]precompiled\.ts$/ }, () => ({
        contents: schemaValidatorsModule(),
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}
