// @vitest-environment node
// The build writes src/boot.js into index.html (ui/inlineBootScript.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BOOT_TAG, inlineBootScript } from '../inlineBootScript';
import indexHtml from '../index.html?raw';
import bootSource from './boot.js?raw';

const bootFile = fileURLToPath(new URL('./boot.js', import.meta.url));

function transform(html: string, file = bootFile): string {
  const hook = inlineBootScript(file).transformIndexHtml as { order: string; handler: (html: string) => string };
  expect(hook.order).toBe('pre');
  return hook.handler(html);
}

describe('the boot script in the built page', () => {
  it('replaces the tag in index.html with the script itself, before the app script', () => {
    const html = transform(indexHtml);
    expect(html).not.toContain('boot.js');
    const inline = /<script>\n([\s\S]*?)<\/script>/.exec(html);
    expect(inline?.[1]).toBe(bootSource);
    expect(html.indexOf('<script>')).toBeLessThan(html.indexOf('<script type="module"'));
  });

  it('applies to the build only (the development server serves the file as it is)', () => {
    expect(inlineBootScript(bootFile).apply).toBe('build');
    expect(indexHtml).toContain(BOOT_TAG);
  });

  it('stops the build when index.html no longer has the tag', () => {
    expect(() => transform(indexHtml.replace(BOOT_TAG, ''))).toThrow(/expected <script src/);
  });

  it('stops the build when the script would end its element early', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'boot-')), 'boot.js');
    writeFileSync(file, "document.title = '</script><b>';\n");
    expect(() => transform(indexHtml, file)).toThrow(/<\/script/);
  });

  it('keeps replacement patterns in the script as they are', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'boot-')), 'boot.js');
    writeFileSync(file, "const s = '$& $1 $$';\n");
    expect(transform(indexHtml, file)).toContain("const s = '$& $1 $$';\n</script>");
  });
});
