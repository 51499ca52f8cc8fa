import { describe, expect, it } from 'vitest';
import { parseGridDraft } from './ViewControls';

const ok = { w1lo: '-1.5', w1hi: '4.5', w2lo: '-3.5', w2hi: '2.5', res: '256' };

describe('parseGridDraft', () => {
  it('accepts a valid range and resolution', () => {
    expect(parseGridDraft(ok)).toEqual({ ok: true, w1Range: [-1.5, 4.5], w2Range: [-3.5, 2.5], res: 256 });
  });
  it('names the first problem', () => {
    const bad = (p: Partial<typeof ok>) => parseGridDraft({ ...ok, ...p });
    expect(bad({ w1lo: '' })).toMatchObject({ ok: false, field: 'w1lo' });
    expect(bad({ w2hi: 'abc' })).toMatchObject({ ok: false, field: 'w2hi' });
    expect(bad({ w1hi: '-2' })).toMatchObject({ ok: false, field: 'w1hi' });
    expect(bad({ w2lo: '80' })).toMatchObject({ ok: false, field: 'w2lo' });
    expect(bad({ res: '7' })).toMatchObject({ ok: false, field: 'res' });
    expect(bad({ res: '0x10' })).toMatchObject({ ok: false, field: 'res' });
    expect(bad({ w1hi: '20.5' })).toMatchObject({ ok: false, field: 'w1hi' });
    expect(bad({ res: '513' })).toMatchObject({ ok: false, field: 'res' });
    expect(bad({ res: '100.5' })).toMatchObject({ ok: false, field: 'res' });
    expect(bad({ res: '64' }).ok).toBe(true);
    expect(bad({ res: '512' }).ok).toBe(true);
  });
});
