/**
 * How the 3-D view reaches the screen: directly (the WebGL canvas is shown), or — where the browser
 * composites in software — through an asynchronous copy into a plain 2-D canvas.
 *
 * Hand-written because no library does this. With software compositing (no GPU, or a blocklisted
 * one; WebGL then runs on SwiftShader or llvmpipe) Chromium copies every new frame of a visible
 * WebGL canvas back to the CPU inside the page's commit, on the main thread, and that read-back
 * waits until the GPU process has drawn the frame — behind whatever else it has queued, such as the
 * landscape's own compute draws. On a loaded 2-core box that made single main-thread tasks of
 * 50–105 ms while a grid recomputed (docs/PERFORMANCE.md, "Long tasks"). Here the WebGL canvas
 * stays in the page (it still takes the pointer) but is fully transparent, which Chromium neither
 * draws nor reads back; each frame is copied into a pixel-pack buffer behind a fence, and once the
 * fence has passed (polled, never waited on) the pixels are put into a 2-D canvas above it; a frame
 * shows a poll (a few ms) after it was drawn. The copy itself still waits in the GPU process for the
 * scene's context (Chromium takes the synchronous path of `getBufferSubData` here even after the
 * fence: `WaitForCmd` in a trace), a few ms when the GPU process is idle, the whole of any long draw
 * another context has queued otherwise; the `FrameGate` lets the page's compute jobs and the copy
 * take turns (state/gpuTurns).
 * With a real GPU the compositor reads nothing back, so the canvas is shown directly.
 */

export type PresentMode = 'direct' | 'async';

/** Renderer names of software WebGL implementations (the compositor is then software too). */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** The GPU's name as the browser reports it (unmasked where allowed), or ''. */
export function rendererName(gl: WebGL2RenderingContext): string {
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  } catch {
    return '';
  }
}

/**
 * The mode for a context: `requested` ('direct' | 'async', e.g. from the page's `?present=`)
 * wins; otherwise asynchronous exactly when WebGL runs in software.
 */
export function presentModeFor(renderer: string, requested?: string | null): PresentMode {
  if (requested === 'direct' || requested === 'async') return requested;
  return SOFTWARE_RENDERER.test(renderer) ? 'async' : 'direct';
}

/** The `?present=` override of the page's URL, if any (a device setting: not part of a shared view). */
export function requestedPresentMode(): string | null {
  if (typeof location === 'undefined') return null;
  return new URLSearchParams(location.search).get('present');
}

interface Slot {
  buf: WebGLBuffer;
  /** The caller's tag of the frame in it (capture's argument, given back to onShown). */
  tag: number;
  fence: WebGLSync | null;
  w: number;
  h: number;
}

/**
 * Frames read back but not yet shown, at most. The scene asks `busy` before it draws and waits for
 * the next frame shown when it is (so drawing is paced by the GPU, as a directly shown canvas is
 * paced by the compositor); past it a new frame drops the oldest one unshown.
 */
const MAX_IN_FLIGHT = 2;
/** Poll interval for the fences (ms). */
const POLL_MS = 2;

/**
 * When a finished frame may be copied. The copy (`getBufferSubData`) waits in the GPU process for
 * the scene's context even after its fence has passed, so behind any long draw another context
 * has queued there (software WebGL runs draws on the GPU process's main thread); state/gpuTurns
 * holds a frame back while the page's own compute draws are in flight.
 */
export interface FrameGate {
  /** Whether the copy may run now (else the frame waits, polled). */
  mayRead(): boolean;
  /** Called right before each copy. */
  read(): void;
}

