// What `virtual:kpi-lens-platform-pages` is in a build (wxt.config.ts): the registry's PLATFORM_PAGES. Unit tests
// import the background entrypoint, which imports that module; vitest.config.ts points it here.
import { PLATFORM_PAGES } from '@/lib/platforms/registry';

export default PLATFORM_PAGES;
