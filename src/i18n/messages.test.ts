/**
 * Messages that appear only on error or in rare states (link refusals, data-file errors, parameter
 * and grid-size checks, recovery notices, experiment/cut refusals) in the Chinese interface:
 *
 * - every place in src/ that throws an error or posts a notice with words in it builds them from a
 *   catalogue template (`tr` in core/state, `t` elsewhere), so `npm run i18n` lists each template
 *   and the catalogue test holds it to a zh-CN entry; the few exceptions are listed with why;
 * - every template translates back from its English sentence, whether composed here (by structure)
 *   or received as bare text (by pattern, as from a worker);
 * - a sample of real messages of each class comes out in Chinese with every number and named value
 *   of the English message still in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EN } from './en';
import { ZH_CN } from './zh-CN';
import { interpolate, setLanguage, txm } from './index';
import { latinRuns } from './untranslated';
import { adoptComposition, compositionTree, tr } from '../core/words';
import { decodeView, checkParams } from '../core/urlCodec';
import { parseDataFile } from '../core/data';
import { checkParam, checkPoint } from '../core/params';
import { jobProblem } from '../core/grid';
import { generatorProblem, DEFAULT_GENERATOR } from '../core/data';
import { gridRuleNote } from '../core/gridNote';

/** Where an error or a notice gets its text: the first argument of these calls, or a `text:` property of a notice. */
const ERROR_CTORS = new Set(['Error', 'RangeError', 'TypeError', 'DataError']);

/**
 * Message sites whose words are not from the catalogue, and why (file: start of the text).
 * Each is a programming invariant a reader cannot cause, or text shown when no catalogue loads.
 */
const NOT_FOR_READERS: Record<string, string[]> = {
  // A component rendered outside its provider: holds unless the app is wrong.
  'src/ui/uiModels.ts': ['useUiModels: no app context'],
  'src/scene/sceneState.ts': ['useSceneState: no scene state'],
  'src/state/liveMarker.ts': ['useLiveMarkerState: no live marker'],
  'src/scene/idleWork.ts': ['useIdleWork: no idle-work queue'],
  'src/app/shortcuts.ts': ['useShortcuts: no shortcut registry'],
  // Cancellation errors (name 'AbortError'): the caller drops them, nothing is shown.
  'src/app/experiments.ts': ['experiment cancelled'],
  'src/compute/ensemble.ts': [
    'experiment cancelled',
    // app/experiments builds the job from a checked design: these hold unless the app is wrong.
    'An ensemble needs at least one run.',
    'Every training sample needs at least one point.',
    'All training samples of an ensemble must have the same size.',
    'A run names a training sample that does not exist.',
    'Perturbed runs need a σ* source.',
    // Called only after the fused path was chosen because the backend is webgl.
    'endpoint metrics on the GPU need the tfjs webgl backend',
  ],
  // The sample is sent before any task that names it.
  'src/compute/cpuEngine.ts': ['sample missing'],
  // Test samples are drawn with n ≥ MIN_TEST_SIZE (core/reconstruct) and grids from data sets of n ≥ 2 (core/params).
  'src/compute/index.ts': ['The test sample is empty.'],
  'src/compute/webglEngine.ts': ['the grid needs at least 2 samples', 'the test sample is empty'],
  'src/compute/tfjsWebgl.ts': ['the WebGL engine needs the tfjs webgl backend'],
  // Called after dispose only by a bug of the caller (runs are disposed in their finally).
  'src/compute/train.ts': ['This training run was disposed.'],
  // The claim language of the presets, written by authors and parsed by core/presets.test.ts.
  'src/core/claims.ts': ['unexpected "', 'claim "', 'expected "', 'unknown minimum "', 'unknown name "', 'expected a comparison'],
  // Field ids are typed (FieldName); presets without a generator are never drawn.
  'src/core/fields.ts': ['unknown field "'],
  'src/core/presets.ts': ['preset "'],
  // A canvas element always has a 2-D context.
  'src/scene/presenter.ts': ['presenter: no 2-D context'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

/** True when the expression's text is words that bypass the catalogue: a string or template literal with a Latin word in it. */
function literalWords(e: ts.Expression): string | null {
  if (ts.isParenthesizedExpression(e)) return literalWords(e.expression);
  if (ts.isConditionalExpression(e)) return literalWords(e.whenTrue) ?? literalWords(e.whenFalse);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) return literalWords(e.right);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return /[A-Za-z]{2}/.test(e.text) ? e.text : null;
  if (ts.isTemplateExpression(e)) {
    const text = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join('…');
    return /[A-Za-z]{2}/.test(text) ? text : null;
  }
  return null;
}

/** The message sites of src/ whose words bypass the catalogue, as "file: text". */
function uncataloguedSites(): string[] {
  const out: string[] = [];
  for (const f of sourceFiles('src')) {
    const rel = relative('.', f);
    if (rel.startsWith(join('src', 'i18n'))) continue;
    const text = readFileSync(f, 'utf8');
    const src = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true, f.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const flag = (e: ts.Expression | undefined) => {
      const w = e && literalWords(e);
      if (w && !(NOT_FOR_READERS[rel] ?? []).some((p) => w.startsWith(p))) out.push(`${rel}:${src.getLineAndCharacterOfPosition(e.getStart()).line + 1}: ${w.slice(0, 90)}`);
    };
    const visit = (n: ts.Node) => {
      if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && ERROR_CTORS.has(n.expression.text)) flag(n.arguments?.[0]);
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && n.name.text === 'text' && ts.isObjectLiteralExpression(n.parent) && n.parent.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'kind')) flag(n.initializer);
      ts.forEachChild(n, visit);
    };
    visit(src);
  }
  return out;
}

