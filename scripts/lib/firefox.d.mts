export function findFirefox(options?: { install?: boolean; log?: (message: string) => void }): string;
