/** Header status: where the landscape is computed (in a user's words), and the job in flight. */
import { useStore } from '../state/store';
import { etaText } from '../app/actions';
import { t, tx, useT } from '../i18n';

/**
 * The compute badge: a short word for a user and the technical details for the tooltip.
 * `backend` is tfjs's backend, `engine` the grid engine ('webgl' = fused shader on the GPU,
 * 'ts' = float64 TypeScript in a worker thread); before the first grid both may still change.
 */
/** tfjs's backend ids as their technologies are named (the same in every language). */
const BACKEND_NAMES: Record<string, string> = { webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'JavaScript (CPU)' };

export function computeBadge(backend: string, engine: string, started: boolean): { text: string; title: string } {
  const details = t('TensorFlow.js backend: {{backend}}; landscape engine: {{engine}}.', { backend: BACKEND_NAMES[backend] ?? backend, engine: engine === 'webgl' ? t('one WebGL shader on the GPU') : engine === 'ts' ? t('TypeScript in a background thread (CPU)') : engine });
  if (!started || backend === 'none') return { text: t('starting…'), title: t('Choosing where to compute the landscape (GPU or CPU).') };
  if (backend !== 'webgl') return { text: t('CPU, slower'), title: `${t('WebGL is not available, so everything runs on the CPU: same numbers, slower.')} ${details}` };
  if (engine === 'webgl') return { text: 'GPU', title: `${t('The landscape is computed on the graphics card.')} ${details}` };
  return { text: 'CPU', title: `${t('The landscape is computed on the CPU, which measured faster than the GPU on this machine; training uses the GPU.')} ${details}` };
}

export function StatusBar() {
  const backend = useStore((s) => s.backend);
  const engine = useStore((s) => s.engine);
  const computing = useStore((s) => s.computing);
  const progress = useStore((s) => s.progress);
  const label = useStore((s) => s.progressLabel);
  const left = etaText(useStore((s) => s.progressEta));
  const gridRes = useStore((s) => s.gridRes);
  const started = useStore((s) => s.gridVersion > 0);
  const t = useT();
  const badge = computeBadge(backend, engine, started);
  return (
    <div className="status-bar">
      <span className="badge" title={badge.title} data-testid="backend" data-backend={backend} data-engine={engine}>
        {badge.text}
      </span>
      <div className={`progress ${computing ? 'active' : ''}`} role="progressbar" aria-label={t('Landscape computation')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} data-testid="progress">
        <div className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
        <span className="progress-text">{computing ? `${t('computing {{what}} · {{pct}}%', { what: tx(label), pct: Math.round(progress * 100) })}${left ? ` · ${left}` : ''}` : gridRes ? t('grid {{res}}² ready', { res: gridRes }) : t('starting…')}</span>
      </div>
    </div>
  );
}
