import type { BrowserContext, Worker } from 'playwright-core';

export const EXTENSION_DIR: string;

export interface OutsideRequest {
  url: string;
  frame: string | null;
  worker: boolean;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  outsideRequests: OutsideRequest[];
  serve(url: string, html: string): void;
  worker(): Worker;
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export function launchExtensionBrowser(options?: {
  headless?: boolean;
  extensionDir?: string;
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** chrome://extensions' "Developer mode", which `chrome.runtime.reload()` of the unpacked build needs. */
  developerMode?: boolean;
}): Promise<ExtensionBrowser>;
