/**
 * The working arrays of the general path's intake (zone numbers, created days, touch instants,
 * filter bits, the chains that group touches by contact), handed from one `evaluateColumns` run
 * to the next with `reuse`. A book holds its scratch; a columnar result holds it only weakly (it
 * keeps nothing of the intake alive), so the memory is handed on when the book before is still in
 * memory, and the run allocates anew when a collection let it go.
 */

type ScratchArray = Uint8Array | Uint16Array | Int32Array | Float64Array;

interface ScratchType<T> {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  new (length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** The memory of one run's intake arrays, by name. */
export type ScratchMemory = ReadonlyMap<string, ArrayBuffer>;

export class IntakeScratch {
  private readonly handed = new Map<string, ArrayBuffer>();

  /** `pool`: the memory of the run before, written over where large enough. */
  constructor(private readonly pool?: ScratchMemory) {}

  /**
   * A zeroed array of `length` elements, as `new type(length)` gives, over the memory handed out
   * under `name` the run before when it is large enough. One name per array of a run.
   */
  take<T extends ScratchArray>(name: string, type: ScratchType<T>, length: number): T {
    const previous = this.pool?.get(name);
    let array: T;
    if (previous !== undefined && previous.byteLength >= length * type.BYTES_PER_ELEMENT) {
      array = new type(previous, 0, length);
      array.fill(0);
    } else array = new type(length);
    this.handed.set(name, array.buffer as ArrayBuffer);
    return array;
  }

  /** The memory handed out this run, for the next. */
  get memory(): ScratchMemory {
    return this.handed;
  }
}
