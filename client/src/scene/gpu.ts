let cached: boolean | null = null;

/**
 * True when WebGL runs on a CPU rasteriser (SwiftShader, llvmpipe): headless test browsers and
 * remote desktops. There multisampling costs more than the whole scene, so it is turned off.
 */
export function isSoftwareRenderer(): boolean {
  if (cached !== null) return cached;
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : '';
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    cached = /swiftshader|llvmpipe|software/i.test(renderer);
  } catch {
    cached = false;
  }
  return cached;
}
