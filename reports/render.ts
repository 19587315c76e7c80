// Charts as files without a browser: a spec to SVG through vega's headless renderer, SVG to PNG
// through resvg. Both outputs carry REPORT_MARKER (an SVG comment, a PNG text chunk) so a later
// report may replace them. Pure (returns strings and bytes); must not import cli/ or touch files.

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import { REPORT_MARKER } from './html.js';

/** PNG pixels per SVG pixel. */
export const PNG_SCALE = 2;

/**
 * Renders a Vega-Lite spec to a standalone SVG document (text widths estimated, no canvas).
 * @example const svg = await chartSvg(spec); // '<!-- chatsim report -->\n<svg …'
 */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return `<!-- ${REPORT_MARKER} -->\n${svg}\n`;
  } finally {
    view.finalize();
  }
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG chunks use it. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Length of the PNG signature plus the IHDR chunk (always first, 13 data bytes). */
const AFTER_IHDR = 8 + 4 + 4 + 13 + 4;

/** `png` with a `tEXt` chunk `keyword`=`text` (Latin-1) right after IHDR. */
export function withPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  const data = new TextEncoder().encode(`${keyword}\0${text}`);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(new TextEncoder().encode('tEXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, AFTER_IHDR), 0);
  out.set(chunk, AFTER_IHDR);
  out.set(png.subarray(AFTER_IHDR), AFTER_IHDR + chunk.length);
  return out;
}

/**
 * Rasterises an SVG to PNG at {@link PNG_SCALE}× on white, with the system fonts (Chinese labels
 * need a CJK font installed, e.g. Debian's fonts-noto-cjk).
 */
export function svgToPng(svg: string): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_SCALE },
    background: 'white',
    font: { loadSystemFonts: true },
  });
  return withPngText(resvg.render().asPng(), 'Software', REPORT_MARKER);
}
