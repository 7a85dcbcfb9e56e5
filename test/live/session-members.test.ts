import { describe, expect, it } from 'vitest';
import type { Notice, Role } from '../../server/protocol/messages.ts';
import { SessionMembers, type ViewerLink } from '../../server/live/session-members.ts';

/** A link that keeps the notices it is given. */
function link(notices: Notice[]): ViewerLink {
  return { frame: () => undefined, snapshot: () => undefined, notice: (n) => notices.push(n) };
}

describe('session members here and on other processes', () => {
  it('with no other process, counts, lists and grants exactly the local clients (the single-process case)', () => {
    const members = new SessionMembers();
    const told: Notice[] = [];
    members.add('own', link([]), 'owner', 'owner');
    members.add('v1', link(told), 'viewer', 'viewer');
    expect(members.viewers).toBe(2);
    expect(members.roster().map((c) => c.clientId)).toEqual(['own', 'v1']);
    const granted = members.setRole('v1', true);
    expect(granted !== null && 'link' in granted && granted.role).toBe('controller');
    expect(told).toEqual([{ type: 'role', role: 'controller' }]);
    const refused = members.setRole('own', false);
    expect(refused !== null && 'ok' in refused && refused.error.code).toBe('conflict');
    const unknown = members.setRole('nobody', true);
    expect(unknown !== null && 'ok' in unknown && unknown.error.code).toBe('not_found');
  });

  it("counts, lists and grants members of other processes, tells their process of a role, and drops a dead process's members", () => {
    const members = new SessionMembers();
    let changes = 0;
    const roles: [string, Role][] = [];
    members.onChangedElsewhere = () => changes++;
    members.onRoleElsewhere = (id, role) => roles.push([id, role]);
    members.add('own', link([]), 'owner', 'owner');
    members.joinedElsewhere({ clientId: 'b1', user: 'on-b', role: 'viewer', joinedAt: '2026-01-01T00:00:00.000Z', process: 'B' });
    members.joinedElsewhere({ clientId: 'c1', user: 'on-c', role: 'viewer', joinedAt: '2026-01-01T00:00:00.000Z', process: 'C' });
    // 1 local + 2 elsewhere; the local count (idle check, links) stays 1.
    expect([members.viewers, members.size, changes]).toEqual([3, 1, 2]);
    expect(members.roster().map((c) => [c.clientId, c.user, c.role])).toEqual([
      ['own', 'owner', 'owner'],
      ['b1', 'on-b', 'viewer'],
      ['c1', 'on-c', 'viewer'],
    ]);
    expect(members.setRole('b1', true)).toBeNull();
    expect(members.elsewhere.get('b1')?.role).toBe('controller');
    expect(members.setRole('b1', false)).toBeNull();
    expect(roles).toEqual([
      ['b1', 'controller'],
      ['b1', 'viewer'],
    ]);
    roles.length = 0;
    // B's heartbeat lists its members: a lost join is added, a lost leave removed, a role held here kept; the same list again changes nothing.
    members.setRole('b1', true);
    const b1 = { clientId: 'b1', user: 'on-b', role: 'viewer' as const, joinedAt: '2026-01-01T00:00:00.000Z' };
    expect(members.syncElsewhere('B', [b1, { ...b1, clientId: 'b9' }])).toBe(true);
    expect(members.syncElsewhere('B', [b1, { ...b1, clientId: 'b9' }])).toBe(false);
    expect(members.elsewhere.get('b1')?.role).toBe('controller');
    expect(members.syncElsewhere('B', [b1])).toBe(true);
    expect([members.viewers, changes]).toEqual([3, 4]);
    expect(members.dropProcess('B')).toBe(true);
    expect(members.dropProcess('B')).toBe(false); // nothing left of B: no second change
    expect([members.viewers, changes]).toEqual([2, 5]);
    // An owner on another process gets the roster through its process; with none there, nothing is sent.
    const sent: string[][] = [];
    members.onRosterElsewhere = (clients) => sent.push(clients.map((c) => c.clientId));
    members.rosterChanged();
    expect(sent).toEqual([]);
    members.joinedElsewhere({ clientId: 'b2', user: 'owner-on-b', role: 'owner', joinedAt: '2026-01-01T00:00:00.000Z', process: 'B' });
    members.rosterChanged();
    expect(sent).toEqual([['own', 'c1', 'b2']]);
    expect(members.leftElsewhere('b2')).toBe(true);
    expect(members.leftElsewhere('c1')).toBe(true);
    expect(members.leftElsewhere('c1')).toBe(false);
    expect([members.viewers, changes]).toEqual([1, 8]);
  });
});
