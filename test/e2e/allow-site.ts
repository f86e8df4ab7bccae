import { openExtensionPage, type ExtensionBrowser } from './harness';

/**
 * A site allowed the two ways a user does it (mapped tables, #15): the browser's own Site access first (Chromium's
 * permission prompt cannot be clicked in automation; after this grant the extension's request resolves without
 * one), then the options page's button, which is the extension's own `permissions.request`.
 */

/** What a user does on chrome://extensions → KPI Lens → Site access → "Add a site". */
export async function allowSiteOnExtensionsPage(ext: ExtensionBrowser, origin: string): Promise<void> {
  const extensions = await ext.context.newPage();
  await extensions.goto('chrome://extensions/');
  await extensions.evaluate(
    ([id, pattern]) =>
      (
        globalThis as unknown as {
          chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
        }
      ).chrome.developerPrivate.addHostPermission(id!, pattern!),
    [ext.extensionId, `${origin}/*`],
  );
  await extensions.close();
}

/** Options → Tables you mapped → "Allow reading this site": the extension's own permission request. */
export async function allowSiteInOptions(ext: ExtensionBrowser, origin: string): Promise<void> {
  const options = await openExtensionPage(ext, 'options.html');
  const section = options.locator('#mappings');
  await section.getByLabel('Site to allow').fill(origin);
  await section.getByRole('button', { name: 'Allow reading this site' }).click();
  await section.locator(`[data-site="${origin}"]`).waitFor({ timeout: 10_000 });
  await options.close();
}
