import { beforeEach, describe, expect, it } from 'vitest';
import { canControl, useUi } from '../../client/src/state/ui-store.ts';
import { snapshot, testModel } from './fixtures.ts';

beforeEach(() => {
  useUi.getState().leftSession();
  useUi.setState({ errors: [], control: { running: false, speed: 1, locked: false } });
});

describe('UI store', () => {
  it('lets owners always control, controllers unless locked, viewers never', () => {
    const unlocked = { running: true, speed: 1, locked: false };
    const locked = { ...unlocked, locked: true };
    expect(canControl({ role: 'owner', control: locked })).toBe(true);
    expect(canControl({ role: 'controller', control: unlocked })).toBe(true);
    expect(canControl({ role: 'controller', control: locked })).toBe(false);
    expect(canControl({ role: 'viewer', control: unlocked })).toBe(false);
    expect(canControl({ role: null, control: unlocked })).toBe(false);
  });

  it('keeps the layout when a later snapshot carries the same model, and the selection if the node still exists', () => {
    const s = useUi.getState();
    s.takeSnapshot(snapshot(testModel()));
    const layout = useUi.getState().layout;
    useUi.getState().select('eol');
    useUi.getState().takeSnapshot(snapshot(testModel(), undefined, 'viewer'));
    expect(useUi.getState().layout).toBe(layout);
    expect(useUi.getState().selectedId).toBe('eol');
    expect(useUi.getState().role).toBe('viewer');
  });

  it('keeps the last few errors and drops dismissed ones', () => {
    for (let i = 0; i < 10; i++) useUi.getState().pushError(`e${i}`);
    const errors = useUi.getState().errors;
    expect(errors.map((e) => e.message)).toEqual(['e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
    useUi.getState().dismissError(errors[0].id);
    expect(useUi.getState().errors).toHaveLength(5);
  });

  it('re-triggers a camera preset even when it is already chosen', () => {
    const before = useUi.getState().presetNonce;
    useUi.getState().setPreset('all');
    useUi.getState().setPreset('all');
    expect(useUi.getState().presetNonce).toBe(before + 2);
  });

  it('remembers the language where storage exists', () => {
    const saved = new Map<string, string>();
    Object.defineProperty(globalThis, 'localStorage', {
      configurable: true,
      value: { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => saved.set(k, v), removeItem: (k: string) => saved.delete(k) },
    });
    try {
      useUi.getState().setLocale('en');
      expect(useUi.getState().locale).toBe('en');
      expect(saved.get('twin.locale')).toBe('en');
    } finally {
      delete (globalThis as { localStorage?: unknown }).localStorage;
    }
  });
});
