// Read by vite-plugin-svelte and svelte-check. Svelte 5 runes everywhere.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    runes: true,
  },
};
