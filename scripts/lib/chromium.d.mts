export function findChromium(options?: { install?: boolean; log?: (message: string) => void }): string;
export function chromiumArgs(extensionDir: string): string[];
