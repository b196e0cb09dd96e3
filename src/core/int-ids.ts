/**
 * A table from integer ids to their position, for books whose contact ids are integers: no
 * string is built or hashed per contact. Open addressing over one typed array of keys and one of
 * positions, like `IdTable`.
 */
import { NONE } from './intake.js';

/** 2^−32: scales a 32-bit hash to a slot number. */
const SLOT_SCALE = 1 / 4_294_967_296;

/** Mixes an integer (any safe integer) into 32 bits. */
function hashInt(value: number): number {
  const low = value | 0;
  const high = (value / 4_294_967_296) | 0;
  let hash = Math.imul(low ^ (high * 0x27d4eb2d), 0x9e3779b1);
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x85ebca77) >>> 0;
}

/**
 * Positions of integer ids, numbered in the order they are added.
 *
 * @example
 * const table = new IntIdTable(2);
 * table.add(101); // 0
 * table.add(101); // −1: already there
 * table.indexOf(101); // 0
 */
export class IntIdTable {
  private keys: Float64Array;
  private positions: Int32Array;
  private scale: number;
  private count = 0;

  constructor(expected = 0) {
    const slots = Math.max(16, Math.ceil(expected * 1.5));
    this.keys = new Float64Array(slots);
    this.positions = new Int32Array(slots).fill(NONE);
    this.scale = slots * SLOT_SCALE;
  }

  get size(): number {
    return this.count;
  }

  indexOf(id: number): number {
    const { keys, positions } = this;
    const last = positions.length - 1;
    for (let slot = Math.floor(hashInt(id) * this.scale); ; slot = slot === last ? 0 : slot + 1) {
      const position = positions[slot]!;
      if (position === NONE || keys[slot] === id) return position;
    }
  }

  /** Adds `id` at the next position and returns it, or returns −1 when `id` is already there. */
  add(id: number): number {
    if (this.count * 3 >= this.positions.length * 2) this.grow();
    const { keys, positions } = this;
    const last = positions.length - 1;
    for (let slot = Math.floor(hashInt(id) * this.scale); ; slot = slot === last ? 0 : slot + 1) {
      const position = positions[slot]!;
      if (position === NONE) {
        keys[slot] = id;
        positions[slot] = this.count;
        return this.count++;
      }
      if (keys[slot] === id) return NONE;
    }
  }

  private grow(): void {
    const old = { keys: this.keys, positions: this.positions };
    const slots = this.positions.length * 2;
    this.keys = new Float64Array(slots);
    this.positions = new Int32Array(slots).fill(NONE);
    this.scale = slots * SLOT_SCALE;
    const last = slots - 1;
    for (let slot = 0; slot < old.positions.length; slot++) {
      const position = old.positions[slot]!;
      if (position === NONE) continue;
      let target = Math.floor(hashInt(old.keys[slot]!) * this.scale);
      while (this.positions[target] !== NONE) target = target === last ? 0 : target + 1;
      this.keys[target] = old.keys[slot]!;
      this.positions[target] = position;
    }
  }
}
