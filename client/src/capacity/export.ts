/**
 * Downloads of what a page shows: CSV from the rows a table renders, PNG of an
 * SVG chart, of a canvas (uPlot), or of a table drawn onto a canvas from its rows
 * (drawing the rows ourselves avoids SVG foreignObject, which taints the canvas in
 * some browsers and loses the page's CSS).
 */

/** RFC 4180 quoting; a UTF-8 byte-order mark so spreadsheet programs read Cyrillic names. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (c: string) => (/[",\n\r;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(name: string, rows: readonly (readonly string[])[]): void {
  download(`${name}.csv`, new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

const BACKGROUND = '#14191f';
const SCALE = 2;

/** A canvas chart (uPlot draws on one) on the page background. */
export function canvasToPng(source: HTMLCanvasElement): Promise<Blob> {
  const c = document.createElement('canvas');
  c.width = source.width;
  c.height = source.height;
  const g = c.getContext('2d')!;
  g.fillStyle = BACKGROUND;
  g.fillRect(0, 0, c.width, c.height);
  g.drawImage(source, 0, 0);
  return canvasBlob(c);
}

/** An inline SVG chart (its attributes carry its colours, so it draws the same outside the page). */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const box = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(box.width)));
  clone.setAttribute('height', String(Math.round(box.height)));
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
  const img = new Image();
  img.src = url;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = Math.round(box.width * SCALE);
  c.height = Math.round(box.height * SCALE);
  const g = c.getContext('2d')!;
  g.fillStyle = BACKGROUND;
  g.fillRect(0, 0, c.width, c.height);
  g.drawImage(img, 0, 0, c.width, c.height);
  return canvasBlob(c);
}

/** A table drawn from its rows (first row = header, first column left-aligned, the rest right-aligned). */
export function tableToPng(rows: readonly (readonly string[])[], title?: string): Promise<Blob> {
  const font = '13px system-ui, sans-serif';
  const bold = '600 13px system-ui, sans-serif';
  const measure = document.createElement('canvas').getContext('2d')!;
  const cols = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, j) =>
    Math.max(...rows.map((r, i) => {
      measure.font = i === 0 ? bold : font;
      return measure.measureText(r[j] ?? '').width;
    })) + 16,
  );
  const rowH = 22;
  const top = title ? 30 : 8;
  const c = document.createElement('canvas');
  const w = widths.reduce((a, b) => a + b, 0) + 16;
  const h = top + rows.length * rowH + 8;
  c.width = w * SCALE;
  c.height = h * SCALE;
  const g = c.getContext('2d')!;
  g.scale(SCALE, SCALE);
  g.fillStyle = BACKGROUND;
  g.fillRect(0, 0, w, h);
  g.textBaseline = 'middle';
  if (title) {
    g.font = '600 15px system-ui, sans-serif';
    g.fillStyle = '#e8eef4';
    g.fillText(title, 8, 16);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    g.strokeStyle = '#2a323b';
    g.beginPath();
    g.moveTo(8, y + rowH);
    g.lineTo(w - 8, y + rowH);
    g.stroke();
    g.font = i === 0 ? bold : font;
    let x = 8;
    r.forEach((text, j) => {
      g.fillStyle = i === 0 ? '#9aa6b2' : text.startsWith('★') || text.includes(' ★') ? '#ffd166' : '#e8eef4';
      g.textAlign = j === 0 ? 'left' : 'right';
      g.fillText(text, j === 0 ? x + 4 : x + widths[j] - 4, y + rowH / 2);
      x += widths[j];
    });
  });
  return canvasBlob(c);
}
