/** Made at build time by the `kpi-lens-platform-pages` plugin in wxt.config.ts from the registry's PLATFORM_PAGES. */
declare module 'virtual:kpi-lens-platform-pages' {
  import type { Platform } from '@/lib/model';
  import type { PlatformPages } from '@/lib/platforms/hosts';

  const pages: readonly PlatformPages<Platform>[];
  export default pages;
}
