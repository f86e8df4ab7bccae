export function findFirefox(options?: { install?: boolean; log?: (message: string) => void }): string;
export function firefoxPrefs(options: {
  proxyPort: number;
  downloadDir: string;
  extensionUuids?: Record<string, string>;
}): Record<string, string | number | boolean>;
export function firefoxEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
