// Where a long list of rows is cut into parts ("chunks"), so that a change re-draws one part.
// VS Code's tree API has no "append": a change to a node makes VS Code ask for all of its
// children again and send every row to the window again, so a worker with 10,000 loaded rows
// directly under it would re-send 10,000 rows for each page of 50 appended. Cut into parts of
// CHUNK_SIZE, an appended page re-draws the last part, a settled delivery its own part, and
// new arrivals the first part. No vscode here: the layout is a pure function of the rows.
//
// Cuts are row ids, not indexes, so a part keeps its rows (and its node id, and whether the
// user expanded it) when rows are added above or below it. A list is cut only when it holds
// more than CHUNK_SIZE rows; under that it is shown flat, as it always was.

/** Rows per part: one part re-drawn costs about what 500 rows cost, whatever is loaded. */
export const CHUNK_SIZE = 500;

/** A row as the layout sees it: a delivery, or a gap row (whose id is `gap:…`). */
export interface Identified {
  readonly id: string;
}

export interface ChunkLayout {
  /** The list is short enough to show flat (no parts). */
  readonly flat: boolean;
  /** Row ids where the second, third, … part start; the first part starts at the top. */
  readonly cuts: readonly string[];
  /** Where each cut was, and how many rows there were: finding a cut again is then O(1). */
  readonly at: readonly number[];
  readonly length: number;
}

export const FLAT: ChunkLayout = { flat: true, cuts: [], at: [], length: 0 };

/**
 * The parts for `rows` (newest first), keeping the previous cuts that still hold. The last
 * part (where Load more appends) is cut at CHUNK_SIZE; any other part (which grows by new
 * arrivals on top, or a gap read in the middle) is cut once it passes twice that, so a part
 * holds between CHUNK_SIZE and 2 × CHUNK_SIZE rows except the last, which holds at most
 * CHUNK_SIZE. A cut is looked for where it was, then shifted by the rows added since (both
 * O(1), as after a page appended or arrivals on top), and only then in every row.
 */
export function layoutChunks(rows: readonly Identified[], previous: ChunkLayout, size = CHUNK_SIZE): ChunkLayout {
  if (rows.length <= size) {
    return FLAT;
  }
  let index: Map<string, number> | undefined;
  const added = rows.length - previous.length;
  const find = (cut: string, was: number, shift: number): number | undefined => {
    for (const at of [was + shift, was, was + added]) {
      if (rows[at]?.id === cut) {
        return at;
      }
    }
    if (!index) {
      index = new Map();
      rows.forEach((row, at) => index!.set(row.id, at));
    }
    return index.get(cut);
  };
  // Previous cuts still shown, in order; a cut whose row went (filtered out, a gap read)
  // joins its part to the one above.
  const starts: number[] = [0];
  let shift = 0;
  previous.cuts.forEach((cut, i) => {
    const was = previous.at[i]!;
    const at = find(cut, was, shift);
    if (at !== undefined && at > starts[starts.length - 1]!) {
      starts.push(at);
      shift = at - was;
    }
  });
  const at: number[] = [];
  starts.forEach((start, part) => {
    const last = part === starts.length - 1;
    const end = last ? rows.length : starts[part + 1]!;
    if (part > 0) {
      at.push(start);
    }
    let from = start;
    while (end - from > (last ? size : 2 * size)) {
      from += size;
      at.push(from);
    }
  });
  return { flat: false, cuts: at.map((i) => rows[i]!.id), at, length: rows.length };
}

/** The parts of the rows a layout was made for, as index ranges [start, end) with their keys. */
export function chunkRanges(layout: ChunkLayout): { start: number; end: number; key: string | undefined }[] {
  if (layout.flat) {
    return [];
  }
  const starts = [0, ...layout.at];
  return starts.map((start, part) => ({ start, end: starts[part + 1] ?? layout.length, key: part === 0 ? undefined : layout.cuts[part - 1] }));
}
