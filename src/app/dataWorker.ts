/**
 * The data-file worker: reads a File (or takes text), parses and checks it (app/dataSchema, the
 * same rules and messages as core/data) and posts the data set back with its arrays transferred,
 * so the page's thread never parses a file. One worker per import: cancelling terminates it.
 */
import { compositionTree, type CompositionTree } from '../core/words';
import { parseDataText } from './dataSchema';
import { DataError } from '../core/data';

export type DataWorkerRequest = { file?: File; text?: string; name: string };
export type DataWorkerReply =
  | { kind: 'progress'; fraction: number; phase: 'read' | 'parsed' | 'checked' }
  | { kind: 'done'; name: string; n: number; x: Float64Array; y: Uint8Array; component?: Int32Array }
  | { kind: 'error'; message: string; data: boolean; read?: boolean; composed?: CompositionTree };

const post = (m: DataWorkerReply, transfer: Transferable[] = []) => (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(m, transfer);

self.onmessage = async (e: MessageEvent<DataWorkerRequest>) => {
  const { file, name } = e.data;
  try {
    let text = e.data.text;
    if (file) {
      try {
        text = await file.text();
      } catch (err) {
        post({ kind: 'error', message: (err as Error).message, data: false, read: true });
        return;
      }
      post({ kind: 'progress', fraction: 0.3, phase: 'read' });
    }
    const d = parseDataText(text, name, (fraction, phase) => post({ kind: 'progress', fraction, phase }));
    post({ kind: 'done', name: d.name, n: d.n, x: d.x, y: d.y, component: d.component }, [d.x.buffer, d.y.buffer, ...(d.component ? [d.component.buffer] : [])]);
  } catch (err) {
    post({ kind: 'error', message: (err as Error).message, data: err instanceof DataError, composed: compositionTree((err as Error).message) });
  }
};
