/**
 * A first-in-first-out queue with O(1) push and shift, in a growable ring (a
 * power-of-two array indexed with a mask). Array#shift is O(n), buffers in a plant
 * model can hold tens of thousands of parts, and a ring neither calls the Array#push
 * builtin per item nor reallocates as items pass through.
 */
export class Fifo<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(16).fill(undefined);
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(item: T): void {
    if (this.size === this.items.length) this.growTwice();
    this.items[(this.head + this.size) & (this.items.length - 1)] = item;
    this.size++;
  }

  peek(): T | undefined {
    return this.size === 0 ? undefined : this.items[this.head];
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.items[this.head];
    // Cleared so the ring does not keep a part that has left alive.
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.size--;
    return item;
  }

  /** Removes the first item that satisfies `pred` (O(n)); returns it or undefined. */
  removeFirst(pred: (item: T) => boolean): T | undefined {
    const mask = this.items.length - 1;
    for (let i = 0; i < this.size; i++) {
      const item = this.items[(this.head + i) & mask] as T;
      if (!pred(item)) continue;
      // Close the gap: every later item moves one place towards the head.
      for (let j = i; j < this.size - 1; j++) this.items[(this.head + j) & mask] = this.items[(this.head + j + 1) & mask];
      this.items[(this.head + this.size - 1) & mask] = undefined;
      this.size--;
      return item;
    }
    return undefined;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    const mask = this.items.length - 1;
    for (let i = 0; i < this.size; i++) yield this.items[(this.head + i) & mask] as T;
  }

  clear(): void {
    this.items.fill(undefined);
    this.head = 0;
    this.size = 0;
  }

  /** Doubles the capacity (kept a power of two so the index wraps with a mask). */
  private growTwice(): void {
    const mask = this.items.length - 1;
    const next = new Array<T | undefined>(this.items.length * 2).fill(undefined);
    for (let i = 0; i < this.size; i++) next[i] = this.items[(this.head + i) & mask];
    this.items = next;
    this.head = 0;
  }
}

/**
 * A first-in-first-out queue of numbers in a growable Float64Array ring: a
 * generic Fifo boxes every number it holds, which a delay block's due times paid
 * once per part.
 */
export class NumberFifo {
  private items = new Float64Array(16);
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  push(x: number): void {
    if (this.size === this.items.length) this.growTwice();
    this.items[(this.head + this.size) & (this.items.length - 1)] = x;
    this.size++;
  }

  /** The oldest number; NaN when empty. */
  peek(): number {
    return this.size === 0 ? Number.NaN : this.items[this.head];
  }

  /** Removes and returns the oldest number; NaN when empty. */
  shift(): number {
    if (this.size === 0) return Number.NaN;
    const x = this.items[this.head];
    this.head = (this.head + 1) & (this.items.length - 1);
    this.size--;
    return x;
  }

  /** Doubles the capacity (kept a power of two so the index wraps with a mask). */
  private growTwice(): void {
    const next = new Float64Array(this.items.length * 2);
    for (let i = 0; i < this.size; i++) next[i] = this.items[(this.head + i) & (this.items.length - 1)];
    this.items = next;
    this.head = 0;
  }
}
