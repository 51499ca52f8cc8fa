/** Header status: where the landscape is computed (in a user's words), and the job in flight. */
import { useStore } from '../state/store';
import { etaText } from '../app/actions';

/**
 * The compute badge: a short word for a user and the technical details for the tooltip.
 * `backend` is tfjs's backend, `engine` the grid engine ('webgl' = fused shader on the GPU,
 * 'ts' = float64 TypeScript in a worker thread); before the first grid both may still change.
 */
export function computeBadge(backend: string, engine: string, started: boolean): { text: string; title: string } {
  const details = `TensorFlow.js backend: ${backend}; landscape engine: ${engine === 'webgl' ? 'one WebGL shader on the GPU' : engine === 'ts' ? 'TypeScript in a background thread (CPU)' : engine}.`;
  if (!started || backend === 'none') return { text: 'starting…', title: 'Choosing where to compute the landscape (GPU or CPU).' };
  if (backend !== 'webgl') return { text: 'CPU, slower', title: `WebGL is not available, so everything runs on the CPU: same numbers, slower. ${details}` };
  if (engine === 'webgl') return { text: 'GPU', title: `The landscape is computed on the graphics card. ${details}` };
  return { text: 'CPU', title: `The landscape is computed on the CPU, which measured faster than the GPU on this machine; training uses the GPU. ${details}` };
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
  const badge = computeBadge(backend, engine, started);
  return (
    <div className="status-bar">
      <span className="badge" title={badge.title} data-testid="backend" data-backend={backend} data-engine={engine}>
        {badge.text}
      </span>
      <div className={`progress ${computing ? 'active' : ''}`} role="progressbar" aria-label="Landscape computation" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} data-testid="progress">
        <div className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
        <span className="progress-text">{computing ? `computing ${label} · ${Math.round(progress * 100)}%${left ? ` · ${left}` : ''}` : gridRes ? `grid ${gridRes}² ready` : 'starting…'}</span>
      </div>
    </div>
  );
}
