/**
 * Reads and parses a data file off the page's thread: a worker per import (app/dataWorker.ts)
 * reads the File, parses and checks it with the data-file schema (app/dataSchema) and transfers
 * the data set back, so the page's thread does nothing proportional to the file's size (the size
 * is checked before anything is read). Progress goes to state/dataImport for the data panel; a
 * newer import or `cancelImport()` terminates the one in flight.
 */
import { adoptComposition, tr } from '../core/words';
import { parseDataText } from './dataSchema';
import { DataError, type Dataset } from '../core/data';
import { useDataImport } from '../state/dataImport';
import type { DataWorkerReply, DataWorkerRequest } from './dataWorker';

/** The browser could not read the file (permissions, a file removed meanwhile). */
export class ReadError extends Error {}

/** Thrown (as a rejection) when an import is cancelled. */
export class ImportCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'AbortError';
  }
}

let inFlight: { worker: Worker | null; reject: (e: Error) => void } | null = null;

/** Cancels the import in flight (its promise rejects with ImportCancelled). Returns whether one was running. */
export function cancelImport(): boolean {
  const f = inFlight;
  if (!f) return false;
  inFlight = null;
  f.worker?.terminate();
  useDataImport.setState({ current: null });
  f.reject(new ImportCancelled());
  return true;
}

/**
 * Parses a File or text (JSON or CSV) into a Dataset in a worker. Rejects with a DataError naming
 * the problem, with ImportCancelled when cancelled (or replaced by a newer import), or with an
 * Error when the worker failed. Without Worker (node), parses here.
 */
export function parseDataOffThread(input: { file: File } | { text: string }, name: string): Promise<Dataset> {
  cancelImport();
  const size = 'file' in input ? input.file.size : input.text.length;
  if (typeof Worker === 'undefined') {
    return (async () => ('file' in input ? parseDataText(await input.file.text(), name) : parseDataText(input.text, name)))();
  }
  return new Promise<Dataset>((resolve, reject) => {
    const worker = new Worker(new URL('./dataWorker.ts', import.meta.url), { type: 'module', name: 'pacscape-data' });
    const mine = { worker, reject };
    inFlight = mine;
    useDataImport.setState({ current: { name, size, fraction: 0, phase: 'reading' } });
    const finish = () => {
      if (inFlight === mine) inFlight = null;
      worker.terminate();
      useDataImport.setState({ current: null });
    };
    worker.onmessage = (e: MessageEvent<DataWorkerReply>) => {
      if (inFlight !== mine) return;
      const m = e.data;
      if (m.kind === 'progress') {
        const cur = useDataImport.getState().current;
        if (cur) useDataImport.setState({ current: { ...cur, fraction: m.fraction, phase: m.phase } });
        return;
      }
      finish();
      // The message's words as the worker composed them, so the page translates it by structure.
      if (m.kind === 'error') adoptComposition(m.message, m.composed);
      if (m.kind === 'done') resolve({ name: m.name, n: m.n, x: m.x, y: m.y, component: m.component });
      else reject(m.read ? new ReadError(m.message) : m.data ? new DataError(m.message) : new Error(m.message));
    };
    worker.onerror = (e) => {
      if (inFlight !== mine) return;
      finish();
      e.preventDefault();
      reject(new Error(tr('the file reader stopped ({{error}})', { error: e.message || 'worker error' })));
    };
    const req: DataWorkerRequest = 'file' in input ? { file: input.file, name } : { text: input.text, name };
    worker.postMessage(req);
  });
}
