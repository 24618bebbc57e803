import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { VegaLiteSpec } from '../load.js';
import type { FontSetup } from './fonts.js';

export interface RenderedChart {
  svg: string;
  png: Buffer;
  /** Size in CSS pixels (the PNG has PNG_SCALE times as many). */
  width: number;
  height: number;
}

/** PNGs are drawn at twice the CSS size so they stay sharp in a workbook and on high-density screens. */
export const PNG_SCALE = 2;

/**
 * Renders charts headless: Vega's own SVG output (on this thread), rasterized by resvg on the
 * libuv pool, so one chart's PNG is drawn while the next chart's SVG is being laid out.
 */
export async function renderCharts(specs: readonly VegaLiteSpec[], fonts: FontSetup): Promise<RenderedChart[]> {
  const pending: Promise<RenderedChart>[] = [];
  for (const spec of specs) {
    const svg = await renderSvg(spec);
    pending.push(rasterize(svg, fonts));
  }
  return Promise.all(pending);
}

async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const compiled = vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

async function rasterize(svg: string, fonts: FontSetup): Promise<RenderedChart> {
  const image = await renderAsync(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    font: {
      fontFiles: fonts.files,
      loadSystemFonts: fonts.loadSystemFonts,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return { svg, png: image.asPng(), width: Math.round(image.width / PNG_SCALE), height: Math.round(image.height / PNG_SCALE) };
}
