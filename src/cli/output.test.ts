import assert from 'node:assert/strict';
import { paintDiagnostic, paletteFor } from './colour.ts';
import { abbreviateList, formatTable } from './output.ts';

describe('abbreviateList: cluster lists readable at a thousand clusters', () => {
  const many = Array.from({ length: 1000 }, (_, i) => `member-${String(i).padStart(4, '0')}`);
  const cases = [
    { name: 'none', items: [], full: false, want: '' },
    { name: 'four stay whole', items: ['a', 'b', 'c', 'd'], full: false, want: 'a,b,c,d' },
    { name: 'five: three and the count', items: ['a', 'b', 'c', 'd', 'e'], full: false, want: 'a,b,c,… +2 more (5)' },
    { name: 'a thousand', items: many, full: false, want: 'member-0000,member-0001,member-0002,… +997 more (1000)' },
    { name: '-o wide: all of them', items: ['a', 'b', 'c', 'd', 'e'], full: true, want: 'a,b,c,d,e' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(abbreviateList(c.items, c.full), c.want));
});

describe('formatTable with colour: the text is painted, the padding is not', () => {
  const red = (t: string) => `<${t}>`;
  it('keeps the columns of the plain table', () => {
    const rows = [
      ['a', 'Unhealthy', 'x'],
      ['bb', 'Healthy', 'y'],
    ];
    const painted = formatTable(['NAME', 'HEALTH', 'NOTE'], rows, false, (t, column) =>
      column === 'HEALTH' ? red(t) : t,
    );
    assert.equal(painted, 'NAME   HEALTH      NOTE\na      <Unhealthy>   x\nbb     <Healthy>     y\n');
  });
});

describe('paletteFor: colour only on a terminal, never with NO_COLOR', () => {
  const cases = [
    { name: 'a pipe', tty: false, env: {}, coloured: false },
    { name: 'a terminal', tty: true, env: {}, coloured: true },
    { name: 'a terminal with NO_COLOR=1', tty: true, env: { NO_COLOR: '1' }, coloured: false },
    { name: 'a terminal with an empty NO_COLOR', tty: true, env: { NO_COLOR: '' }, coloured: true },
    { name: 'a dumb terminal', tty: true, env: { TERM: 'dumb' }, coloured: false },
  ];
  for (const c of cases) it(c.name, () => assert.equal(paletteFor(c.tty, c.env).red('x') !== 'x', c.coloured));
  it('paints the severity of a diagnostic', () =>
    assert.equal(
      paintDiagnostic('a.yaml:1:2: warning UnknownCluster: x', paletteFor(true, {})),
      'a.yaml:1:2: \u001b[33mwarning\u001b[39m UnknownCluster: x',
    ));
});
