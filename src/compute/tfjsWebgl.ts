/**
 * The one place the engines touch tfjs's WebGL backend internals: the backend object, running a
 * custom GPGPU program (`runWebGLProgram`) as a tracked tensor, and the GPU fence of its GPGPU
 * context. These are not tfjs's public API; tfjsWebgl.test.ts pins the tfjs version they were
 * written against and checks the members they use exist, so an upgrade fails there first.
 */
import * as tf from './tf';
import type { MathBackendWebGL, GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';

export type { MathBackendWebGL, GPGPUProgram };
/** One custom uniform of a GPGPU program. */
export type Uniform = NonNullable<GPGPUProgram['customUniforms']>[number];

/** The tfjs version whose WebGL internals this module was written against. */
export const TFJS_VERSION = '4.22.0';

export function webglBackend(): MathBackendWebGL {
  const b = tf.backend() as MathBackendWebGL;
  if (tf.getBackend() !== 'webgl' || typeof b.runWebGLProgram !== 'function') throw new Error('the WebGL engine needs the tfjs webgl backend');
  return b;
}

/** Runs a program and wraps its output as a tracked tensor. */
export function run(b: MathBackendWebGL, p: GPGPUProgram, inputs: tf.Tensor[], uniforms: number[][]): tf.Tensor {
  return tf.engine().makeTensorFromTensorInfo(b.runWebGLProgram(p, inputs, 'float32', uniforms));
}

/** Waits until the GPU has finished the queued work (fence), yielding to the event loop. */
export async function gpuFence(b: MathBackendWebGL): Promise<void> {
  const g = (b as unknown as { gpgpu?: { createAndWaitForFence?: () => Promise<void> } }).gpgpu;
  if (g?.createAndWaitForFence) await g.createAndWaitForFence();
  else await new Promise((r) => setTimeout(r, 0));
}
