import type { ReactElement } from 'react';
import { labelOf } from '../i18n/format.ts';
import type { SankeyData } from '../state/kpi-view.ts';
import { useFormat } from './hooks.ts';

const W = 300;
const H = 150;
const BAND_MAX = 70;
const TOP = 22;

/**
 * Where the yield goes, electrode → pack: a band that narrows at each area by the share of
 * the units started that is scrapped there, the scrap peeling off downward in red.
 */
export function YieldSankey({ data }: { data: SankeyData }) {
  const f = useFormat();
  const start = data.stages[0]?.in ?? 0;
  // Until stations have processed anything the yields are all 1 and there is nothing to show.
  if (start <= 0 || data.good <= 0) return <p className="muted">{f.t('noData')}</p>;
  const scale = BAND_MAX / start;
  const colW = W / (data.stages.length + 1);
  // Short stage names fit a column; an area's own (long) label only when two areas share a stage.
  const label = (s: SankeyData['stages'][number]) =>
    s.stage !== 'other' && data.stages.filter((o) => o.stage === s.stage).length === 1 ? f.t(`stage_${s.stage}`) : labelOf({ id: s.id, label: s.label, labelRu: s.labelRu }, f.locale);
  const shapes: ReactElement[] = [];
  data.stages.forEach((s, i) => {
    const x0 = i * colW;
    const x1 = x0 + colW;
    const inH = s.in * scale;
    const outH = (s.in - s.scrap) * scale;
    const scrapH = s.scrap * scale;
    // Good flow keeps its top edge; scrap leaves from the bottom of the band and curves down.
    shapes.push(
      <path key={`g${s.id}`} d={`M${x0},${TOP} L${x1},${TOP} L${x1},${TOP + outH} L${x0 + colW * 0.5},${TOP + outH} L${x0},${TOP + inH} Z`} fill="#3f8fd2" opacity={0.85} />,
    );
    if (scrapH > 0.2) {
      const sx = x0 + colW * 0.5;
      shapes.push(
        <path
          key={`s${s.id}`}
          d={`M${x0},${TOP + inH - scrapH} C${sx},${TOP + inH - scrapH} ${sx},${H - 24} ${x1 - 4},${H - 24} L${x1 - 4},${H - 24 + Math.max(2, scrapH * 0.3)} C${sx - 6},${H - 24 + scrapH * 0.3} ${sx - 6},${TOP + inH} ${x0},${TOP + inH} Z`}
          fill="#e0403a"
          opacity={0.75}
        />,
      );
    }
    shapes.push(
      <text key={`l${s.id}`} x={x0 + 2} y={7} className="sankey-label">
        {label(s)
          .split(' ')
          .reduce<string[]>((lines, word) => {
            // Two short lines per stage so long Russian names stay within their column.
            if (lines.length > 0 && lines[lines.length - 1].length + word.length < 12) lines[lines.length - 1] += ` ${word}`;
            else lines.push(word);
            return lines;
          }, [])
          .slice(0, 2)
          .map((line, j) => (
            <tspan key={j} x={x0 + 2} dy={j === 0 ? 0 : 8}>
              {line}
            </tspan>
          ))}
      </text>,
      <text key={`v${s.id}`} x={x1 - 4} y={H - 4} className="sankey-scrap" textAnchor="end">
        −{f.pct(s.scrap, 2)}
      </text>,
    );
  });
  const gx = data.stages.length * colW;
  shapes.push(
    <rect key="good" x={gx} y={TOP} width={colW * 0.6} height={Math.max(1, data.good * scale)} fill="#2fa84f" />,
    <text key="goodl" x={gx + 2} y={7} className="sankey-label">
      {f.t('good')}
    </text>,
    <text key="goodv" x={gx + 2} y={TOP + data.good * scale + 12} className="sankey-label">
      {f.pct(data.good, 1)}
    </text>,
  );
  return (
    <svg className="sankey" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={f.t('yieldLoss')}>
      {shapes}
    </svg>
  );
}
