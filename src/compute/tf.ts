/**
 * The one place the app imports TensorFlow.js from. Every module of compute/ (and its tests)
 * imports `* as tf from './tf'`, so which tfjs packages and kernels the bundle carries is decided
 * here alone.
 */
export * from '@tensorflow/tfjs';
