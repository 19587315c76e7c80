import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { chartSvg, svgToPng, withPngText } from './render.js';
import { compareCharts, sweepCharts } from './charts.js';
import { compareDoc, policySweepDoc } from './test-helpers/fixtures.js';

/** The chunks of a PNG: type, data, stored CRC. */
function chunks(png: Uint8Array): Array<{ type: string; data: Buffer; crc: number }> {
  const b = Buffer.from(png);
  const out = [];
  for (let at = 8; at < b.length;) {
    const length = b.readUInt32BE(at);
    out.push({ type: b.toString('latin1', at + 4, at + 8), data: b.subarray(at + 8, at + 8 + length), crc: b.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

describe('chart files', () => {
  it('renders a spec to SVG with marks, headless', async () => {
    const svg = await chartSvg(compareCharts(compareDoc(), 'en')[0].spec);
    expect(svg.startsWith('<!-- chatsim report -->\n<svg')).toBe(true);
    expect(svg.match(/class="mark-rect role-mark/g)!.length).toBeGreaterThan(0);
    expect(svg).toContain('least-loaded');
  });

  it('rasterises to a valid PNG carrying the report marker in a tEXt chunk with a correct CRC', async () => {
    const png = svgToPng(await chartSvg(sweepCharts(policySweepDoc(), 'en')[0].spec));
    const list = chunks(png);
    expect(list.map((c) => c.type).slice(0, 2)).toEqual(['IHDR', 'tEXt']);
    expect(list.at(-1)!.type).toBe('IEND');
    for (const c of list) expect(c.crc, c.type).toBe(crc32(Buffer.concat([Buffer.from(c.type, 'latin1'), c.data])));
    expect(list[1].data.toString('latin1')).toBe('Software\0chatsim report');
  });

  it('inserts the text chunk without touching the image data', () => {
    const fake = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, ...new Array(17).fill(1), 9, 9]);
    const out = withPngText(fake, 'k', 'v');
    expect(out.length).toBe(fake.length + 12 + 3);
    expect([...out.subarray(out.length - 2)]).toEqual([9, 9]);
  });
});
