// Where a long list is cut into parts (src/tree/chunkLayout.ts): parts keep their rows as
// rows are added above, below and inside them, and stay between the sizes the layout promises.
import * as assert from 'node:assert/strict';
import { CHUNK_SIZE, FLAT, chunkRanges, layoutChunks, type ChunkLayout } from '../../src/tree/chunkLayout';

const ids = (from: number, count: number): { id: string }[] => Array.from({ length: count }, (_, i) => ({ id: `d${from + i}` }));
const sizes = (rows: readonly { id: string }[], layout: ChunkLayout): number[] => {
  assert.equal(layout.flat ? rows.length : layout.length, rows.length);
  return chunkRanges(layout).map((r) => r.end - r.start);
};

describe('long lists in parts', () => {
  it('shows up to CHUNK_SIZE rows flat, and cuts one more into two parts', () => {
    assert.equal(CHUNK_SIZE, 500);
    assert.deepEqual(layoutChunks(ids(0, 500), FLAT), FLAT);
    const layout = layoutChunks(ids(0, 501), FLAT);
    assert.deepEqual(layout.cuts, ['d500']);
    assert.deepEqual(sizes(ids(0, 501), layout), [500, 1]);
  });

  it('appending pages fills the last part, then opens a new one, leaving the earlier cuts alone', () => {
    let rows = ids(0, 1200);
    let layout = layoutChunks(rows, FLAT);
    assert.deepEqual(sizes(rows, layout), [500, 500, 200]);
    const before = layout.cuts;
    for (let page = 0; page < 7; page++) {
      rows = [...rows, ...ids(rows.length, 50)];
      layout = layoutChunks(rows, layout);
      assert.deepEqual(layout.cuts.slice(0, 2), before, 'the cuts above the last part stay');
    }
    assert.equal(rows.length, 1550);
    assert.deepEqual(sizes(rows, layout), [500, 500, 500, 50]);
  });

  it('new arrivals on top grow the first part up to twice the size, then it is cut from the top', () => {
    let rows = ids(0, 1000);
    let layout = layoutChunks(rows, FLAT);
    assert.deepEqual(sizes(rows, layout), [500, 500]);
    rows = [...ids(-500, 500), ...rows];
    layout = layoutChunks(rows, layout);
    assert.deepEqual(sizes(rows, layout), [1000, 500], 'up to twice the size stays one part');
    rows = [...ids(-503, 3), ...rows];
    layout = layoutChunks(rows, layout);
    assert.deepEqual(sizes(rows, layout), [500, 503, 500]);
    assert.ok(layout.cuts.includes('d500'), 'the older part keeps its first row, so its node id');
  });

  it('a cut whose row is filtered out joins its part to the one above; a short list goes flat again', () => {
    const rows = ids(0, 1500);
    const layout = layoutChunks(rows, FLAT);
    assert.deepEqual(layout.cuts, ['d500', 'd1000']);
    const without = rows.filter((row) => row.id !== 'd500');
    const joined = layoutChunks(without, layout);
    assert.deepEqual(joined.cuts, ['d1000']);
    assert.deepEqual(sizes(without, joined), [999, 500]);
    assert.deepEqual(layoutChunks(rows.slice(0, 300), layout), FLAT);
  });

  it('finds every cut again after rows arrive on top and a page is appended in one change', () => {
    let rows = ids(0, 1500);
    let layout = layoutChunks(rows, FLAT);
    assert.deepEqual(layout.cuts, ['d500', 'd1000']);
    rows = [...ids(-30, 30), ...rows, ...ids(1500, 50)];
    layout = layoutChunks(rows, layout);
    assert.deepEqual(layout.cuts, ['d500', 'd1000', 'd1500']);
    assert.deepEqual(layout.at, [530, 1030, 1530]);
    assert.deepEqual(sizes(rows, layout), [530, 500, 500, 50]);
  });

  it('gives the same layout when asked again, and parts cover every row once, in order', () => {
    const rows = ids(0, 4321);
    const layout = layoutChunks(rows, FLAT);
    assert.deepEqual(layoutChunks(rows, layout), layout);
    const ranges = chunkRanges(layout);
    assert.equal(ranges[0]!.start, 0);
    assert.equal(ranges[ranges.length - 1]!.end, rows.length);
    ranges.slice(1).forEach((range, i) => assert.equal(range.start, ranges[i]!.end));
    assert.equal(ranges[0]!.key, undefined);
    assert.deepEqual(ranges.slice(1).map((r) => r.key), layout.cuts);
  });
});
