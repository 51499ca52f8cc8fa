import { describe, expect, it } from 'vitest';
import { presentModeFor } from './presenter';

describe('presentModeFor', () => {
  it('presents asynchronously exactly where WebGL runs in software', () => {
    expect(presentModeFor('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('async');
    expect(presentModeFor('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('async');
    expect(presentModeFor('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe('async');
    expect(presentModeFor('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('direct');
    expect(presentModeFor('Apple M2')).toBe('direct');
    expect(presentModeFor('')).toBe('direct');
  });

  it('lets ?present= override the choice, and ignores other values', () => {
    expect(presentModeFor('Apple M2', 'async')).toBe('async');
    expect(presentModeFor('SwiftShader', 'direct')).toBe('direct');
    expect(presentModeFor('SwiftShader', 'bogus')).toBe('async');
    expect(presentModeFor('Apple M2', null)).toBe('direct');
  });
});
