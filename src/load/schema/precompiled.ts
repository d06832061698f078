/**
 * Schema validators compiled ahead of time. In the sources there are none: ajv compiles each
 * kind's validator on first use (validate.ts). The bundles (`npm run build`, `npm run build:sea`)
 * replace this module with ajv's standalone code for every kind (scripts/schema-validators.ts),
 * the same functions ajv would compile, so a command starts without compiling schemas (which was
 * most of a small plan's CPU).
 */
import type { ValidateFunction } from 'ajv';
import type { SchemaKind } from './schemas.ts';

/** The validator of each kind, compiled at build time; undefined when running from the sources. */
export const precompiledValidators: Readonly<Record<SchemaKind, ValidateFunction>> | undefined = undefined;
