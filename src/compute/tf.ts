/**
 * The one place the app imports TensorFlow.js from. Every module of compute/ (and its tests)
 * imports `* as tf from './tf'`, so which tfjs packages and kernels the bundle carries is decided
 * here alone.
 *
 * tfjs-core with the WebGL and CPU backends (their `base` entries: the backend without its kernels),
 * and only the kernels and gradients compute/ runs: the training loss (matMul, sigmoid, softplus,
 * mean, …) with `tf.grads` through it, the naive baseline, and the WebGL engine's tensors (its own
 * GPGPU programs need no kernel). The WASM backend is imported by compute/index.ts only when it is
 * chosen (it registers its own kernels). Nothing else may import a tfjs package's main entry
 * (`@tensorflow/tfjs-backend-webgl` registers every kernel of its backend): type-only imports are
 * fine, the import-boundary check (.dependency-cruiser.cjs) refuses the rest. tfjs throws "Kernel 'X' not registered" when an op outside
 * this list is called: add its kernel (both backends) and gradient here — the unit tests run every
 * op of compute/ on the CPU backend, the browser tests on WebGL.
 */
import { getKernel, registerGradient, registerKernel, type GradConfig, type KernelConfig } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl/dist/base';
import '@tensorflow/tfjs-backend-cpu/dist/base';

import { addConfig as addGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Add';
import { addNConfig as addNGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/AddN';
import { batchMatMulConfig as batchMatMulGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/BatchMatMul';
import { castConfig as castGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cast';
import { concatConfig as concatGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Concat';
import { gatherV2Config as gatherV2GL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/GatherV2';
import { identityConfig as identityGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Identity';
import { meanConfig as meanGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Mean';
import { multiplyConfig as multiplyGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Multiply';
import { negConfig as negGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Neg';
import { onesLikeConfig as onesLikeGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/OnesLike';
import { packConfig as packGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Pack';
import { realDivConfig as realDivGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/RealDiv';
import { reshapeConfig as reshapeGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reshape';
import { sigmoidConfig as sigmoidGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sigmoid';
import { softplusConfig as softplusGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Softplus';
import { sqrtConfig as sqrtGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sqrt';
import { squareConfig as squareGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Square';
import { subConfig as subGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sub';
import { sumConfig as sumGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sum';
import { unpackConfig as unpackGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Unpack';
import { zerosLikeConfig as zerosLikeGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ZerosLike';
import { padV2Config as padV2GL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/PadV2';
import { sliceConfig as sliceGL } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Slice';

import { addConfig as addCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { addNConfig as addNCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AddN';
import { batchMatMulConfig as batchMatMulCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul';
import { castConfig as castCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { concatConfig as concatCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Concat';
import { gatherV2Config as gatherV2CPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/GatherV2';
import { identityConfig as identityCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { meanConfig as meanCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import { multiplyConfig as multiplyCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { negConfig as negCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Neg';
import { onesLikeConfig as onesLikeCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/OnesLike';
import { packConfig as packCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pack';
import { realDivConfig as realDivCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv';
import { reshapeConfig as reshapeCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { sigmoidConfig as sigmoidCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sigmoid';
import { softplusConfig as softplusCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softplus';
import { sqrtConfig as sqrtCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sqrt';
import { squareConfig as squareCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square';
import { subConfig as subCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import { sumConfig as sumCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { unpackConfig as unpackCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Unpack';
import { zerosLikeConfig as zerosLikeCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ZerosLike';
import { padV2Config as padV2CPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/PadV2';
import { sliceConfig as sliceCPU } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice';

import { addGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Add_grad';
import { addNGradConfig } from '@tensorflow/tfjs-core/dist/gradients/AddN_grad';
import { batchMatMulGradConfig } from '@tensorflow/tfjs-core/dist/gradients/BatchMatMul_grad';
import { castGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Cast_grad';
import { concatGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Concat_grad';
import { gatherGradConfig } from '@tensorflow/tfjs-core/dist/gradients/GatherV2_grad';
import { identityGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Identity_grad';
import { meanGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Mean_grad';
import { multiplyGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Multiply_grad';
import { negGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Neg_grad';
import { packGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Pack_grad';
import { divGradConfig } from '@tensorflow/tfjs-core/dist/gradients/RealDiv_grad';
import { reshapeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Reshape_grad';
import { sigmoidGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sigmoid_grad';
import { softplusGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Softplus_grad';
import { sqrtGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sqrt_grad';
import { squareGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Square_grad';
import { subGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sub_grad';
import { sumGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Sum_grad';
import { unpackGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Unpack_grad';
import { onesLikeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/OnesLike_grad';
import { zerosLikeGradConfig } from '@tensorflow/tfjs-core/dist/gradients/ZerosLike_grad';
import { padV2GradConfig } from '@tensorflow/tfjs-core/dist/gradients/PadV2_grad';
import { sliceGradConfig } from '@tensorflow/tfjs-core/dist/gradients/Slice_grad';

export * from '@tensorflow/tfjs-core';
/** The WebGL backend class (re-created on a context restore by compute/index.ts); from `base`, which registers no kernels. */
export { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl/dist/base';
/** For compute/tfjsWebgl.test.ts, which pins the WebGL internals the engines use. */
export { GPGPUContext, version_webgl } from '@tensorflow/tfjs-backend-webgl/dist/base';

/** The kernels compute/ runs, for both backends (kept in step with the imports above). */
export const KERNELS: readonly KernelConfig[] = [
  addGL, addNGL, batchMatMulGL, castGL, concatGL, gatherV2GL, identityGL, meanGL, multiplyGL, negGL, onesLikeGL, packGL, realDivGL,
  reshapeGL, sigmoidGL, softplusGL, sqrtGL, squareGL, subGL, sumGL, unpackGL, zerosLikeGL, padV2GL, sliceGL,
  addCPU, addNCPU, batchMatMulCPU, castCPU, concatCPU, gatherV2CPU, identityCPU, meanCPU, multiplyCPU, negCPU, onesLikeCPU, packCPU,
  realDivCPU, reshapeCPU, sigmoidCPU, softplusCPU, sqrtCPU, squareCPU, subCPU, sumCPU, unpackCPU, zerosLikeCPU, padV2CPU, sliceCPU,
];

/** Gradients of those kernels (tf.grad / tf.grads through the training loss and the naive baseline). */
const GRADIENTS: readonly GradConfig[] = [
  addGradConfig, addNGradConfig, batchMatMulGradConfig, castGradConfig, concatGradConfig, gatherGradConfig, identityGradConfig, meanGradConfig,
  multiplyGradConfig, negGradConfig, packGradConfig, divGradConfig, reshapeGradConfig, sigmoidGradConfig, softplusGradConfig, sqrtGradConfig,
  squareGradConfig, subGradConfig, sumGradConfig, unpackGradConfig, onesLikeGradConfig, zerosLikeGradConfig, padV2GradConfig, sliceGradConfig,
];

// Once per kernel: the registry is global to the page, and a second evaluation of this module (a
// second copy in a bundle, a test re-importing it) would otherwise warn for every kernel.
for (const k of KERNELS) if (!getKernel(k.kernelName, k.backendName)) registerKernel(k);
for (const g of GRADIENTS) registerGradient(g);
