/**
 * The data file as valibot schemas: the JSON form `{x: [[x1, x2], …], y: [0|1, …], component?,
 * name?}` and the rows of a CSV file. The rules and their messages are core/data's (the shape, one
 * point, one label, one CSV row: `dataShapeProblem`, `pointProblem`, `labelProblem`,
 * `csvRowProblem`), so a file the page refuses, the CLI and core refuse with the same sentence
 * (a unit test holds the two paths equal on hostile files). The page parses files with
 * `parseDataText` in a worker (app/dataWorker.ts); `window.pacscape.setData` and `evaluateGrid`'s
 * `data`/`test` check their objects with `dataFileSchema`.
 */
import { tr } from '../core/words';
import * as v from 'valibot';
import {
  DataError,
  MAX_DATA_POINTS,
  csvColumns,
  csvLines,
  csvRefusal,
  csvRowProblem,
  csvRowValues,
  dataShapeProblem,
  dataTextForm,
  datasetFromObject,
  labelProblem,
  pointProblem,
  type CsvColumns,
  type CsvLine,
  type Dataset,
} from '../core/data';

/** The first problem of a list, checked item by item in order (the message names the item's position). */
const firstOf = (arr: unknown[], problem: (item: unknown, j: number) => string | null): string | null => {
  for (let j = 0; j < arr.length; j++) {
    const m = problem(arr[j], j);
    if (m) return m;
  }
  return null;
};

/** A list whose every item passes `problem` (core/data's rule for one point or one label). */
const listOf = (problem: (item: unknown, j: number) => string | null) =>
  v.pipe(
    v.array(v.unknown()),
    v.check(
      (arr) => firstOf(arr, problem) === null,
      (i) => firstOf(i.input as unknown[], problem) ?? '',
    ),
  );

/**
 * A data object (the JSON file form, `setData`'s argument): its shape first (object, two arrays of
 * equal length, 2 ≤ n ≤ maxPoints), then every point of "x", then every label of "y". `what` names
 * the argument in a shape message ("the data", "test").
 */
export function dataFileSchema(what = 'the data', maxPoints: number = MAX_DATA_POINTS) {
  const named = (m: string) => (what === 'the data' ? m : tr('{{key}}: {{error}}', { key: what, error: m }));
  return v.pipe(
    v.custom<{ x: unknown[]; y: unknown[] }>(
      (o) => dataShapeProblem(o, maxPoints) === null,
      (i) => named(dataShapeProblem(i.input, maxPoints) ?? ''),
    ),
    v.looseObject({
      x: listOf(pointProblem),
      y: listOf(labelProblem),
      component: v.optional(v.unknown()),
      name: v.optional(v.unknown()),
    }),
  );
}

/** The rows of a CSV file: every line checked (all refused rows are counted, the first three named). */
function csvRowsSchema(columns: CsvColumns) {
  return v.array(v.custom<CsvLine>((line) => csvRowProblem(line as CsvLine, columns) === null, (i) => csvRowProblem(i.input as CsvLine, columns) ?? ''));
}

/** The first message of a failed parse. */
const firstIssue = (r: v.SafeParseResult<v.GenericSchema>) => (r.success ? '' : r.issues[0].message);

/** A data object checked by the schema and turned into a Dataset (throws DataError with the first problem). */
export function datasetFromJson(obj: unknown, name: string, maxPoints: number = MAX_DATA_POINTS): Dataset {
  const r = v.safeParse(dataFileSchema('the data', maxPoints), obj, { abortEarly: true });
  if (!r.success) throw new DataError(firstIssue(r));
  return datasetFromObject(obj, name, maxPoints);
}

/** CSV text checked row by row by the schema (every refused row counted, the first three named). */
export function datasetFromCsvText(text: string, name: string): Dataset {
  const { lines, extra } = csvLines(text);
  const columns = csvColumns(lines, extra);
  const r = v.safeParse(csvRowsSchema(columns), lines);
  if (!r.success) throw new DataError(csvRefusal(r.issues.map((i) => i.message), r.issues.length, lines.length));
  const xs: [number, number][] = [];
  const ys: number[] = [];
  for (const line of lines) {
    const [a, b, lab] = csvRowValues(line, columns);
    xs.push([a, b]);
    ys.push(lab);
  }
  return datasetFromObject({ x: xs, y: ys }, name);
}

/**
 * A data file's text (JSON or CSV by content) as a Dataset, or a DataError whose message names the
 * problem: the size (before anything else), the nesting, the JSON, the shape, the first bad point
 * or label, or the refused CSV rows by line and column. `onPhase` reports how far it got (0..1).
 */
export function parseDataText(text: unknown, name: string, onPhase: (fraction: number, phase: 'parsed' | 'checked') => void = () => undefined): Dataset {
  const form = dataTextForm(text);
  onPhase(0.6, 'parsed');
  const d = 'json' in form ? datasetFromJson(form.json, name) : datasetFromCsvText(form.csv, name);
  onPhase(1, 'checked');
  return d;
}
