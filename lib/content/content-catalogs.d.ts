/** Made at build time by the `kpi-lens-content-catalogs` plugin in wxt.config.ts. */
declare module 'virtual:kpi-lens-content-catalogs' {
  import type { Catalog, UiLanguage } from '@/lib/i18n';

  /** Each UI language's messages, cut down to the content script's keys (lib/content/catalog-subset.ts). */
  const catalogs: Record<UiLanguage, Catalog>;
  export default catalogs;
}
