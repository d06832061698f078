/** The ajv options every schema validator is compiled with, at run time (validate.ts) or at build time (scripts/schema-validators.ts). */
import type { Options } from 'ajv';

// allErrors: report every problem at once; verbose: errors carry the schema and the data, which the
// messages need (known field names for suggestions, a pattern's title, the offending value).
export const ajvOptions = {
  allErrors: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
} as const satisfies Options;