const NUM = /[−-]?\d+(?:\.\d+)?(?:e[−+-]?\d+)?/g;
/** The numbers and quoted values of a message (what its translation must keep). */
function namedValues(s: string): string[] {
  return [...(s.match(NUM) ?? []), ...[...s.matchAll(/"([^"]*)"/g)].map((m) => m[1])].sort();
}

/** The Chinese of an English message, checked: no English phrase left, every number and quoted value kept. */
function expectChinese(en: string): string {
  const zh = txm(en);
  expect(latinRuns(zh), `${en}\n→ ${zh}`).toEqual([]);
  expect(/[\u4e00-\u9fff]/.test(zh), `${en}\n→ ${zh}`).toBe(true);
  for (const v of namedValues(en)) expect(zh, `${JSON.stringify(v)} of ${en}`).toContain(v);
  return zh;
}

beforeAll(() => setLanguage('zh-CN'));
afterAll(() => setLanguage('en'));

describe('message sites', () => {
  it('every error or notice with words in it takes them from the catalogue (tr / t)', () => {
    expect(uncataloguedSites()).toEqual([]);
  });
});

describe('templates', () => {
  const templates = Object.keys(EN).filter((k) => k.includes('{{'));
  const sample = (k: string) => Object.fromEntries([...k.matchAll(/\{\{(\w+)\}\}/g)].map((m, i) => [m[1], `«${m[1]}${i}»`]));

  it('every template translates from its English sentence when composed here', () => {
    for (const k of templates) {
      const vars = sample(k);
      expect(txm(tr(k, vars)), k).toBe(interpolate(ZH_CN[k as keyof typeof EN], vars));
    }
  });

  it('every template translates from bare English text too (read back by pattern, as a message from elsewhere)', () => {
    const wrong: string[] = [];
    for (const k of templates) {
      const vars = Object.fromEntries(Object.entries(sample(k)).map(([n, v]) => [n, v.replace('«', '‹').replace('»', '›')]));
      const bare = interpolate(k, vars);
      if (txm(bare) !== interpolate(ZH_CN[k as keyof typeof EN], vars)) wrong.push(k);
    }
    expect(wrong).toEqual([]);
  });

  it('a composed message keeps its structure across a worker boundary (compositionTree → adoptComposition)', () => {
    const en = parseError('x1,x2,y\n0,1,0\nfoo,2,1\n1,2');
    const tree = JSON.parse(JSON.stringify(compositionTree(en)));
    // A fresh copy of the text (as postMessage delivers it) with the structure adopted.
    const received = ` ${en}`.slice(1);
    adoptComposition(received, tree);
    expect(txm(received)).toBe(txm(en));
    expect(txm(received)).toContain('第 3 行第 1 列');
  });
});

function parseError(text: string): string {
  try {
    parseDataFile(text, 'test.csv');
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('messages of each class in Chinese, values kept', () => {
  it('link refusals', () => {
    const links = [
      '#v=1&depth=9',
      '#v=1&gamma=abc',
      '#v=1&eps=-1',
      '#v=1&w1=1,2,3',
      '#v=1&w2=5,4',
      '#v=1&res=4000',
      '#v=1&field=nope',
      '#v=1&cmap=rainbow',
      '#v=1&h=cubic',
      '#v=1&top=2',
      '#v=1&pf=loss',
      '#v=1&cam=1,2,3,1,2,3',
      '#v=1&cam=1,2,3,4,5,99999',
      '#v=1&m=100,0',
      '#v=1&pins=1,1;2,2;3,3;4,4;5,5',
      '#v=1&hide=everything',
      '#v=1&story=99',
      '#v=1&theme=neon',
      '#v=1&lang=fr',
      '#v=1&data=gen&sd=-1&n=3',
      '#v=1&data=gen&mu=1,2;3',
      '#v=1&data=%%%',
      '#v=1&seed=3',
      '#v=1&foo=1&bar=2',
      '#v=1&depth=2&depth=3',
      '#v=99',
      '#v=x',
      '#v=1&tn=0',
      '#v=1&ch=0',
      '#v=1&xp=1,2',
    ];
    for (const l of links) {
      const { errors } = decodeView(l);
      expect(errors.length, l).toBeGreaterThan(0);
      for (const e of errors) expectChinese(e);
    }
    expect(txm(decodeView('#v=1&depth=9').errors[0])).toBe('链接键 "depth"：深度必须是 1 到 8 之间的整数，实际为 "9"。');
  });

  it('data-file errors name the line, the column and the value', () => {
    const files = [
      'x1,x2,y\n0,1,0\nNaN,2,1\n3,4,0',
      '1,2,yes\n0,1,0\n1,0,1',
      'x1,x2,y\n0,1,0\n\n# note\n1,NaN,1',
      '\n\nx1,x2,y\n1,2',
      'x1,x2,y\n1e308,0,1\n0,1,0',
      'a,b\nfoo,1,0\n1,bar,1\n1,2,3\n4,5,6\n7,8',
      'x1,x2,y\n1,2,\n0,1,0',
      '',
      '# only a comment',
      'x1,x2,y',
      '{"x": [[1,2],[3,4]], "y": [0,2]}',
      '{"x": [[1,2],[3,"a"]], "y": [0,1]}',
      '{"x": [[1,2],[3]], "y": [0,1]}',
      '{"x": [[1,2]], "y": [0,1]}',
      '{"y": [0,1]}',
      '[1,2]',
      '{"x": [[1,2],[3,4]], "y": [0,1]',
      '[[[[[[1]]]]]]',
    ];
    for (const f of files) expectChinese(parseError(f));
    const zh = txm(parseError('x1,x2,y\n0,1,0\nNaN,2,1\n3,4,0'));
    expect(zh).toBe('第 3 行第 1 列 (x1)："NaN" 不是有限的数。3 个数据行中有 1 行被拒绝。');
    // Three rows named, the rest counted; a header's own column names are kept.
    expect(txm(parseError('a,b\nfoo,1,0\n1,bar,1\n1,2,3\n4,5,6\n7,8\n9,9,9\n1,1,x'))).toBe('第 2 行第 1 列 (a)："foo" 不是有限的数；第 3 行第 2 列 (b)："bar" 不是有限的数；第 4 行第 3 列 (y)：标签为 "3"；标签必须是 0 或 1；另有 4 行。7 个数据行中有 7 行被拒绝。');
    expect(txm(parseError('x1,x2,y\n0,1,0\n1,2,1\n1,2\n'))).toBe('第 4 行有 2 列；应为 3 列 (x1,x2,y)。3 个数据行中有 1 行被拒绝。');
    expect(txm(parseError('{"x": [[1,2],[3,4]] "y": 1}'))).toBe(`文件不是有效的 JSON：第 1 行第 21 列出现了意外的字符 '"'。`);
  });

  it('parameter, grid-size and point checks', () => {
    const msgs = [
      checkParam('depth', 0),
      checkParam('res', 4000),
      checkParam('gamma', Number.NaN),
      checkParam('eps', 'x'),
      checkPoint([1, 99], tr('The marker')),
      checkPoint([1], tr('Pin {{i}}', { i: 2 })),
      jobProblem({ res: 2 } as never),
      jobProblem(null as never),
      generatorProblem({ ...DEFAULT_GENERATOR, sd: 0 }),
      generatorProblem({ ...DEFAULT_GENERATOR, means: [] }),
      generatorProblem({ ...DEFAULT_GENERATOR, means: [[2000, 0]] }),
      ...Object.values(checkParams({ w1Range: [3, 3], w2Range: [-100, 0], res: 1 })),
      // The view panel's note when boxes are wider than the grid's margin.
      gridRuleNote({ w1: [-20, 20], w2: [-1, 1], res: 256, gamma: 10, eps: 0.1 })?.short,
      gridRuleNote({ w1: [-20, 20], w2: [-1, 1], res: 256, gamma: 10, eps: 0.1 })?.detail,
    ];
    for (const m of msgs) {
      expect(m).toBeTruthy();
      expectChinese(m!);
    }
    expect(txm(checkParam('res', 4000)!)).toBe('网格分辨率必须是 8 到 512 之间的整数，实际为 4000。');
  });
});
