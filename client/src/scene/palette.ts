import { SERVER_STATES } from '../../../server/protocol/messages.ts';

export type StateName = (typeof SERVER_STATES)[number];

/** One colour per server state, shared by the 3D scene, the legend and the charts. */
export const STATE_COLORS: Record<StateName, string> = {
  working: '#2fa84f',
  idle: '#d8b62a',
  blocked: '#8a5cd6',
  setup: '#3b82d6',
  down: '#e0403a',
  offShift: '#5b6470',
};

/** Colour by state code from a frame; `fallback` for nodes without servers. */
export function stateColor(code: number, fallback: string): string {
  const name = SERVER_STATES[code];
  return name === undefined ? fallback : STATE_COLORS[name];
}

/** Neutral colours of things that have no server state. */
export const NEUTRAL = {
  buffer: '#7d8a99',
  dock: '#a07a4a',
  store: '#6f8fa8',
  floor: '#20262e',
  path: '#3d4753',
  part: '#f4f1e8',
  marker: '#ff3b30',
};

/** Fill bars go from calm to alarming as a buffer fills up. */
export function fillColor(fill: number, out: { r: number; g: number; b: number }): void {
  const f = Math.min(1, Math.max(0, fill));
  // green (0.2, 0.7, 0.4) → amber (0.95, 0.7, 0.15) → red (0.9, 0.2, 0.2)
  if (f < 0.6) {
    const k = f / 0.6;
    out.r = 0.2 + 0.75 * k;
    out.g = 0.7;
    out.b = 0.4 - 0.25 * k;
  } else {
    const k = (f - 0.6) / 0.4;
    out.r = 0.95 - 0.05 * k;
    out.g = 0.7 - 0.5 * k;
    out.b = 0.15 + 0.05 * k;
  }
}

/** A distinct floor tint per area so halls read apart. */
export const AREA_TINTS = ['#2a3440', '#2d3a33', '#3a3430', '#33304a', '#2f3a44', '#3c3338'];