export class AsyncPresenter {
  private pending: Slot[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private image: ImageData | null = null;
  private ctx2d: CanvasRenderingContext2D;
  private shownOnce = false;
  private disposed = false;

  /**
   * @param gl the scene's context (WebGL2)
   * @param source the WebGL canvas: made transparent at once (a frame of it composited before the
   *   first copy is shown would be read back synchronously, the stall this class avoids)
   * @param target the 2-D canvas that shows the frames (flipped vertically by CSS: GL rows are
   *   bottom-up)
   * @param onShown called after each frame is put on screen, with the tag it was captured with
   */
  constructor(
    private gl: WebGL2RenderingContext,
    private source: HTMLCanvasElement,
    private target: HTMLCanvasElement,
    private onShown: (tag: number) => void = () => {},
    private gate?: FrameGate,
  ) {
    const ctx = target.getContext('2d', { alpha: false, willReadFrequently: true });
    if (!ctx) throw new Error('presenter: no 2-D context for the scene');
    this.ctx2d = ctx;
    source.style.opacity = '0';
  }

  /** Frames drawn but not yet on screen. */
  get inFlight(): number {
    return this.pending.length;
  }

  /** Whether as many frames are in flight as the GPU should have queued: draw after the next is shown. */
  get busy(): boolean {
    return this.pending.length >= MAX_IN_FLIGHT;
  }

  /**
   * Queues a copy of the frame just drawn into the default framebuffer. Call right after the
   * render, in the same task (the drawing buffer is not preserved).
   */
  capture(tag = 0): void {
    const gl = this.gl;
    if (this.disposed || gl.isContextLost()) return;
    const w = gl.drawingBufferWidth, h = gl.drawingBufferHeight;
    if (this.pending.length >= MAX_IN_FLIGHT) {
      // The oldest frame is dropped unshown.
      const old = this.pending.shift()!;
      if (old.fence) gl.deleteSync(old.fence);
      gl.deleteBuffer(old.buf);
    }
    // A new buffer per frame, deleted once read (as tfjs does for its read-backs): Chromium keeps
    // a CPU shadow copy of a fenced read buffer, and writing a buffer again discards it with a
    // performance warning, even after it was read.
    const buf = gl.createBuffer();
    if (!buf) return;
    const slot: Slot = { buf, tag, fence: null, w, h };
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, buf);
    gl.bufferData(gl.PIXEL_PACK_BUFFER, w * h * 4, gl.STREAM_READ);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, 0);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    slot.fence = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
    gl.flush();
    this.pending.push(slot);
    this.schedule();
  }

  /** After a lost context: the buffers and fences are gone; the last picture stays on screen. */
  contextLost(): void {
    this.pending = [];
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const gl = this.gl;
    if (!gl.isContextLost()) {
      for (const s of this.pending) {
        if (s.fence) gl.deleteSync(s.fence);
        gl.deleteBuffer(s.buf);
      }
    }
    this.pending = [];
    this.source.style.opacity = '';
    this.target.style.visibility = 'hidden';
  }

  private schedule(): void {
    if (this.timer === undefined) this.timer = setTimeout(this.poll, POLL_MS);
  }

  private poll = (): void => {
    this.timer = undefined;
    const gl = this.gl;
    if (this.disposed) return;
    if (gl.isContextLost()) return this.contextLost();
    // Fences of one context pass in order: find the newest frame that is done.
    let done = -1;
    for (let i = 0; i < this.pending.length; i++) {
      const st = gl.clientWaitSync(this.pending[i].fence!, 0, 0);
      if (st === gl.TIMEOUT_EXPIRED) break;
      done = i;
    }
    if (done >= 0 && this.gate && !this.gate.mayRead()) done = -1;
    if (done >= 0) {
      const finished = this.pending.splice(0, done + 1);
      this.show(finished[done]);
      for (const s of finished) {
        if (s.fence) gl.deleteSync(s.fence);
        gl.deleteBuffer(s.buf);
      }
    }
    if (this.pending.length) this.schedule();
  };

  private show(slot: Slot): void {
    const gl = this.gl, t = this.target;
    const { w, h } = slot;
    if (w === 0 || h === 0) return;
    if (!this.image || this.image.width !== w || this.image.height !== h) this.image = new ImageData(w, h);
    this.gate?.read();
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, slot.buf);
    gl.getBufferSubData(gl.PIXEL_PACK_BUFFER, 0, this.image.data, 0, w * h * 4);
    gl.bindBuffer(gl.PIXEL_PACK_BUFFER, null);
    // Resized here, in the same task as the new pixels, so no blank canvas is ever composited.
    if (t.width !== w || t.height !== h) {
      t.width = w;
      t.height = h;
    }
    this.ctx2d.putImageData(this.image, 0, 0);
    if (!this.shownOnce) {
      this.shownOnce = true;
      t.style.visibility = 'visible';
    }
    this.onShown(slot.tag);
  }
}
