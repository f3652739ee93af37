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

export interface ChunkLayout {
  /** The list is short enough to show flat (no parts). */
  readonly flat: boolean;
  /** Row ids where the second, third, … part start; the first part starts at the top. */
  readonly cuts: readonly string[];
}

export const FLAT: ChunkLayout = { flat: true, cuts: [] };

/**
 * The parts for `rowIds` (newest first), keeping the previous cuts that still hold. The last
 * part (where Load more appends) is cut at CHUNK_SIZE; any other part (which grows by new
 * arrivals on top, or a gap read in the middle) is cut once it passes twice that, so a part
 * holds between CHUNK_SIZE and 2 × CHUNK_SIZE rows except the last, which holds at most
 * CHUNK_SIZE.
 */
export function layoutChunks(rowIds: readonly string[], previous: ChunkLayout, size = CHUNK_SIZE): ChunkLayout {
  if (rowIds.length <= size) {
    return FLAT;
  }
  const index = new Map<string, number>();
  rowIds.forEach((id, at) => index.set(id, at));
  // Previous cuts still shown, in order; a cut whose row went (filtered out, a gap read)
  // joins its part to the one above.
  const starts: number[] = [0];
  for (const cut of previous.cuts) {
    const at = index.get(cut);
    if (at !== undefined && at > starts[starts.length - 1]!) {
      starts.push(at);
    }
  }
  const cuts: number[] = [];
  starts.forEach((start, part) => {
    const last = part === starts.length - 1;
    const end = last ? rowIds.length : starts[part + 1]!;
    if (part > 0) {
      cuts.push(start);
    }
    let from = start;
    while (end - from > (last ? size : 2 * size)) {
      from += size;
      cuts.push(from);
    }
  });
  return { flat: false, cuts: cuts.map((at) => rowIds[at]!) };
}

/** The parts as index ranges [start, end) of `rowIds`. */
export function chunkRanges(rowIds: readonly string[], layout: ChunkLayout): { start: number; end: number; key: string | undefined }[] {
  if (layout.flat) {
    return [];
  }
  const index = new Map<string, number>();
  rowIds.forEach((id, at) => index.set(id, at));
  const starts = [0, ...layout.cuts.map((cut) => index.get(cut)!)];
  return starts.map((start, part) => ({ start, end: starts[part + 1] ?? rowIds.length, key: part === 0 ? undefined : layout.cuts[part - 1] }));
}
