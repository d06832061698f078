/** K6: every command's help comes with its Options (every flag of its table), Exit status and examples. */
import assert from 'node:assert/strict';
import { loadAllCommands } from '../../src/cli/commands/index.ts';

describe('every command --help (in-process)', function () {
  this.timeout(60000);
  it('lists every flag of its table, its exit status and at least two examples', async () => {
    for (const c of await loadAllCommands()) {
      assert.match(c.help, /\nOptions:\n/, c.name);
      for (const [name, f] of Object.entries(c.flags))
        if (!f.hidden) assert.ok(c.help.includes(`--${name}`), `${c.name} --${name}`);
      assert.match(c.help, /\nExit status:\n/, c.name);
      assert.ok(
        (c.help.split('\nExamples:\n')[1]?.match(/^ {2}# /gm) ?? []).length >= 2,
        `${c.name}: two commented examples`,
      );
    }
  });
});
