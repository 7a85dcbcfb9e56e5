import { useEffect, useState, type ReactElement } from 'react';
import type { Model } from '../../../server/protocol/model.ts';
import { labelOf } from '../i18n/format.ts';
import { getJson } from '../net/api.ts';
import { useUi } from '../state/ui-store.ts';
import { useFormat } from '../ui/hooks.ts';
import type { Metric } from './run-results.ts';

const WORDS = {
  en: { title: 'Where the electricity goes', stations: 'stations', base: 'base load', total: 'Plant', perKwh: 'electricity per kWh of A-grade cells', unit: 'MWh/day', none: 'This run has no energy figures (the model gives no power data).' },
  ru: { title: 'Куда уходит электроэнергия', stations: 'станции', base: 'базовая нагрузка', total: 'Завод', perKwh: 'электроэнергии на кВт·ч ячеек сорта A', unit: 'МВт·ч/сут', none: 'В этом прогоне нет данных об энергии (в модели нет мощностей).' },
} as const;

export interface EnergyFlow {
  /** Per area, MWh per day: its stations and its base load (HVAC, lighting, dry air). */
  areas: { id: string; stations: number; base: number }[];
  total: number;
  kwhPerKwhCell: number | null;
}

/** Energy of a run (`kpis.energy`, flattened) per day of its measured window; null without energy figures. */
export function energyFlow(metrics: readonly Metric[]): EnergyFlow | null {
  const get = (p: string) => metrics.find((m) => m.path === p)?.value;
  const kwh = get('kpis.energy.kwh');
  const span = (get('horizonS') ?? 0) - (get('warmupS') ?? 0);
  if (kwh === undefined || !(span > 0)) return null;
  const perDay = (v: number) => (v * 86400) / span / 1000;
  const ids = [...new Set(metrics.filter((m) => m.path.startsWith('kpis.energy.byArea.')).map((m) => m.path.slice('kpis.energy.byArea.'.length)))];
  const areas = ids
    .map((id) => {
      const all = get(`kpis.energy.byArea.${id}`) ?? 0;
      const base = get(`kpis.energy.baseByArea.${id}`) ?? 0;
      return { id, stations: perDay(Math.max(0, all - base)), base: perDay(base) };
    })
    .filter((a) => a.stations + a.base > 0)
    .sort((a, b) => b.stations + b.base - (a.stations + a.base));
  return { areas, total: perDay(kwh), kwhPerKwhCell: get('kpis.energy.kwhPerKwhCell') ?? null };
}

const W = 320;
const H = 200;
const GAP = 4;

/** A band from (x0, y0…y0+h) on the left to (x1, y1…y1+h) on the right. */
const band = (x0: number, y0: number, x1: number, y1: number, h: number) => {
  const m = (x0 + x1) / 2;
  return `M${x0},${y0} C${m},${y0} ${m},${y1} ${x1},${y1} L${x1},${y1 + h} C${m},${y1 + h} ${m},${y0 + h} ${x0},${y0 + h} Z`;
};

/** Electricity of a run: per area its stations and base load flowing into the plant total, in MWh per day, with kWh per kWh of cells. */
export function EnergySankey({ metrics, modelId, title }: { metrics: readonly Metric[]; modelId: string; title: string }) {
  const f = useFormat();
  // The model only names the areas; without it the ids are shown.
  const [model, setModel] = useState<Model | null>(null);
  useEffect(() => {
    getJson<Model>(`/api/models/${encodeURIComponent(modelId)}`).then(setModel, () => setModel(null));
  }, [modelId]);
  const w = WORDS[useUi((s) => s.locale)];
  const flow = energyFlow(metrics);
  if (!flow || flow.total <= 0) return <p className="muted small" data-testid="energy-sankey-none">{w.none}</p>;
  const scale = (H - 12 - GAP * (2 * flow.areas.length)) / flow.total;
  const areaName = (id: string) => labelOf(model?.areas.find((a) => a.id === id) ?? { id }, f.locale);
  const shapes: ReactElement[] = [];
  let yLeft = 0;
  let yMid = 0;
  let yRight = 0;
  for (const a of flow.areas) {
    const hs = a.stations * scale;
    const hb = a.base * scale;
    // Left: the area's stations then its base load, each flowing into the area's column.
    shapes.push(<path key={`s${a.id}`} d={band(0, yLeft, 110, yMid, hs)} fill="#3f8fd2" opacity={0.8} />);
    shapes.push(<path key={`b${a.id}`} d={band(0, yLeft + hs + GAP, 110, yMid + hs, hb)} fill="#e8a23a" opacity={0.8} />);
    shapes.push(<path key={`t${a.id}`} d={band(116, yMid, 250, yRight, hs + hb)} fill="#7f8c99" opacity={0.55} />);
    shapes.push(<rect key={`r${a.id}`} x={110} y={yMid} width={6} height={Math.max(1, hs + hb)} fill="#cfd8dc" />);
    shapes.push(
      // Named on its own band, right of the area's column, where the band is widest.
      <text key={`l${a.id}`} x={120} y={yMid + Math.max(6, (hs + hb) / 2 - 2)} className="sankey-label">
        <tspan x={120}>{areaName(a.id)}</tspan>
        <tspan x={120} dy={8}>
          {f.num(a.stations, 1)} + {f.num(a.base, 1)}
        </tspan>
      </text>,
    );
    yLeft += hs + hb + 2 * GAP;
    yMid += hs + hb + GAP;
    yRight += hs + hb;
  }
  shapes.push(<rect key="total" x={250} y={0} width={8} height={Math.max(1, yRight)} fill="#2fa84f" />);
  shapes.push(
    <text key="totall" x={262} y={yRight / 2} className="sankey-label" dominantBaseline="middle">
      <tspan x={262}>{w.total}</tspan>
      <tspan x={262} dy={9}>
        {f.num(flow.total, 1)}
      </tspan>
      <tspan x={262} dy={9}>
        {w.unit}
      </tspan>
    </text>,
  );
  return (
    <figure className="energy-sankey" data-testid="energy-sankey">
      <figcaption>
        {w.title} — {title} ({w.unit}: <span style={{ color: '#3f8fd2' }}>■</span> {w.stations} + <span style={{ color: '#e8a23a' }}>■</span> {w.base})
      </figcaption>
      <svg className="sankey" viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: 560 }} role="img" aria-label={w.title}>
        {shapes}
      </svg>
      {flow.kwhPerKwhCell !== null && (
        <p className="small" data-testid="energy-per-kwh">
          <strong>{f.num(flow.kwhPerKwhCell, 1)} kWh/kWh</strong> {w.perKwh}
        </p>
      )}
    </figure>
  );
}
