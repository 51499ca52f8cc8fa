/**
 * Export & import panel: PNG of the 3-D view or a 2-D panel (screen or 2× resolution), CSV/JSON of
 * the grid and of the marker + pinned points, the data set as JSON, the share link, and importing a
 * data file (picker here, or drop it anywhere on the page — `DropZone`). The actions come in as
 * props from app/ (ui/ does not reach compute or the exporters directly).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { msg, tx, useT } from '../i18n';
import { useDataImport } from '../state/dataImport';
import { PARAMS } from '../core/params';

export type DataExportKind = 'grid.csv' | 'grid.json' | 'points.csv' | 'points.json' | 'data.json';

export interface ExportActions {
  pngTargets: () => { id: string; label: string }[];
  exportPng: (id: string, scale: 1 | 2) => Promise<void>;
  exportData: (kind: DataExportKind) => void;
  importFile: (file: File) => Promise<boolean>;
  /** Stops reading the data file in flight (the current data set stays). */
  cancelImport: () => boolean;
  link: () => string;
}

const DATA_BUTTONS: { kind: DataExportKind; label: string; title: string }[] = [
  { kind: 'grid.csv', label: msg('Grid CSV'), title: msg('Every grid node: w, loss, Ψ, bound, λmax, ρ, ‖T‖, gradient, Hessian, σ*') },
  { kind: 'grid.json', label: msg('Grid JSON'), title: msg('The grid fields as arrays (row = w2 index)') },
  { kind: 'points.csv', label: msg('Points CSV'), title: msg('The marker and the pinned points, computed exactly') },
  { kind: 'points.json', label: msg('Points JSON'), title: msg('The marker and the pinned points, computed exactly') },
  { kind: 'data.json', label: msg('Data set JSON'), title: msg('The current data set (re-importable)') },
];

export function ExportPanel({ actions }: { actions: ExportActions }) {
  const t = useT();
  const [targets, setTargets] = useState(() => actions.pngTargets());
  const [target, setTarget] = useState('scene');
  const [scale, setScale] = useState<1 | 2>(1);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState<'' | 'copied' | 'shown'>('');
  const [linkText, setLinkText] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const refreshTargets = () => setTargets(actions.pngTargets());

  const copyLink = async () => {
    const url = actions.link();
    setLinkText(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('shown'); // clipboard refused (insecure origin, permissions): show it to copy by hand
    }
  };

  return (
    <section className="panel export-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('Import & export')}</h2>

      <div className="export-row">
        <label htmlFor={`${id}-target`}>{t('Image of')}</label>
        <select id={`${id}-target`} value={target} onFocus={refreshTargets} onChange={(e) => setTarget(e.target.value)}>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {tx(t.label)}
            </option>
          ))}
        </select>
        <fieldset className="scale-choice">
          <legend className="visually-hidden">{t('Resolution')}</legend>
          {([1, 2] as const).map((k) => (
            <label key={k}>
              <input type="radio" name={`${id}-scale`} checked={scale === k} onChange={() => setScale(k)} /> {k === 1 ? t('Screen') : '2×'}
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void actions.exportPng(target, scale).finally(() => setBusy(false));
          }}
        >
          {t('Save PNG')}
        </button>
      </div>

      <div className="export-buttons" role="group" aria-label={t('Download data')}>
        {DATA_BUTTONS.map((b) => (
          <button key={b.kind} type="button" title={tx(b.title)} onClick={() => actions.exportData(b.kind)}>
            {tx(b.label)}
          </button>
        ))}
      </div>

      <div className="export-row">
        <button type="button" onClick={() => void copyLink()}>
          {t('Copy link to this view')}
        </button>
        <span role="status" className="copy-status">
          {copied === 'copied' ? t('Link copied.') : copied === 'shown' ? t('Copy the link below.') : ''}
        </span>
      </div>
      {copied === 'shown' && <input className="link-text" readOnly value={linkText} aria-label={t('Share link')} onFocus={(e) => e.currentTarget.select()} />}

      <div className="export-row import-row">
        {/* The one file picker of the page: the native input is hidden, the button opens it. */}
        <input
          ref={fileRef}
          id={`${id}-file`}
          hidden
          aria-label={t('Data file (CSV or JSON)')}
          type="file"
          accept=".csv,.json,.txt,text/csv,application/json"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) void actions.importFile(f).finally(() => fileRef.current && (fileRef.current.value = ''));
          }}
        />
        <button type="button" className="import-button" data-testid="import-data" onClick={() => fileRef.current?.click()}>
          {t('Load a data file…')}
        </button>
        <ImportProgressLine cancel={actions.cancelImport} />
      </div>
      <p className="hint">{t('CSV rows x1,x2,y (y = 0 or 1) or JSON {{example}}, at most {{n}} points ({{size}}). Or drop the file anywhere on the page.', { example: '{"x": [[x1, x2], …], "y": [0, 1, …]}', n: PARAMS.n.max, size: `${PARAMS.fileBytes.max / 1048576} MB` })}</p>
    </section>
  );
}

/** The data file being read in the worker: how far it got, and Cancel. */
function ImportProgressLine({ cancel }: { cancel: () => boolean }) {
  const t = useT();
  const cur = useDataImport((s) => s.current);
  if (!cur) return null;
  const size = cur.size > 1048576 ? `${(cur.size / 1048576).toFixed(1)} MB` : `${Math.ceil(cur.size / 1024)} kB`;
  return (
    <span className="import-progress" role="status" data-testid="import-progress">
      {t('Reading "{{name}}" ({{size}}) · {{pct}} %', { name: cur.name, size, pct: Math.round(100 * cur.fraction) })}
      <button type="button" data-testid="import-cancel" onClick={() => cancel()} title={t('Stop reading this file; the current data set stays')}>
        {t('Cancel')}
      </button>
    </span>
  );
}

/** A page-wide drop target for data files, with an overlay while a file is dragged over. */
export function DropZone({ onFile }: { onFile: (f: File) => void }) {
  const t = useT();
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const f = e.dataTransfer!.files[0];
      if (f) onFile(f);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFile]);
  if (!over) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>{t('Drop a CSV (x1,x2,y) or JSON data file to load it')}</p>
    </div>
  );
}
