import { describe, expect, it } from 'vitest';
import * as tf from './tf';
import { TFJS_VERSION } from './tfjsWebgl';

describe('compute/tfjsWebgl: the tfjs WebGL internals the engines use', () => {
  it('runs on the tfjs version it was written against (update the adapter, then this pin)', () => {
    expect(tf.version_core).toBe(TFJS_VERSION);
    expect(tf.version_webgl).toBe(TFJS_VERSION);
  });

  it('the backend and GPGPU context still have the members the adapter calls', () => {
    expect(typeof tf.MathBackendWebGL.prototype.runWebGLProgram).toBe('function');
    expect(typeof tf.GPGPUContext.prototype.createAndWaitForFence).toBe('function');
    expect(typeof tf.engine().makeTensorFromTensorInfo).toBe('function');
  });
});
