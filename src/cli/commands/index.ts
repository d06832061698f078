/** The ordered list of commands (an array, never a map: the help lists them in this order). */
import type { Command } from '../io.ts';
import { applyCommand } from './apply.ts';
import { clustersCommand } from './clusters.ts';
import { diffCommand } from './diff.ts';
import { explainCommand } from './explain.ts';
import { interpretCommand } from './interpret.ts';
import { planCommand } from './plan.ts';
import { reconcileCommand } from './reconcile.ts';
import { renderCommand } from './render.ts';
import { statusCommand } from './status.ts';
import { validateCommand } from './validate.ts';

export const commands: readonly Command[] = [planCommand, validateCommand, explainCommand, interpretCommand, diffCommand, applyCommand, statusCommand, clustersCommand, renderCommand, reconcileCommand];
