import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EN } from './en';
import { ZH_CN } from './zh-CN';
import { allKeys, enSource } from '../../scripts/i18nKeys';
import { interpolate, t, tx, setLanguage } from './index';
import { latinRuns, latinWords } from './untranslated';
import { pickLang } from './lang';

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('en.ts holds exactly the keys the code uses (regenerate with npm run i18n)', () => {
    const { keys, problems } = allKeys();
    expect(problems).toEqual([]);
    // A new visible string: run `npm run i18n` and add its Chinese to src/i18n/zh-CN.ts.
    expect(readFileSync('src/i18n/en.ts', 'utf8')).toBe(enSource(keys));
  });

  it('each English entry is its own key', () => {
    for (const [k, v] of Object.entries(EN)) expect(v).toBe(k);
  });

  it('zh-CN has exactly the keys of en, each with the same placeholders and a non-empty text', () => {
    expect(Object.keys(ZH_CN).sort()).toEqual(Object.keys(EN).sort());
    for (const [k, v] of Object.entries(ZH_CN)) {
      expect(v.trim(), k).not.toBe('');
      expect(placeholders(v), k).toEqual(placeholders(k));
    }
  });

  it('no zh-CN text keeps an English phrase', () => {
    const bad = Object.entries(ZH_CN).flatMap(([k, v]) => latinRuns(v).map((r) => `${JSON.stringify(r)} in ${JSON.stringify(k.slice(0, 60))}`));
    expect(bad).toEqual([]);
  });
});

describe('translation', () => {
  it('interpolates placeholders and leaves unknown ones', () => {
    expect(interpolate('a {{x}} b {{y}}', { x: 1 })).toBe('a 1 b {{y}}');
  });

  it('switches the active catalogue', async () => {
    const key = Object.keys(ZH_CN)[0] as keyof typeof EN;
    expect(t(key)).toBe(key);
    await setLanguage('zh-CN');
    expect(t(key)).toBe(ZH_CN[key]);
    expect(tx('not a key')).toBe('not a key');
    await setLanguage('en');
    expect(t(key)).toBe(key);
  });

  it('picks the browser language: any Chinese → zh-CN, else the first supported, else en', () => {
    expect(pickLang(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLang(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLang(['de'])).toBe('en');
    expect(pickLang(['ZH'])).toBe('zh-CN');
  });

  it('finds English phrases but not symbols, numbers or allowed names', () => {
    expect(latinRuns('训练损失 train loss')).toEqual(['train loss']);
    expect(latinRuns('λmax 0.12 w₁ Ψ σ* (SPEC §5) Monte Carlo')).toEqual([]);
    expect(latinRuns('点击 Show panels 或 PNG')).toEqual(['Show panels']);
  });

  it('finds single English words but not acronyms, symbols, formulas, code, quoted names or the allowed names', () => {
    expect(latinWords('隐藏 segment 显示 test')).toEqual(['segment', 'test']);
    expect(latinWords('hide')).toEqual(['hide']);
    expect(latinWords('学习率 lr')).toEqual(['lr']);
    expect(latinWords('λmax w₁ w1 Ψ σ* CSV JSON GPU SGD PAC-Bayes WebGL log(τ/σ) max(0, x) 0.5 ms 50 kB')).toEqual([]);
    expect(latinWords('“paper-toy” 的 "depth" 与 \'random\'；docs/PRESETS.md；TensorFlow.js；data=gen；Page Up；Monte Carlo')).toEqual([]);
  });
});

describe('composed messages', () => {
  it('reads the values back out of an English message and translates each', async () => {
    const { checkParam } = await import('../core/params');
    const { txm } = await import('./index');
    const en = checkParam('depth', 9)!;
    expect(en).toBe('Depth must be an integer from 1 to 8, got 9.');
    expect(txm(en)).toBe(en);
    await setLanguage('zh-CN');
    expect(txm(en)).toBe('深度必须是 1 到 8 之间的整数，实际为 9。');
    expect(txm('not a catalogue sentence')).toBe('not a catalogue sentence');
    await setLanguage('en');
  });
});
