/**
 * A first-in-first-out queue with O(1) push and shift. Array#shift is O(n) and
 * buffers in a plant model can hold tens of thousands of parts.
 */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact once the dead prefix dominates, keeping memory proportional to the live length.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** Removes the first item that satisfies `pred` (O(n)); returns it or undefined. */
  removeFirst(pred: (item: T) => boolean): T | undefined {
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (pred(item)) {
        this.items.splice(i, 1);
        return item;
      }
    }
    return undefined;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i] as T;
  }

  clear(): void {
    this.items = [];
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
