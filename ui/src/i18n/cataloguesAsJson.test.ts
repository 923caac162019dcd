// @vitest-environment node
// esbuild (which the build uses to strip TypeScript) needs Node, not jsdom.
import { transformWithEsbuild } from 'vite';
import { describe, expect, it } from 'vitest';
import enSource from './en.ts?raw';
import frSource from './fr.ts?raw';
import { cataloguesAsJson } from '../../cataloguesAsJson';
import { en } from './en';
import { fr } from './fr';

type Transform = (code: string, id: string) => { code: string } | null;
const transform = cataloguesAsJson().transform as unknown as Transform;

/** A catalogue as the build sees it (TypeScript already stripped), through the plugin. */
async function built(source: string, id: string): Promise<string> {
  const js = (await transformWithEsbuild(source, id)).code;
  const out = transform(js, id);
  if (!out) throw new Error(`${id} was not transformed`);
  return out.code;
}

describe('catalogues in the build', () => {
  for (const [name, source, messages] of [
    ['en', enSource, en],
    ['fr', frSource, fr],
  ] as const) {
    it(`turns ${name}.ts into JSON.parse of the very same texts`, async () => {
      const code = await built(source, `/app/ui/src/i18n/${name}.ts`);
      const match = new RegExp(`export const ${name} = JSON\\.parse\\(("(?:[^"\\\\]|\\\\.)*")\\);`).exec(code);
      expect(match, code.slice(0, 200)).not.toBeNull();
      expect(code).not.toContain("'app.name'");
      expect(JSON.parse(JSON.parse(match![1]!) as string)).toEqual(messages);
    });
  }

  it('keeps texts with quotes, dollars and backslashes exactly', async () => {
    const source = "export const en = { 'a': 'it\\'s $& $\\' \"q\" \\\\ {n}' };\n";
    const code = await built(source, '/x/i18n/en.ts');
    const data = new Function(`${code.replace('export const', 'const')}; return en;`)() as Record<string, string>;
    expect(data).toEqual({ a: 'it\'s $& $\' "q" \\ {n}' });
  });

  it('leaves every other module alone', () => {
    expect(transform('export const x = { a: 1 };', '/app/ui/src/lib/format.ts')).toBeNull();
  });
});
