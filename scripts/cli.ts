/**
 * PACscape's command line (Node, the same core/ modules as the app):
 *
 *   npm run --silent cli -- point --data FILE --w W1,W2 [--depth 5] [--gamma 0.1] [--eps 0.1] [--delta 0.05]
 *   npm run --silent cli -- grid  --data FILE --w1 LO,HI --w2 LO,HI --res R [same options]
 *
 * stdout carries exactly one JSON object; a bad argument or file prints one line on stderr and
 * exits with code 2.
 */
import { readFileSync } from 'node:fs';
import { parseDataFile, type Dataset } from '../src/core/data';
import { DEFAULT_PARAMS, pointJson, pointReport, type MetricParams } from '../src/core/metrics';
import { validateJob } from '../src/core/grid';
import { evaluateGridSync } from '../src/core/gridEval';
import { gridJson } from '../src/core/gridJson';
import type { GridJob } from '../src/core/grid';

export class UsageError extends Error {}

const USAGE = 'usage: cli point --data FILE --w W1,W2 | grid --data FILE --w1 LO,HI --w2 LO,HI --res R [--depth D] [--gamma G] [--eps E] [--delta P]';

const ALLOWED: Record<string, string[]> = {
  point: ['data', 'w', 'depth', 'gamma', 'eps', 'delta'],
  grid: ['data', 'w1', 'w2', 'res', 'depth', 'gamma', 'eps', 'delta'],
};
const REQUIRED: Record<string, string[]> = { point: ['data', 'w'], grid: ['data', 'w1', 'w2', 'res'] };

function num(name: string, v: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name} must be a finite number; got "${v}"`);
  return x;
}

function pair(name: string, v: string): [number, number] {
  const parts = v.split(',');
  if (parts.length !== 2) throw new UsageError(`--${name} must be two numbers separated by a comma; got "${v}"`);
  return [num(name, parts[0]), num(name, parts[1])];
}

/** Parses argv (after the script name) into a command and its options. */
export function parseArgs(argv: string[]): { cmd: 'point' | 'grid'; opts: Record<string, string> } {
  const [cmd, ...rest] = argv;
  if (cmd !== 'point' && cmd !== 'grid') throw new UsageError(cmd ? `unknown command "${cmd}"; ${USAGE}` : USAGE);
  const opts: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    let key: string, val: string | undefined;
    if (a.startsWith('--') && a.includes('=')) [key, val] = [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    else if (a.startsWith('--')) {
      key = a.slice(2);
      val = rest[++i];
    } else throw new UsageError(`unexpected argument "${a}"; ${USAGE}`);
    if (!ALLOWED[cmd].includes(key)) throw new UsageError(`unknown option --${key} for ${cmd}`);
    if (val === undefined) throw new UsageError(`--${key} needs a value`);
    if (key in opts) throw new UsageError(`--${key} given twice`);
    opts[key] = val;
  }
  for (const k of REQUIRED[cmd]) if (!(k in opts)) throw new UsageError(`${cmd} needs --${k}`);
  return { cmd, opts };
}

function params(opts: Record<string, string>): MetricParams {
  const p: MetricParams = {
    depth: opts.depth !== undefined ? num('depth', opts.depth) : DEFAULT_PARAMS.depth,
    gamma: opts.gamma !== undefined ? num('gamma', opts.gamma) : DEFAULT_PARAMS.gamma,
    eps: opts.eps !== undefined ? num('eps', opts.eps) : DEFAULT_PARAMS.eps,
    delta: opts.delta !== undefined ? num('delta', opts.delta) : DEFAULT_PARAMS.delta,
  };
  if (!Number.isInteger(p.depth) || p.depth < 1 || p.depth > 8) throw new UsageError(`--depth must be an integer from 1 to 8; got ${opts.depth}`);
  if (!(p.gamma >= 0)) throw new UsageError(`--gamma must be ≥ 0; got ${opts.gamma}`);
  if (!(p.eps > 0)) throw new UsageError(`--eps must be > 0; got ${opts.eps}`);
  if (!(p.delta > 0 && p.delta < 1)) throw new UsageError(`--delta must be in (0, 1); got ${opts.delta}`);
  return p;
}

function loadData(file: string): Dataset {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read data file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseDataFile(text, file);
  } catch (e) {
    throw new UsageError(`bad data file "${file}": ${(e as Error).message}`);
  }
}

/** Runs one CLI command and returns the JSON object it prints. */
export function runCli(argv: string[]): object {
  const { cmd, opts } = parseArgs(argv);
  const p = params(opts);
  if (cmd === 'point') {
    const [w1, w2] = pair('w', opts.w);
    const d = loadData(opts.data);
    return pointJson(pointReport(d, w1, w2, p));
  }
  const res = num('res', opts.res);
  const d = loadData(opts.data);
  const job: GridJob = { ...p, n: d.n, x: d.x, y: d.y, w1: pair('w1', opts.w1), w2: pair('w2', opts.w2), res };
  try {
    validateJob(job);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return gridJson(evaluateGridSync(job));
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain || process.argv[1]?.endsWith('scripts/cli.ts')) {
  try {
    process.stdout.write(JSON.stringify(runCli(process.argv.slice(2))) + '\n');
  } catch (e) {
    const msg = (e as Error).message.replace(/\s+/g, ' ').trim();
    process.stderr.write(`cli: ${msg}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  }
}
