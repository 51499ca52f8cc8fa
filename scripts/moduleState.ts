/**
 * Finds module-level mutable state in src/ by reading each module's TypeScript syntax tree (not
 * its text): a top-level `let` or `var`, and a top-level `const` bound to an object, array, Map,
 * Set or typed array that some module mutates (assigns a property or element, `++`/`--`, `delete`,
 * calls a mutating method such as `set`/`push`/`clear`, or `Object.assign`s into) inside a function,
 * in its own module or, when exported, in a module that imports it (mutations by top-level statements
 * are the module's initialisation).
 *
 * Such state lives as long as the page, whatever starts or stops the app; state an app run owns
 * belongs in `createApp()`'s context (docs/ARCHITECTURE.md, "The app context").
 * `scripts/moduleState.test.ts` fails on any finding not in `scripts/moduleState.allow.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface Finding {
  /** Path relative to the scanned root's parent, with forward slashes (e.g. `src/ui/cutModel.ts`). */
  file: string;
  name: string;
  kind: 'let' | 'var' | 'mutated const';
  line: number;
  /** For a mutated const: where the first mutation is (`file:line`). */
  mutatedAt?: string;
}

const MUTATORS = new Set(['set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
const COLLECTIONS = /^(Map|Set|WeakMap|WeakSet|Array|(Float|Int|Uint)(8|16|32|64)(Clamped)?Array|BigInt64Array|BigUint64Array)$/;

/** True for an initializer whose value can be changed in place. */
function mutableInit(e: ts.Expression | undefined): boolean {
  if (!e) return false;
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  if (ts.isObjectLiteralExpression(e) || ts.isArrayLiteralExpression(e)) return true;
  return ts.isNewExpression(e) && ts.isIdentifier(e.expression) && COLLECTIONS.test(e.expression.text);
}

/** The identifier at the root of `a.b[c].d` (null when it is not a plain chain from an identifier). */
function rootOf(e: ts.Expression): ts.Identifier | null {
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isNonNullExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e : null;
}

/** The identifier a mutation at `node` changes the contents of, if any. */
function mutatedRoot(node: ts.Node): ts.Identifier | null {
  const target = (e: ts.Expression) => (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) ? rootOf(e) : null);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return target(node.left);
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return target(node.operand);
  if (ts.isDeleteExpression(node)) return target(node.expression);
  if (ts.isCallExpression(node)) {
    const c = node.expression;
    if (ts.isPropertyAccessExpression(c) && MUTATORS.has(c.name.text)) return rootOf(c.expression);
    if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Object' && c.name.text === 'assign' && node.arguments[0]) return rootOf(node.arguments[0]);
  }
  return null;
}

interface Parsed {
  file: string;
  abs: string;
  sf: ts.SourceFile;
  /** Top-level consts with a mutable initializer: name → line. */
  objects: Map<string, number>;
  exported: Set<string>;
}

function parse(abs: string, file: string, text: string): Parsed {
  const sf = ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, false, abs.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const objects = new Map<string, number>();
  const exported = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const isExported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
    if (!(st.declarationList.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) continue;
    if (st.declarationList.flags & ts.NodeFlags.Let) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !mutableInit(d.initializer)) continue;
      objects.set(d.name.text, sf.getLineAndCharacterOfPosition(d.getStart(sf)).line + 1);
      if (isExported) exported.add(d.name.text);
    }
  }
  return { file, abs, sf, objects, exported };
}

function lineOf(sf: ts.SourceFile, n: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
}

/** Scans source texts given by path (relative names, forward slashes): the testable core of `scanDir`. */
export function scanSources(sources: Record<string, string>, base = '/'): Finding[] {
  const parsed = Object.entries(sources).map(([file, text]) => parse(resolve(base, file), file, text));
  const byAbs = new Map(parsed.map((p) => [p.abs.replace(/\.tsx?$/, ''), p]));
  const out: Finding[] = [];
  const mutated = new Map<string, string>(); // `${file}:${name}` → first mutation site
  for (const p of parsed) {
    // Top-level let/var.
    for (const st of p.sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      const flags = st.declarationList.flags;
      if (flags & ts.NodeFlags.Const) continue;
      const kind = flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const d of st.declarationList.declarations) {
        const names: string[] = [];
        const collect = (n: ts.BindingName) => {
          if (ts.isIdentifier(n)) names.push(n.text);
          else for (const el of n.elements) if (!ts.isOmittedExpression(el)) collect(el.name);
        };
        collect(d.name);
        for (const name of names) out.push({ file: p.file, name, kind, line: lineOf(p.sf, d) });
      }
    }
    // Which local names are module objects (own) or imported module objects (others').
    const owners = new Map<string, { file: string; name: string }>();
    for (const name of p.objects.keys()) owners.set(name, { file: p.file, name });
    for (const st of p.sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
      const from = byAbs.get(resolve(dirname(p.abs), st.moduleSpecifier.text).replace(/\.tsx?$/, ''));
      const named = st.importClause?.namedBindings;
      if (!from || !named || !ts.isNamedImports(named)) continue;
      for (const el of named.elements) {
        const orig = (el.propertyName ?? el.name).text;
        if (from.exported.has(orig)) owners.set(el.name.text, { file: from.file, name: orig });
      }
    }
    if (!owners.size) continue;
    // Statements run while the module is evaluated (a table completed by a top-level loop) are its
    // initialisation, not state: only mutations inside functions count.
    const visit = (n: ts.Node, inFunction: boolean) => {
      const fn = inFunction || ts.isFunctionLike(n) || ts.isClassStaticBlockDeclaration(n);
      const root = fn ? mutatedRoot(n) : null;
      const owner = root && owners.get(root.text);
      if (owner) {
        const key = `${owner.file}:${owner.name}`;
        if (!mutated.has(key)) mutated.set(key, `${p.file}:${lineOf(p.sf, n)}`);
      }
      ts.forEachChild(n, (c) => visit(c, fn));
    };
    visit(p.sf, false);
  }
  for (const p of parsed)
    for (const [name, line] of p.objects) {
      const at = mutated.get(`${p.file}:${name}`);
      if (at) out.push({ file: p.file, name, kind: 'mutated const', line, mutatedAt: at });
    }
  return out.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/** Every .ts/.tsx module under `dir` except tests (`*.test.ts(x)`), keyed relative to dir's parent. */
export function readSources(dir: string): Record<string, string> {
  const root = dirname(resolve(dir));
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, e.name);
      if (e.isDirectory()) walk(abs);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out[relative(root, abs).split('\\').join('/')] = readFileSync(abs, 'utf8');
    }
  };
  walk(resolve(dir));
  return out;
}

/** Scans a source folder (e.g. `src`). */
export function scanDir(dir: string): Finding[] {
  return scanSources(readSources(dir), dirname(resolve(dir)));
}

/** `file:name`, the allowlist's key. */
export const keyOf = (f: Finding) => `${f.file}:${f.name}`;
