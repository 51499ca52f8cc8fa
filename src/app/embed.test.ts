import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EMBED_CONTROLS, fullAppUrl, parseEmbed } from './embed';
import { decodeView } from '../core/urlCodec';

describe('embed flags', () => {
  it('is off without ?embed and shows only the stage with a bare ?embed', () => {
    expect(parseEmbed('')).toBeNull();
    expect(parseEmbed('?present=async')).toBeNull();
    expect([...parseEmbed('?embed')!.controls]).toEqual([]);
  });
  it('reads the named controls and reports unknown names', () => {
    const e = parseEmbed('?embed=field, Train,bogus')!;
    expect([...e.controls]).toEqual(['field', 'train']);
    expect(e.unknown).toEqual(['bogus']);
  });
  it('links back to the full app on the same view', () => {
    expect(fullAppUrl('https://x.org/app/?embed=field#v=1&field=psi')).toBe('https://x.org/app/#v=1&field=psi');
  });

  it("README's embedding snippet is a working embed link, and it lists every control", () => {
    const readme = readFileSync('README.md', 'utf8');
    const src = /<iframe src="([^"]+)"/.exec(readme)?.[1];
    expect(src).toBeTruthy();
    const url = new URL(src!);
    const e = parseEmbed(url.search)!;
    expect(e).not.toBeNull();
    expect(e.controls.size).toBeGreaterThan(0);
    expect(decodeView(url.hash).errors).toEqual([]);
    const listed = /name the controls it should offer\s*\(([^)]*)\)/.exec(readme)?.[1] ?? '';
    expect([...listed.matchAll(/`(\w+)`/g)].map((m) => m[1]).sort()).toEqual([...EMBED_CONTROLS].sort());
  });
});
