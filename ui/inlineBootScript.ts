import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/** The tag in index.html that the build replaces with the script itself. */
export const BOOT_TAG = '<script src="./src/boot.js"></script>';

/**
 * `src/boot.js` sends the first screen's read before the app's script is parsed. In the
 * build it is written into index.html itself: as a file it was one more request the
 * page's parser had to wait for (Tauri's asset protocol answers each one in turn),
 * before the app's own script could start (BENCHMARKS.md). Tauri's build hashes every
 * inline script into the CSP (`script-src 'sha256-…'`), so the policy stays strict:
 * no 'unsafe-inline'. The development server serves the file as it is.
 */
export function inlineBootScript(file: string): Plugin {
  return {
    name: 'seatkeeper-inline-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes(BOOT_TAG)) throw new Error(`index.html: expected ${BOOT_TAG}`);
        const source = readFileSync(file, 'utf8');
        // A `</script` inside would end the element early.
        if (/<\/script/i.test(source)) throw new Error(`${file}: may not contain "</script"`);
        return html.replace(BOOT_TAG, () => `<script>\n${source}</script>`);
      },
    },
  };
}
