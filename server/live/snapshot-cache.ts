import type { ClientInfo, Frame, Role, Snapshot } from '../protocol/messages.ts';

/** The part of a snapshot every member of a session shares (all but who it is for). */
export type SharedSnapshot = Omit<Snapshot, 'clientId' | 'role' | 'clients'>;

/** Who a snapshot is for: the only fields that differ between members. */
export interface SnapshotAddressee {
  clientId: string;
  role: Role;
  /** The roster, for owners only. */
  clients?: ClientInfo[];
}

/**
 * A session's snapshot as JSON, built once per keyframe and served to every member
 * that asks during that frame. A snapshot of the default plant is ≈150 KB (the model
 * and 2 minutes of KPI points); encoding it per request let 20 sockets asking at 50/s
 * take the main thread (issue 17: the public plant fell to 6 fps). Now each request
 * costs a short string join; the shared part is encoded at most once per frame and
 * again only when the session changes (`invalidate`: a live edit, a lock, a join).
 */
export class SnapshotCache {
  private cached: { key: Frame; version: number; json: string } | null = null;
  private version = 0;

  constructor(private readonly build: (key: Frame) => SharedSnapshot) {}

  /** Something a snapshot shows changed between frames. */
  invalidate(): void {
    this.version++;
  }

  /** The shared part for keyframe `key`, as JSON. */
  shared(key: Frame): string {
    const c = this.cached;
    if (c !== null && c.key === key && c.version === this.version) return c.json;
    const json = JSON.stringify(this.build(key));
    this.cached = { key, version: this.version, json };
    return json;
  }

  /** The snapshot of `key` for `to`, as the JSON text of a `Snapshot`. */
  encode(key: Frame, to: SnapshotAddressee): string {
    const head = JSON.stringify(to.clients === undefined ? { clientId: to.clientId, role: to.role } : to);
    // Both are JSON objects with disjoint keys: join them into one.
    return `${head.slice(0, -1)},${this.shared(key).slice(1)}`;
  }
}
