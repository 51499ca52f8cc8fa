import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, parseArgs, readBounded } from './cli';
import { evaluateGridSync } from '../src/core/gridEval';
import { parseDataFile } from '../src/core/data';

const DATA = 'test/fixtures/paper-toy.json';
const ref = JSON.parse(readFileSync('test/fixtures/paper-toy.points.json', 'utf8'));

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], { encoding: 'utf8' });
}

/**
 * 1e-8 relative for every field; σ* to 1e-6: the bound is flat at its minimiser (the bound values
 * agree to 1e-15), and the reference's optimiser located σ* to ~1e-7 only.
 */
function close(got: unknown, want: unknown, path: string, rel = path.includes('sigmaStar') ? 1e-6 : 1e-8): void {
  if (Array.isArray(want)) {
    expect(Array.isArray(got), path).toBe(true);
    (want as unknown[]).forEach((w, i) => close((got as unknown[])[i], w, `${path}[${i}]`, rel));
    return;
  }
  const g = got as number, w = want as number;
  expect(Math.abs(g - w), `${path}: ${g} vs ${w}`).toBeLessThanOrEqual(rel * Math.abs(w) + 1e-12);
}

describe('cli point', () => {
  it('reproduces every reference point (all fields, 1e-8 relative)', () => {
    const args = ['--depth', String(ref.depth), '--gamma', String(ref.gamma), '--eps', String(ref.eps), '--delta', String(ref.delta)];
    for (const p of ref.points) {
      const out = runCli(['point', '--data', DATA, '--w', `${p.w[0]},${p.w[1]}`, ...args]) as Record<string, unknown>;
      expect(Object.keys(out).sort()).toEqual(['bound', 'grad', 'hessian', 'kappa', 'loss', 'psi', 'rho', 's', 'sigmaStar', 'thirdNorm']);
      for (const k of Object.keys(out)) close(out[k], p[k], `w=${p.w} ${k}`);
    }
  });

  it('prints only the JSON on stdout when spawned', () => {
    const p = ref.points[0];
    const r = cli(['point', '--data', DATA, '--w', `${p.w[0]},${p.w[1]}`]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    close(out.psi, p.psi, 'psi');
    close(out.sigmaStar, p.sigmaStar, 'sigmaStar');
  });
});

describe('cli grid', () => {
  it('prints the grid object with the documented keys and layout', () => {
    const r = cli(['grid', '--data', DATA, '--w1', '-1,2', '--w2', '-2,1', '--res', '9', '--depth', '3', '--gamma', '0.2']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['bound', 'loss', 'psi', 'res', 'rho', 'thirdNorm', 'w1', 'w2']);
    expect(out.res).toBe(9);
    expect(out.w1).toHaveLength(9);
    expect(out.loss).toHaveLength(81);
    const d = parseDataFile(readFileSync(DATA, 'utf8'));
    const f = evaluateGridSync({ n: d.n, x: d.x, y: d.y, w1: [-1, 2], w2: [-2, 1], res: 9, depth: 3, gamma: 0.2, eps: 0.1, delta: 0.05 });
    expect(out.psi).toEqual(Array.from(f.psi));
    expect(out.rho).toEqual(Array.from(f.rho));
  });
});

describe('cli errors', () => {
  const bad: [string, string[]][] = [
    ['no command', []],
    ['unknown command', ['points']],
    ['missing --w', ['point', '--data', DATA]],
    ['unknown option', ['point', '--data', DATA, '--w', '1,2', '--foo', '1']],
    ['bad number', ['point', '--data', DATA, '--w', '1,abc']],
    ['one number for a pair', ['grid', '--data', DATA, '--w1', '1', '--w2', '0,1', '--res', '8']],
    ['missing file', ['point', '--data', 'no/such/file.json', '--w', '1,2']],
    ['bad file', ['point', '--data', 'package.json', '--w', '1,2']],
    ['depth out of range', ['point', '--data', DATA, '--w', '1,2', '--depth', '9']],
    ['empty range', ['grid', '--data', DATA, '--w1', '1,1', '--w2', '0,1', '--res', '8']],
    ['res too large', ['grid', '--data', DATA, '--w1', '0,1', '--w2', '0,1', '--res', '100000']],
  ];
  it.each(bad)('%s → one stderr line, exit 2', (_name, args) => {
    expect(() => {
      const { cmd } = parseArgs(args);
      if (cmd) runCli(args);
    }).toThrow();
  });
  it('spawned: exit code 2, one line on stderr, nothing on stdout', () => {
    for (const args of [bad[4][1], bad[6][1], bad[7][1]]) {
      const r = cli(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('cli: the same limits as the app, bounded reads, one line and exit 2', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pacscape-cli-'));
  const write = (name: string, text: string | Buffer) => {
    const f = join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  const nanFirst = write('nanfirst.csv', 'NaN,0.5,1\n0,1,0\n1,0,1\n');
  const big = write('big.csv', Buffer.alloc(1_048_577, 0x31));
  const fifo = join(tmp, 'fifo');
  spawnSync('mkfifo', [fifo]);
  const cases: [string, string[], RegExp][] = [
    ['hex w', ['point', '--data', DATA, '--w', '0x10,0'], /--w must be a finite decimal number; got "0x10"/],
    ['Infinity w', ['point', '--data', DATA, '--w', 'Infinity,0'], /finite decimal/],
    ['w beyond the app limit', ['point', '--data', DATA, '--w', '60,0'], /--w w1 must be a number within ±20, got 60/],
    ['gamma 1e308', ['point', '--data', DATA, '--w', '1,2', '--gamma', '1e308'], /--gamma must be a number from 0 to 10/],
    ['eps 1e308', ['point', '--data', DATA, '--w', '1,2', '--eps', '1e308'], /--eps must be a number from 0.001 to 10/],
    ['eps 1e-40', ['point', '--data', DATA, '--w', '1,2', '--eps', '1e-40'], /--eps/],
    ['delta 1e-307 (infinite bound)', ['point', '--data', DATA, '--w', '1,2', '--delta', '1e-307'], /--delta must be a number from 1e-10 to 0.5/],
    ['res below the app minimum', ['grid', '--data', DATA, '--w1', '0,1', '--w2', '0,1', '--res', '2'], /--res must be an integer from 8 to 512/],
    ['range beyond the app limit', ['grid', '--data', DATA, '--w1', '-50,50', '--w2', '0,1', '--res', '8'], /--w1 must lie within ±20/],
    ['NaN first row (no silent header)', ['point', '--data', nanFirst, '--w', '1,2'], /Line 1, column 1 \(x1\): "NaN" is not a finite number/],
    ['device file', ['point', '--data', '/dev/zero', '--w', '1,2'], /not a regular file \(a device\)/],
    ['directory', ['point', '--data', tmp, '--w', '1,2'], /not a regular file \(a directory\)/],
    ['pipe', ['point', '--data', fifo, '--w', '1,2'], /not a regular file \(a pipe\)/],
    ['file over the byte cap', ['point', '--data', big, '--w', '1,2'], /1048577 bytes; data files are limited to 1048576 bytes/],
  ];
  it.each(cases)('%s', (_name, args, re) => {
    const r = cli(args);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(re);
    expect(lines[0]).not.toMatch(/\bat .*\.ts:\d+/);
  });
  it('reads a file whose size the system does not report, up to the cap (procfs)', () => {
    expect(() => readBounded('/proc/self/status')).not.toThrow();
  });
});
