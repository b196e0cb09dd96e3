/**
 * A table from string ids to their position in an input array.
 *
 * Joining a million touches to a million contacts by id is the costliest step of `evaluate` when
 * done with a `Map`: each insert allocates inside the map and growing it rehashes everything, so
 * building the index alone took longer than all the date arithmetic. Here the slots are one
 * preallocated typed array with open addressing, the keys stay in the caller's array, and a
 * lookup hashes the id's characters once (FNV-1a) and compares strings only when the hashes match.
 */

const EMPTY = -1;

/** FNV-1a over UTF-16 code units: cheap, and spreads ids like `c1`, `c2`, … well. */
function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  // As a 32-bit integer, the form the slots store it in (the empty id skips the loop above).
  return hash | 0;
}

/** 2^−32: scales a 32-bit hash to a slot number. */
const SLOT_SCALE = 1 / 4_294_967_296;

/**
 * The ids of a book in one open-addressing table.
 *
 * @example
 * const table = new IdTable(2);
 * table.add('c1'); // 0
 * table.add('c2'); // 1
 * table.add('c1'); // −1: already there
 * table.indexOf('c2'); // 1
 */
export class IdTable {
  /** Pairs: at `2 × slot` the position of an id (or −1), at `2 × slot + 1` its hash. */
  private slots: Int32Array;
  /** Slots / 2^32: a hash times this, rounded down, is its home slot. */
  private scale: number;
  private readonly keys: string[];
  private count = 0;

  /** `expected`: how many ids will be added; more are fine, the table grows. */
  constructor(expected = 0) {
    // Five slots for four ids, not the next power of two above twice as many: the slots live
    // outside the JavaScript heap, where a columnar evaluation keeps its bytes few (see
    // ContactBook). A hash is scaled to the table (a multiplication) rather than masked. Each slot
    // is a pair (position, hash): a probe compares hashes within one cache line and reads a key
    // string, scattered in memory, only when the hashes match, so the long runs of a full table
    // cost little and adding a million new ids reads no key at all.
    this.slots = new Int32Array(2 * Math.max(16, Math.ceil(expected * 1.25))).fill(EMPTY);
    this.scale = (this.slots.length >> 1) * SLOT_SCALE;
    // Sized up front: pushing a million keys one by one regrows the array about thirty times.
    this.keys = new Array(expected);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Empties the table for a book of `expected` ids, writing over its memory where it is large
   * enough (and not far too large): a caller evaluating day after day hashes its ids again but
   * allocates no new table.
   */
  reset(expected: number): void {
    const wanted = 2 * Math.max(16, Math.ceil(expected * 1.25));
    if (this.slots.length < wanted || this.slots.length > 4 * wanted) this.slots = new Int32Array(wanted);
    this.slots.fill(EMPTY);
    this.scale = (this.slots.length >> 1) * SLOT_SCALE;
    // Keys past the new book's end would keep the last book's strings alive.
    if (this.keys.length > expected) this.keys.length = expected;
    this.count = 0;
  }

  /** The position of `id`, or −1 when it was never added. */
  indexOf(id: string): number {
    const { slots, keys } = this;
    const last = slots.length - 2;
    const hash = hashId(id);
    for (let slot = 2 * Math.floor((hash >>> 0) * this.scale); ; slot = slot === last ? 0 : slot + 2) {
      const index = slots[slot]!;
      if (index === EMPTY || (slots[slot + 1] === hash && keys[index] === id)) return index;
    }
  }

  /**
   * `indexOf`, trying position `near` and the one after it first. Touches exported grouped by
   * contact, in the contacts' order (the common shape of a CRM export), then cost one string
   * comparison each instead of a hash lookup, which is a random read in a large table.
   */
  indexOfNear(id: string, near: number): number {
    const { keys } = this;
    if (near >= 0 && near + 1 < this.count) {
      if (keys[near] === id) return near;
      if (keys[near + 1] === id) return near + 1;
    }
    return this.indexOf(id);
  }

  /**
   * Adds `id` at the next position and returns that position, or returns −1 and adds nothing
   * when `id` is already there (a duplicate the caller reports).
   */
  add(id: string): number {
    // At most four ids in five slots.
    if (this.count * 5 >= this.slots.length * 2) this.grow();
    const { slots, keys } = this;
    const last = slots.length - 2;
    const hash = hashId(id);
    for (let slot = 2 * Math.floor((hash >>> 0) * this.scale); ; slot = slot === last ? 0 : slot + 2) {
      const index = slots[slot]!;
      if (index === EMPTY) {
        slots[slot] = this.count;
        slots[slot + 1] = hash;
        keys[this.count] = id;
        return this.count++;
      }
      if (slots[slot + 1] === hash && keys[index] === id) return EMPTY;
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const scale = (slots.length >> 1) * SLOT_SCALE;
    const last = slots.length - 2;
    for (let index = 0; index < this.count; index++) {
      const hash = hashId(this.keys[index]!);
      let slot = 2 * Math.floor((hash >>> 0) * scale);
      while (slots[slot] !== EMPTY) slot = slot === last ? 0 : slot + 2;
      slots[slot] = index;
      slots[slot + 1] = hash;
    }
    this.slots = slots;
    this.scale = scale;
  }
}
