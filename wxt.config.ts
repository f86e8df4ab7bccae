import { defineConfig } from 'wxt';

// The manifest is the extension's permission surface: keep it minimal and explicit.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  outDir: '.output',
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    action: { default_title: 'KPI Lens' },
  },
  zip: {
    excludeSources: ['test-results/**', 'bench/**', 'demo-output/**', '.output/**', 'coverage/**'],
  },
});
