/** Header status: tfjs backend and grid engine in use, and the progress of the job in flight. */
import { useStore } from '../state/store';

export function StatusBar() {
  const backend = useStore((s) => s.backend);
  const engine = useStore((s) => s.engine);
  const computing = useStore((s) => s.computing);
  const progress = useStore((s) => s.progress);
  const label = useStore((s) => s.progressLabel);
  const gridRes = useStore((s) => s.gridRes);
  return (
    <div className="status-bar">
      <span className="badge" title="TensorFlow.js backend and the grid engine picked at start-up" data-testid="backend">
        {backend} · {engine}
      </span>
      <div className={`progress ${computing ? 'active' : ''}`} role="progressbar" aria-label="Landscape computation" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)} data-testid="progress">
        <div className="progress-fill" style={{ width: `${Math.round(progress * 100)}%` }} />
        <span className="progress-text">{computing ? `computing ${label} · ${Math.round(progress * 100)}%` : gridRes ? `grid ${gridRes}² ready` : 'starting…'}</span>
      </div>
    </div>
  );
}
