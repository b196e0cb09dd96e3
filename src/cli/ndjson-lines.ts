/**
 * The one line reader of every NDJSON input (contacts.ndjson, touches.ndjson, owners, snoozes,
 * records.ndjson): text pieces in, lines out, in time and memory linear in the text whatever the
 * length of a line. Each piece is searched for line breaks once; the unfinished line is kept as
 * its pieces and joined once, when its end comes. (Appending each piece to a growing string and
 * searching that string again is quadratic: a 16 MB line took 17 s, a 50 MB one did not finish.)
 */

/** One line of the text: its 1-based number and its text, without the line break (`\n` or `\r\n`). */
export interface NdjsonLine {
  readonly number: number;
  readonly text: string;
}

/**
 * The lines of a text given in pieces. A byte-order mark at the start is dropped; a last line
 * without a line break is still a line; an empty text has no line.
 *
 * @example
 * for await (const line of ndjsonLines(textChunks(stream, 'contacts.ndjson'))) JSON.parse(line.text);
 */
export async function* ndjsonLines(pieces: AsyncIterable<string>): AsyncGenerator<NdjsonLine> {
  let held: string[] = [];
  let number = 0;
  const finish = (tail: string): NdjsonLine => {
    held.push(tail);
    let text = held.length === 1 ? tail : held.join('');
    held = [];
    if (text.endsWith('\r')) text = text.slice(0, -1);
    number++;
    if (number === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    return { number, text };
  };
  for await (const piece of pieces) {
    let from = 0;
    for (let end = piece.indexOf('\n'); end !== -1; end = piece.indexOf('\n', from)) {
      yield finish(piece.slice(from, end));
      from = end + 1;
    }
    if (from < piece.length) held.push(from === 0 ? piece : piece.slice(from));
  }
  if (held.length > 0) yield finish('');
}
