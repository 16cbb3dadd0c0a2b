// QRIS payloads as QR modules (uqr: a small, dependency-free encoder), drawn by the
// page itself: an SVG path for the screen, a canvas for the "save" image.
import { encode } from 'uqr';

export interface QrModules {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One SVG path of the dark modules, one unit per module (horizontal runs merged). */
  path: string;
  /** The dark modules, row by row. */
  dark: boolean[][];
}

/** QRIS payloads are scanned from screens, often dim ones: medium error correction. */
export function qrModules(text: string, quietZone = 4): QrModules {
  const { data, size } = encode(text, { ecc: 'M', border: quietZone });
  let path = '';
  data.forEach((row, y) => {
    for (let x = 0; x < row.length; x += 1) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run += 1;
      path += `M${x} ${y}h${run}v1h-${run}z`;
      x += run - 1;
    }
  });
  return { size, path, dark: data };
}

/** The QR as a PNG (dark on white), `scale` pixels per module, for saving to the gallery. */
export function qrPngBlob(modules: QrModules, scale = 10): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = modules.size * scale;
  const context = canvas.getContext('2d');
  if (!context) return Promise.resolve(null);
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = 'black';
  modules.dark.forEach((row, y) =>
    row.forEach((isDark, x) => {
      if (isDark) context.fillRect(x * scale, y * scale, scale, scale);
    }),
  );
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
