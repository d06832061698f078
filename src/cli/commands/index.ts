/** The ordered list of commands (an array, never a map: the help lists them in this order). */
import type { Command } from '../io.ts';

export const commands: readonly Command[] = [];
