import { Resvg } from '@resvg/resvg-js';
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

/** Compiles a Vega-Lite spec and renders it headless: Vega's own SVG output, rasterized by resvg. */
export async function renderChart(spec: VegaLiteSpec, fonts: FontSetup): Promise<RenderedChart> {
  const compiled = vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    const svg = await view.toSVG();
    const image = new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'zoom', value: PNG_SCALE },
      font: {
        fontFiles: fonts.files,
        loadSystemFonts: fonts.loadSystemFonts,
        defaultFontFamily: 'DejaVu Sans',
        sansSerifFamily: 'DejaVu Sans',
      },
    }).render();
    return { svg, png: image.asPng(), width: Math.round(image.width / PNG_SCALE), height: Math.round(image.height / PNG_SCALE) };
  } finally {
    view.finalize();
  }
}
