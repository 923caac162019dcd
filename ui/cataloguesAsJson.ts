import type { Plugin } from 'vite';

/**
 * The text catalogues (i18n/en.ts, fr.ts) are plain data: in the build, each becomes
 * `JSON.parse('…')`, which the web view reads faster than an object literal of some
 * 800 keys (the bundle's evaluation went from ~7 to ~4 ms, on the start-up's critical
 * path; BENCHMARKS.md). Type checking, tests and `npm run ui:dev` see the source as is.
 */
export function cataloguesAsJson(): Plugin {
  return {
    name: 'seatkeeper-catalogues-as-json',
    apply: 'build',
    enforce: 'post',
    transform(code, id) {
      if (!/[\\/]i18n[\\/](en|fr)\.ts$/.test(id)) return null;
      const match = /export const (\w+)\s*=\s*(\{[\s\S]*\});/.exec(code);
      if (!match) throw new Error(`${id}: expected \`export const name = { ... };\``);
      const [whole, name, literal] = match;
      const data: unknown = new Function(`return (${literal});`)();
      const json = JSON.stringify(JSON.stringify(data));
      return { code: code.replace(whole, () => `export const ${name} = JSON.parse(${json});`), map: null };
    },
  };
}
