import { describe, expect, it } from 'vitest';
import { fullAppUrl, parseEmbed } from './embed';

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
});
