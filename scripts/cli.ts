/**
 * PACscape's command line (Node, the same core/ modules as the app):
 *
 *   npm run --silent cli -- point --data FILE --w W1,W2 [--depth 5] [--gamma 0.1] [--eps 0.1] [--delta 0.05]
 *   npm run --silent cli -- grid  --data FILE --w1 LO,HI --w2 LO,HI --res R [same options]
 *
 * stdout carries exactly one JSON object; a bad argument or file prints one line on stderr and
 * exits with code 2.
 */
import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from 'node:fs';
import { parseDataFile, MAX_DATA_BYTES, type Dataset } from '../src/core/data';
import { DEFAULT_PARAMS, pointJson, pointReport, type MetricParams } from '../src/core/metrics';
import { jobProblem } from '../src/core/grid';
import { checkParam, parseDecimal } from '../src/core/params';
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

/** A decimal number, read as links read it (core/params.parseDecimal: no hex, no Infinity). */
function num(name: string, v: string): number {
  const x = parseDecimal(v);
  if (!Number.isFinite(x)) throw new UsageError(`--${name} must be a finite decimal number; got ${JSON.stringify(v.slice(0, 40))}`);
  return x;
}

/** Throws a UsageError with core/params' message when v is outside the table's range. */
function inTable(key: Parameters<typeof checkParam>[0], v: number, label: string): number {
  const m = checkParam(key, v, label);
  if (m) throw new UsageError(m.replace(/\.$/, ''));
  return v;
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
  for (const k of ['depth', 'gamma', 'eps', 'delta'] as const) inTable(k, p[k], `--${k}`);
  return p;
}

/**
 * Reads a data file with a bounded read: only regular files (a device, FIFO or directory is
 * refused without reading), at most MAX_DATA_BYTES (checked on the size first, then by reading one
 * byte past the cap, for files whose size the system does not report).
 */
export function readBounded(file: string, cap = MAX_DATA_BYTES): string {
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new UsageError(`cannot read data file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UsageError(`data file "${file}" is not a regular file (${st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a pipe' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'not a file'})`);
    if (st.size > cap) throw new UsageError(`data file "${file}" is ${st.size} bytes; data files are limited to ${cap} bytes`);
    const buf = Buffer.alloc(cap + 1);
    let got = 0;
    for (;;) {
      const k = readSync(fd, buf, got, buf.length - got, null);
      if (k === 0) break;
      got += k;
      if (got > cap) throw new UsageError(`data file "${file}" is larger than ${cap} bytes; data files are limited to ${cap} bytes`);
    }
    return buf.subarray(0, got).toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read data file "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

function loadData(file: string): Dataset {
  const text = readBounded(file);
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
    inTable('w', w1, '--w w1');
    inTable('w', w2, '--w w2');
    const d = loadData(opts.data);
    return finite(pointJson(pointReport(d, w1, w2, p)));
  }
  const res = num('res', opts.res);
  const w1 = pair('w1', opts.w1), w2 = pair('w2', opts.w2);
  // The job is checked before the file is read, with the app's rule (core/grid.jobProblem).
  const bad = jobProblem({ ...p, n: 2, x: [0, 0, 0, 0], y: [0, 0], w1, w2, res });
  if (bad) throw new UsageError(bad.replace(/^The (w[12]) range/, '--$1').replace(/^The grid resolution/, '--res').replace(/\.$/, ''));
  const d = loadData(opts.data);
  const job: GridJob = { ...p, n: d.n, x: d.x, y: d.y, w1, w2, res };
  return finite(gridJson(evaluateGridSync(job)));
}

/** Refuses a result with a non-finite number (JSON would print null): the limits should exclude it. */
function finite<T extends object>(o: T): T {
  const bad = (v: unknown): boolean => (typeof v === 'number' ? !Number.isFinite(v) : Array.isArray(v) ? v.some(bad) : v !== null && typeof v === 'object' ? Object.values(v).some(bad) : false);
  for (const [k, v] of Object.entries(o)) if (bad(v)) throw new UsageError(`the result has a non-finite ${k}; no value within the limits should give one, please report the arguments`);
  return o;
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain || process.argv[1]?.endsWith('scripts/cli.ts')) {
  try {
    process.stdout.write(JSON.stringify(runCli(process.argv.slice(2))) + '\n');
  } catch (e) {
    const msg = String((e as Error)?.message ?? e).replace(/\s+/g, ' ').trim();
    process.stderr.write(`cli: ${msg}\n`);
    process.exit(2);
  }
}
