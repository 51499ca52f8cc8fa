/**
 * The colours of the landscape's marks, defined once: the 3-D marker and minima bars draw with
 * them, and the stage's CSS (legend swatches, minima tags, the readout's edge) reads them as the
 * custom properties LandscapeView sets on the stage (`markColorVars`).
 */
import { Color, LinearSRGBColorSpace } from 'three';

export const MARK_COLORS = { marker: '#ff4fa3', global: '#ff9a1f', local: '#3fe0ff' } as const;

/**
 * A three.js colour that reaches the screen as the CSS colour `css`. The canvas writes its working
 * (linear) values to the screen unconverted (`linear` in LandscapeView: the surface's colours are
 * sRGB bytes in and out), so a colour given as sRGB would be converted once, on the way in, and
 * come out darker (#ff4fa3 showed as rgb(255, 20, 93)); given in the working space it is kept.
 */
export function screenColor(css: string): Color {
  return new Color().setStyle(css, LinearSRGBColorSpace);
}

/** The custom properties of the stage's CSS (landscape.css). */
export const markColorVars: Record<string, string> = { '--mark-marker': MARK_COLORS.marker, '--mark-global': MARK_COLORS.global, '--mark-local': MARK_COLORS.local };
